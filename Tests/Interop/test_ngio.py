"""PlateDrop's plates opened with ngio, the OME-Zarr library Fractal's tasks are built on: every field of every
written well is an image ngio reads, with the FOV_ROI_table and well_ROI_table those tasks loop over, and the
region of the field's FOV row holds exactly the field's level-0 pixels."""

from __future__ import annotations

import ngio
import numpy as np
import zarr

from test_interop import iterate_fields, well_paths
from workspace import IngestedPlate


def test_ngio_reads_every_field_and_its_region_tables(ingested: IngestedPlate):
    plate = ngio.open_ome_zarr_plate(str(ingested.path))
    images = plate.get_images(max_workers=1)
    expected_paths = {f"{well}/{field}" for well in well_paths(ingested.scenario) for field in range(ingested.scenario.fields)}
    assert set(images) == expected_paths
    for well_path, field_index, field in iterate_fields(ingested):
        container = images[f"{well_path}/{field_index}"]
        assert set(container.list_tables()) == {"FOV_ROI_table", "well_ROI_table"}
        fov_rows = container.get_table("FOV_ROI_table").rois()
        assert [roi.name for roi in fov_rows] == [f"FOV_{field_index + 1}"]
        image = container.get_image()
        whole = np.asarray(image.get_roi(fov_rows[0]))
        level_0 = np.asarray(zarr.open_array(field.store, path=f"{field.path}/0", mode="r")[...])
        assert whole.shape == level_0.shape, f"{well_path}/{field_index}: FOV region {whole.shape}, level 0 {level_0.shape}"
        assert np.array_equal(whole, level_0), f"{well_path}/{field_index}: the FOV region is not the field's pixels"
        well_rows = container.get_table("well_ROI_table").rois()
        assert [roi.name for roi in well_rows] == ["well_1"]
