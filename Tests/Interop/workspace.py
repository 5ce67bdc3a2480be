"""Synthetic exports (scenarios), the output variants of `platedrop ingest`, and a session-wide cache of
the exports and plates built from them.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from oracle import ParsedExport, parse_export
from runners import assert_exit_status, describe, run


@dataclass(frozen=True)
class Scenario:
    """One synthetic instrument export (arguments of `platedrop sample-export`)."""

    id: str
    layout: str
    plate: str
    plate_format: int
    wells: tuple[str, ...]
    fields: int = 1
    channels: int = 1
    z: int = 1
    t: int = 1
    width: int = 64
    height: int = 48
    dtype: str = "uint16"
    with_plan: bool = True
    min_levels: int = 1

    def sample_export_args(self, directory: Path) -> list:
        args = [
            "sample-export", directory, "--layout", self.layout, "--plate", self.plate,
            "--format", str(self.plate_format), "--wells", ",".join(self.wells),
            "--fields", str(self.fields), "--channels", str(self.channels), "--z", str(self.z), "--t", str(self.t),
            "--size", f"{self.width}x{self.height}", "--dtype", self.dtype,
        ]
        if not self.with_plan:
            args.append("--no-plan")
        return args


# Sizes like 64x48 and 100x70 leave partial edge chunks; the larger ones force a pyramid (levels stop at a
# side <= 256), the odd one checks how odd sizes are halved.
SCENARIOS = [
    Scenario("imagexpress-fields-channels", "imagexpress", "screen01", 96, ("A1", "A2", "B3"),
             fields=3, channels=2),
    Scenario("yokogawa-zstack", "yokogawa", "CV8000-run", 96, ("B2", "C5"),
             fields=2, channels=2, z=3, width=100, height=70, dtype="uint8"),
    Scenario("harmony-timeseries", "harmony", "unused", 96, ("A1", "H12"),
             fields=2, channels=2, t=3, dtype="int16"),
    Scenario("yokogawa-sparse96-no-plan", "yokogawa", "sparse", 96, ("A1", "D7", "H12"),
             width=100, height=70, dtype="float32", with_plan=False),
    Scenario("imagexpress-384-z-and-t", "imagexpress", "p384", 384, ("A1", "H13", "P24"), z=2, t=2),
    Scenario("harmony-1536", "harmony", "unused", 1536, ("A1", "AF48"), dtype="uint8"),
    Scenario("yokogawa-pyramid", "yokogawa", "big", 96, ("C3",), channels=2, width=600, height=520,
             min_levels=2),
    Scenario("imagexpress-pyramid-odd-float", "imagexpress", "odd", 96, ("E5",), fields=2, width=333, height=301,
             dtype="float32", min_levels=2),
    Scenario("cellomics-384-fields-channels", "cellomics", "AS_09047_050428030001", 384, ("A1", "O24"),
             fields=3, channels=3, dtype="uint8"),
    Scenario("imagexpress-hcsai-z-and-t", "imagexpress-hcsai", "test_data", 96, ("B2", "C5"),
             fields=2, channels=2, z=2, t=2, width=100, height=70),
    Scenario("scanr-positions-z", "scanr", "unused", 96, ("B2", "H12"), fields=2, channels=2, z=2, dtype="int16"),
    Scenario("incell-384-z-and-t", "incell", "Plate7", 384, ("B3", "P24"), fields=2, channels=2, z=2, t=2),
    Scenario("cq3000-384-projections", "cq3000", "unused", 384, ("A24", "P1"), fields=2, channels=2, z=3, t=2),
    Scenario("cytation-z-stack", "cytation", "unused", 96, ("A1", "H10"), fields=2, channels=3, z=3, dtype="uint8"),
]

# Output flavours of `platedrop ingest`: NGFF 0.4 / Zarr v2 (also as the compat profile, with consolidated
# .zmetadata), and NGFF 0.5 / Zarr v3 without and with shards.
VARIANTS = {
    "0.4": ["--ngff", "0.4"],
    "0.4-compat": ["--profile", "compat"],
    "0.5": ["--ngff", "0.5", "--shard", "none"],
    "0.5-sharded": ["--ngff", "0.5", "--shard", "plane"],
}


class PlateDrop:
    def __init__(self, binary: Path):
        self.binary = binary

    def __call__(self, *args) -> subprocess.CompletedProcess:
        return run([self.binary, *args])


@dataclass
class Export:
    scenario: Scenario
    directory: Path

    def parse(self) -> ParsedExport:
        return parse_export(self.directory, self.scenario.layout, self.scenario.plate, self.scenario.plate_format)


@dataclass
class IngestedPlate:
    scenario: Scenario
    variant: str
    path: Path
    export: Export
    parsed: ParsedExport


def single_plate_in(out_dir: Path, ingest_result: subprocess.CompletedProcess) -> Path:
    plates = sorted(out_dir.glob("*.ome.zarr"))
    assert len(plates) == 1, f"expected one *.ome.zarr in {out_dir}, found {plates}:{describe(ingest_result)}"
    return plates[0]


class Workspace:
    """Builds exports and plates on first request and hands out the same ones afterwards.

    Command results are cached before their exit status is asserted, so a failing command runs once and
    every test depending on it reports its output.
    """

    def __init__(self, platedrop: PlateDrop, tmp_path_factory: pytest.TempPathFactory):
        self.platedrop = platedrop
        self.tmp_path_factory = tmp_path_factory
        self._exports: dict[str, tuple[Export, subprocess.CompletedProcess]] = {}
        self._plates: dict[tuple[str, str], tuple[Path, subprocess.CompletedProcess]] = {}
        self._parsed: dict[str, ParsedExport] = {}

    def export(self, scenario: Scenario) -> Export:
        if scenario.id not in self._exports:
            directory = self.tmp_path_factory.mktemp("export") / scenario.id
            result = self.platedrop(*scenario.sample_export_args(directory))
            self._exports[scenario.id] = (Export(scenario, directory), result)
        export, result = self._exports[scenario.id]
        assert_exit_status(result, 0)
        return export

    def parsed(self, scenario: Scenario) -> ParsedExport:
        if scenario.id not in self._parsed:
            self._parsed[scenario.id] = self.export(scenario).parse()
        return self._parsed[scenario.id]

    def plate(self, scenario: Scenario, variant: str) -> IngestedPlate:
        export = self.export(scenario)
        key = (scenario.id, variant)
        if key not in self._plates:
            out_dir = self.tmp_path_factory.mktemp("plates")
            result = self.platedrop("ingest", export.directory, "--out", out_dir, "--layout", scenario.layout,
                                    *VARIANTS[variant])
            self._plates[key] = (out_dir, result)
        out_dir, result = self._plates[key]
        assert_exit_status(result, 0)
        return IngestedPlate(scenario, variant, single_plate_in(out_dir, result), export, self.parsed(scenario))
