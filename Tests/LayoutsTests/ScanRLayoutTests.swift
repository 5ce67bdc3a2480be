import Foundation
import PlateDropTestSupport
import Testing
@testable import Layouts

@Suite struct ScanRNamingTests {
    private let layout = ScanRLayout(defaultPlateName: "Root")

    /// The corpus names (NAMING-VARIANTS.md §8): a labelled well, and CellProfiler's unlabelled one.
    @Test func realNames() throws {
        guard case .image(let labelled) = layout.classify(relativePath: "1w1p1c1z1t/data/B2--W00014--P00001--Z00000--T00000--405 nm #1.tif")
        else { Issue.record("labelled name not read"); return }
        #expect(labelled.plate == "1w1p1c1z1t")
        #expect(labelled.well == WellPosition(row: 1, column: 1))
        #expect((labelled.field, labelled.z, labelled.t) == (0, 0, 0))
        #expect(layout.channelName(ofImageAt: "1w1p1c1z1t/data/B2--W00014--P00001--Z00000--T00000--405 nm #1.tif") == "405 nm #1")

        guard case .image(let unlabelled) = layout.classify(relativePath: "ExampleIlluminationCorrection/images/--W00001--P00001--Z00000--T00000--cherry.tif")
        else { Issue.record("unlabelled name not read"); return }
        #expect(unlabelled.plate == "images")
        #expect(unlabelled.well == WellPosition(row: 0, column: 0))
    }

    @Test func positionsZAndTimeAndTheRootPlate() throws {
        guard case .image(let key) = layout.classify(relativePath: "data/C10--W00034--P00003--Z00004--T00002--GFP.tiff")
        else { Issue.record("not read"); return }
        #expect(key == ImageKey(plate: "Root", well: WellPosition(row: 2, column: 9), field: 2, channel: key.channel, z: 4, t: 2))
        guard case .image(let unlabelled) = layout.classify(relativePath: "data/--W00014--P00001--Z00000--T00000--GFP.tif")
        else { Issue.record("not read"); return }
        #expect(unlabelled.well == WellPosition(row: 1, column: 1), "well index 14 counted over 12 columns")
    }

    /// Channels are named, not numbered: their numbers order them by name, the same for every file.
    @Test func channelsAreOrderedByName() {
        let names = ["405 nm #1", "488 nm #2", "cherry", "Cy5", "DAPI"]
        let numbers = names.map(ChannelNameOrder.number(for:))
        #expect(numbers == numbers.sorted())
        #expect(Set(numbers).count == names.count)
        #expect(numbers.allSatisfy { $0 >= 0 })
    }

    @Test func otherFiles() {
        #expect(layout.classify(relativePath: "exp/data/metadata.ome.xml") == .plan(.scanRMetadata))
        for path in ["data/B2--W00000--P00001--Z00000--T00000--GFP.tif", "data/--W00097--P00001--Z00000--T00000--GFP.tif",
                     "data/Well2--W00001--P00001--Z00000--T00000--GFP.tif", "data/B2--W00014--P00001--Z00000--GFP.tif"] {
            guard case .unrecognized = layout.classify(relativePath: path) else {
                Issue.record("\(path) not flagged: \(layout.classify(relativePath: path))")
                continue
            }
        }
    }
}

@Suite struct ScanRPlanTests {
    private let layout = ScanRLayout(defaultPlateName: "Root")

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func corpusMetadataPlacesTheFileAndDescribesTheChannel() throws {
        let plan = try layout.readPlan(at: RealExportCorpus.path("scanr/fractal-uzh-converters/1w1p1c1z1t/data/metadata.ome.xml"))
        let file = "B2--W00014--P00001--Z00000--T00000--405 nm #1.tif"
        let key = ImageKey(plate: "", well: WellPosition(row: 1, column: 1), field: 0, channel: 0, z: 0)
        #expect(plan.imageKeys == [file: key])
        #expect(plan.expected == [key])
        #expect(plan.format == .wells96, "label B2 at well index 14: 12 columns")
        #expect(plan.pixelSizeMicrons == 0.325)
        #expect(plan.channels == [ChannelInfo(index: 0, name: "405 nm #1")])
        #expect(plan.stagePositions[file] == StagePosition(x: 100090, y: 61827))
    }

    static func metadata(images: String, plate: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <OME Creator="Olympus, scanR 3.3.0" xmlns="http://www.openmicroscopy.org/Schemas/OME/2013-06">\(plate)
        \(images)
        </OME>
        """
    }

    static func image(_ id: String, name: String, files: [(String, Int, Int, Int)]) -> String {
        let tiffData = files.map { file, c, z, t in
            "<TiffData FirstC=\"\(c)\" FirstT=\"\(t)\" FirstZ=\"\(z)\"><UUID FileName=\"\(file)\">urn:uuid:x</UUID></TiffData>"
        }.joined()
        return """
        <Image ID="\(id)" Name="\(name)"><Pixels DimensionOrder="XYCTZ" ID="Pixels:1" PhysicalSizeX="0.65" PhysicalSizeZ="2.5"
         SizeC="2" SizeT="1" SizeX="64" SizeY="48" SizeZ="2" Type="uint16">
        <Channel ID="Channel:1:0" Name="DAPI"/><Channel ID="Channel:1:1" Name="GFP"/>\(tiffData)
        <Plane TheC="1" TheZ="1" TheT="0" PositionX="10.5" PositionY="-3"/></Pixels></Image>
        """
    }

    @Test func imagesBecomeKeysWithChannelsZStepAndPositions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Self.metadata(images: Self.image("Image:W26P2", name: "Well 26, Position 2 (C2)", files: [
            ("C2--W00026--P00002--Z00000--T00000--DAPI.tif", 0, 0, 0), ("C2--W00026--P00002--Z00001--T00000--GFP.tif", 1, 1, 0),
        ])), to: "data/metadata.ome.xml")
        let plan = try layout.readPlan(at: path)
        let well = WellPosition(row: 2, column: 1)
        #expect(plan.imageKeys == [
            "C2--W00026--P00002--Z00000--T00000--DAPI.tif": ImageKey(plate: "", well: well, field: 1, channel: 0, z: 0),
            "C2--W00026--P00002--Z00001--T00000--GFP.tif": ImageKey(plate: "", well: well, field: 1, channel: 1, z: 1),
        ])
        #expect(plan.format == .wells96)
        #expect(plan.channels.map(\.name) == ["DAPI", "GFP"])
        #expect(plan.zStepMicrons == 2.5 && plan.pixelSizeMicrons == 0.65)
        #expect(plan.stagePositions == ["C2--W00026--P00002--Z00001--T00000--GFP.tif": StagePosition(x: 10.5, y: -3)])
    }

    /// Without labels the well index is counted over the plate the `<Plate>` element describes.
    @Test func unlabelledImagesUseThePlateElement() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Self.metadata(
            images: Self.image("Image:W26P1", name: "Well 26, Position 1", files: [("--W00026--P00001--Z00000--T00000--DAPI.tif", 0, 0, 0)]),
            plate: "<Plate ID=\"Plate:0\" Rows=\"16\" Columns=\"24\"/>"), to: "metadata.ome.xml")
        let plan = try layout.readPlan(at: path)
        #expect(plan.format == .wells384)
        #expect(plan.imageKeys.values.map(\.well) == [WellPosition(row: 1, column: 1)])
    }

    @Test(arguments: [
        (metadata(images: image("Image:0", name: "x", files: [("a.tif", 0, 0, 0)])), "Image:W14P1"),
        (metadata(images: #"<Image ID="Image:W1P1"><Pixels><TiffData FirstC="0"/></Pixels></Image>"#), "UUID FileName"),
        ("<Other/>", "<OME>"),
        (metadata(images: image("Image:W1P1", name: "(A1)", files: [("a.tif", -1, 0, 0)])), "FirstC"),
    ])
    func malformedMetadataNamesTheFileAndTheProblem(text: String, hint: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.expectMalformedPlan(text, at: "metadata.ome.xml", layout: layout, hint: hint)
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func autoDetectsTheCorpusExports() throws {
        for export in ["scanr/fractal-uzh-converters", "scanr/cellprofiler-examples"] {
            #expect(try LayoutCatalog.detect(exportRoot: RealExportCorpus.path(export)).name == "scanr", "\(export)")
        }
    }
}
