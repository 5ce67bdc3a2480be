import Foundation
import Testing
@testable import Layouts

@Suite struct InCellNamingTests {
    private let layout = InCellLayout(defaultPlateName: "Root")

    /// Names from NAMING-VARIANTS.md §7 (CellProfiler's guesses, Bio-Formats, public IN Cell scripts): every
    /// number counts from 1.
    @Test(arguments: [
        ("Plate 7/B - 03(fld 1 wv DAPI - DAPI).tif", "Plate 7", 1, 2, 0, 0, 0),
        ("A - 01(fld 1 wv 390 - Blue).tif", "Root", 0, 0, 0, 0, 0),
        ("Plate1_A - 01(fld 1 wv 390 - Blue).tif", "Plate1", 0, 0, 0, 0, 0),
        ("20180328_TestAbs_G - 8(fld 4 wv Red - Cy5).tif", "20180328_TestAbs", 6, 7, 3, 0, 0),
        ("A - 01(fld 1 wv Green - dsRed z 3).tif", "Root", 0, 0, 0, 2, 0),
        ("B - 4(fld 1 wv Cy3 - Cy3- time 5 - 240000 ms).tif", "Root", 1, 3, 0, 0, 4),
        ("run/B_03_f1_c1_x405_m455_z1_t1.tif", "run", 1, 2, 0, 0, 0),
        ("Plate2_P_24_f9_c3_x640_m705_z4_t2.tif", "Plate2", 15, 23, 8, 3, 1),
    ])
    func realNames(path: String, plate: String, row: Int, column: Int, field: Int, z: Int, t: Int) throws {
        guard case .image(let key) = layout.classify(relativePath: path) else {
            Issue.record("\(path): \(layout.classify(relativePath: path))")
            return
        }
        #expect(key.plate == plate, "\(path)")
        #expect(key.well == WellPosition(row: row, column: column), "\(path)")
        #expect((key.field, key.z, key.t) == (field, z, t), "\(path)")
    }

    /// IN Cell 7.2 names and `wix` number their channel; classic names only name it by its filters.
    @Test func channels() {
        func channel(_ path: String) -> Int? {
            if case .image(let key) = layout.classify(relativePath: path) { key.channel } else { nil }
        }
        #expect(channel("B_03_f1_c2_x488_m525_z1_t1.tif") == 1)
        #expect(channel("B - 03(fld 1 wv TL-Brightfield - Cy3 wix 2).tif") == 1)
        #expect(channel("B - 03(fld 1 wv DAPI - DAPI).tif") == ChannelNameOrder.number(for: "DAPI - DAPI"))
        #expect(layout.channelName(ofImageAt: "B - 03(fld 1 wv TL-Brightfield - Cy3 wix 2).tif") == "TL-Brightfield - Cy3")
        #expect(layout.channelName(ofImageAt: "B_03_f1_c2_x488_m525_z1_t1.tif") == "488 - 525")
    }

    @Test func otherFiles() {
        #expect(layout.classify(relativePath: "Plate 7/Plate 7.xdce") == .plan(.inCellXDCE))
        for path in ["B - 03(fld 0 wv DAPI - DAPI).tif", "B_03_f1_c0_x405_m455_z1_t1.tif", "B - 03 fld 1.tif", "C_13_fld_2_wv_405_Blue.tif"] {
            guard case .unrecognized = layout.classify(relativePath: path) else {
                Issue.record("\(path) not flagged: \(layout.classify(relativePath: path))")
                continue
            }
        }
    }
}

@Suite struct InCellPlanTests {
    private let layout = InCellLayout(defaultPlateName: "Root")

    static func xdce(images: String, plate: String = #"<Plate columns="12" rows="8"/>"#) -> String {
        """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <ImageStack>
          <Application name="IN Cell Analyzer 2000" software_version="3.0.0.5"/>
          <AutoLeadAcquisitionProtocol>
            <ObjectiveCalibration magnification="20" pixel_width="0.325" pixel_height="0.325" refractive_index="1"/>
            <Wavelengths number="3">
              <Wavelength fusion_wave="false" imaging_mode="3-D"><ExcitationFilter name="DAPI" wavelength="350"/><EmissionFilter name="DAPI" wavelength="455"/></Wavelength>
              <Wavelength fusion_wave="true"><ExcitationFilter name="fused"/><EmissionFilter name="fused"/></Wavelength>
              <Wavelength fusion_wave="false"><ExcitationFilter name="FITC" wavelength="490"/><EmissionFilter name="FITC" wavelength="525"/></Wavelength>
            </Wavelengths>
            \(plate)
            <PlateMap><Wells><Well><Row number="8"/><Column number="12"/></Well></Wells></PlateMap>
            <Fields><offset_point index="0" x="-150.5" y="20"/><offset_point index="1" x="150.5" y="20"/></Fields>
          </AutoLeadAcquisitionProtocol>
          <Images number="3">\(images)
          </Images>
        </ImageStack>
        """
    }

    static func image(_ file: String, row: Int = 2, column: Int = 3, field: Int = 0, z: Int = 0, wave: Int = 0, t: Int = 0,
                      focus: Double = 10) -> String {
        """

            <Image filename="\(file)" acquisition_time_ms="1500"><Identifier field_index="\(field)" z_index="\(z)" wave_index="\(wave)" time_index="\(t)"/>
              <Well label="B - 3"><Row number="\(row)"/><Column number="\(column)"/></Well><FocusPosition z="\(focus)"/></Image>
        """
    }

    @Test func imagesBecomeKeysWithChannelsPixelSizeZStepAndOffsets() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Self.xdce(images: [
            Self.image("B - 03(fld 1 wv DAPI - DAPI z 1).tif", focus: 10),
            Self.image("B - 03(fld 1 wv DAPI - DAPI z 2).tif", z: 1, focus: 12.5),
            Self.image("B - 03(fld 2 wv FITC - FITC z 1).tif", field: 1, wave: 1),
        ].joined()), to: "Plate 7/Plate 7.xdce")
        let plan = try layout.readPlan(at: path)
        let well = WellPosition(row: 1, column: 2)
        #expect(plan.imageKeys == [
            "B - 03(fld 1 wv DAPI - DAPI z 1).tif": ImageKey(plate: "", well: well, field: 0, channel: 0, z: 0),
            "B - 03(fld 1 wv DAPI - DAPI z 2).tif": ImageKey(plate: "", well: well, field: 0, channel: 0, z: 1),
            "B - 03(fld 2 wv FITC - FITC z 1).tif": ImageKey(plate: "", well: well, field: 1, channel: 1, z: 0),
        ])
        #expect(plan.expected?.count == 3)
        #expect(plan.format == .wells96)
        #expect(plan.pixelSizeMicrons == 0.325)
        #expect(plan.zStepMicrons == 2.5)
        #expect(plan.channels == [ChannelInfo(index: 0, name: "DAPI", excitationNanometres: 350, emissionNanometres: 455),
                                  ChannelInfo(index: 1, name: "FITC", excitationNanometres: 490, emissionNanometres: 525)],
                "a fusion wave is no channel")
        #expect(plan.stagePositions["B - 03(fld 2 wv FITC - FITC z 1).tif"] == StagePosition(x: 150.5, y: 20))
    }

    @Test(arguments: [
        (xdce(images: #"<Image acquisition_time_ms="0"><Identifier field_index="0" z_index="0" wave_index="0" time_index="0"/></Image>"#),
         "filename"),
        (xdce(images: #"<Image filename="a.tif"><Identifier field_index="0" z_index="0" wave_index="0" time_index="0"/></Image>"#),
         "<Row>, <Column> and <Identifier>"),
        (xdce(images: image("a.tif", field: -1)), "field_index"),
        ("<Other/>", "<ImageStack>"),
        (xdce(images: image("a.tif")).replacingOccurrences(of: "</ImageStack>", with: ""), "truncated"),
    ])
    func malformedPlansNameTheFileAndTheProblem(text: String, hint: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.expectMalformedPlan(text, at: "p.xdce", layout: layout, hint: hint)
    }
}
