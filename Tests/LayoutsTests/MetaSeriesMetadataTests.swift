import Foundation
import PlateDropTestSupport
import Testing
@testable import Layouts

@Suite struct MetaSeriesMetadataTests {
    /// A MetaSeries description with the plane props given as (id, value); custom props likewise.
    static func metaData(_ props: [(String, String)], custom: [(String, String)] = []) -> String {
        let lines = props.map { "<prop id=\"\($0.0)\" type=\"string\" value=\"\($0.1)\"/>" }
            + custom.map { "<custom-prop id=\"\($0.0)\" type=\"string\" value=\"\($0.1)\"/>" }
        return """
            <MetaData>
            <prop id="Description" type="string" value="Plate Name: P&#13;&#10;Exposure: 15 ms"/>
            <PlaneInfo>
            \(lines.joined(separator: "\n"))
            </PlaneInfo>
            <SetInfo>
            <prop id="number-of-planes" type="int" value="1"/>
            </SetInfo>
            </MetaData>
            """
    }

    @Test func readsEveryFieldOfAPlane() throws {
        let text = Self.metaData([
            ("spatial-calibration-state", "on"), ("spatial-calibration-x", "0.65"), ("spatial-calibration-y", "0.66"),
            ("spatial-calibration-units", "um"), ("image-name", "Copy of DAPI"), ("_IllumSetting_", "DAPI"),
            ("wavelength", "452"), ("stage-position-x", "22985"), ("stage-position-y", "-41.5"),
            ("z-position", "9991.87"), ("acquisition-time-local", "20240709 13:13:03.006"),
        ], custom: [("Z Projection Method", "Maximum"), ("Z Projection Step Size", "3")])
        let metadata = try #require(MetaSeriesMetadata(description: text))
        #expect(metadata.pixelSizeX == 0.65)
        #expect(metadata.pixelSizeY == 0.66)
        #expect(metadata.spatialUnit == "um")
        #expect(metadata.channelName == "DAPI")
        #expect(metadata.wavelengthNanometres == 452)
        #expect(metadata.stageX == 22985)
        #expect(metadata.stageY == -41.5)
        #expect(metadata.zPosition == 9991.87)
        // 2024-07-09 13:13:03.006 read as UTC.
        #expect(abs(try #require(metadata.localAcquisitionTime) - 1_720_530_783.006) < 1e-6)
        #expect(metadata.projectionMethod == "Maximum")
        #expect(metadata.projectionStepSize == 3)
    }

    @Test func theLayoutReadsAcquisitionTimesInTheInstrumentsZone() throws {
        let winter = Self.metaData([("acquisition-time-local", "20240109 13:13:03.006")])
        let summer = Self.metaData([("acquisition-time-local", "20240709 13:13:03.006")])
        let zurich = ImageXpressLayout(acquisitionTimeZone: try #require(TimeZone(identifier: "Europe/Zurich")))
        // 13:13 in Zurich is 12:13 UTC in January (CET) and 11:13 UTC in July (CEST).
        #expect(abs(try #require(zurich.planeMetadata(imageDescription: winter)?.acquisitionTime) - 1_704_802_383.006) < 1e-6)
        #expect(abs(try #require(zurich.planeMetadata(imageDescription: summer)?.acquisitionTime) - 1_720_523_583.006) < 1e-6)
        let utc = ImageXpressLayout(acquisitionTimeZone: .gmt)
        #expect(abs(try #require(utc.planeMetadata(imageDescription: summer)?.acquisitionTime) - 1_720_530_783.006) < 1e-6)
    }

    @Test func missingPropsReadAsNil() throws {
        let metadata = try #require(MetaSeriesMetadata(description: Self.metaData([("image-name", "FITC_05")])))
        #expect(metadata == MetaSeriesMetadata(description: Self.metaData([("image-name", "FITC_05")])))
        #expect(metadata.channelName == "FITC_05", "image-name stands in for a missing _IllumSetting_")
        #expect(metadata.pixelSizeX == nil)
        #expect(metadata.pixelSizeY == nil)
        #expect(metadata.spatialUnit == nil)
        #expect(metadata.wavelengthNanometres == nil)
        #expect(metadata.stageX == nil)
        #expect(metadata.stageY == nil)
        #expect(metadata.zPosition == nil)
        #expect(metadata.localAcquisitionTime == nil)
        #expect(metadata.projectionMethod == nil)
        #expect(metadata.projectionStepSize == nil)

        let bare = try #require(MetaSeriesMetadata(description: "<MetaData/>"))
        #expect(bare.channelName == nil)
    }

    @Test func calibrationOffHidesThePixelSize() throws {
        let sizes = [("spatial-calibration-x", "1.5"), ("spatial-calibration-y", "1.5"), ("spatial-calibration-units", "um")]
        let off = try #require(MetaSeriesMetadata(description: Self.metaData([("spatial-calibration-state", "off")] + sizes)))
        #expect(off.pixelSizeX == nil)
        #expect(off.pixelSizeY == nil)
        #expect(off.spatialUnit == nil)
        let absent = try #require(MetaSeriesMetadata(description: Self.metaData(sizes)))
        #expect(absent.pixelSizeX == 1.5, "no state prop counts as calibrated")
        #expect(absent.spatialUnit == "um")
    }

    @Test func emptyAndNonNumericValuesReadAsNil() throws {
        let metadata = try #require(MetaSeriesMetadata(description: Self.metaData([
            ("_IllumSetting_", ""), ("image-name", "Cy5"), ("spatial-calibration-x", "n/a"), ("wavelength", "0"),
            ("z-position", ""), ("acquisition-time-local", "2023-02-21T10:41:56"),
        ], custom: [("Z Projection Method", ""), ("Z Projection Step Size", "five")])))
        #expect(metadata.channelName == "Cy5", "an empty _IllumSetting_ falls back to image-name")
        #expect(metadata.pixelSizeX == nil)
        #expect(metadata.wavelengthNanometres == nil, "0 nm is what MetaXpress writes for transmitted light")
        #expect(metadata.zPosition == nil)
        #expect(metadata.localAcquisitionTime == nil)
        #expect(metadata.projectionMethod == nil)
        #expect(metadata.projectionStepSize == nil)
    }

    @Test func resolvesCharacterReferences() throws {
        let metadata = try #require(MetaSeriesMetadata(description: Self.metaData(
            [("_IllumSetting_", "Hoechst &#38; co&#13;&#10;")], custom: [("Z Projection Method", "Best Focus")])))
        #expect(metadata.channelName == "Hoechst & co\r\n")
        #expect(metadata.projectionMethod == "Best Focus")
    }

    @Test func acceptsATrailingNulAndWhiteSpace() {
        let text = "\n" + Self.metaData([("wavelength", "536")]) + "\n\0"
        #expect(MetaSeriesMetadata(description: text)?.wavelengthNanometres == 536)
    }

    @Test func otherDescriptionsAreNotMetaSeries() {
        let others = [
            "",
            "Experiment base name:101210OranePlt1\r\nExperiment set:FordJonah\r\n\r\nExposure: 45 ms",
            "ImageJ=1.54f\nimages=3\nchannels=3\n",
            "{\"shape\": [2000, 2000]}",
            "<?xml version=\"1.0\"?><OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image ID=\"Image:0\"/></OME>",
            "<Other><MetaData><prop id=\"wavelength\" value=\"536\"/></MetaData></Other>",
            "<MetaData><prop id=\"wavelength\" value=\"536\"/>",
            "<MetaData><prop id=\"wavelength\" value=\"536\"></MetaData>",
        ]
        for text in others {
            #expect(MetaSeriesMetadata(description: text) == nil, "\(text.prefix(40))")
        }
    }

    @Test func readsLocalTimesAsUTC() {
        #expect(MetaSeriesMetadata.unixSeconds(metaSeriesTime: "20240229 23:59:59") == 1_709_251_199)
        #expect(MetaSeriesMetadata.unixSeconds(metaSeriesTime: "19700101 00:00:00.25") == 0.25)
        for invalid in ["20230230 10:00:00", "20231301 10:00:00", "20230221 24:00:00", "20230221 10:60:00",
                        "20230221", "2023022 10:41:56", "20230221 10:41", "2023-02-21 10:41:56", "20230221 10:41:xx"] {
            #expect(MetaSeriesMetadata.unixSeconds(metaSeriesTime: invalid) == nil, "\(invalid)")
        }
    }

    @Test func namesSpatialUnitsForNGFF() {
        for micro in ["um", "µm", "\u{03BC}m", "micron", "microns", " um "] {
            #expect(MetaSeriesMetadata.spatialUnitName(micro) == "micrometer", "\(micro)")
        }
        #expect(MetaSeriesMetadata.spatialUnitName("nm") == "nanometer")
        #expect(MetaSeriesMetadata.spatialUnitName("mm") == "millimeter")
        for unknown in ["", "pixel", "pixels", "inch", "UM?", "m"] {
            #expect(MetaSeriesMetadata.spatialUnitName(unknown) == nil, "\(unknown)")
        }
    }
}

/// MetaXpress TIFFs of the corpus: the `<MetaData>` description of stored and exported plates.
@Suite(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
struct MetaSeriesRealFileTests {
    private static let projectionMix = "imagexpress/faim-ipa-metaxpress-stored/Projection-Mix/2023-02-21/1334"
    private static let exported = "imagexpress/faim-ipa-metaxpress-exported"

    private func metadata(_ relativePath: String) throws -> MetaSeriesMetadata {
        let description = try #require(try RealExportCorpus.imageDescription(ofTIFF: relativePath), "\(relativePath)")
        return try #require(MetaSeriesMetadata(description: description), "\(relativePath)")
    }

    /// Full images (not `_thumb`) of the Projection-Mix acquisition, by whether they lie in a ZStep_N folder.
    private func projectionMixImages() -> (topLevel: [String], planes: [String]) {
        let images = RealExportCorpus.files(under: Self.projectionMix, extensions: ["tif"]).filter { !$0.contains("_thumb") }
        let planes = images.filter { $0.contains("/ZStep_") }
        return (images.filter { !$0.contains("/ZStep_") }, planes)
    }

    @Test func readsAProjectionOfProjectionMix() throws {
        let w1 = try metadata(Self.projectionMix + "/Projection-Mix_E07_s1_w1E94C24BD-45E4-450A-9919-257C714278F7.tif")
        #expect(w1.pixelSizeX == 1.3668)
        #expect(w1.pixelSizeY == 1.3668)
        #expect(w1.spatialUnit == "um")
        #expect(w1.spatialUnit.flatMap(MetaSeriesMetadata.spatialUnitName) == "micrometer")
        #expect(w1.channelName == "FITC_05")
        #expect(w1.wavelengthNanometres == 536)
        #expect(w1.stageX == 79813.4)
        #expect(w1.stageY == 41385.4)
        #expect(w1.zPosition == 9343.19)
        // 2023-02-21 10:41:56.561, local time of the acquisition computer, read as UTC.
        #expect(abs(try #require(w1.localAcquisitionTime) - 1_676_976_116.561) < 1e-6)
        #expect(w1.projectionMethod == "Maximum")
        #expect(w1.projectionStepSize == 5)

        let w2 = try metadata(Self.projectionMix + "/Projection-Mix_E07_s1_w2B14915F6-0679-4494-82D1-F80894B32A66.tif")
        #expect(w2.projectionMethod == "Best Focus")
        #expect(w2.channelName == "FITC_05", "w2 uses the same illumination setting; its image-name is FITC_05-2")
    }

    @Test func projectionsOnlyAtTheTopLevelOfProjectionMix() throws {
        let (topLevel, planes) = projectionMixImages()
        #expect(topLevel.count == 12)
        #expect(planes.count >= 40)
        for path in topLevel {
            let plane = try metadata(path)
            let wave = path.contains("_w2") ? "Best Focus" : "Maximum"
            #expect(plane.projectionMethod == wave, "\(path)")
            #expect(plane.projectionStepSize == 5, "\(path)")
            #expect(plane.pixelSizeX == 1.3668, "\(path)")
        }
        for path in planes {
            let plane = try metadata(path)
            #expect(plane.projectionMethod == nil, "\(path)")
            #expect(plane.pixelSizeX == 1.3668, "\(path)")
            #expect(plane.zPosition != nil, "\(path)")
        }
    }

    @Test func zStepPlanesOfOneStackAreFiveMicronsApart() throws {
        let zs = try (1...10).map { step -> Double in
            let folder = Self.projectionMix + "/ZStep_\(step)"
            let file = try #require(RealExportCorpus.files(under: folder, extensions: ["tif"])
                .first { $0.contains("Projection-Mix_E07_s1_w1") && !$0.contains("_thumb") })
            return try #require(try metadata(file).zPosition)
        }
        for (lower, upper) in zip(zs, zs.dropFirst()) {
            #expect(abs(upper - lower - 5) < 0.5, "\(lower) → \(upper)")
        }
    }

    @Test func thumbnailsHaveNonSquarePixels() throws {
        let thumb = try metadata(Self.projectionMix + "/Projection-Mix_E07_s1_w1_thumb4BFD4018-E675-475E-B5AB-2E959E6B6DA1.tif")
        #expect(thumb.pixelSizeX == 8.74752)
        #expect(thumb.pixelSizeY == 10.9344)
        #expect(thumb.channelName == "FITC_05", "_IllumSetting_ wins over image-name HTSThumbHTS")
    }

    @Test func readsTheExportedPlates() throws {
        let images = RealExportCorpus.files(under: Self.exported, extensions: ["tif"])
        #expect(images.count >= 40)
        let wavelengths = ["DAPI": 452.0, "FITC": 520, "Texas Red": 624]
        for path in images {
            let plane = try metadata(path)
            #expect(plane.pixelSizeX == 1.3672, "\(path)")
            #expect(plane.pixelSizeY == 1.3672, "\(path)")
            #expect(plane.spatialUnit == "um", "\(path)")
            let name = try #require(plane.channelName, "\(path)")
            #expect(plane.wavelengthNanometres == wavelengths[name], "\(path): \(name)")
            #expect(plane.localAcquisitionTime != nil, "\(path)")
        }
        let mip = try metadata(Self.exported + "/9987_Plate_3434/TimePoint_1/ZStep_0/9987_B02_s1_w1.TIF")
        #expect(mip.projectionMethod == "Maximum")
        #expect(mip.projectionStepSize == 3)
        let plane = try metadata(Self.exported + "/9987_Plate_3434/TimePoint_1/ZStep_1/9987_B02_s1_w1.TIF")
        #expect(plane.projectionMethod == nil)
        #expect(plane.projectionStepSize == nil)
        let singlePlane = try metadata(Self.exported + "/9987_Plate_3434/TimePoint_1/ZStep_0/9987_B02_s1_w3.TIF")
        #expect(singlePlane.projectionMethod == nil, "Texas Red was taken at one z and not projected")
    }

    @Test func transmittedLightHasNoWavelength() throws {
        let thumb = try metadata("imagexpress/faim-ipa-metaxpress-stored/exp126-d0_C03_thumbA6B0784C-19ED-4F35-9E6A-0A306794BB11.tif")
        #expect(thumb.channelName == "TL 10")
        #expect(thumb.wavelengthNanometres == nil)
        #expect(thumb.isTransmittedLight)
    }

    @Test func olderMetaMorphDescriptionsAreNotMetaSeries() throws {
        let path = "imagexpress/cellprofiler-examples/ExampleStraightenWorms/images/101210OranePlt1_C16_w1_[9AA4D9EA-18E4-4354-8C7D-0202029A8048].tif"
        let description = try #require(try RealExportCorpus.imageDescription(ofTIFF: path))
        #expect(description.hasPrefix("Experiment base name:"))
        #expect(MetaSeriesMetadata(description: description) == nil)
    }
}
