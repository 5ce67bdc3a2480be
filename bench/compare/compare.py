"""Side-by-side run of PlateDrop and the Python peers on the real corpus, then one table.

Runs in the reader venv (.build/compare-venv); each peer runs in its own venv through its driver in
drivers/, as a child process with a timeout. Usage (run.sh passes all of these):

  compare.py --corpus DIR --out DIR --platedrop BIN --venvs DIR [--timeout S] [--budget S] [--only TEXT]

--timeout bounds each run (default 300 s), --budget the whole run (default 1080 s): once it is spent,
the runs left are reported as skipped and the table is still printed.

Writes OUT/<tool>/<export>/ (plates), OUT/logs/<tool>/<export>.log (each run's output) and
OUT/report.json; prints the table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np

from inspect_zarr import ImageInfo, PlateInfo, load_level0, read_plate

HERE = Path(__file__).resolve().parent
DRIVERS = HERE / "drivers"

PLATEDROP = "platedrop"
FAIM = "faim-ipa"
FRACTAL = "fractal-uzh-converters"
OPERETTA = "operetta-compose"

# peer -> (venv folder under --venvs, driver script)
PEERS = {
    FAIM: ("peer-faim-ipa", "faim_ipa_driver.py"),
    FRACTAL: ("peer-fractal-uzh", "fractal_uzh_driver.py"),
    OPERETTA: ("peer-operetta-compose", "operetta_compose_driver.py"),
}

# export (under the corpus) -> [(peer, driver arguments before EXPORT_DIR OUT_DIR)]
# Every export a peer claims to read; the metadata-only ones show how far each converter gets.
EXPORTS: list[tuple[str, list[tuple[str, list[str]]]]] = [
    ("imagexpress/faim-ipa-metaxpress-stored", [(FAIM, ["imagexpress"])]),
    ("imagexpress/faim-ipa-metaxpress-exported", [(FAIM, ["imagexpress"])]),
    ("imagexpress-hcsai/fractal-uzh-converters", [(FRACTAL, ["imagexpress_hcs"])]),
    ("yokogawa/faim-ipa-cv8000", [(FAIM, ["cellvoyager"]), (FRACTAL, ["cellvoyager"])]),
    ("yokogawa/cellvoyager-types", [(FRACTAL, ["cellvoyager"])]),
    ("yokogawa/fractal-uzh-converters-cv7000", [(FRACTAL, ["cellvoyager_png"])]),
    ("yokogawa/fractal-tasks-core", [(FRACTAL, ["cellvoyager"])]),
    ("yokogawa/fractal-uzh-converters-cq3000", [(FRACTAL, ["cq3k"])]),
    ("yokogawa/fractal-uzh-converters-cq3000-upstream", [(FRACTAL, ["cq3k"])]),
    ("harmony/operetta-compose", [(OPERETTA, []), (FRACTAL, ["operetta"])]),
    ("harmony/pe2loaddata-phenix", [(OPERETTA, []), (FRACTAL, ["operetta"])]),
    ("harmony/fractal-uzh-converters", [(FRACTAL, ["operetta"])]),
    ("scanr/fractal-uzh-converters", [(FRACTAL, ["scanr"])]),
]


def shorten(text: str, limit: int = 150) -> str:
    text = re.sub(r"(/[^\s'\"/]+)+/([^\s'\"/]+)", r"\2", text)  # paths -> base names
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_child(cmd: list[str], log: Path, timeout: float, env: dict | None = None) -> tuple[int | None, str, float]:
    """Runs cmd in its own process group; returns (exit code or None on timeout, stdout, seconds)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with open(log, "w") as err:
        err.write("$ " + " ".join(cmd) + "\n")
        err.flush()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True, env=env
        )
        try:
            out, _ = proc.communicate(timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            code = None
        err.write("\n--- stdout ---\n" + (out or ""))
    return code, out or "", time.monotonic() - started


# ---------------------------------------------------------------------------------------------------
# running


def run_platedrop(binary: Path, export_dir: Path, out: Path, log: Path, timeout: float) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    code, stdout, seconds = run_child([str(binary), "ingest", str(export_dir), "--out", str(out)], log, timeout)
    m = re.search(r"^rejected (\d+) file", stdout, re.M)
    result = {"exit_code": code, "rejected": int(m.group(1)) if m else 0, "seconds": round(seconds, 2)}
    if code is None:
        result["status"] = f"failed: timeout after {timeout:.0f} s"
    elif code in (0, 1):
        result["status"] = f"exit {code}, {result['rejected']} rejected"
    else:
        last = [line for line in log.read_text().splitlines() if line.strip() and not line.startswith("---")]
        result["status"] = f"exit {code}: " + shorten(last[-1] if last else "", 110)
    result["plates"] = sorted(str(p) for p in out.glob("*.zarr"))
    return result


def run_peer(peer: str, args: list[str], venvs: Path, export_dir: Path, out: Path, log: Path, timeout: float) -> dict:
    venv, driver = PEERS[peer]
    python = venvs / venv / "bin" / "python"
    shutil.rmtree(out, ignore_errors=True)
    staging = out.parent / (out.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    if not python.exists() or not (venvs / venv / ".compare-stamp").exists():
        return {"status": f"failed: venv {venv} not installed (see install log)", "plates": []}
    out.mkdir(parents=True)
    cmd = [str(python), str(DRIVERS / driver), *args, str(export_dir), str(out)]
    if peer == FRACTAL:
        cmd.append(str(staging))
    code, stdout, seconds = run_child(cmd, log, timeout, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    result: dict = {"seconds": round(seconds, 2), "exit_code": code}
    if code is None:
        result.update(status=f"failed: timeout after {timeout:.0f} s", plates=[])
        return result
    line = next((ln for ln in reversed(stdout.splitlines()) if ln.startswith("RESULT ")), None)
    if line is None:
        tail = [ln for ln in log.read_text().splitlines() if ln.strip() and not ln.startswith("---")]
        result.update(status="failed: " + shorten(tail[-1] if tail else f"exit {code}", 110), plates=[])
        return result
    acqs = json.loads(line[len("RESULT ") :])["acquisitions"]
    result["acquisitions"] = acqs
    ok = [a for a in acqs if a["status"] == "ok"]
    failed = [a for a in acqs if a["status"] != "ok"]
    reasons = "; ".join(f"{a['name']}: {shorten(a.get('reason', ''), 90)}" for a in failed)
    if not failed:
        result["status"] = "ok" if len(acqs) == 1 else f"ok ({len(acqs)}/{len(acqs)} acquisitions)"
    elif not ok:
        result["status"] = "failed: " + (reasons if len(acqs) > 1 else shorten(failed[0].get("reason", ""), 110))
    else:
        result["status"] = f"partial ({len(ok)}/{len(acqs)} acquisitions); failed: {reasons}"
    result["plates"] = sorted({p for a in ok for p in a["plates"]})
    return result


# ---------------------------------------------------------------------------------------------------
# summarising


def fmt_num(x: float) -> str:
    return f"{x:.6g}"


def distinct(values) -> list:
    seen = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return seen


def summarise(plates: list[PlateInfo], stitched: bool) -> dict:
    images: list[ImageInfo] = [im for p in plates for w in p.wells for im in w.images]
    wells = [w for p in plates for w in p.wells]
    per_well = distinct(len(w.images) for w in wells)
    if not wells:
        wells_fields = "0 wells"
    elif stitched:
        wells_fields = f"{len(wells)} × stitched" + ("" if per_well == [1] else f" ({'/'.join(map(str, sorted(per_well)))} img/well)")
    else:
        counts = sorted(per_well)
        span = str(counts[0]) if len(counts) == 1 else f"{counts[0]}-{counts[-1]}"
        wells_fields = f"{len(wells)} × {span} fields"
    channels = distinct(f"{c['label']} {c['color'] or '(no colour)'}" for im in images for c in im.channels)
    zs = distinct(im.size("z") for im in images)
    ts = distinct(im.size("t") for im in images)
    pixels = []
    for im in images:
        y, x = im.scale.get("y"), im.scale.get("x")
        unit = im.units.get("x") or "(no unit)"
        size = fmt_num(x) if x == y else f"y {fmt_num(y)} x {fmt_num(x)}"
        pixels.append(f"{size} {unit}")
    tables = sorted({t for im in images for t in im.tables})
    translation = any(im.has_translation for im in images)
    return {
        "plates": len(plates),
        "ngff": distinct(f"{p.ngff_version} (zarr v{p.zarr_format})" for p in plates),
        "wells": len(wells),
        "wells_fields": wells_fields,
        "channels": channels,
        "z": ["-" if v is None else v for v in zs],
        "t": ["-" if v is None else v for v in ts],
        "pixel_size": distinct(pixels),
        "tables": tables,
        "translation": translation,
        "errors": [p.error for p in plates if p.error],
    }


def plate_detail(p: PlateInfo) -> dict:
    return {
        "path": p.path,
        "ngff": p.ngff_version,
        "zarr_format": p.zarr_format,
        "error": p.error,
        "wells": [
            {
                "path": w.path,
                "images": [
                    {
                        "path": im.path,
                        "axes": im.axes,
                        "units": im.units,
                        "shape": list(im.shape),
                        "dtype": im.dtype,
                        "scale": im.scale,
                        "translation": im.has_translation,
                        "channels": im.channels,
                        "tables": im.tables,
                        "fov_offsets": im.fov_offsets,
                    }
                    for im in w.images
                ],
            }
            for w in p.wells
        ],
    }


# ---------------------------------------------------------------------------------------------------
# pixel agreement


def candidate_offsets(image: ImageInfo, h: int, w: int, H: int, W: int) -> list[tuple[int, int]]:
    """Where a field may sit in a stitched well image: the FOV_ROI_table starts (±1 px for rounding),
    then every tile position on a grid of the field size."""
    offsets: list[tuple[int, int]] = []
    for y, x in image.fov_offsets:
        for dy in (0, -1, 1):
            for dx in (0, -1, 1):
                offsets.append((y + dy, x + dx))
    offsets += [(i * h, j * w) for i in range(H // h) for j in range(W // w)]
    return [o for o in distinct(offsets) if 0 <= o[0] and 0 <= o[1] and o[0] + h <= H and o[1] + w <= W]


def find_plane(plane: np.ndarray, peer_images: list[tuple[ImageInfo, np.ndarray]], hint: int) -> bool:
    h, w = plane.shape
    for image, planes in peer_images:
        if planes.dtype != plane.dtype:
            continue
        H, W = planes.shape[-2:]
        offsets = candidate_offsets(image, h, w, H, W)
        order = [hint] + [k for k in range(planes.shape[0]) if k != hint] if hint < planes.shape[0] else range(planes.shape[0])
        for k in order:
            for y, x in offsets:
                block = planes[k, y : y + h, x : x + w]
                if not np.array_equal(block[0], plane[0]) or not np.array_equal(block[-1], plane[-1]):
                    continue
                if np.array_equal(block, plane):
                    return True
    return False


def pixel_agreement(pd_plates: list[PlateInfo], peer_plates: list[PlateInfo]) -> dict:
    """For every level-0 y-x plane of every PlateDrop field: is it, bit for bit, a block of a level-0
    plane of an image the peer wrote for the same well (row/column), in any of its plates?
    Uniform planes (one value throughout, e.g. all-zero placeholders) are counted separately too:
    they match any uniform region of the same value and so prove little."""
    by_well: dict[tuple, list[ImageInfo]] = {}
    for p in peer_plates:
        for wl in p.wells:
            by_well.setdefault(wl.key, []).extend(wl.images)
    equal = total = uniform = uniform_equal = 0
    missing_wells = set()
    unmatched: list[str] = []
    for p in pd_plates:
        for wl in p.wells:
            candidates = by_well.get(wl.key, [])
            loaded = [(im, load_level0(im)) for im in candidates]
            if not candidates:
                missing_wells.add(f"{Path(p.path).name}/{wl.path}")
            for im in wl.images:
                planes = load_level0(im)
                for k in range(planes.shape[0]):
                    total += 1
                    flat = bool(planes[k].min() == planes[k].max())
                    uniform += flat
                    found = bool(loaded) and find_plane(planes[k], loaded, k)
                    equal += found
                    uniform_equal += found and flat
                    if not found and len(unmatched) < 200:
                        unmatched.append(f"{Path(im.path).relative_to(Path(p.path).parent)} plane {k}")
            del loaded
    return {
        "equal": equal,
        "total": total,
        "uniform_planes": uniform,
        "uniform_planes_equal": uniform_equal,
        "wells_missing_in_peer": sorted(missing_wells),
        "unmatched_planes": unmatched,
    }


# ---------------------------------------------------------------------------------------------------
# table

COLUMNS = [
    ("tool", 22),
    ("result", 34),
    ("plates (NGFF)", 13),
    ("wells × fields", 18),
    ("channels (label colour)", 30),
    ("z", 5),
    ("t", 5),
    ("pixel size (level 0)", 22),
    ("tables / positions", 26),
    ("level-0 planes equal", 20),
]


def row_cells(tool: str, run: dict, summary: dict | None, agreement: str) -> list[str]:
    if summary is None:
        return [tool, run["status"], str(len(run.get("plates", []))), "", "", "", "", "", "", agreement]
    tables = ", ".join(summary["tables"]) if summary["tables"] else "none"
    if summary["translation"]:
        tables += " (+translation)"
    return [
        tool,
        run["status"] + (f"; {'; '.join(summary['errors'])}" if summary["errors"] else ""),
        f"{summary['plates']} ({', '.join(v.split(' ')[0] for v in summary['ngff'])})",
        summary["wells_fields"],
        ", ".join(summary["channels"]) or "none",
        ",".join(map(str, summary["z"])) or "",
        ",".join(map(str, summary["t"])) or "",
        "; ".join(summary["pixel_size"]),
        tables,
        agreement,
    ]


def render_row(cells: list[str]) -> str:
    wrapped = [textwrap.wrap(c, width) or [""] for c, (_, width) in zip(cells, COLUMNS)]
    lines = []
    for i in range(max(len(w) for w in wrapped)):
        lines.append(
            "  ".join((w[i] if i < len(w) else "").ljust(width) for w, (_, width) in zip(wrapped, COLUMNS)).rstrip()
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--platedrop", type=Path, required=True)
    ap.add_argument("--venvs", type=Path, required=True)
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("COMPARE_TIMEOUT", 300)))
    ap.add_argument("--budget", type=float, default=float(os.environ.get("COMPARE_BUDGET", 1080)))
    ap.add_argument("--only", default="", help="run only exports whose path contains this text")
    a = ap.parse_args()
    corpus, out, venvs = a.corpus.resolve(), a.out.resolve(), a.venvs.resolve()
    platedrop = a.platedrop.absolute()
    started = time.monotonic()

    def timeout() -> float:
        """This run's limit: --timeout, or what is left of --budget when that is less (0: skip)."""
        left = a.budget - (time.monotonic() - started)
        return max(0.0, min(a.timeout, left))

    report: dict = {"corpus": str(corpus), "platedrop": str(platedrop), "exports": []}

    for export, peers in EXPORTS:
        if a.only and a.only not in export:
            continue
        export_dir = corpus / export
        entry: dict = {"export": export, "tools": {}}
        report["exports"].append(entry)
        if not export_dir.is_dir():
            entry["missing"] = True
            print(f"[compare] {export}: not in the corpus, skipped", file=sys.stderr)
            continue
        print(f"[compare] {export}: platedrop", file=sys.stderr, flush=True)
        skipped = {"status": "skipped: time budget spent", "plates": []}
        runs = {
            PLATEDROP: run_platedrop(
                platedrop, export_dir, out / PLATEDROP / export, out / "logs" / PLATEDROP / f"{export}.log", timeout()
            )
            if timeout() > 0
            else dict(skipped)
        }
        for peer, args in peers:
            print(f"[compare] {export}: {peer}", file=sys.stderr, flush=True)
            runs[peer] = (
                run_peer(peer, args, venvs, export_dir, out / peer / export, out / "logs" / peer / f"{export}.log", timeout())
                if timeout() > 0
                else dict(skipped)
            )
            print(f"[compare]   {runs[peer]['status']}", file=sys.stderr, flush=True)
        plates = {tool: [read_plate(Path(p)) for p in run.get("plates", [])] for tool, run in runs.items()}
        for tool, run in runs.items():
            tool_entry = dict(run)
            if run.get("plates"):
                tool_entry["summary"] = summarise(plates[tool], stitched=tool != PLATEDROP)
                tool_entry["plate_details"] = [plate_detail(p) for p in plates[tool]]
            if tool != PLATEDROP:
                if not plates[PLATEDROP]:
                    tool_entry["agreement"] = "n/a (no PlateDrop plate)"
                elif not plates[tool]:
                    tool_entry["agreement"] = "n/a (no plate)"
                else:
                    agreement = pixel_agreement(plates[PLATEDROP], plates[tool])
                    tool_entry["pixel_agreement"] = agreement
                    text = f"{agreement['equal']}/{agreement['total']} planes equal"
                    if agreement["uniform_planes"]:
                        text += f" ({agreement['uniform_planes']} PlateDrop planes uniform)"
                    tool_entry["agreement"] = text
            else:
                tool_entry["agreement"] = "(reference)"
            entry["tools"][tool] = tool_entry

    report["seconds"] = round(time.monotonic() - started, 1)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2, default=str) + "\n")

    header = render_row([name for name, _ in COLUMNS])
    rule = "-" * max(len(line) for line in header.splitlines())
    print("PlateDrop beside faim-ipa, fractal-uzh-converters and operetta-compose on " + str(corpus))
    print("'stitched': the peer wrote one image per well. '-': the axis is absent. Planes equal: each level-0")
    print("y-x plane of each PlateDrop field, found bit for bit as a block of a level-0 plane of the peer's")
    print("image of the same well (at a FOV_ROI_table start or on the field-size grid), in any peer plate;")
    print("'uniform' planes hold one value throughout (e.g. all-zero pixels) and match any such region.")
    for entry in report["exports"]:
        print()
        print(f"== {entry['export']}" + ("  (not in the corpus)" if entry.get("missing") else ""))
        if entry.get("missing"):
            continue
        print(header)
        print(rule)
        for tool, t in entry["tools"].items():
            print(render_row(row_cells(tool, t, t.get("summary"), t["agreement"])))
    print()
    print(f"report: {out / 'report.json'}; logs: {out / 'logs'}; {report['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
