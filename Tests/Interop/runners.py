"""Running command-line tools (PlateDrop and the external validators) and the external Python readers."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from ngff_zarr import from_hcs_zarr

# The validators' console scripts sit next to the interpreter running the suite, active venv or not.
VENV_BIN = Path(sys.executable).parent

# Only a guard against a hung process; the suite asserts nothing about durations.
HANG_GUARD_SECONDS = 900


def run(args: list) -> subprocess.CompletedProcess:
    # UTF-8 for child Pythons so their check-mark output decodes the same under any locale.
    environment = dict(os.environ, PYTHONUTF8="1")
    return subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        timeout=HANG_GUARD_SECONDS,
    )


def describe(result: subprocess.CompletedProcess) -> str:
    """The whole invocation, for assertion messages."""
    return (
        f"\n$ {shlex.join(str(arg) for arg in result.args)}\nexit status {result.returncode}\n"
        f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
    )


def assert_exit_status(result: subprocess.CompletedProcess, expected: int) -> None:
    assert result.returncode == expected, f"expected exit status {expected}:{describe(result)}"


def assert_ome_zarr_models_accepts(plate: Path) -> None:
    result = run([VENV_BIN / "ome-zarr-models", "validate", plate])
    assert_exit_status(result, 0)
    assert "Valid OME-Zarr" in result.stdout and "Invalid" not in result.stdout, describe(result)


def assert_yaozarrs_accepts(plate: Path) -> None:
    result = run([VENV_BIN / "yaozarrs", "validate", plate])
    assert_exit_status(result, 0)
    assert "Valid OME-Zarr store" in result.stdout, describe(result)


def assert_ngff_zarr_reads_every_field(plate: Path) -> None:
    """ngff-zarr validates the plate up front but each well only when it is loaded, so load them all."""
    hcs = from_hcs_zarr(str(plate), validate=True)
    assert hcs.metadata.wells, "ngff-zarr found no wells"
    for well_entry in hcs.metadata.wells:
        row, column = well_entry.path.split("/")
        well = hcs.get_well(row, column)
        assert well is not None, f"ngff-zarr could not load well {well_entry.path}"
        assert well.metadata.images, f"well {well_entry.path} lists no fields"
        for field_index in range(len(well.metadata.images)):
            image = well.get_image(field_index)
            assert image is not None, f"ngff-zarr could not load {well_entry.path} field {field_index}"
            assert image.images, f"{well_entry.path} field {field_index} has no resolution levels"
