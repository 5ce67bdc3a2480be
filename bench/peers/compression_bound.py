"""How fast this machine can blosc-compress a plate's chunks, with nothing else to do.

    compression_bound.py EXPORT --plate-format N --out FILE

Compresses the chunks every writer compresses (level 0 plus the two 2x2-mean levels of every
plane, cut into 1024^2 chunks or whole planes when smaller) with blosc zstd 5 bitshuffle
typesize 2, all in memory, reading and downsampling done beforehand, with two builds of blosc:
numcodecs' (bundled zstd, what the Python peers use) and Debian's libblosc through ctypes (what
PlateDrop links). Two ways to use every core: blosc's own threads on each chunk, or one process
per core over the chunks; the faster one is the bound. Each is timed twice and the faster pass
kept, as a bound should. Writes, as JSON to FILE: {"raw_bytes", "numcodecs": {...},
"debian": {...}}, each {"blosc_threads_s", "process_pool_s", "compressed_bytes"}.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

import numpy as np
from numcodecs import Blosc, blosc

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers_common as common  # noqa: E402

CODEC = Blosc(cname="zstd", clevel=5, shuffle=Blosc.BITSHUFFLE, typesize=2)


class DebianBlosc:
    """Debian's libblosc (the library PlateDrop links), called as PlateDrop calls it: blosc_compress_ctx,
    automatic block size."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("blosc")
        if name is None:
            raise SystemExit("libblosc not found: install Debian's libblosc1 (make deps does)")
        self.library = ctypes.CDLL(name)
        self.library.blosc_compress_ctx.restype = ctypes.c_int
        self.library.blosc_compress_ctx.argtypes = [
            ctypes.c_int, ctypes.c_int, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p,
            ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int,
        ]  # fmt: skip
        self.threads = 1

    def compressed_size(self, chunk: np.ndarray) -> int:
        overhead = 16  # BLOSC_MAX_OVERHEAD
        destination = ctypes.create_string_buffer(chunk.nbytes + overhead)
        size = self.library.blosc_compress_ctx(
            5, 2, 2, chunk.nbytes, chunk.ctypes.data, destination, len(destination), b"zstd", 0, self.threads
        )  # clevel 5, BLOSC_BITSHUFFLE, typesize 2
        if size <= 0:
            raise SystemExit(f"Debian blosc_compress_ctx failed ({size})")
        return size


DEBIAN = DebianBlosc()

# Filled before the pool forks, so the workers share the chunks copy-on-write.
CHUNKS: list[np.ndarray] = []


def plane_chunks(plane: np.ndarray) -> list[np.ndarray]:
    """A (y, x) plane cut into contiguous chunks, as a writer hands them to blosc."""
    edge_y, edge_x = common.chunk_shape((1, 1) + plane.shape)[-2:]
    return [
        np.ascontiguousarray(plane[y : y + edge_y, x : x + edge_x])
        for y in range(0, plane.shape[0], edge_y)
        for x in range(0, plane.shape[1], edge_x)
    ]


def compress_share(worker: int, workers: int, build: str) -> int:
    """Compress every workers-th chunk from `worker` on with `build`; the compressed size."""
    if build == "debian":
        return sum(DEBIAN.compressed_size(chunk) for chunk in CHUNKS[worker::workers])
    return sum(len(CODEC.encode(chunk)) for chunk in CHUNKS[worker::workers])


def compress_share_unpacked(arguments: tuple[int, int, str]) -> int:
    return compress_share(*arguments)


PASSES = 2


def best_of(passes: int, compress) -> tuple[float, int]:
    """The fastest of `passes` runs of compress() in seconds, and what it returned."""
    timings = []
    for _ in range(passes):
        start = time.perf_counter()
        result = compress()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def measure(build: str, cores: int) -> dict:
    """Both ways of using every core with one blosc build."""
    blosc.use_threads = True
    blosc.set_nthreads(cores)
    DEBIAN.threads = cores
    threads_s, compressed = best_of(PASSES, lambda: compress_share(0, 1, build))

    blosc.use_threads = False
    DEBIAN.threads = 1
    context = multiprocessing.get_context("fork")

    def pooled_pass() -> int:
        with context.Pool(cores) as pool:
            return sum(pool.map(compress_share_unpacked, [(w, cores, build) for w in range(cores)]))

    pool_s, pooled = best_of(PASSES, pooled_pass)
    if pooled != compressed:
        raise SystemExit(f"{build}: threaded and pooled blosc disagree: {compressed} vs {pooled} bytes")
    return {"blosc_threads_s": threads_s, "process_pool_s": pool_s, "compressed_bytes": compressed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", type=Path)
    parser.add_argument("--plate-format", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    export = common.scan_export(args.export, args.plate_format)
    raw_bytes = 0
    for well in export.wells:
        for channel_files in well.fields:
            level0 = common.read_field(channel_files)
            raw_bytes += level0.nbytes
            for level in common.mean_pyramid(level0):
                for plane in level.reshape(-1, *level.shape[-2:]):
                    CHUNKS.extend(plane_chunks(plane))

    cores = os.cpu_count() or 1
    report = {"raw_bytes": raw_bytes, "numcodecs": measure("numcodecs", cores), "debian": measure("debian", cores)}
    args.out.write_text(json.dumps(report))


if __name__ == "__main__":
    main()
