import Testing
@testable import Layouts

@Suite struct LayoutCatalogTests {
    @Test func namesBuiltInLayoutsAndAliases() {
        #expect(LayoutCatalog.builtInNames == ["imagexpress", "imagexpress-hcsai", "yokogawa", "harmony", "cellomics", "scanr", "incell", "cytation"])
        for name in LayoutCatalog.builtInNames {
            #expect(LayoutCatalog.named(name, defaultPlateName: "P")?.name == name)
        }
        #expect(LayoutCatalog.named("ImageXpress", defaultPlateName: "P")?.name == "imagexpress")
        #expect(LayoutCatalog.named("CV8000", defaultPlateName: "P")?.name == "yokogawa")
        #expect((LayoutCatalog.named("phenix", defaultPlateName: "Root") as? HarmonyLayout)?.defaultPlateName == "Root")
        #expect(LayoutCatalog.named("ArrayScan", defaultPlateName: "P")?.name == "cellomics")
        #expect((LayoutCatalog.named("HCS.ai", defaultPlateName: "Run") as? ImageXpressHCSAILayout)?.defaultPlateName == "Run")
        #expect(LayoutCatalog.named("nikon", defaultPlateName: "P") == nil)
    }

    @Test(arguments: [
        (["9987_Plate_3434/9987.HTD", "9987_Plate_3434/TimePoint_1/unrelated.tif"], "imagexpress"),
        (["Plate/MeasurementData.mlf", "Plate/Plate_B03_T0001F001L01A01Z01C01.tif"], "yokogawa"),
        (["Meas 1/Images/Index.idx.xml"], "harmony"),
        (["TimePoint_1/P_C05_s1_w1.TIF", "TimePoint_1/P_C05_s2_w1.TIF", "TimePoint_1/P_C05_s1_w1_thumbAB.tif", "notes.txt"],
         "imagexpress"),
        (["Images/r01c01f01p01-ch1sk1fk1fl1.tiff", "Images/r01c01f02p01-ch1sk1fk1fl1.tiff", "Images/odd.tif"], "harmony"),
        (["AS_09125_050116030001_D03f00d0.tif", "AS_09125_050116030001_D03f00d1.tif", "notes.txt"], "cellomics"),
        (["run/experiment/plate.jdce", "run/experiment/timepoint0/Wellscan_96well_TL_488_t0_B07_s0_w0_z0.tif"],
         "imagexpress-hcsai"),
        (["exp/data/metadata.ome.xml", "exp/data/B2--W00014--P00001--Z00000--T00000--405 nm #1.tif"], "scanr"),
        (["--W00001--P00001--Z00000--T00000--cherry.tif", "--W00002--P00001--Z00000--T00000--cherry.tif"], "scanr"),
        (["Plate 7/Plate 7.xdce", "Plate 7/B - 03(fld 1 wv DAPI - DAPI).tif"], "incell"),
        (["B_03_f1_c1_x405_m455_z1_t1.tif", "B_03_f1_c2_x488_m525_z1_t1.tif"], "incell"),
        (["A1_01_1_1_Phase Contrast_001.tif", "A1_1Z4_DAPI_1_003_.tif", "A2_1Z4_DAPI_1_003_.tif"], "cytation"),
    ])
    func detectsTheLayoutOfAFolder(files: [String], expected: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.touch(files)
        #expect(try LayoutCatalog.detect(exportRoot: folder.path).name == expected)
    }

    @Test(arguments: [
        (["a/9987.HTD", "b/MeasurementData.mlf"], "several instruments"),
        (["P_C05_s1_w1.tif", "Plate_B03_T0001F001L01A01Z01C01.tif"], "1 named by"),
        (["img1.tif", "img2.tif", "P_C05_s1_w1.tif"], "img1.tif"),
        ([], "0 files"),
    ])
    func explainsWhatItCouldNotTell(files: [String], hint: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.touch(files)
        #expect {
            try LayoutCatalog.detect(exportRoot: folder.path)
        } throws: { error in
            guard let error = error as? LayoutError, case .layoutNotDetected(let root, _, _) = error else { return false }
            return root == folder.path && error.description.contains(hint) && error.description.contains("--layout")
        }
    }

    @Test func refusesAMissingFolder() {
        #expect {
            try LayoutCatalog.detect(exportRoot: "/nonexistent/export")
        } throws: { error in
            guard case .unreadable(let path, _) = error as? LayoutError else { return false }
            return path == "/nonexistent/export"
        }
    }
}
