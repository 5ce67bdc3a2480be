"""fractal-uzh-converters 0.7.1 on one export.

Runs in .build/peer-fractal-uzh. Usage: fractal_uzh_driver.py VENDOR EXPORT_DIR OUT_DIR [STAGING_DIR]
VENDOR: imagexpress_hcs | cellvoyager | cellvoyager_png | cq3k | operetta | scanr

API used: fractal_uzh_converters.convert_<vendor>(zarr_dir=, acquisitions=[<Vendor>AcquisitionModel(path=)],
overwrite=OverwriteMode.OVERWRITE) with the default ConverterOptions (auto tiling: the fields of a well
are placed on a grid into one image; FOV_ROI_table and well_ROI_table are written; NGFF default of
ome-zarr-converters-tools). One call per acquisition folder, found by the file each converter reads.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from driver_common import Results, plates_under  # noqa: E402

import fractal_uzh_converters as fuc  # noqa: E402
from ome_zarr_converters_tools import OverwriteMode  # noqa: E402


def find_dirs(export: Path, filename_glob: str) -> list[Path]:
    return sorted({p.parent for p in export.rglob(filename_glob)})


def operetta_dirs(export: Path, staging: Path) -> list[Path]:
    """Acquisition folders holding Images/Index.idx.xml. Some corpus copies name the image folder
    `images/` (renamed by the repository they come from; Harmony writes `Images/`): those are presented
    to the converter through a staging folder whose `Images` is a symlink to the read-only original."""
    acqs = []
    for index in sorted(export.rglob("Index*.xml")):
        image_dir = index.parent
        if image_dir.name == "Images":
            acqs.append(image_dir.parent)
        else:
            stage = staging / image_dir.parent.relative_to(export)
            stage.mkdir(parents=True, exist_ok=True)
            link = stage / "Images"
            if not link.is_symlink():
                os.symlink(image_dir.resolve(), link)
            acqs.append(stage)
    return sorted(set(acqs))


def main() -> None:
    vendor, export, out = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    staging = Path(sys.argv[4]).resolve() if len(sys.argv) > 4 else out.parent / (out.name + ".staging")
    out.mkdir(parents=True, exist_ok=True)
    results = Results()

    if vendor == "imagexpress_hcs":
        acqs = find_dirs(export, "*.mxprotocol")
        model, convert, extra = fuc.MDImageXpressHCSaiAcquisitionModel, fuc.convert_imagexpress_hcs, {}
    elif vendor in ("cellvoyager", "cellvoyager_png"):
        acqs = find_dirs(export, "MeasurementData.mlf")
        model, convert = fuc.CellVoyagerAcquisitionModel, fuc.convert_cellvoyager
        extra = {"image_extension": ".png"} if vendor == "cellvoyager_png" else {}
    elif vendor == "cq3k":
        acqs = find_dirs(export, "MeasurementData.mlf")
        model, convert, extra = fuc.CQ3KAcquisitionModel, fuc.convert_cq3k, {}
    elif vendor == "operetta":
        acqs = operetta_dirs(export, staging)
        model, convert, extra = fuc.OperettaAcquisitionModel, fuc.convert_operetta, {}
    elif vendor == "scanr":
        acqs = [p.parent for p in find_dirs(export, "metadata.ome.xml")]
        model, convert, extra = fuc.ScanRAcquisitionModel, fuc.convert_scanr, {}
    else:
        raise SystemExit(f"unknown vendor {vendor}")

    if not acqs:
        results.note_failure(export.name, f"no acquisition folder that the {vendor} converter reads")
    for i, acq in enumerate(acqs):
        # one output folder per acquisition keeps plates of equal folder names apart
        acq_out = out / f"acq{i}" if len(acqs) > 1 else out

        def one(acq=acq, acq_out=acq_out):
            acq_out.mkdir(parents=True, exist_ok=True)
            convert(
                zarr_dir=str(acq_out),
                acquisitions=[model(path=str(acq), **extra)],
                overwrite=OverwriteMode.OVERWRITE,
            )
            plates = plates_under(acq_out)
            if not plates:
                raise RuntimeError("converter returned without writing a plate")
            return plates

        label = str(acq.relative_to(staging)) if acq.is_relative_to(staging) else str(acq.relative_to(export))
        results.run(label or ".", one)
    results.emit()


if __name__ == "__main__":
    main()
