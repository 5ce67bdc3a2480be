"""The daemon's web view as its users see it: a browser, Prometheus, and anyone who decodes its PNGs.

A plate is delivered well by well to `platedrop serve` with `[web] listen` on a free loopback port. While it
fills, Debian's chromium renders the plate page to PNG (kept at $PLATEDROP_SCREENSHOT; `make test` puts it
under .build/), and the written wells' thumbnails must be visible in it; when the next well is written the
open page shows it too, without reloading. The overview counts the wells written against the plan's. Each
thumbnail, decoded by Pillow, must be the lowest pyramid level as zarr-python reads it, composited with the
omero colours and windows. `/metrics`, parsed by prometheus_client, must count what the catalogue holds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import urllib.request
from collections import deque
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
import zarr
from PIL import Image
from prometheus_client.parser import text_string_to_metric_families

from browser import Browser
from runners import assert_exit_status, describe
from test_daemon_interop import DEADLINE_SECONDS, ServingDaemon, write_config
from workspace import PlateDrop

PLATE = "webview"
WELLS = ("B3", "A1", "C2")
# Large enough for a whole 96-well plate map.
WINDOW = (1280, 960)
# How large the plate map draws a thumbnail (PageStyle: `table.map td.well img`).
THUMBNAIL_SIDE = 68
ALL_THUMBNAILS_LOADED = ("document.querySelectorAll('td.well.written img').length === {count} && "
                         "Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)")


def wait_for(what: str, daemon: ServingDaemon, probe):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while (value := probe()) is None:
        assert time.monotonic() < deadline, f"timed out waiting for {what}{daemon.transcript()}"
        time.sleep(0.25)
    return value


def web_address(daemon: ServingDaemon) -> str:
    """The base URL the daemon logged once listening (it was given port 0)."""
    def probe():
        match = re.search(r"web view at (http://127\.0\.0\.1:\d+)/", daemon.log.read_text(errors="replace"))
        return match.group(1) if match else None
    return wait_for("the web view to listen", daemon, probe)


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:
        assert answer.status == 200, url
        return answer.read()


def cli_json(platedrop: PlateDrop, catalog: Path, *args):
    result = platedrop(*args, "--json", "--catalog", catalog)
    assert_exit_status(result, 0)
    return result


def written_wells(platedrop: PlateDrop, catalog: Path) -> dict[str, int]:
    """Written wells of the plate with their generation; empty while the catalogue does not exist yet."""
    result = platedrop("wells", "--plate", PLATE, "--json", "--catalog", catalog)
    if result.returncode != 0:
        return {}
    return {well["well"]: well["generation"] for well in json.loads(result.stdout) if well["state"] == "written"}


def expected_thumbnail(store: Path, well: str) -> np.ndarray:
    """What the view promises: field 0's lowest level, first timepoint, maximum over z, each channel through its
    omero window onto its colour, channels added, 8 bits per colour."""
    field = zarr.open_group(str(store / well[0] / well[1:] / "0"), mode="r")
    ome = field.attrs.get("ome", field.attrs)
    multiscale = ome["multiscales"][0]
    axes = [axis["name"] for axis in multiscale["axes"]]
    pixels = np.asarray(field[multiscale["datasets"][-1]["path"]][...], dtype=np.float64)
    if "t" in axes:
        pixels = pixels[0]
    pixels = pixels.max(axis=1)  # c, z, y, x → c, y, x
    total = np.zeros(pixels.shape[1:] + (3,))
    for channel, look in zip(pixels, ome["omero"]["channels"]):
        start, end = look["window"]["start"], look["window"]["end"]
        level = np.clip((channel - start) / (end - start), 0, 1)
        colour = np.array([int(look["color"][i:i + 2], 16) / 255 for i in (0, 2, 4)])
        total += level[..., None] * colour
    return np.rint(np.clip(total, 0, 1) * 255).astype(np.uint8)


def written_cells(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (top, left, bottom, right) of the plate map's written wells: the connected areas of their
    border colour (#2a2, PageStyle) at least 60 pixels square (the legend's "written" is wider than high)."""
    border = (np.abs(image.astype(int) - (0x22, 0xAA, 0x22)).max(axis=2) <= 3)
    seen = np.zeros_like(border)
    boxes = []
    for y, x in zip(*np.nonzero(border)):
        if seen[y, x]:
            continue
        seen[y, x] = True
        queue, top, left, bottom, right = deque([(y, x)]), y, x, y, x
        while queue:
            cy, cx = queue.popleft()
            top, left, bottom, right = min(top, cy), min(left, cx), max(bottom, cy), max(right, cx)
            for ny, nx in ((cy - 1, cx), (cy + 1, cx), (cy, cx - 1), (cy, cx + 1)):
                if 0 <= ny < border.shape[0] and 0 <= nx < border.shape[1] and border[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    queue.append((ny, nx))
        if bottom - top >= 60 and right - left >= 60:
            boxes.append((int(top), int(left), int(bottom) + 1, int(right) + 1))
    return sorted(boxes)


def assert_thumbnails_visible(image: np.ndarray, thumbnails: dict[str, np.ndarray]) -> None:
    """One written cell per written well, each showing its thumbnail: somewhere inside the cell, the server's
    PNG scaled to the drawn size (THUMBNAIL_SIDE) matches what the browser drew, pixel for pixel on average."""
    cells = written_cells(image)
    assert len(cells) == len(thumbnails), f"{len(cells)} written cells for wells {sorted(thumbnails)}: {cells}"
    scaled = {well: np.asarray(Image.fromarray(pixels).resize((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.BILINEAR),
                               dtype=np.float64) for well, pixels in thumbnails.items()}
    unmatched = set(thumbnails)
    for top, left, bottom, right in cells:
        inside = image[top:bottom, left:right].astype(np.float64)
        assert (inside.max(axis=2) > 120).sum() > 20 and (inside.max(axis=2) < 40).sum() > 500, \
            f"the cell at {(top, left)} shows no thumbnail"
        differences = {
            well: min(np.abs(inside[y:y + THUMBNAIL_SIDE, x:x + THUMBNAIL_SIDE] - scaled[well]).mean()
                      for y in range(bottom - top - THUMBNAIL_SIDE + 1) for x in range(right - left - THUMBNAIL_SIDE + 1))
            for well in unmatched
        }
        well, difference = min(differences.items(), key=lambda item: item[1])
        assert difference < 12, f"the cell at {(top, left)} matches no thumbnail well enough: {differences}"
        unmatched.remove(well)


def metric_samples(text: str) -> dict[tuple[str, tuple], float]:
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


@pytest.fixture
def screenshot_path(tmp_path: Path) -> Path:
    path = Path(os.environ.get("PLATEDROP_SCREENSHOT", tmp_path / "web-view.png"))
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_web_view_while_a_plate_fills(platedrop: PlateDrop, tmp_path: Path, screenshot_path: Path):
    source = tmp_path / "sources" / PLATE
    export = platedrop(
        "sample-export", source, "--layout", "yokogawa", "--plate", PLATE, "--format", "96",
        "--wells", ",".join(WELLS), "--fields", "2", "--channels", "3", "--z", "3", "--size", "300x300",
    )
    assert_exit_status(export, 0)
    watched, output, catalog = tmp_path / "watched", tmp_path / "plates", tmp_path / "catalog.sqlite"
    destination = watched / PLATE
    destination.mkdir(parents=True)
    store = output / f"{PLATE}.ome.zarr"
    config = write_config(tmp_path, watched, output, catalog, "0.5", "")
    config.write_text(config.read_text() + '\n[web]\nlisten = "127.0.0.1:0"\n')

    with ServingDaemon(platedrop.binary, config, tmp_path / "serve.log") as daemon, \
            Browser(tmp_path / "chromium-profile", WINDOW) as browser:
        base = web_address(daemon)
        for plan in ("MeasurementData.mlf", "MeasurementDetail.mrf"):
            shutil.copy(source / plan, destination)
        thumbnails: dict[str, np.ndarray] = {}
        for count, well in enumerate(WELLS, start=1):
            for image in sorted(source.glob(f"{PLATE}_{well[0]}{int(well[1:]):02d}_*.tif")):
                shutil.copy(image, destination)
            generation = wait_for(f"well {well} written", daemon, lambda: written_wells(platedrop, catalog).get(well))
            served = Image.open(BytesIO(get(f"{base}/plates/{PLATE}/wells/{well}/thumbnail.png?generation={generation}")))
            assert served.format == "PNG" and served.mode == "RGB"
            thumbnails[well] = np.asarray(served)
            expected = expected_thumbnail(store, well)
            assert thumbnails[well].shape == expected.shape
            assert np.abs(thumbnails[well].astype(int) - expected.astype(int)).max() <= 1, f"thumbnail of {well}"
            if count == len(WELLS) - 1:
                # The plate is still filling: the overview counts its wells against the plan's (the mlf's), and
                # its page, as a browser shows it.
                plate = cli_json(platedrop, catalog, "plate", PLATE)
                assert json.loads(plate.stdout)["state"] == "receiving"
                progress = f"<td>{count} / {len(WELLS)}</td>"
                wait_for(f"the overview to show {progress}", daemon,
                         lambda: True if progress in get(f"{base}/").decode() else None)
                page = browser.open(f"{base}/plates/{PLATE}")
                browser.wait_until(page, ALL_THUMBNAILS_LOADED.format(count=count), DEADLINE_SECONDS)
                browser.evaluate(page, "window.openedOnce = true")
                screenshot_path.write_bytes(browser.screenshot(page))
                assert_thumbnails_visible(np.asarray(Image.open(screenshot_path).convert("RGB")), thumbnails)
            elif count == len(WELLS):
                # The open page catches up by itself, without a reload (which would forget openedOnce).
                browser.wait_until(page, ALL_THUMBNAILS_LOADED.format(count=count), DEADLINE_SECONDS)
                assert browser.evaluate(page, "window.openedOnce") is True
                updated = np.asarray(Image.open(BytesIO(browser.screenshot(page))).convert("RGB"))
                assert_thumbnails_visible(updated, thumbnails)

        finalized = platedrop("wait", PLATE, "--timeout", str(DEADLINE_SECONDS), "--catalog", catalog)
        assert finalized.returncode == 0, describe(finalized) + daemon.transcript()

        assert get(f"{base}/api/plates/{PLATE}").decode() == cli_json(platedrop, catalog, "plate", PLATE).stdout
        assert get(f"{base}/api/plates").decode() == cli_json(platedrop, catalog, "plates").stdout
        plates = json.loads(get(f"{base}/api/plates"))
        assert [plate["expectedWells"] for plate in plates] == [len(WELLS)]
        overview = get(f"{base}/").decode()
        assert "<th>Wells written / expected</th>" in overview and f"<td>{len(WELLS)} / {len(WELLS)}</td>" in overview

        samples = metric_samples(get(f"{base}/metrics").decode())
        status = json.loads(cli_json(platedrop, catalog, "status").stdout)
        wells = json.loads(cli_json(platedrop, catalog, "wells").stdout)
        rejected = json.loads(cli_json(platedrop, catalog, "files", "--state", "rejected").stdout)
        for kind, states in (("files", ("stable", "ingested", "ignored", "rejected", "vanished")),
                             ("wells", ("receiving", "ready", "writing", "written", "failed")),
                             ("plates", ("receiving", "complete", "finalized"))):
            for state in states:
                assert samples[(f"platedrop_{kind}", (("state", state),))] == status[kind].get(state, 0), (kind, state)
        assert samples[("platedrop_files_seen_total", ())] == sum(status["files"].values())
        roles = {"unrecognized_name": "other", "unusable_image": "image", "unusable_plan": "plan"}
        for reason, role in roles.items():
            assert samples[("platedrop_files_rejected", (("reason", reason),))] == sum(f["role"] == role for f in rejected)
        writes = sum(well["generation"] for well in wells)
        assert samples[("platedrop_wells_written_total", ())] == writes == len(WELLS)
        assert samples[("platedrop_wells_failed_total", ())] == 0
        assert samples[("platedrop_well_latency_seconds_count", ())] == writes
        assert samples[("platedrop_write_duration_seconds_count", ())] >= 1
        assert samples[("platedrop_source_bytes_read_total", ())] > 0
        assert samples[("platedrop_bytes_written_total", ())] > 0
        assert samples[("platedrop_queue_events", ())] == status["daemon"]["queue"]
        assert samples[("platedrop_output_free_bytes", (("output", str(output)),))] > 0
        assert abs(samples[("platedrop_last_write_timestamp_seconds", ())] - time.time()) < 3600
        assert daemon.stop() == 0, daemon.transcript()
