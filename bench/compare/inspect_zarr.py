"""Reads an OME-Zarr HCS plate the same way whoever wrote it (Zarr v2 / NGFF 0.4 or Zarr v3 / NGFF 0.5).

Runs in the reader venv (.build/compare-venv: ngio, zarr, numpy). Metadata comes from the raw group
attributes so that what a writer left out (a unit, a colour) shows as missing; ngio lists the tables
and turns ROI tables into pixel offsets.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import zarr


def ome_attrs(group) -> dict:
    attrs = dict(group.attrs)
    return attrs.get("ome", attrs)


def well_key(path: str) -> tuple[str, int] | None:
    """'B/2', 'B/02', 'b/002' -> ('B', 2)."""
    m = re.fullmatch(r"([A-Za-z]+)/0*(\d+)", path.strip("/"))
    return (m.group(1).upper(), int(m.group(2))) if m else None


@dataclass
class ImageInfo:
    path: str
    axes: list[str]
    units: dict[str, str | None]
    shape: tuple[int, ...]
    dtype: str
    scale: dict[str, float]
    has_translation: bool
    channels: list[dict]
    tables: list[str]
    fov_offsets: list[tuple[int, int]] = field(default_factory=list)  # (y, x) pixel starts from FOV_ROI_table
    level0: str = "0"

    def size(self, axis: str) -> int | None:
        return self.shape[self.axes.index(axis)] if axis in self.axes else None


@dataclass
class WellInfo:
    path: str
    key: tuple[str, int] | None
    images: list[ImageInfo]


@dataclass
class PlateInfo:
    path: str
    name: str
    zarr_format: int
    ngff_version: str | None
    wells: list[WellInfo]
    error: str | None = None


def _axes(multiscale: dict) -> tuple[list[str], dict[str, str | None]]:
    names, units = [], {}
    for axis in multiscale.get("axes", []):
        if isinstance(axis, str):
            names.append(axis)
            units[axis] = None
        else:
            names.append(axis["name"])
            units[axis["name"]] = axis.get("unit")
    return names, units


def _scale_and_translation(multiscale: dict, dataset: dict, naxes: int) -> tuple[list[float], bool]:
    scale = [1.0] * naxes
    translated = False
    for transforms in (dataset.get("coordinateTransformations", []), multiscale.get("coordinateTransformations", [])):
        for t in transforms or []:
            if t.get("type") == "scale" and "scale" in t:
                scale = [a * b for a, b in zip(scale, t["scale"])]
            elif t.get("type") == "translation":
                translated = True
    return scale, translated


def _tables(image_path: Path, group) -> tuple[list[str], list[tuple[int, int]]]:
    names: list[str] = []
    offsets: list[tuple[int, int]] = []
    try:
        from ngio import open_ome_zarr_container

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            container = open_ome_zarr_container(str(image_path), mode="r")
            names = list(container.list_tables())
            if "FOV_ROI_table" in names:
                pixel_size = container.get_image().pixel_size
                for roi in container.get_table("FOV_ROI_table").rois():
                    pixel = roi.to_pixel(pixel_size)
                    starts = {s.axis_name: s.start for s in pixel.slices}
                    offsets.append((int(round(starts.get("y", 0))), int(round(starts.get("x", 0)))))
    except Exception:  # noqa: BLE001 - fall back to the tables group's own list
        if "tables" in group:
            names = list(ome_attrs(group["tables"]).get("tables", []))
    return names, offsets


def read_image(image_path: Path) -> ImageInfo:
    group = zarr.open_group(str(image_path), mode="r")
    attrs = ome_attrs(group)
    multiscale = attrs["multiscales"][0]
    axes, units = _axes(multiscale)
    dataset = multiscale["datasets"][0]
    scale, translated = _scale_and_translation(multiscale, dataset, len(axes))
    array = group[dataset["path"]]
    channels = [
        {"label": ch.get("label"), "color": ch.get("color")} for ch in attrs.get("omero", {}).get("channels", [])
    ]
    tables, offsets = _tables(image_path, group)
    return ImageInfo(
        path=str(image_path),
        axes=axes,
        units=units,
        shape=tuple(array.shape),
        dtype=str(array.dtype),
        scale=dict(zip(axes, scale)),
        has_translation=translated,
        channels=channels,
        tables=tables,
        fov_offsets=offsets,
        level0=dataset["path"],
    )


def read_plate(plate_path: Path) -> PlateInfo:
    try:
        group = zarr.open_group(str(plate_path), mode="r")
    except Exception as exc:  # noqa: BLE001
        return PlateInfo(str(plate_path), plate_path.name, 0, None, [], error=f"cannot open: {exc}")
    attrs = dict(group.attrs)
    ngff = attrs.get("ome", {}).get("version") if "ome" in attrs else attrs.get("plate", {}).get("version")
    plate = ome_attrs(group).get("plate", {})
    info = PlateInfo(str(plate_path), plate_path.name, group.metadata.zarr_format, ngff, [])
    for well in plate.get("wells", []):
        well_path = plate_path / well["path"]
        images = []
        try:
            well_group = zarr.open_group(str(well_path), mode="r")
            for image in ome_attrs(well_group).get("well", {}).get("images", []):
                images.append(read_image(well_path / image["path"]))
        except Exception as exc:  # noqa: BLE001
            info.error = f"{well['path']}: {type(exc).__name__}: {exc}"
        info.wells.append(WellInfo(well["path"], well_key(well["path"]), images))
    return info


def load_level0(image: ImageInfo) -> np.ndarray:
    """Level 0 as planes: (n_planes, y, x), y and x being the last two axes as NGFF requires."""
    array = zarr.open_array(str(Path(image.path) / image.level0), mode="r")
    data = np.asarray(array[...])
    return data.reshape((-1,) + data.shape[-2:])
