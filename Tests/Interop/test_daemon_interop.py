"""Plates that `platedrop serve` is still filling, read by validators nobody on the team wrote.

A plate must be a valid OME-Zarr HCS plate at every moment after its first well is written (DESIGN, plate state
machine). The plan file arrives first, then one well at a time, out of plate order; after each well is written (as
the catalogue reports it) ome-zarr-models, yaozarrs and ngff-zarr must accept the plate as it stands, listing
exactly the wells written so far. The daemon is stopped with SIGTERM and must exit 0.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from runners import (
    assert_exit_status,
    assert_ngff_zarr_reads_every_field,
    assert_ome_zarr_models_accepts,
    assert_yaozarrs_accepts,
    describe,
)
from workspace import PlateDrop

PLATE = "filling"
# Delivered in this order; 300x300 planes give every field a second pyramid level.
WELLS = ("B3", "A1", "C2")
# Only guards against a daemon that never gets there; nothing is asserted about durations.
DEADLINE_SECONDS = 120


class ServingDaemon:
    """`platedrop serve --config CONFIG` as a child process; killed on exit from the `with` block if still running."""

    def __init__(self, binary: Path, config: Path, log: Path):
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [str(binary), "serve", "--config", str(config)],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            )

    def __enter__(self) -> ServingDaemon:
        return self

    def __exit__(self, *exception) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> int:
        """SIGTERM, as systemd stops it; the exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=DEADLINE_SECONDS)

    def transcript(self) -> str:
        return f"\n--- daemon log ---\n{self.log.read_text(errors='replace')}"


def write_config(folder: Path, watched: Path, output: Path, catalog: Path, ngff: str, watch_keys: str) -> Path:
    config = folder / "platedrop.toml"
    config.write_text(
        f'[daemon]\ncatalog = "{catalog}"\nplate_timeout = "30m"\n\n'
        f'[[watch]]\npath = "{watched}"\noutput = "{output}"\nquiet_period = "1s"\n{watch_keys}\n\n'
        f'[output]\nngff = "{ngff}"\n'
    )
    return config


def assert_consolidated_metadata_is_current(store: Path, daemon: ServingDaemon) -> None:
    """`.zmetadata` holds exactly the v2 documents on disk, as zarr-python's consolidate_metadata would."""
    consolidated = json.loads((store / ".zmetadata").read_text())["metadata"]
    on_disk = {
        str(path.relative_to(store)): json.loads(path.read_text())
        for name in (".zgroup", ".zattrs", ".zarray")
        for path in store.rglob(name)
    }
    assert consolidated == on_disk, daemon.transcript()


def written_wells(platedrop: PlateDrop, catalog: Path) -> set[str]:
    result = platedrop("wells", "--plate", PLATE, "--json", "--catalog", catalog)
    if result.returncode != 0:
        return set()  # the daemon has not created the catalogue yet
    return {well["well"] for well in json.loads(result.stdout) if well["state"] == "written"}


def wait_until_written(platedrop: PlateDrop, catalog: Path, well: str, daemon: ServingDaemon) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while well not in written_wells(platedrop, catalog):
        assert time.monotonic() < deadline, f"well {well} was not written{daemon.transcript()}"
        time.sleep(0.25)


def listed_wells(store: Path) -> list[str]:
    """The plate's `wells` list: `.zattrs` in NGFF 0.4, `zarr.json` attributes under "ome" in 0.5."""
    v3 = store / "zarr.json"
    if v3.exists():
        plate = json.loads(v3.read_text())["attributes"]["ome"]["plate"]
    else:
        plate = json.loads((store / ".zattrs").read_text())["plate"]
    return [well["path"] for well in plate["wells"]]


def store_path_of(well: str) -> str:
    return f"{well[0]}/{well[1:]}"


# The third case is a folder with its own output profile: compat (NGFF 0.4 with consolidated metadata) while
# [output] says 0.5.
def generated_export_to_watch(platedrop: PlateDrop, tmp_path: Path, plate: str,
                              *options: str) -> tuple[Path, Path, Path, Path, Path]:
    """An ImageXpress export of `plate` (96-well, 300×300, sample-export `options`) generated under
    `tmp_path/sources`, and an empty watched folder for it: the export, the folder to copy it into, the
    watched folder, the output folder and the catalogue."""
    source = tmp_path / "sources" / plate
    export = platedrop("sample-export", source, "--layout", "imagexpress", "--plate", plate, "--format", "96",
                       "--size", "300x300", *options)
    assert_exit_status(export, 0)
    watched, output, catalog = tmp_path / "watched", tmp_path / "plates", tmp_path / "catalog.sqlite"
    destination = watched / plate
    destination.mkdir(parents=True)
    return source, destination, watched, output, catalog


@pytest.mark.parametrize("ngff, watch_keys", [("0.5", ""), ("0.4", ""), ("0.5", 'profile = "compat"')])
def test_plate_is_valid_for_external_validators_after_every_well(platedrop: PlateDrop, tmp_path: Path, ngff: str,
                                                                   watch_keys: str):
    source, destination, watched, output, catalog = generated_export_to_watch(
        platedrop, tmp_path, PLATE, "--wells", ",".join(WELLS), "--fields", "2", "--channels", "2")
    store = output / f"{PLATE}.ome.zarr"

    with ServingDaemon(platedrop.binary, write_config(tmp_path, watched, output, catalog, ngff, watch_keys),
                       tmp_path / "serve.log") as daemon:
        for plan in source.glob("*.HTD"):
            shutil.copy(plan, destination)
        written: list[str] = []
        for well in WELLS:
            token = f"{well[0]}{int(well[1:]):02d}"
            images = sorted(source.glob(f"{PLATE}_{token}_*.TIF"))
            assert images, f"sample-export wrote no images for {well}"
            for image in images:
                shutil.copy(image, destination)
            wait_until_written(platedrop, catalog, well, daemon)
            written.append(well)

            assert sorted(listed_wells(store)) == sorted(store_path_of(name) for name in written), daemon.transcript()
            assert_ome_zarr_models_accepts(store)
            assert_yaozarrs_accepts(store)
            assert_ngff_zarr_reads_every_field(store)
            if watch_keys:
                assert not (store / "zarr.json").exists(), "the compat folder's plate is not Zarr v2"
                assert_consolidated_metadata_is_current(store, daemon)
            else:
                assert not (store / ".zmetadata").exists()

        finalized = platedrop("wait", PLATE, "--timeout", str(DEADLINE_SECONDS), "--catalog", catalog)
        assert finalized.returncode == 0, describe(finalized) + daemon.transcript()
        assert daemon.stop() == 0, daemon.transcript()


LAPSE = "lapse"
LAPSE_WELLS = ("A1", "B2")
LAPSE_TIMEPOINTS = 3


def timepoints_written(platedrop: PlateDrop, catalog: Path) -> dict[str, int]:
    """Each written well of the time-lapse plate with how many timepoints it has on disk."""
    result = platedrop("wells", "--plate", LAPSE, "--json", "--catalog", catalog)
    if result.returncode != 0:
        return {}
    return {well["well"]: well["timepoints"]["written"] for well in json.loads(result.stdout) if well["state"] == "written"}


def level_zero_shape(store: Path, well: str) -> list[int]:
    array = store / store_path_of(well) / "0" / "0"
    document = array / "zarr.json"
    return json.loads(document.read_text() if document.exists() else (array / ".zarray").read_text())["shape"]


# A time-lapse plate grows along t (issue 11): with its HTD the wells have the t axis from the first timepoint,
# and each timepoint is appended to every well; after each one the validators accept the plate as it stands.
@pytest.mark.parametrize("ngff, watch_keys", [("0.5", ""), ("0.5", 'shard = "none"'), ("0.4", ""),
                                              ("0.5", 'profile = "compat"')])
def test_time_lapse_plate_is_valid_after_every_timepoint(platedrop: PlateDrop, tmp_path: Path, ngff: str, watch_keys: str):
    source, destination, watched, output, catalog = generated_export_to_watch(
        platedrop, tmp_path, LAPSE, "--wells", ",".join(LAPSE_WELLS), "--fields", "1", "--channels", "2",
        "--t", str(LAPSE_TIMEPOINTS))
    store = output / f"{LAPSE}.ome.zarr"

    with ServingDaemon(platedrop.binary, write_config(tmp_path, watched, output, catalog, ngff, watch_keys),
                       tmp_path / "serve.log") as daemon:
        for plan in source.glob("*.HTD"):
            shutil.copy(plan, destination)
        for timepoint in range(1, LAPSE_TIMEPOINTS + 1):
            shutil.copytree(source / f"TimePoint_{timepoint}", destination / f"TimePoint_{timepoint}")
            deadline = time.monotonic() + DEADLINE_SECONDS
            while timepoints_written(platedrop, catalog) != {well: timepoint for well in LAPSE_WELLS}:
                assert time.monotonic() < deadline, f"timepoint {timepoint} was not appended{daemon.transcript()}"
                time.sleep(0.25)

            for well in LAPSE_WELLS:
                assert level_zero_shape(store, well)[0] == timepoint, daemon.transcript()
            assert_ome_zarr_models_accepts(store)
            assert_yaozarrs_accepts(store)
            assert_ngff_zarr_reads_every_field(store)
            if "compat" in watch_keys:
                assert_consolidated_metadata_is_current(store, daemon)

        finalized = platedrop("wait", LAPSE, "--timeout", str(DEADLINE_SECONDS), "--catalog", catalog)
        assert finalized.returncode == 0, describe(finalized) + daemon.transcript()
        assert daemon.stop() == 0, daemon.transcript()
