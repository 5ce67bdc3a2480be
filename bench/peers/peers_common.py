"""What every peer pipeline and the bench driver share: the export's layout, reading a field,
the 2x2-mean pyramid, the chunk shapes and the NGFF 0.5 plate/well/image documents.

Every peer writes the same plate PlateDrop writes, so the bench compares equal work: axes c,z,y,x,
fields "0".."n-1" in export order (s1 -> "0"), levels "0","1","2" (ome-zarr-py names its own),
rows and columns of the whole physical plate, blosc zstd 5 bitshuffle, 1024^2 chunks.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tifffile

# {plate}_{well}[_s{field}][_w{channel}][GUID].tif: ImageXpress leaves out _s and _w when there is
# only one site or wavelength. Thumbnails (`_thumb`) do not match and are skipped.
IMAGEXPRESS_NAME = re.compile(
    r"^(?P<plate>.+)_(?P<row>[A-Z]{1,2})(?P<column>\d{2})(?:_s(?P<field>\d+))?(?:_w(?P<channel>\d+))?"
    r"(?:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})?\.tiff?$",
    re.IGNORECASE,
)

PLATE_FORMATS = {6: (2, 3), 12: (3, 4), 24: (4, 6), 48: (6, 8), 96: (8, 12), 384: (16, 24), 1536: (32, 48)}

AXES = ["c", "z", "y", "x"]
CHUNK_EDGE = 1024
PYRAMID_LEVELS = 3
BLOSC = {"cname": "zstd", "clevel": 5, "shuffle": "bitshuffle", "typesize": 2, "blocksize": 0}


@dataclass
class Well:
    row: str
    column: str  # "1", not "01": the names PlateDrop writes
    fields: list[list[Path]]  # per field, the channel files in channel order

    @property
    def path(self) -> str:
        return f"{self.row}/{self.column}"


@dataclass
class Export:
    plate: str
    rows: list[str]  # every physical row of the plate format
    columns: list[str]
    wells: list[Well]  # row-major

    @property
    def field_count(self) -> int:
        return len(self.wells[0].fields)


def row_names(count: int) -> list[str]:
    """A..Z, then AA, AB, ... as 1536-well plates name rows 27-32."""
    letters = [chr(ord("A") + i) for i in range(26)]
    return [letters[i] if i < 26 else "A" + letters[i - 26] for i in range(count)]


def scan_export(directory: Path, plate_format: int) -> Export:
    """The wells of a single-plate, single-timepoint, single-z ImageXpress export, as PlateDrop reads it."""
    planes: dict[tuple[str, int], dict[int, dict[int, Path]]] = {}
    plates = set()
    for path in sorted(directory.iterdir()):
        match = IMAGEXPRESS_NAME.match(path.name)
        if not match:
            continue
        plates.add(match["plate"])
        well = (match["row"].upper(), int(match["column"]))
        field = int(match["field"] or 1)
        channel = int(match["channel"] or 1)
        planes.setdefault(well, {}).setdefault(field, {})[channel] = path
    if len(plates) != 1:
        raise ValueError(f"{directory}: expected one plate, found {sorted(plates)}")
    row_count, column_count = PLATE_FORMATS[plate_format]
    rows = row_names(row_count)
    wells = []
    for (row, column), fields in sorted(planes.items(), key=lambda item: (rows.index(item[0][0]), item[0][1])):
        wells.append(
            Well(row, str(column), [[channels[c] for c in sorted(channels)] for _, channels in sorted(fields.items())])
        )
    shapes = {(len(w.fields), len(w.fields[0])) for w in wells}
    if len(shapes) != 1:
        raise ValueError(f"{directory}: wells differ in field or channel count: {shapes}")
    return Export(plates.pop(), rows, [str(c) for c in range(1, column_count + 1)], wells)


def read_field(channel_files: list[Path]) -> np.ndarray:
    """One field as a (c, z=1, y, x) array."""
    return np.stack([tifffile.imread(path) for path in channel_files])[:, np.newaxis]


def mean_pyramid(level0: np.ndarray, levels: int = PYRAMID_LEVELS) -> list[np.ndarray]:
    """2x2 mean, rounding half up, as PlateDrop computes it (the bench plates have even sizes)."""
    pyramid = [level0]
    for _ in range(levels - 1):
        previous = pyramid[-1]
        if previous.shape[-1] % 2 or previous.shape[-2] % 2:
            raise ValueError(f"odd plane size {previous.shape[-2:]}: the bench plates are even-sized")
        wide = previous.astype(np.uint32)
        total = wide[..., 0::2, 0::2] + wide[..., 1::2, 0::2] + wide[..., 0::2, 1::2] + wide[..., 1::2, 1::2]
        pyramid.append(((total + 2) // 4).astype(previous.dtype))
    return pyramid


def chunk_shape(shape: tuple[int, ...]) -> tuple[int, ...]:
    """(1, 1, 1024, 1024), or the plane when it is smaller."""
    return (1, 1, min(CHUNK_EDGE, shape[-2]), min(CHUNK_EDGE, shape[-1]))


def shard_shape(shape: tuple[int, ...]) -> tuple[int, ...]:
    """One shard per z-plane holding every channel, as PlateDrop's default for the bench plates."""
    return (shape[-4], 1, shape[-2], shape[-1])


# NGFF 0.5 documents (docs/ngff-choices.md §4 and §6): what the lean pipeline writes as JSON itself, and what
# the ngff-zarr pipeline's plate writer is checked against.


def group_document(ome: dict | None) -> dict:
    return {"zarr_format": 3, "node_type": "group", "attributes": {"ome": {"version": "0.5", **ome} if ome else {}}}


def image_ome(name: str, levels: int = PYRAMID_LEVELS) -> dict:
    datasets = []
    for level in range(levels):
        factor = float(2**level)
        transforms = [{"type": "scale", "scale": [1.0, 1.0, factor, factor]}]
        if level:
            # The centre of a mean-downsampled pixel sits (factor - 1) / 2 input pixels in.
            shift = (factor - 1) / 2
            transforms.append({"type": "translation", "translation": [0.0, 0.0, shift, shift]})
        datasets.append({"path": str(level), "coordinateTransformations": transforms})
    axes = [{"name": "c", "type": "channel"}] + [{"name": a, "type": "space"} for a in AXES[1:]]
    return {
        "multiscales": [
            {"name": name, "axes": axes, "datasets": datasets, "type": "local_mean", "metadata": {"method": "2x2 mean"}}
        ]
    }


def well_ome(field_count: int) -> dict:
    return {"well": {"images": [{"path": str(i), "acquisition": 0} for i in range(field_count)]}}


def plate_ome(export: Export) -> dict:
    return {
        "plate": {
            "columns": [{"name": c} for c in export.columns],
            "rows": [{"name": r} for r in export.rows],
            "wells": [
                {"path": w.path, "rowIndex": export.rows.index(w.row), "columnIndex": export.columns.index(w.column)}
                for w in export.wells
            ],
            "name": export.plate,
            "field_count": export.field_count,
            "acquisitions": [{"id": 0, "name": export.plate, "maximumfieldcount": export.field_count}],
            # ome-zarr-models' CLI fails a 0.5 plate without it (docs/ngff-choices.md P5).
            "version": "0.5",
        }
    }


def write_json(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2))
