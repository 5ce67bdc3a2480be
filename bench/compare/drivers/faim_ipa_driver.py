"""faim-ipa 0.14 on one export: ImageXpress (stored or exported layout) or CellVoyager CV7000/CV8000.

Runs in .build/peer-faim-ipa. Usage: faim_ipa_driver.py {imagexpress|cellvoyager} EXPORT_DIR OUT_DIR

API used (faim_ipa.hcs): an acquisition class parses the folder (ImageXpress: SinglePlaneAcquisition,
StackAcquisition, MixedAcquisition; CellVoyager: StackAcquisition), then ConvertToNGFFPlate(NGFFPlate(...))
.create_zarr_plate(acq) and .run(plate, acq, ...) stitch every well into one image, with a dask
distributed Client. Tiles are placed with TileAlignmentOptions.GRID (stage positions rounded to the tile
grid, so tiles do not overlap and no pixel is averaged).
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from driver_common import Results  # noqa: E402

from distributed import Client  # noqa: E402
from faim_ipa.hcs.acquisition import TileAlignmentOptions  # noqa: E402
from faim_ipa.hcs.converter import ConvertToNGFFPlate, NGFFPlate  # noqa: E402
from faim_ipa.hcs.plate import PlateLayout  # noqa: E402

ALIGNMENT = TileAlignmentOptions.GRID


def imagexpress_acquisitions(export: Path):
    """Acquisition folders: an all-digit folder (stored layout: <plate>/<date>/<id>) or <plate>_Plate_<id>."""
    found = []
    for root, dirs, _files in os.walk(export):
        dirs.sort()
        name = os.path.basename(root)
        if re.fullmatch(r"\d+", name) or re.fullmatch(r".+_Plate_\d+", name):
            found.append(Path(root))
            dirs[:] = []
    return found


def imagexpress_class(acq_dir: Path):
    from faim_ipa.hcs.imagexpress import MixedAcquisition, SinglePlaneAcquisition, StackAcquisition

    has_stack = any(re.fullmatch(r"ZStep_[1-9]\d*", d.name) for d in acq_dir.rglob("ZStep_*") if d.is_dir())
    exported = "_Plate_" in acq_dir.name
    if has_stack:
        # faim-ipa: exported stacks go to StackAcquisition, stored stacks (+ projections) to MixedAcquisition
        return StackAcquisition if exported else MixedAcquisition
    return SinglePlaneAcquisition


def plate_name(acq_dir: Path, export: Path) -> str:
    if "_Plate_" in acq_dir.name:
        return acq_dir.name
    rel = acq_dir.relative_to(export).parts
    return rel[0] if rel else acq_dir.name  # stored layout: <plate>/<date>/<id>


def convert(acq, name: str, out: Path, chunks, client) -> list[Path]:
    wells = list(acq.get_well_names())
    layout = PlateLayout.I96
    if any(ord(w[0]) - 64 > 8 or int(w[1:]) > 12 for w in wells):
        layout = PlateLayout.I384
    converter = ConvertToNGFFPlate(
        ngff_plate=NGFFPlate(root_dir=str(out), name=name, layout=layout, order_name="", barcode=""),
        client=client,
    )
    plate = converter.create_zarr_plate(acq)
    converter.run(plate=plate, plate_acquisition=acq, chunks=chunks, max_layer=2)
    return [out / f"{name}.zarr"]


def run_imagexpress(export: Path, out: Path, results: Results, client) -> None:
    acqs = imagexpress_acquisitions(export)
    if not acqs:
        results.note_failure(str(export.name), "no ImageXpress acquisition folder found")
    for acq_dir in acqs:
        name = plate_name(acq_dir, export)

        def one(acq_dir=acq_dir, name=name):
            cls = imagexpress_class(acq_dir)
            acq = cls(acq_dir, alignment=ALIGNMENT)
            return convert(acq, name, out, (2048, 2048), client)

        results.run(str(acq_dir.relative_to(export)), one)


def run_cellvoyager(export: Path, out: Path, results: Results, client) -> None:
    from faim_ipa.hcs.cellvoyager import StackAcquisition

    acqs = sorted(p.parent for p in export.rglob("MeasurementData.mlf"))
    if not acqs:
        results.note_failure(str(export.name), "no MeasurementData.mlf found")
    for acq_dir in acqs:
        def one(acq_dir=acq_dir):
            acq = StackAcquisition(acq_dir, alignment=ALIGNMENT)
            return convert(acq, acq_dir.name, out, (1, 2048, 2048), client)

        results.run(str(acq_dir.relative_to(export)), one)


def main() -> None:
    kind, export, out = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    results = Results()
    client = Client(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    try:
        {"imagexpress": run_imagexpress, "cellvoyager": run_cellvoyager}[kind](export, out, results, client)
    finally:
        client.close()
    results.emit()


if __name__ == "__main__":
    main()
