"""PlateDrop against the Python tools its users would otherwise script: one run, same plates, same
machine, the throughput ratio.

    run_peers.py --platedrop BIN --workdir DIR [--plates 8-well,384-well] [--repeats 3]

For each plate (generated once under DIR/exports with `platedrop sample-export`), every
configuration runs in turn in its own fresh process, writing NGFF 0.5 with blosc zstd 5
bitshuffle, three 2x2-mean levels and 1024^2 chunks. The first run of each configuration is
checked before any of its times count: level 0 of every field compared with the source TIFFs
pixel for pixel through zarr-python, the level count, shapes, chunks and codec read back from
the arrays, and for PlateDrop `ome-zarr-models validate`. Later runs must write the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import psutil
import zarr

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers_common as common  # noqa: E402

HERE = Path(__file__).resolve().parent
MIB = 1024 * 1024
# Fewer runs for slow configurations, so the whole bench stays within about 25 minutes on two
# cores: a first run longer than SLOW_RUN_S is the only one, longer than MEDIUM_RUN_S one of two.
SLOW_RUN_S = 60.0
MEDIUM_RUN_S = 20.0


@dataclass(frozen=True)
class PlateSpec:
    name: str
    plate_format: int
    wells: list[str]
    fields: int
    channels: int
    size: int

    def sample_export_arguments(self) -> list[str]:
        return [
            "--layout", "imagexpress", "--plate", "BenchPlate", "--format", str(self.plate_format),
            "--wells", ",".join(self.wells), "--fields", str(self.fields), "--channels", str(self.channels),
            "--size", f"{self.size}x{self.size}", "--dtype", "uint16", "--seed", "7",
        ]  # fmt: skip

    @property
    def raw_bytes(self) -> int:
        return len(self.wells) * self.fields * self.channels * self.size * self.size * 2


PLATES = {
    "8-well": PlateSpec("8-well", 96, [f"{row}1" for row in "ABCDEFGH"], fields=4, channels=3, size=2048),
    "384-well": PlateSpec(
        "384-well", 384, [f"{row}{column}" for row in "ABCDEFGHIJKLMNOP" for column in range(1, 25)],
        fields=1, channels=2, size=1024,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Config:
    label: str
    kind: str  # "platedrop" or a peer_pipelines.py pipeline
    arguments: tuple[str, ...] = ()
    threads: int = 1  # busy threads it may use: the like-for-like PlateDrop run has as many workers


def configurations() -> list[Config]:
    # Two-worker peers use whichever parallelism measured fastest for them here (bench/README.md).
    configs = [
        Config("PlateDrop (default: sharded, 1 worker/core)", "platedrop", (), threads=2),
        Config("PlateDrop --workers 1", "platedrop", ("--workers", "1")),
        Config("ome-zarr-py, 1 thread", "ome-zarr"),
        Config("ome-zarr-py, 2 workers (process pool)", "ome-zarr", ("--workers", "2", "--pool", "process"), 2),
        Config("ngff-zarr, 1 thread", "ngff-zarr"),
        Config("ngff-zarr, 2 workers (process pool)", "ngff-zarr", ("--workers", "2", "--pool", "process"), 2),
    ]
    for sharded in (False, True):
        for zarrs in (False, True):
            layout = "sharded" if sharded else "unsharded"
            engine = "zarrs" if zarrs else "zarr-python"
            flags = (("--sharded",) if sharded else ()) + (("--zarrs",) if zarrs else ())
            configs.append(Config(f"lean {engine} {layout}, 1 thread", "lean", flags))
            configs.append(
                Config(f"lean {engine} {layout}, 2 workers (process pool)", "lean",
                       flags + ("--workers", "2", "--pool", "process"), 2)
            )  # fmt: skip
    return configs


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_rss_bytes: int
    startup_s: float | None  # interpreter start and imports, for the Python peers


@dataclass
class Result:
    config: Config
    runs: list[Run] = field(default_factory=list)
    output_bytes: int = 0
    problem: str | None = None
    note: str = ""

    @property
    def wall_s(self) -> float:
        return statistics.median(r.wall_s for r in self.runs)


# --- running one configuration -------------------------------------------------------------------


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of all descendants of process now (0 once they have exited)."""
    total = 0
    try:
        for member in process.children(recursive=True):
            try:
                total += member.memory_info().rss
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        pass
    return total


def run_measured(command: list[str], log: Path, timing: Path | None, report: Path) -> Run:
    """Run command as a fresh child of launch_measured.py; its wall time, CPU time and peak memory.

    wait4 gives that child's own rusage, so nothing earlier runs left behind leaks in. Its maxrss
    is the largest single process of the tree, not the sum, so for process pools the tree's total
    resident memory is also sampled and the larger figure kept.
    """
    with log.open("w") as output:
        launcher = subprocess.Popen(
            [sys.executable, "-I", "-S", str(HERE / "launch_measured.py"), str(report), *command],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    watched = psutil.Process(launcher.pid)
    sampled_peak = 0
    while launcher.poll() is None:
        sampled_peak = max(sampled_peak, tree_rss(watched))
        time.sleep(0.1)
    measured = json.loads(report.read_text())
    if launcher.returncode != 0 or measured["exit_code"] != 0:
        raise RuntimeError(f"{command[0]} exited {measured['exit_code']}; see {log}:\n{log.read_text()[-2000:]}")
    startup = None
    if timing is not None:
        startup = json.loads(timing.read_text())["imported"] - measured["spawned"]
    return Run(measured["wall_s"], measured["cpu_s"], max(measured["max_rss_bytes"], sampled_peak), startup)


def command_for(config: Config, spec: PlateSpec, export: Path, out: Path, platedrop: str, timing: Path) -> list[str]:
    if config.kind == "platedrop":
        return [platedrop, "ingest", str(export), "--out", str(out), "--layout", "imagexpress",
                "--pyramid-levels", str(common.PYRAMID_LEVELS), "--overwrite", *config.arguments]  # fmt: skip
    return [sys.executable, str(HERE / "peer_pipelines.py"), config.kind, str(export), str(out / "BenchPlate.ome.zarr"),
            "--plate-format", str(spec.plate_format), "--timing", str(timing), *config.arguments]  # fmt: skip


def directory_bytes(root: Path) -> int:
    return sum(entry.stat().st_size for entry in root.rglob("*") if entry.is_file())


# --- checking a plate ----------------------------------------------------------------------------


def array_layout(array: zarr.Array) -> tuple[tuple[int, ...], dict]:
    """The chunk shape blosc sees (inner chunks when sharded) and the blosc configuration."""
    metadata = array.metadata.to_dict()
    codecs = metadata["codecs"]
    chunks = metadata["chunk_grid"]["configuration"]["chunk_shape"]
    if codecs[0]["name"] == "sharding_indexed":
        chunks = codecs[0]["configuration"]["chunk_shape"]
        codecs = codecs[0]["configuration"]["codecs"]
    blosc = [c.get("configuration", {}) for c in codecs if c["name"] == "blosc"]
    return tuple(chunks), (blosc[0] if blosc else {})


def check_plate(plate_dir: Path, export: common.Export) -> str | None:
    """None when the plate holds exactly the export's pixels in the agreed layout, else what is wrong."""
    root = zarr.open_group(plate_dir, mode="r")
    plate = root.attrs["ome"]["plate"]
    listed = sorted(w["path"] for w in plate["wells"])
    if listed != sorted(w.path for w in export.wells):
        return f"plate lists {len(listed)} wells, the export has {len(export.wells)}"
    for well in export.wells:
        images = root[well.path].attrs["ome"]["well"]["images"]
        if len(images) != len(well.fields):
            return f"{well.path}: {len(images)} fields, the export has {len(well.fields)}"
        for image, channel_files in zip(images, well.fields):
            field_group = root[f"{well.path}/{image['path']}"]
            datasets = field_group.attrs["ome"]["multiscales"][0]["datasets"]
            if len(datasets) != common.PYRAMID_LEVELS:
                return f"{field_group.path}: {len(datasets)} levels"
            source = common.read_field(channel_files)
            for level, dataset in enumerate(datasets):
                array = field_group[dataset["path"]]
                expected_shape = source.shape[:-2] + (source.shape[-2] >> level, source.shape[-1] >> level)
                if array.shape != expected_shape or array.dtype != source.dtype:
                    return f"{array.path}: {array.shape} {array.dtype}, expected {expected_shape} {source.dtype}"
                chunks, blosc = array_layout(array)
                if chunks != common.chunk_shape(expected_shape):
                    return f"{array.path}: chunks {chunks}"
                if any(blosc.get(key) != value for key, value in common.BLOSC.items()):
                    return f"{array.path}: blosc {blosc}"
            if not np.array_equal(field_group[datasets[0]["path"]][...], source):
                return f"{field_group.path}: level 0 differs from the TIFFs"
    return None


def validate_with_ome_zarr_models(plate_dir: Path) -> str | None:
    tool = Path(sys.executable).parent / "ome-zarr-models"
    result = subprocess.run([str(tool), "validate", str(plate_dir)], check=False, capture_output=True, text=True)
    if result.returncode != 0:
        return "ome-zarr-models: " + (result.stdout + result.stderr).strip()[-1500:]
    return None


# --- the plates ----------------------------------------------------------------------------------


def ensure_export(spec: PlateSpec, workdir: Path, platedrop: str) -> Path:
    """Generate the export once; a stamp of the generating arguments tells a reusable one apart.

    Checks the free space first: the export (unless reused) and one plate written at a time, which
    compresses to under the raw size.
    """
    export = workdir / "exports" / spec.name
    stamp = export.parent / f"{spec.name}.args"
    arguments = spec.sample_export_arguments()
    reusable = export.is_dir() and stamp.exists() and stamp.read_text() == " ".join(arguments)
    free = shutil.disk_usage(workdir).free
    needed = spec.raw_bytes * (1 if reusable else 2)
    print(f"{spec.name}: {free / 1e9:.0f} GB free in {workdir}, about {needed / 1e9:.1f} GB needed")
    if free < needed:
        raise SystemExit(f"not enough space for the {spec.name} plate")
    if reusable:
        return export
    shutil.rmtree(export, ignore_errors=True)
    stamp.unlink(missing_ok=True)
    export.parent.mkdir(parents=True, exist_ok=True)
    print(f"generating the {spec.name} export ({spec.raw_bytes / 1e6:.0f} MB raw) in {export}", flush=True)
    subprocess.run([platedrop, "sample-export", str(export), *arguments], check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(" ".join(arguments))
    return export


def warm_page_cache(export: Path) -> None:
    """Every run reads its input from memory, the first as much as the last."""
    for path in export.iterdir():
        with path.open("rb") as source:
            while source.read(16 * MIB):
                pass


# ext4 without a journal (this machine's root file system) passes over every free inode deleted in
# the last 60 s when it allocates one (fs/ext4/ialloc.c, recently_deleted), looking each up in the
# buffer cache. Deleting one run's plate right before the next made every file and directory of the
# next run slower: perf put a fifth of a 384-well PlateDrop run there. So finished plates are moved
# aside, not deleted, and the pile is deleted only when space runs short, then left to age untimed.
RECENT_DELETE_S = 65


class OutputTrash:
    """Finished plates, moved aside instead of deleted; see RECENT_DELETE_S."""

    def __init__(self, workdir: Path):
        self.root = workdir / "trash"
        self.moved = 0

    def discard(self, path: Path, room_needed: int) -> None:
        if path.exists():
            self.root.mkdir(exist_ok=True)
            path.rename(self.root / str(self.moved))
            self.moved += 1
        if shutil.disk_usage(self.root.parent).free < room_needed:
            self.empty(age=True)

    def empty(self, age: bool) -> None:
        if not self.root.exists():
            return
        shutil.rmtree(self.root, ignore_errors=True)
        os.sync()
        if age:
            print(f"  (deleted the finished plates; waiting {RECENT_DELETE_S} s, untimed, for their inodes to age)",
                  flush=True)
            time.sleep(RECENT_DELETE_S)


def clear_output(out: Path, trash: OutputTrash, room_needed: int) -> None:
    """Move the last run's plate aside and flush, untimed, so no run pays for another's writeback."""
    trash.discard(out, room_needed)
    out.mkdir(parents=True)
    os.sync()


def measure(config: Config, spec: PlateSpec, export: Path, workdir: Path, platedrop: str, repeats: int,
            trash: OutputTrash) -> Result:
    result = Result(config)
    out = workdir / "out" / spec.name / config.label.replace(" ", "_").replace("/", "-").replace(",", "")
    log = out.parent / (out.name + ".log")
    timing = out.parent / (out.name + ".timing.json")
    report = out.parent / (out.name + ".rusage.json")
    common_export = common.scan_export(export, spec.plate_format)
    for attempt in range(repeats):
        clear_output(out, trash, room_needed=2 * spec.raw_bytes + 5 * 10**9)
        try:
            run = run_measured(command_for(config, spec, export, out, platedrop, timing), log,
                               timing if config.kind != "platedrop" else None, report)  # fmt: skip
        except RuntimeError as error:
            result.problem = str(error)
            return result
        plate_dir = out / "BenchPlate.ome.zarr"
        written = directory_bytes(plate_dir)
        if attempt == 0:
            problem = check_plate(plate_dir, common_export)
            if problem is None and config.kind == "platedrop":
                problem = validate_with_ome_zarr_models(plate_dir)
            if problem:
                result.problem = problem
                return result
            result.output_bytes = written
        elif written != result.output_bytes:
            result.problem = f"run {attempt + 1} wrote {written} bytes, the checked run {result.output_bytes}"
            return result
        result.runs.append(run)
        first_wall = result.runs[0].wall_s
        if first_wall > SLOW_RUN_S or (first_wall > MEDIUM_RUN_S and len(result.runs) == 2):
            if len(result.runs) < repeats:
                limit = SLOW_RUN_S if first_wall > SLOW_RUN_S else MEDIUM_RUN_S
                result.note = f"(first run > {limit:.0f} s)"
            break
    trash.discard(out, room_needed=2 * spec.raw_bytes + 5 * 10**9)
    return result


def compression_bound(spec: PlateSpec, export: Path, workdir: Path) -> dict:
    report = workdir / "out" / f"{spec.name}.bound.json"
    subprocess.run(
        [sys.executable, str(HERE / "compression_bound.py"), str(export), "--plate-format", str(spec.plate_format),
         "--out", str(report)],
        check=True,
    )  # fmt: skip
    return json.loads(report.read_text())


# --- the report ----------------------------------------------------------------------------------


def ratio(peer: Result, platedrop: Result) -> str:
    """How many times faster PlateDrop is: peer wall / PlateDrop wall; '-' without a checked PlateDrop run."""
    if platedrop.problem or not platedrop.runs:
        return "-"
    return f"{peer.wall_s / platedrop.wall_s:.2f}x"


def print_table(spec: PlateSpec, results: list[Result], bound: dict) -> None:
    raw_mb = spec.raw_bytes / 1e6
    default, single = results[0], results[1]
    print(f"\n== {spec.name}: {len(spec.wells)} wells x {spec.fields} fields x {spec.channels} channels of "
          f"{spec.size}x{spec.size} uint16, {raw_mb:.0f} MB raw ==")  # fmt: skip
    header = f"{'configuration':<52} {'wall s':>7} {'MB/s':>6} {'CPU s':>6} {'start s':>7} {'RSS MiB':>7} {'out MB':>7} {'PD x':>6} {'PD(same threads) x':>18}  runs"
    print(header)
    print("-" * len(header))
    for result in results:
        if result.problem or not result.runs:
            print(f"{result.config.label:<52} FAILED: {result.problem}")
            continue
        runs = result.runs
        wall = result.wall_s
        like = single if result.config.threads == 1 else default
        startup = [r.startup_s for r in runs if r.startup_s is not None]
        is_platedrop = result.config.kind == "platedrop"
        print(
            f"{result.config.label:<52} {wall:7.2f} {raw_mb / wall:6.0f} {statistics.median(r.cpu_s for r in runs):6.1f} "
            f"{(f'{statistics.median(startup):.2f}' if startup else '-'):>7} "
            f"{max(r.peak_rss_bytes for r in runs) / MIB:7.0f} {result.output_bytes / 1e6:7.0f} "
            f"{'-' if is_platedrop else ratio(result, default):>6} "
            f"{'-' if is_platedrop else ratio(result, like):>18}  {len(runs)} {result.note}"
        )
    peers = [r for r in results if r.config.kind != "platedrop" and r.runs and not r.problem]
    if default.runs and not default.problem:
        if peers:
            fastest = min(peers, key=lambda r: r.wall_s)
            print(f"fastest peer: {fastest.config.label}, {fastest.wall_s:.2f} s; "
                  f"PlateDrop default is {ratio(fastest, default)} as fast")  # fmt: skip
        raw = bound["raw_bytes"] / 1e6
        for build, description in [("debian", "Debian's libblosc, which PlateDrop links"),
                                   ("numcodecs", "numcodecs' blosc with its bundled zstd, which the peers use")]:
            timing = bound[build]
            bound_mbs = raw / min(timing["blosc_threads_s"], timing["process_pool_s"])
            print(
                f"compression bound, {description} (zstd 5 bitshuffle, level 0 + 2 levels, {os.cpu_count()} cores, "
                f"in memory): {bound_mbs:.0f} MB/s raw (blosc threads {raw / timing['blosc_threads_s']:.0f}, "
                f"process pool {raw / timing['process_pool_s']:.0f}); PlateDrop default reaches "
                f"{raw_mb / default.wall_s / bound_mbs:.0%} of it"
            )


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--platedrop", required=True, help="the platedrop binary (a release build)")
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--plates", default=",".join(PLATES), help="comma-separated: " + ", ".join(PLATES))
    parser.add_argument("--repeats", type=int, default=3, help="runs per configuration; the median counts")
    parser.add_argument("--only", default="", help="run only configurations whose label contains this")
    args = parser.parse_args()

    platedrop = str(Path(args.platedrop).resolve())
    args.workdir.mkdir(parents=True, exist_ok=True)
    trash = OutputTrash(args.workdir)
    trash.empty(age=True)
    started = time.perf_counter()
    print(f"load average before: {load_average()} (1, 5, 15 min; {os.cpu_count()} cores)")
    print(f"wall s: median of {args.repeats} runs (2 when the first takes > {MEDIUM_RUN_S:.0f} s, 1 when > "
          f"{SLOW_RUN_S:.0f} s), each a fresh process, interpreter start-up and imports "
          f"included ('start s' shows that part); MB = 10^6 bytes of raw level-0 input; RSS: peak of the "
          f"process tree; 'PD x' = peer wall / PlateDrop default wall (> 1: PlateDrop faster); "
          f"'PD(same threads) x' compares with PlateDrop run with as many workers as the peer's threads")  # fmt: skip
    for name in args.plates.split(","):
        spec = PLATES[name]
        export = ensure_export(spec, args.workdir, platedrop)
        warm_page_cache(export)
        results = []
        configs = configurations()
        # The PlateDrop rows are the reference for every ratio, so they always run.
        selected = [c for c in configs if c.kind == "platedrop" or args.only in c.label]
        for config in selected:
            print(f"[{time.perf_counter() - started:6.0f} s] {spec.name}: {config.label}", flush=True)
            results.append(measure(config, spec, export, args.workdir, platedrop, args.repeats, trash))
        bound = compression_bound(spec, export, args.workdir)
        print_table(spec, results, bound)
    trash.empty(age=False)
    print(f"\nload average after: {load_average()}; bench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
