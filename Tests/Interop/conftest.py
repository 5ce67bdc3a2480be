"""Fixtures: the PlateDrop binary, the shared workspace of exports and plates, reference plates.

Exports and plates are built once per session and shared, because generating and ingesting dominate
the suite's running time.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reference_plates import write_reference_plate
from workspace import SCENARIOS, VARIANTS, IngestedPlate, PlateDrop, Scenario, Workspace

PLATEDROP_BIN_VARIABLE = "PLATEDROP_BIN"


def pytest_configure(config: pytest.Config) -> None:
    # Every test drives the real binary, so a missing one is a usage error, not a pile of skips.
    binary = os.environ.get(PLATEDROP_BIN_VARIABLE)
    if not binary:
        raise pytest.UsageError(
            f"{PLATEDROP_BIN_VARIABLE} is not set. Build the CLI and run e.g.\n"
            f"  {PLATEDROP_BIN_VARIABLE}=$(swift build -c release --show-bin-path)/platedrop "
            "VENV/bin/python -m pytest Tests/Interop -q"
        )
    if not (Path(binary).is_file() and os.access(binary, os.X_OK)):
        raise pytest.UsageError(f"{PLATEDROP_BIN_VARIABLE}={binary} is not an executable file")


@pytest.fixture(scope="session")
def platedrop() -> PlateDrop:
    return PlateDrop(Path(os.environ[PLATEDROP_BIN_VARIABLE]))


@pytest.fixture(scope="session")
def workspace(platedrop: PlateDrop, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace(platedrop, tmp_path_factory)


@pytest.fixture(params=SCENARIOS, ids=lambda scenario: scenario.id)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return request.param


@pytest.fixture(params=list(VARIANTS))
def variant(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def ingested(workspace: Workspace, scenario: Scenario, variant: str) -> IngestedPlate:
    return workspace.plate(scenario, variant)


@pytest.fixture(scope="session")
def reference_plate_0_5(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An ome-zarr-py NGFF 0.5 plate; fault tests copy it before breaking it."""
    return write_reference_plate(tmp_path_factory.mktemp("reference") / "reference.ome.zarr", "0.5")


@pytest.fixture
def copy_of_reference_plate_0_5(reference_plate_0_5: Path, tmp_path: Path) -> Path:
    copy = tmp_path / reference_plate_0_5.name
    shutil.copytree(reference_plate_0_5, copy)
    return copy
