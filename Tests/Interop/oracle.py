"""Independent oracle: what a plate should contain, derived only from an export's file names and TIFFs.

This deliberately re-parses the instrument naming with its own regular expressions (instead of asking
PlateDrop) so a shared misunderstanding of a layout cannot make the suite pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tifffile

# Rows x columns of each plate format (SBS standard footprints).
PLATE_FORMATS = {96: (8, 12), 384: (16, 24), 1536: (32, 48)}

_TIFF_SUFFIXES = {".tif", ".tiff"}


@dataclass(frozen=True)
class PlaneKey:
    """One 2-D plane, in the instrument's own numbering (from 1, or from 0 for Cellomics, HCS.ai and scanR z/t)."""

    row: str  # row letters, e.g. "P" or "AF"
    column: int
    field: int
    channel: int
    z: int
    t: int

    @property
    def well_path(self) -> str:
        return f"{self.row}/{self.column}"


def row_name(row_number: int) -> str:
    """1 -> "A", 26 -> "Z", 27 -> "AA" (bijective base 26, as plate rows are named)."""
    letters = ""
    while row_number > 0:
        row_number, remainder = divmod(row_number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def parse_well(well: str) -> tuple[str, int]:
    """"P24" -> ("P", 24); accepts zero-padded columns ("B03")."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", well)
    if match is None:
        raise ValueError(f"not a well name: {well!r}")
    return match.group(1), int(match.group(2))


def _imagexpress_key(relative: str, plate: str) -> PlaneKey | None:
    # [TimePoint_<t>/][ZStep_<z>/]<plate>_<Row><col 2d>_s<field>_w<channel>.TIF
    match = re.fullmatch(
        r"(?:TimePoint_(?P<t>\d+)/)?(?:ZStep_(?P<z>\d+)/)?"
        + re.escape(plate)
        + r"_(?P<row>[A-Z]+)(?P<col>\d{2})_s(?P<field>\d+)_w(?P<channel>\d+)\.tiff?",
        relative,
        flags=re.IGNORECASE,
    )
    if match is None:
        return None
    return PlaneKey(
        row=match["row"].upper(),
        column=int(match["col"]),
        field=int(match["field"]),
        channel=int(match["channel"]),
        z=int(match["z"] or 1),
        t=int(match["t"] or 1),
    )


def _yokogawa_key(relative: str, plate: str) -> PlaneKey | None:
    # <plate>_<Row><col 2d>_T<t 4d>F<field 3d>L01A01Z<z 2d>C<channel 2d>.tif
    match = re.fullmatch(
        re.escape(plate)
        + r"_(?P<row>[A-Z]+)(?P<col>\d{2})_T(?P<t>\d{4})F(?P<field>\d{3})L01A01Z(?P<z>\d{2})C(?P<channel>\d{2})\.tif",
        relative,
    )
    if match is None:
        return None
    return PlaneKey(
        row=match["row"],
        column=int(match["col"]),
        field=int(match["field"]),
        channel=int(match["channel"]),
        z=int(match["z"]),
        t=int(match["t"]),
    )


def _harmony_key(relative: str, plate: str) -> PlaneKey | None:
    # Images/r<row 2d>c<col 2d>f<field 2d>p<z 2d>-ch<channel>sk<t>fk1fl1.tiff ; rows are numbers here.
    # `plate` is unused: Harmony names files without it (the signature is shared by all layouts).
    match = re.fullmatch(
        r"Images/r(?P<row>\d{2})c(?P<col>\d{2})f(?P<field>\d{2})p(?P<z>\d{2})"
        r"-ch(?P<channel>\d+)sk(?P<t>\d+)fk1fl1\.tiff",
        relative,
    )
    if match is None:
        return None
    return PlaneKey(
        row=row_name(int(match["row"])),
        column=int(match["col"]),
        field=int(match["field"]),
        channel=int(match["channel"]),
        z=int(match["z"]),
        t=int(match["t"]),
    )


def _cellomics_key(relative: str, plate: str) -> PlaneKey | None:
    # <plate>_<Row><col 2d>f<field 2d>d<channel>.tif ; field and channel count from 0, no z or t.
    match = re.fullmatch(
        re.escape(plate) + r"_(?P<row>[A-Z]+)(?P<col>\d{2})f(?P<field>\d{2})d(?P<channel>\d)\.tif",
        relative,
    )
    if match is None:
        return None
    return PlaneKey(row=match["row"], column=int(match["col"]), field=int(match["field"]),
                    channel=int(match["channel"]), z=0, t=0)


def _hcsai_key(relative: str, plate: str) -> PlaneKey | None:
    # experiment/timepoint<t>/<plate>_t<t>_<Row><col 2d>_s<field>_w<channel>_z<z>.tif ; every index from 0.
    match = re.fullmatch(
        r"experiment/timepoint(?P<folder_t>\d+)/" + re.escape(plate)
        + r"_t(?P<t>\d+)_(?P<row>[A-Z]+)(?P<col>\d{2})_s(?P<field>\d+)_w(?P<channel>\d+)_z(?P<z>\d+)\.tif",
        relative,
    )
    if match is None or match["folder_t"] != match["t"]:
        return None
    return PlaneKey(row=match["row"], column=int(match["col"]), field=int(match["field"]),
                    channel=int(match["channel"]), z=int(match["z"]), t=int(match["t"]))


def _scanr_key(relative: str, plate: str, channel_names: list[str]) -> PlaneKey | None:
    # data/<Row><col>--W<well 5d>--P<position 5d>--Z<z 5d>--T<t 5d>--<channel name>.tif ; W and P from 1,
    # Z and T from 0; the channel's number is its place among the <Channel Name>s of metadata.ome.xml.
    # `plate` is unused: the plate is the folder holding data/.
    match = re.fullmatch(
        r"data/(?P<row>[A-Z]+)(?P<col>\d+)--W\d{5}--P(?P<field>\d{5})--Z(?P<z>\d{5})--T(?P<t>\d{5})--(?P<channel>.+)\.tif",
        relative,
    )
    if match is None or match["channel"] not in channel_names:
        return None
    return PlaneKey(row=match["row"], column=int(match["col"]), field=int(match["field"]),
                    channel=channel_names.index(match["channel"]), z=int(match["z"]), t=int(match["t"]))


def _incell_key(relative: str, plate: str, channel_names: list[str]) -> PlaneKey | None:
    # <Row> - <col 2d>(fld <field> wv <ex> - <em>[ z <z>][ - time <t> - <ms> ms]).tif ; every number from 1;
    # the channel's number is its place among the emission filters of the .xdce. `plate` is unused: the
    # plate is the export folder.
    match = re.fullmatch(
        r"(?P<row>[A-Z]+) - (?P<col>\d{2})\(fld (?P<field>\d+) wv (?P<ex>[^)]+?) - (?P<em>[^)]+?)"
        r"(?: z (?P<z>\d+))?(?: - time (?P<t>\d+) - \d+ ms)?\)\.tif",
        relative,
    )
    if match is None or match["em"] not in channel_names:
        return None
    return PlaneKey(row=match["row"], column=int(match["col"]), field=int(match["field"]),
                    channel=channel_names.index(match["em"]), z=int(match["z"] or 1), t=int(match["t"] or 1))


def _cytation_key(relative: str, plate: str, channel_names: list[str]) -> PlaneKey | None:
    # <Row><col>_<field>[Z<z>]_<channel name>_1_<t 3d>_.tif ; field and time from 1, z as written; channels
    # are numbered by their names in case-insensitive order. `plate` is unused: the plate is the export folder.
    match = re.fullmatch(
        r"(?P<row>[A-Z]+)(?P<col>\d+)_(?P<field>\d+)(?:Z(?P<z>\d+))?_(?P<channel>[A-Za-z0-9 ,\[\]]+)_1_(?P<t>\d{3})_\.tif",
        relative,
    )
    if match is None or match["channel"] not in channel_names:
        return None
    return PlaneKey(row=match["row"], column=int(match["col"]), field=int(match["field"]),
                    channel=channel_names.index(match["channel"]), z=int(match["z"] or 0), t=int(match["t"]))


def _cytation_channel_names(export_dir: Path) -> list[str]:
    names = {re.split(r"_", path.name)[2] for path in export_dir.glob("*.tif")}
    return sorted(names, key=str.lower)


def _incell_channel_names(export_dir: Path) -> list[str]:
    """Emission filter names of the .xdce's non-fusion wavelengths, in order."""
    text = next(export_dir.glob("*.xdce")).read_text()
    waves = re.findall(r'<Wavelength fusion_wave="false"[^>]*>(.*?)</Wavelength>', text, flags=re.DOTALL)
    return [re.search(r'<EmissionFilter name="([^"]*)"', wave).group(1) for wave in waves]


def _scanr_channel_names(export_dir: Path) -> list[str]:
    """Channel names in the order the first <Image> of data/metadata.ome.xml lists them."""
    text = (export_dir / "data" / "metadata.ome.xml").read_text()
    first_image = text.split("</Image>")[0]
    return re.findall(r'<Channel ID="[^"]*" Name="([^"]*)"', first_image)


_COLUMNS_BY_FORMAT = {6: 3, 12: 4, 24: 6, 48: 8, 96: 12, 384: 24, 1536: 48}


def _cq3000_key(relative: str, columns: int) -> PlaneKey | None:
    # Projection/W<well index 4d>F<field 4d>T<t 4d>Z000C<channel>.tif ; the well counted row by row from 1.
    match = re.fullmatch(
        r"Projection/W(?P<well>\d{4})F(?P<field>\d{4})T(?P<t>\d{4})Z000C(?P<channel>\d)\.tif", relative)
    if match is None:
        return None
    row, column = divmod(int(match["well"]) - 1, columns)
    return PlaneKey(row=row_name(row + 1), column=column + 1, field=int(match["field"]),
                    channel=int(match["channel"]), z=0, t=int(match["t"]))


_KEY_PARSERS = {"imagexpress": _imagexpress_key, "yokogawa": _yokogawa_key, "harmony": _harmony_key,
                "cellomics": _cellomics_key, "imagexpress-hcsai": _hcsai_key}


@dataclass
class ParsedExport:
    planes: dict[PlaneKey, Path]
    unmatched_tiffs: list[Path]

    def _sorted_values(self, attribute: str) -> list[int]:
        return sorted({getattr(key, attribute) for key in self.planes})

    @property
    def wells(self) -> list[str]:
        """Plate paths ("B/3") of every well with at least one plane."""
        return sorted({key.well_path for key in self.planes})

    @property
    def has_time_axis(self) -> bool:
        return len(self._sorted_values("t")) > 1

    def expected_fields(self, well_path: str) -> list[np.ndarray]:
        """Field arrays of one well, in plate order; axes (t,) c, z, y, x.

        Index along every axis is the rank of the instrument's number among all numbers seen in the
        plate (PlateDrop's documented convention), so the oracle is independent of how it names things.
        """
        fields = self._sorted_values("field")
        channels = self._sorted_values("channel")
        z_values = self._sorted_values("z")
        t_values = self._sorted_values("t")
        well_planes = {key: path for key, path in self.planes.items() if key.well_path == well_path}
        if not well_planes:
            raise KeyError(f"no planes for well {well_path}")
        arrays = []
        for field in fields:
            planes_by_index = {}
            for key, path in well_planes.items():
                if key.field == field:
                    index = (t_values.index(key.t), channels.index(key.channel), z_values.index(key.z))
                    planes_by_index[index] = tifffile.imread(path)
            expected_count = len(t_values) * len(channels) * len(z_values)
            if len(planes_by_index) != expected_count:
                raise ValueError(
                    f"well {well_path} field {field}: {len(planes_by_index)} planes, expected {expected_count}"
                )
            first = next(iter(planes_by_index.values()))
            stack = np.zeros((len(t_values), len(channels), len(z_values)) + first.shape, dtype=first.dtype)
            for index, plane in planes_by_index.items():
                stack[index] = plane
            arrays.append(stack if self.has_time_axis else stack[0])
        return arrays


def parse_export(export_dir: Path, layout: str, plate: str, plate_format: int = 96) -> ParsedExport:
    if layout == "cq3000":
        parse_key = lambda relative, plate: _cq3000_key(relative, _COLUMNS_BY_FORMAT[plate_format])  # noqa: E731
    elif layout == "scanr":
        channel_names = _scanr_channel_names(export_dir)
        parse_key = lambda relative, plate: _scanr_key(relative, plate, channel_names)  # noqa: E731
    elif layout == "incell":
        channel_names = _incell_channel_names(export_dir)
        parse_key = lambda relative, plate: _incell_key(relative, plate, channel_names)  # noqa: E731
    elif layout == "cytation":
        channel_names = _cytation_channel_names(export_dir)
        parse_key = lambda relative, plate: _cytation_key(relative, plate, channel_names)  # noqa: E731
    else:
        parse_key = _KEY_PARSERS[layout]
    planes: dict[PlaneKey, Path] = {}
    unmatched: list[Path] = []
    for path in sorted(export_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in _TIFF_SUFFIXES:
            continue
        key = parse_key(path.relative_to(export_dir).as_posix(), plate)
        if key is None:
            unmatched.append(path)
        elif key in planes:
            raise ValueError(f"two files name the same plane {key}: {planes[key]} and {path}")
        else:
            planes[key] = path
    return ParsedExport(planes=planes, unmatched_tiffs=unmatched)
