"""Plates written by an external writer (ome-zarr-py 0.18.0), and the faults of docs/ngff-choices.md §7.3 injected
into them. PlateDrop's validator must accept the former and reject each fault.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import zarr
from ome_zarr.format import FormatV04, FormatV05
from ome_zarr.writer import write_image, write_plate_metadata, write_well_metadata

ROWS = ["A", "B"]
COLUMNS = ["1", "2", "3"]
WELLS = ["A/1", "A/2", "B/3"]
FIELDS = ["0", "1"]
FIELD_SHAPE = (2, 1, 70, 100)  # c, z, y, x; 70x100 leaves partial edge chunks
CHUNKS = (1, 1, 32, 32)
SHARDS = (1, 1, 64, 64)

_CHANNELS = [("DAPI", "0000FF"), ("GFP", "00FF00")]


def _omero(channel_count: int) -> dict:
    return {
        "channels": [
            {"label": label, "color": color, "active": True,
             "window": {"min": 0, "max": 65535, "start": 0, "end": 4000}}
            for label, color in _CHANNELS[:channel_count]
        ]
    }


def _write_field(group: zarr.Group, data: np.ndarray, fmt, sharded: bool) -> None:
    storage = {"chunks": CHUNKS}
    if sharded:
        storage["shards"] = SHARDS
    write_image(data, group, axes="czyx", fmt=fmt, scale_factors=[2],
                storage_options=storage, omero=_omero(data.shape[0]))


def write_reference_plate(path: Path, version: str, sharded: bool = False) -> Path:
    """An ome-zarr-py plate with its default choices (levels "s0","s1", zstd, one acquisition)."""
    fmt = FormatV04() if version == "0.4" else FormatV05()
    root = zarr.open_group(str(path), mode="w", zarr_format=fmt.zarr_format)
    write_plate_metadata(root, ROWS, COLUMNS, WELLS, fmt=fmt, name="reference", field_count=len(FIELDS),
                         acquisitions=[{"id": 0, "name": "run", "maximumfieldcount": len(FIELDS)}])
    rng = np.random.default_rng(7)
    for well_path in WELLS:
        row, column = well_path.split("/")
        well = root.require_group(row).require_group(column)
        write_well_metadata(well, [{"path": field, "acquisition": 0} for field in FIELDS], fmt=fmt)
        for field in FIELDS:
            data = rng.integers(0, 4000, size=FIELD_SHAPE, dtype=np.uint16)
            _write_field(well.require_group(field), data, fmt, sharded)
    return path


# --- fault injection on a 0.5 (Zarr v3) reference plate -------------------------------------------------


def _edit_attributes(node_dir: Path, edit: Callable[[dict], None]) -> None:
    """Apply `edit` to a Zarr v3 node's `attributes` in place."""
    metadata_path = node_dir / "zarr.json"
    metadata = json.loads(metadata_path.read_text())
    edit(metadata.setdefault("attributes", {}))
    metadata_path.write_text(json.dumps(metadata, indent=2))


def _plate(attributes: dict) -> dict:
    return attributes["ome"]["plate"]


def _well_images(attributes: dict) -> list[dict]:
    return attributes["ome"]["well"]["images"]


def _remove_well_directory(plate: Path) -> None:
    shutil.rmtree(plate / "B" / "3")


def _remove_field_directory(plate: Path) -> None:
    shutil.rmtree(plate / "A" / "1" / "1")


def _reference_undeclared_acquisition(plate: Path) -> None:
    _edit_attributes(plate / "A" / "1", lambda attrs: _well_images(attrs)[0].update(acquisition=7))


def _declare_two_acquisitions_without_image_references(plate: Path) -> None:
    _edit_attributes(plate, lambda attrs: _plate(attrs).update(
        acquisitions=[{"id": 0, "name": "first"}, {"id": 1, "name": "second"}]))
    def drop_references(attrs: dict) -> None:
        for image in _well_images(attrs):
            del image["acquisition"]
    for well_path in WELLS:
        _edit_attributes(plate / well_path, drop_references)


def _make_row_index_inconsistent(plate: Path) -> None:
    def edit(attrs: dict) -> None:
        well = next(w for w in _plate(attrs)["wells"] if w["path"] == "B/3")
        well["rowIndex"] = 0  # path says row B = index 1
    _edit_attributes(plate, edit)


def _drop_plate_version(plate: Path) -> None:
    _edit_attributes(plate, lambda attrs: _plate(attrs).pop("version"))


def _move_plate_attributes_out_of_ome(plate: Path) -> None:
    def hoist(attrs: dict) -> None:
        attrs.update(attrs.pop("ome"))
    _edit_attributes(plate, hoist)


def _rename_field_to_fov_0(plate: Path) -> None:
    (plate / "A" / "1" / "0").rename(plate / "A" / "1" / "fov_0")
    _edit_attributes(plate / "A" / "1", lambda attrs: _well_images(attrs)[0].update(path="fov_0"))


def _rename_row_to_a_dash_1(plate: Path) -> None:
    def edit(attrs: dict) -> None:
        _plate(attrs)["rows"][0]["name"] = "A-1"
        for well in _plate(attrs)["wells"]:
            well["path"] = well["path"].replace("A/", "A-1/")
    _edit_attributes(plate, edit)
    (plate / "A").rename(plate / "A-1")


def _drop_dimension_names(plate: Path) -> None:
    metadata_path = plate / "A" / "1" / "0" / "s0" / "zarr.json"
    metadata = json.loads(metadata_path.read_text())
    del metadata["dimension_names"]
    metadata_path.write_text(json.dumps(metadata, indent=2))


def _stamp_well_version_0_4(plate: Path) -> None:
    _edit_attributes(plate / "A" / "1", lambda attrs: attrs["ome"].update(version="0.4"))


def _drop_omero_window(plate: Path) -> None:
    _edit_attributes(plate / "A" / "1" / "0", lambda attrs: attrs["ome"]["omero"]["channels"][0].pop("window"))


def _delete_row_group_metadata(plate: Path) -> None:
    (plate / "A" / "zarr.json").unlink()


def _rewrite_field(plate: Path, data: np.ndarray) -> None:
    """Replace field A/1/1 by `data` written the same way as the reference fields."""
    field_dir = plate / "A" / "1" / "1"
    shutil.rmtree(field_dir)
    group = zarr.open_group(str(field_dir), mode="w", zarr_format=3)
    _write_field(group, data, FormatV05(), sharded=False)


def _give_one_field_another_dtype(plate: Path) -> None:
    _rewrite_field(plate, np.ones(FIELD_SHAPE, dtype=np.uint8))


def _give_one_field_another_shape(plate: Path) -> None:
    c, z, y, x = FIELD_SHAPE
    _rewrite_field(plate, np.ones((c, z, y + 10, x), dtype=np.uint16))


def _use_other_field_paths_in_one_well(plate: Path) -> None:
    renames = {"0": "5", "1": "6"}
    for old, new in renames.items():
        (plate / "B" / "3" / old).rename(plate / "B" / "3" / new)
    def rename_references(attrs: dict) -> None:
        for image in _well_images(attrs):
            image["path"] = renames[image["path"]]
    _edit_attributes(plate / "B" / "3", rename_references)


@dataclass(frozen=True)
class Fault:
    id: str
    inject: Callable[[Path], None]
    # An issue's code or message must contain one of these (lower case) to count as naming the fault.
    keywords: tuple[str, ...]


_ABSENT = ("missing", "not found", "absent", "does not exist", "no such")

FAULTS = [
    Fault("well-listed-directory-absent", _remove_well_directory, _ABSENT),
    Fault("field-listed-directory-absent", _remove_field_directory, _ABSENT),
    Fault("acquisition-not-declared", _reference_undeclared_acquisition, ("acquisition",)),
    Fault("two-acquisitions-images-lack-acquisition", _declare_two_acquisitions_without_image_references,
          ("acquisition",)),
    Fault("row-index-inconsistent", _make_row_index_inconsistent, ("rowindex", "row index")),
    Fault("plate-version-missing", _drop_plate_version, ("version",)),
    Fault("plate-attributes-not-under-ome", _move_plate_attributes_out_of_ome, ("ome", "plate", "version")),
    Fault("field-path-fov_0", _rename_field_to_fov_0, ("fov_0", "alphanumeric", "field path")),
    Fault("row-name-a-1", _rename_row_to_a_dash_1, ("a-1", "alphanumeric", "row name")),
    Fault("dimension-names-missing", _drop_dimension_names, ("dimension_names", "dimension names")),
    Fault("well-version-0.4-in-0.5-plate", _stamp_well_version_0_4, ("version",)),
    Fault("omero-window-missing", _drop_omero_window, ("window",)),
    Fault("row-group-metadata-deleted", _delete_row_group_metadata, ("zarr.json", "row group", "group metadata")),
    Fault("dtype-differs-between-fields", _give_one_field_another_dtype, ("dtype", "data type", "data_type")),
    Fault("shape-differs-between-fields", _give_one_field_another_shape, ("shape",)),
    Fault("field-paths-differ-between-wells", _use_other_field_paths_in_one_well, ("field",)),
]
