"""PlateDrop's plates checked by readers and validators nobody on the team wrote.

Contract assumed for `platedrop validate PLATE --json` (the lead implements this):
  * exit status 0 when the plate is valid, 1 when it is not;
  * stdout is exactly one JSON object (diagnostics go to stderr):
        {"valid": false,
         "issues": [{"code": "well-path-not-found", "message": "well B/3 is listed but B/3/zarr.json is missing",
                     "path": "B/3"}, ...]}
    `valid` is a boolean; `issues` is a list (empty or holding only warnings when valid); every issue has string
    `code`, `message` and `path` (path relative to the plate, "" for the plate itself). Extra keys (e.g. a
    `severity`) are allowed. A test counts an issue as naming a fault when its code or message contains one of
    a few keywords chosen per fault (reference_plates.FAULTS).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
import tensorstore
import tifffile
import zarr

from oracle import PLATE_FORMATS, parse_export, parse_well, row_name
from reference_plates import FAULTS, Fault, write_reference_plate
from runners import (
    assert_exit_status,
    assert_ngff_zarr_reads_every_field,
    assert_ome_zarr_models_accepts,
    assert_yaozarrs_accepts,
    describe,
)
from workspace import SCENARIOS, IngestedPlate, PlateDrop, Scenario, Workspace, single_plate_in

# --- reading plates -------------------------------------------------------------------------------------


def ome_attributes(group: zarr.Group) -> dict:
    """OME metadata of a node: under `ome` in NGFF 0.5, at the top of the attributes in 0.4."""
    attributes = group.attrs.asdict()
    return attributes["ome"] if group.metadata.zarr_format == 3 else attributes


def well_paths(scenario: Scenario) -> list[str]:
    paths = []
    for well in scenario.wells:
        row, column = parse_well(well)
        paths.append(f"{row}/{column}")
    return paths


def level_paths(field: zarr.Group) -> list[str]:
    return [dataset["path"] for dataset in ome_attributes(field)["multiscales"][0]["datasets"]]


def iterate_fields(plate: IngestedPlate):
    """(well path, field index, field group) for every field the export holds."""
    root = zarr.open_group(str(plate.path), mode="r")
    for well_path in well_paths(plate.scenario):
        for field_index in range(plate.scenario.fields):
            yield well_path, field_index, root[f"{well_path}/{field_index}"]


def iterate_fields_with_source(plate: IngestedPlate):
    """As iterate_fields, plus the level-0 pixels the oracle expects from the source TIFFs."""
    for well_path, field_index, field in iterate_fields(plate):
        yield well_path, field_index, field, plate.parsed.expected_fields(well_path)[field_index]


def assert_pixels_equal(actual: np.ndarray, expected: np.ndarray, where: str) -> None:
    assert actual.dtype == expected.dtype, f"{where}: dtype {actual.dtype}, source TIFFs are {expected.dtype}"
    assert actual.shape == expected.shape, f"{where}: shape {actual.shape}, expected {expected.shape}"
    differing = np.argwhere(actual != expected)
    if len(differing):
        first = tuple(int(i) for i in differing[0])
        raise AssertionError(
            f"{where}: {len(differing)} of {expected.size} pixels differ from the source TIFFs; first at index "
            f"{first}: {actual[first]} instead of {expected[first]}"
        )


def assert_is_2x2_mean(finer: np.ndarray, coarser: np.ndarray, where: str) -> None:
    height, width = finer.shape[-2:]
    assert coarser.dtype == finer.dtype, f"{where}: level dtype {coarser.dtype} != {finer.dtype}"
    assert coarser.shape[:-2] == finer.shape[:-2], f"{where}: non-spatial axes changed: {coarser.shape}"
    assert coarser.shape[-2] in {height // 2, (height + 1) // 2}, f"{where}: y {coarser.shape[-2]} from {height}"
    assert coarser.shape[-1] in {width // 2, (width + 1) // 2}, f"{where}: x {coarser.shape[-1]} from {width}"
    # Only the even-sized region: how a writer treats a trailing odd row/column is its own choice.
    half_height, half_width = height // 2, width // 2
    blocks = finer[..., : 2 * half_height, : 2 * half_width].astype(np.float64)
    means = blocks.reshape(*finer.shape[:-2], half_height, 2, half_width, 2).mean(axis=(-3, -1))
    actual = coarser[..., :half_height, :half_width].astype(np.float64)
    if np.issubdtype(finer.dtype, np.integer):
        worst = np.abs(actual - means).max()
        assert worst <= 1, f"{where}: differs from the 2x2 mean by up to {worst}"
    else:
        np.testing.assert_allclose(actual, means, rtol=1e-5, atol=1e-6 * max(1.0, np.abs(means).max()),
                                   err_msg=where)


def validate_json(platedrop: PlateDrop, plate: Path, expected_status: int) -> dict:
    result = platedrop("validate", plate, "--json")
    assert_exit_status(result, expected_status)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(f"stdout of validate --json is not JSON ({error}):{describe(result)}") from None
    assert isinstance(report, dict) and isinstance(report.get("valid"), bool), describe(result)
    assert isinstance(report.get("issues"), list), describe(result)
    for issue in report["issues"]:
        assert all(isinstance(issue.get(key), str) for key in ("code", "message", "path")), (
            f"issue without string code/message/path: {issue}{describe(result)}"
        )
    return report


# --- a) PlateDrop's plates, each scenario x each output variant -----------------------------------------


@pytest.mark.parametrize("export_scenario", SCENARIOS, ids=lambda scenario: scenario.id)
def test_sample_export_writes_exactly_the_requested_planes(workspace: Workspace, export_scenario: Scenario):
    parsed = workspace.parsed(export_scenario)
    assert parsed.unmatched_tiffs == [], "TIFFs not named per the layout's convention"
    assert sorted(parsed.wells) == sorted(well_paths(export_scenario))
    # A CQ3000 projection run keeps one plane, the projection, of each stack.
    planes_per_stack = 1 if export_scenario.layout == "cq3000" else export_scenario.z
    planes_per_well = export_scenario.fields * export_scenario.channels * planes_per_stack * export_scenario.t
    assert len(parsed.planes) == len(export_scenario.wells) * planes_per_well
    first_plane = tifffile.imread(next(iter(parsed.planes.values())))
    assert first_plane.shape == (export_scenario.height, export_scenario.width)
    assert first_plane.dtype == np.dtype(export_scenario.dtype)


def test_ome_zarr_models_accepts(ingested: IngestedPlate):
    assert_ome_zarr_models_accepts(ingested.path)


def test_yaozarrs_accepts(ingested: IngestedPlate):
    assert_yaozarrs_accepts(ingested.path)


def test_ngff_zarr_reads_every_well_and_field(ingested: IngestedPlate):
    assert_ngff_zarr_reads_every_field(ingested.path)


def test_platedrop_validate_accepts(platedrop: PlateDrop, ingested: IngestedPlate):
    assert_exit_status(platedrop("validate", ingested.path), 0)
    assert validate_json(platedrop, ingested.path, 0)["valid"] is True


def test_plate_lists_all_physical_rows_and_columns_and_only_written_wells(ingested: IngestedPlate):
    root = zarr.open_group(str(ingested.path), mode="r")
    attributes = ome_attributes(root)
    plate = attributes["plate"]
    if ingested.variant.startswith("0.4"):
        assert root.metadata.zarr_format == 2 and plate["version"] == "0.4"
    else:
        assert root.metadata.zarr_format == 3 and attributes["version"] == "0.5"
    row_count, column_count = PLATE_FORMATS[ingested.scenario.plate_format]
    assert [row["name"] for row in plate["rows"]] == [row_name(n) for n in range(1, row_count + 1)]
    assert [column["name"] for column in plate["columns"]] == [str(n) for n in range(1, column_count + 1)]
    assert sorted(well["path"] for well in plate["wells"]) == sorted(well_paths(ingested.scenario))
    for well in plate["wells"]:
        row, column = well["path"].split("/")
        assert plate["rows"][well["rowIndex"]]["name"] == row, well
        assert plate["columns"][well["columnIndex"]]["name"] == column, well


def test_fields_levels_and_axes_follow_the_plate_conventions(ingested: IngestedPlate):
    scenario = ingested.scenario
    root = zarr.open_group(str(ingested.path), mode="r")
    expected_axes = (["t"] if scenario.t > 1 else []) + ["c", "z", "y", "x"]
    for well_path in well_paths(scenario):
        images = ome_attributes(root[well_path])["well"]["images"]
        assert [image["path"] for image in images] == [str(n) for n in range(scenario.fields)], well_path
    for well_path, field_index, field in iterate_fields(ingested):
        multiscale = ome_attributes(field)["multiscales"][0]
        assert [axis["name"] for axis in multiscale["axes"]] == expected_axes
        levels = level_paths(field)
        assert levels == [str(n) for n in range(len(levels))]
        assert len(levels) >= scenario.min_levels, f"{well_path}/{field_index}: only {len(levels)} level(s)"


def test_level_arrays_use_the_requested_zarr_format_and_sharding(ingested: IngestedPlate):
    for well_path, field_index, field in iterate_fields(ingested):
        axes = [axis["name"] for axis in ome_attributes(field)["multiscales"][0]["axes"]]
        for level in level_paths(field):
            where = f"{well_path}/{field_index}/{level}"
            array_dir = ingested.path / well_path / str(field_index) / level
            if ingested.variant.startswith("0.4"):
                metadata = json.loads((array_dir / ".zarray").read_text())
                assert metadata["dimension_separator"] == "/", where
                continue
            metadata = json.loads((array_dir / "zarr.json").read_text())
            assert metadata["dimension_names"] == axes, where
            codec_names = [codec["name"] for codec in metadata["codecs"]]
            assert ("sharding_indexed" in codec_names) == (ingested.variant == "0.5-sharded"), (where, codec_names)
            if ingested.variant == "0.5-sharded":
                # `--shard plane`: one shard holds the whole y-x plane of every channel at one t and z (the
                # sample planes are small, far under the per-shard channel budget).
                shard_shape = metadata["chunk_grid"]["configuration"]["chunk_shape"]
                channel_axis = axes.index("c")
                leading = [extent for index, extent in enumerate(shard_shape[:-2]) if index != channel_axis]
                assert all(extent == 1 for extent in leading), (where, shard_shape)
                assert shard_shape[channel_axis] == metadata["shape"][channel_axis], (where, shard_shape)
                plane_covered = [shard >= size for shard, size in zip(shard_shape[-2:], metadata["shape"][-2:])]
                assert all(plane_covered), (where, shard_shape)


def test_consolidated_metadata_is_every_document_and_zarr_python_opens_it(ingested: IngestedPlate):
    consolidated_file = ingested.path / ".zmetadata"
    if ingested.variant != "0.4-compat":
        assert not consolidated_file.exists(), f"{ingested.variant} plate has a .zmetadata"
        return
    consolidated = json.loads(consolidated_file.read_text())
    assert consolidated["zarr_consolidated_format"] == 1
    on_disk = {
        str(path.relative_to(ingested.path)): json.loads(path.read_text())
        for name in (".zgroup", ".zattrs", ".zarray")
        for path in ingested.path.rglob(name)
    }
    assert consolidated["metadata"] == on_disk
    root = zarr.open_consolidated(str(ingested.path), mode="r", zarr_format=2)
    for well_path, field_index, _ in iterate_fields(ingested):
        assert f"{well_path}/{field_index}/0" in root, f"{well_path}/{field_index} missing from the consolidated view"


def test_level_0_equals_source_tiffs(ingested: IngestedPlate):
    for well_path, field_index, field, expected in iterate_fields_with_source(ingested):
        level_0 = field[level_paths(field)[0]][...]
        assert_pixels_equal(level_0, expected, f"{ingested.path.name}/{well_path}/{field_index}")


def test_lower_levels_are_2x2_means(ingested: IngestedPlate):
    for well_path, field_index, field in iterate_fields(ingested):
        levels = [field[path][...] for path in level_paths(field)]
        for number, (finer, coarser) in enumerate(zip(levels, levels[1:]), start=1):
            assert_is_2x2_mean(finer, coarser, f"{well_path}/{field_index} level {number}")


def test_tensorstore_reads_level_0(ingested: IngestedPlate):
    driver = "zarr" if ingested.variant.startswith("0.4") else "zarr3"
    for well_path, field_index, field, expected in iterate_fields_with_source(ingested):
        array_dir = ingested.path / well_path / str(field_index) / level_paths(field)[0]
        store = tensorstore.open({"driver": driver, "kvstore": {"driver": "file", "path": str(array_dir)}}).result()
        assert_pixels_equal(np.asarray(store.read().result()), expected, f"tensorstore {driver} {array_dir}")


@pytest.mark.parametrize("layout_scenario", [
    next(scenario for scenario in SCENARIOS if scenario.layout == layout and scenario.with_plan)
    for layout in ("imagexpress", "yokogawa", "harmony", "cellomics", "imagexpress-hcsai", "scanr", "incell", "cytation",
                   "cq3000")
], ids=lambda scenario: scenario.layout)
def test_ingest_detects_the_layout(platedrop: PlateDrop, workspace: Workspace, layout_scenario: Scenario,
                                   tmp_path: Path):
    export = workspace.export(layout_scenario)
    result = platedrop("ingest", export.directory, "--out", tmp_path, "--layout", "auto")
    assert_exit_status(result, 0)
    root = zarr.open_group(str(single_plate_in(tmp_path, result)), mode="r")
    listed = sorted(well["path"] for well in ome_attributes(root)["plate"]["wells"])
    assert listed == sorted(well_paths(layout_scenario))
    first_well = well_paths(layout_scenario)[0]
    field = root[f"{first_well}/0"]
    expected = workspace.parsed(layout_scenario).expected_fields(first_well)[0]
    assert_pixels_equal(field[level_paths(field)[0]][...], expected, f"{first_well}/0")


# --- b) plates from an external writer are accepted -----------------------------------------------------


@pytest.mark.parametrize("version, sharded", [("0.4", False), ("0.5", False), ("0.5", True)],
                         ids=["0.4", "0.5", "0.5-sharded"])
def test_validate_accepts_ome_zarr_py_plate(platedrop: PlateDrop, tmp_path: Path, version: str, sharded: bool):
    plate = write_reference_plate(tmp_path / "reference.ome.zarr", version, sharded)
    assert_ome_zarr_models_accepts(plate)  # the reference itself is valid, so acceptance is the right answer
    assert_exit_status(platedrop("validate", plate), 0)
    assert validate_json(platedrop, plate, 0)["valid"] is True


# --- c) each fault of docs/ngff-choices.md §7.3 in an external writer's plate is rejected ------------------------


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.id)
def test_validate_rejects_fault(platedrop: PlateDrop, copy_of_reference_plate_0_5: Path, fault: Fault):
    fault.inject(copy_of_reference_plate_0_5)
    report = validate_json(platedrop, copy_of_reference_plate_0_5, 1)
    assert report["valid"] is False
    assert report["issues"], "invalid plate reported without issues"
    matching = [issue for issue in report["issues"]
                if any(keyword in f"{issue['code']} {issue['message']}".lower() for keyword in fault.keywords)]
    assert matching, f"no issue mentions any of {fault.keywords}: {json.dumps(report['issues'], indent=1)}"


# --- d) bad input files are reported, skipped, and never touched ----------------------------------------

BAD_INPUT_SCENARIOS = [
    Scenario(f"{layout}-bad-input", layout, "bad", 96, ("A1", "A2", "B1", "B2"), fields=2, channels=2)
    for layout in ("imagexpress", "yokogawa", "harmony")
]


def snapshot(directory: Path) -> dict[str, str | None]:
    """Relative path -> sha256 for files, None for directories."""
    return {
        path.relative_to(directory).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest()
                                                 if path.is_file() else None)
        for path in sorted(directory.rglob("*"))
    }


def plant_bad_files(export_dir: Path, scenario: Scenario) -> list[Path]:
    """Corrupt three planes of wells other than A1 and add a TIFF no layout names; returns the bad files."""
    planes = parse_export(export_dir, scenario.layout, scenario.plate).planes
    by_place = {(key.well_path, key.field, key.channel): path for key, path in planes.items()}
    truncated = by_place[("A/2", 1, 1)]
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    empty = by_place[("B/1", 1, 2)]
    empty.write_bytes(b"")
    wrong_size = by_place[("B/2", 2, 1)]
    tifffile.imwrite(wrong_size, np.ones((scenario.height, scenario.width + 8), dtype=scenario.dtype))
    unknown = by_place[("A/1", 1, 1)].parent / "scan_notes.tif"
    tifffile.imwrite(unknown, np.ones((scenario.height, scenario.width), dtype=scenario.dtype))
    return [truncated, empty, wrong_size, unknown]


@pytest.mark.parametrize("bad_scenario", BAD_INPUT_SCENARIOS, ids=lambda scenario: scenario.layout)
def test_ingest_reports_bad_files_and_leaves_the_export_untouched(platedrop: PlateDrop, tmp_path: Path,
                                                                  bad_scenario: Scenario):
    export_dir = tmp_path / "export"
    assert_exit_status(platedrop(*bad_scenario.sample_export_args(export_dir)), 0)
    bad_files = plant_bad_files(export_dir, bad_scenario)
    expected_a1 = parse_export(export_dir, bad_scenario.layout, bad_scenario.plate).expected_fields("A/1")
    before = snapshot(export_dir)

    out_dir = tmp_path / "out"
    result = platedrop("ingest", export_dir, "--out", out_dir, "--layout", bad_scenario.layout)

    assert_exit_status(result, 1)
    output = result.stdout + result.stderr
    unnamed = [path.name for path in bad_files if path.name not in output]
    assert not unnamed, f"bad files not named in the output: {unnamed}{describe(result)}"
    assert snapshot(export_dir) == before, "ingest modified the source export"

    plate = single_plate_in(out_dir, result)
    assert_ome_zarr_models_accepts(plate)
    assert_yaozarrs_accepts(plate)
    assert_ngff_zarr_reads_every_field(plate)
    root = zarr.open_group(str(plate), mode="r")
    for field_index, expected in enumerate(expected_a1):
        field = root[f"A/1/{field_index}"]
        assert_pixels_equal(field[level_paths(field)[0]][...], expected, f"A/1/{field_index} (an intact well)")
