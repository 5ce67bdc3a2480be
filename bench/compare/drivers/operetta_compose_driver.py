"""operetta-compose 0.2.14 on one Harmony export.

Runs in .build/peer-operetta-compose (installed --no-deps plus the modules its converter imports).
Usage: operetta_compose_driver.py EXPORT_DIR OUT_DIR

API used: operetta_compose.tasks.harmony_to_ome_zarr.harmony_to_ome_zarr(zarr_dir=, img_paths=[folder
holding the Index xml and the TIFFs], omero_channels=[], overwrite=True). It names the plate after the
folder above the image folder, stitches the fields of a well into one image at their stage positions,
and writes FOV_ROI_table and well_ROI_table beside it (NGFF 0.4, Zarr v2).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from driver_common import Results  # noqa: E402

from operetta_compose.tasks.harmony_to_ome_zarr import harmony_to_ome_zarr  # noqa: E402


def main() -> None:
    export, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    results = Results()
    image_dirs = sorted({p.parent for p in export.rglob("*.xml") if p.name.lower().startswith("index")})
    if not image_dirs:
        results.note_failure(export.name, "no Harmony Index xml found")
    for image_dir in image_dirs:
        def one(image_dir=image_dir):
            harmony_to_ome_zarr(
                zarr_dir=str(out), img_paths=[str(image_dir)], omero_channels=[], overwrite=True
            )
            plate = out / ((image_dir.parent.name or "plate") + ".zarr")
            if not plate.is_dir():
                raise RuntimeError("no plate written")
            return [plate]

        results.run(str(image_dir.relative_to(export)), one)
    results.emit()


if __name__ == "__main__":
    main()
