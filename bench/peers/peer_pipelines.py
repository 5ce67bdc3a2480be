"""The Python pipelines PlateDrop is measured against, each run by the driver in a fresh process.

    peer_pipelines.py PIPELINE EXPORT OUT --plate-format N --workers N [--pool process|thread]
                      [--sharded] [--zarrs] --timing FILE

PIPELINE is `ome-zarr` (ome-zarr-py write_multiscale + write_well/plate_metadata), `ngff-zarr`
(to_multiscales + its HCS well writer) or `lean` (tifffile + zarr.create_array, metadata as JSON).
Parallelism never exceeds --workers busy threads: --workers 1 keeps every library to one thread;
with --workers 2, `--pool process|thread` writes wells in a pool of two one-threaded workers and
`--pool library` writes wells one by one and lets the libraries use two threads (dask's threaded
scheduler, zarr-python's codec thread pool, zarrs' Rust threads).
The timing file gets the wall-clock time at which imports were done, so the driver can tell
interpreter start-up from work.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

PIPELINES = ("ome-zarr", "ngff-zarr", "lean")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pipeline", choices=PIPELINES)
    parser.add_argument("export", type=Path)
    parser.add_argument("out", type=Path, help="the plate store to create")
    parser.add_argument("--plate-format", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--pool", choices=("process", "thread", "library"), default="process")
    parser.add_argument("--sharded", action="store_true", help="lean only: one shard per plane")
    parser.add_argument("--zarrs", action="store_true", help="lean only: zarrs codec pipeline")
    parser.add_argument("--timing", type=Path, required=True)
    return parser.parse_args()


ARGS = parse_arguments()
WELL_WORKERS = 1 if ARGS.pool == "library" else ARGS.workers
# Codec thread pools are per process (zarr-python's, zarrs' and zarrista's Rust pools): one thread
# per process-pool worker, else one per worker thread of the process.
CODEC_THREADS = 1 if ARGS.pool == "process" else ARGS.workers
# The Rust pools size themselves when first used, from this.
os.environ["RAYON_NUM_THREADS"] = str(CODEC_THREADS)

import dask  # noqa: E402  (the thread settings above must come first)
import numcodecs  # noqa: E402
import zarr  # noqa: E402
from zarr.codecs import BloscCodec, BloscShuffle  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers_common as common  # noqa: E402

# dask computes in the calling thread unless the libraries are to parallelise. Blosc never splits a
# chunk over threads: zarr-python calls it from its codec pool, where the parallelism comes from.
if ARGS.pool == "library" and ARGS.workers > 1:
    dask.config.set(scheduler="threads", num_workers=ARGS.workers)
else:
    dask.config.set(scheduler="synchronous")
zarr.config.set({"threading.max_workers": CODEC_THREADS})
numcodecs.blosc.use_threads = False
if ARGS.zarrs:
    # strict: fail rather than silently fall back to the Python codec pipeline.
    zarr.config.set({"codec_pipeline.path": "zarrs.ZarrsCodecPipeline", "codec_pipeline.strict": True})


def blosc_codec() -> BloscCodec:
    return BloscCodec(cname="zstd", clevel=5, shuffle=BloscShuffle.bitshuffle, typesize=2)


def level_storage_options(level0_shape: tuple[int, ...]) -> list[dict]:
    options = []
    for level in range(common.PYRAMID_LEVELS):
        shape = level0_shape[:-2] + (level0_shape[-2] >> level, level0_shape[-1] >> level)
        options.append({"chunks": common.chunk_shape(shape), "compressors": [blosc_codec()]})
    return options


# --- ome-zarr-py ---------------------------------------------------------------------------------


def ome_zarr_well(well: common.Well, out: Path) -> None:
    from ome_zarr.format import FormatV05
    from ome_zarr.writer import write_multiscale, write_well_metadata

    well_group = zarr.open_group(out / well.path, mode="w", zarr_format=3)
    for index, channel_files in enumerate(well.fields):
        image = common.read_field(channel_files)
        # The numpy pyramid: faster here than write_image's own local mean (scale_factors=[2, 4],
        # method=Methods.LOCAL_MEAN), 13 s against 16.5 s for the 8-well plate on one thread.
        write_multiscale(
            common.mean_pyramid(image),
            well_group.create_group(str(index)),
            fmt=FormatV05(),
            axes=common.AXES,
            storage_options=level_storage_options(image.shape),
        )
    images = [{"path": str(i), "acquisition": 0} for i in range(len(well.fields))]
    write_well_metadata(well_group, images, fmt=FormatV05())


def ome_zarr_plate(export: common.Export, out: Path) -> None:
    from ome_zarr.format import FormatV05
    from ome_zarr.writer import write_plate_metadata

    root = zarr.open_group(out, mode="a", zarr_format=3)
    for row in sorted({w.row for w in export.wells}):
        root.require_group(row)
    write_plate_metadata(
        root,
        export.rows,
        export.columns,
        [w.path for w in export.wells],
        fmt=FormatV05(),
        acquisitions=[{"id": 0, "name": export.plate, "maximumfieldcount": export.field_count}],
        field_count=export.field_count,
        name=export.plate,
    )


# --- ngff-zarr -----------------------------------------------------------------------------------


def ngff_plate_metadata(export: common.Export):
    import ngff_zarr as nz

    return nz.Plate(
        columns=[nz.PlateColumn(name=c) for c in export.columns],
        rows=[nz.PlateRow(name=r) for r in export.rows],
        wells=[
            nz.PlateWell(path=w.path, rowIndex=export.rows.index(w.row), columnIndex=export.columns.index(w.column))
            for w in export.wells
        ],
        version="0.5",
        acquisitions=[nz.PlateAcquisition(id=0, name=export.plate, maximumfieldcount=export.field_count)],
        field_count=export.field_count,
        name=export.plate,
    )


def ngff_zarr_well(well: common.Well, out: Path, plate_metadata) -> None:
    import ngff_zarr as nz
    from ngff_zarr.hcs import write_hcs_well_image

    for index, channel_files in enumerate(well.fields):
        image = nz.to_ngff_image(common.read_field(channel_files), dims=common.AXES)
        multiscales = nz.to_multiscales(
            image,
            # Per-axis factors: a plain 2 would also halve z, which has one plane. z must be named:
            # its writer looks every spatial axis up when it derives the next level.
            scale_factors=[{"z": 1, "y": 2, "x": 2}, {"z": 1, "y": 4, "x": 4}],
            # Its fastest mean method here: 12.2 s against 14.8 s for DASK_BIN_SHRINK on the 8-well
            # plate, one thread.
            method=nz.Methods.ITKWASM_BIN_SHRINK,
            chunks={"c": 1, "z": 1, "y": common.CHUNK_EDGE, "x": common.CHUNK_EDGE},
            cache=False,
        )
        write_hcs_well_image(
            out,
            multiscales,
            plate_metadata,
            well.row,
            well.column,
            field_index=index,
            version="0.5",
            compressors=[blosc_codec()],
        )


def ngff_zarr_plate_start(export: common.Export, out: Path):
    import ngff_zarr as nz

    plate_metadata = ngff_plate_metadata(export)
    nz.to_hcs_zarr(nz.HCSPlate(store=str(out), plate_metadata=plate_metadata), str(out))
    return plate_metadata


# --- lean tifffile + zarr-python 3 ---------------------------------------------------------------


def lean_well(well: common.Well, out: Path, sharded: bool) -> None:
    for index, channel_files in enumerate(well.fields):
        field_dir = out / well.path / str(index)
        for level, data in enumerate(common.mean_pyramid(common.read_field(channel_files))):
            # A store rooted at the level itself: zarr-python writes no parent group documents
            # that the JSON below would race with.
            array = zarr.create_array(
                store=str(field_dir / str(level)),
                shape=data.shape,
                dtype=data.dtype,
                chunks=common.chunk_shape(data.shape),
                shards=common.shard_shape(data.shape) if sharded else None,
                compressors=[blosc_codec()],
                fill_value=0,
                dimension_names=common.AXES,
                zarr_format=3,
            )
            array[...] = data
        common.write_json(
            field_dir / "zarr.json", common.group_document(common.image_ome(f"{well.row}{well.column} field {index}"))
        )
    common.write_json(out / well.path / "zarr.json", common.group_document(common.well_ome(len(well.fields))))


def lean_plate(export: common.Export, out: Path) -> None:
    for row in sorted({w.row for w in export.wells}):
        common.write_json(out / row / "zarr.json", common.group_document(None))
    common.write_json(out / "zarr.json", common.group_document(common.plate_ome(export)))


# --- driver --------------------------------------------------------------------------------------

def run_wells(write_well, wells: list[common.Well]) -> None:
    if WELL_WORKERS == 1:
        for well in wells:
            write_well(well)
        return
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
    from multiprocessing import get_context

    if ARGS.pool == "process":
        # fork: workers inherit the imports and settings. The parent has done no zarr I/O yet, so no
        # event-loop thread is copied into them half-alive.
        pool = ProcessPoolExecutor(WELL_WORKERS, mp_context=get_context("fork"))
    else:
        pool = ThreadPoolExecutor(WELL_WORKERS)
    with pool:
        for _ in pool.map(write_well, wells):
            pass


def write_lean_well(well):
    lean_well(well, ARGS.out, ARGS.sharded)


def write_ome_zarr_well(well):
    ome_zarr_well(well, ARGS.out)


PLATE_METADATA = None  # ngff-zarr's Plate, built before the pool so forked workers inherit it


def write_ngff_zarr_well(well):
    ngff_zarr_well(well, ARGS.out, PLATE_METADATA)


def main() -> None:
    global PLATE_METADATA
    if (ARGS.sharded or ARGS.zarrs) and ARGS.pipeline != "lean":
        raise SystemExit("--sharded and --zarrs apply to the lean pipeline only")
    if ARGS.pipeline == "ome-zarr":
        import ome_zarr.writer  # noqa: F401  (import cost belongs to start-up, not work)
    elif ARGS.pipeline == "ngff-zarr":
        import ngff_zarr  # noqa: F401  (likewise)
    if ARGS.zarrs:
        import zarrs  # noqa: F401
    imported = time.time()

    export = common.scan_export(ARGS.export, ARGS.plate_format)
    ARGS.out.mkdir(parents=True)
    if ARGS.pipeline == "ome-zarr":
        run_wells(write_ome_zarr_well, export.wells)
        ome_zarr_plate(export, ARGS.out)
    elif ARGS.pipeline == "ngff-zarr":
        PLATE_METADATA = ngff_zarr_plate_start(export, ARGS.out)
        run_wells(write_ngff_zarr_well, export.wells)
    else:
        run_wells(write_lean_well, export.wells)
        lean_plate(export, ARGS.out)
    ARGS.timing.write_text(f'{{"imported": {imported}}}\n')


if __name__ == "__main__":
    main()
