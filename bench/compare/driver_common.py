"""Shared by the peer drivers (stdlib only: each driver runs in its peer's own venv).

A driver converts every acquisition it finds in one export, one at a time, and ends by printing one line
`RESULT {json}` that compare.py reads: {"acquisitions": [{"name", "status": "ok"|"failed", "reason",
"plates": [paths]}]}. A failure inside one acquisition is caught and recorded; the next one still runs.
"""

import json
import re
import sys
import time
import traceback
from pathlib import Path


def short_reason(exc: BaseException, limit: int = 160) -> str:
    if isinstance(exc, FileNotFoundError) and exc.filename:
        text = f"file not found: {Path(str(exc.filename)).name}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    text = re.sub(r"(/[^\s'\"/]+)+/([^\s'\"/]+)", r"\2", text)  # paths -> base names
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Results:
    def __init__(self) -> None:
        self.acquisitions: list[dict] = []

    def run(self, name: str, fn, *args, **kwargs) -> None:
        """Calls fn(*args, **kwargs), which returns the plate paths it wrote; records ok or failed."""
        started = time.monotonic()
        entry = {"name": name}
        try:
            plates = fn(*args, **kwargs)
            entry.update(status="ok", plates=[str(p) for p in plates])
        except BaseException as exc:  # noqa: BLE001 - one failing acquisition must not stop the others
            if isinstance(exc, KeyboardInterrupt):
                raise
            traceback.print_exc(file=sys.stderr)
            entry.update(status="failed", reason=short_reason(exc), plates=[])
        entry["seconds"] = round(time.monotonic() - started, 2)
        print(f"[driver] {name}: {entry['status']} {entry.get('reason', '')}", file=sys.stderr, flush=True)
        self.acquisitions.append(entry)

    def note_failure(self, name: str, reason: str) -> None:
        self.acquisitions.append({"name": name, "status": "failed", "reason": reason, "plates": []})

    def emit(self) -> None:
        print("RESULT " + json.dumps({"acquisitions": self.acquisitions}), flush=True)


def plates_under(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.zarr") if p.is_dir() and not any(q.suffix == ".zarr" for q in p.parents))
