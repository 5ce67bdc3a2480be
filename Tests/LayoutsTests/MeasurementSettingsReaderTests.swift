import Foundation
import PlateDropTestSupport
import Testing
@testable import Layouts

@Suite struct MeasurementSettingsReaderTests {
    /// A `.mes` document with the given light sources and channels (inner XML), as the CV8000 writes it.
    static func mes(lightSources: String, channels: String, root: String = "bts:Columns=\"24\" bts:Rows=\"16\"") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <bts:MeasurementSetting bts:Version="1.0" bts:ProductID="1009680001" bts:Application="" \(root) \
        xmlns:bts="http://www.yokogawa.co.jp/BTS/BTSSchema/1.0">
          <bts:Timelapse><bts:Timeline bts:Name="Time Line 1"><bts:ActionList>
            <bts:ActionAcquire3D bts:SliceLength="3"><bts:Ch>1</bts:Ch></bts:ActionAcquire3D>
          </bts:ActionList></bts:Timeline></bts:Timelapse>
          \(lightSources)
          \(channels)
        </bts:MeasurementSetting>
        """
    }

    static let lasers = """
        <bts:LightSourceList bts:UseCalibratedLaserPower="true">
          <bts:LightSource bts:Name="405nm" bts:Type="Laser" bts:WaveLength="405" bts:Power="100" />
          <bts:LightSource bts:Name="561nm" bts:Type="Laser" bts:WaveLength="561" bts:Power="50" />
          <bts:LightSource bts:Name="Lamp" bts:Type="Lamp" bts:WaveLength="0" bts:Power="30" />
        </bts:LightSourceList>
        """

    static func channel(_ ch: Int, _ attributes: String, lightSource: String?) -> String {
        let child = lightSource.map { "<bts:LightSourceName>\($0)</bts:LightSourceName>" } ?? ""
        return "<bts:Channel bts:Ch=\"\(ch)\" \(attributes)>\(child)</bts:Channel>"
    }

    private func read(_ text: String, bom: Bool = true) throws -> MeasurementSettings {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)), to: "settings.mes")
        return try MeasurementSettingsReader.read(at: path)
    }

    private func readError(_ text: String) throws -> (path: String, error: LayoutError) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(text, to: "broken.mes")
        let error = try #require(throws: LayoutError.self) { try MeasurementSettingsReader.read(at: path) }
        return (path, error)
    }

    @Test func readsChannelsLightSourcesAndPlateSize() throws {
        let mCherry = Self.channel(2, """
            bts:Target="561" bts:Acquisition="BP600/37" bts:Color="#FFFF8200" bts:MinLevel="0.25" bts:MaxLevel="0.75" \
            bts:Fluorophore="mCherry"
            """, lightSource: "561nm")
        let hoechst = Self.channel(1, """
            bts:Target="405" bts:Acquisition="BP445/45" bts:Color="#FF002FFF" bts:MinLevel="0" bts:MaxLevel="1" bts:Fluorophore=""
            """, lightSource: "405nm")
        let brightfield = Self.channel(3, "bts:Target=\"Brightfield\" bts:Acquisition=\"BP525/50\" bts:Color=\"#ffffffff\"",
                                       lightSource: "Lamp")
        let settings = try read(Self.mes(lightSources: Self.lasers,
                                         channels: "<bts:ChannelList>\(mCherry)\n\(hoechst)\n\(brightfield)</bts:ChannelList>"))
        #expect(settings.columns == 24)
        #expect(settings.rows == 16)
        #expect(settings.channels.map(\.index) == [0, 1, 2], "ordered by bts:Ch, not by file order")
        #expect(settings.channels[0] == MeasurementSettings.Channel(
            index: 0, target: "405", acquisition: "BP445/45", fluorophore: nil, emissionNanometres: 445,
            excitationNanometres: 405, colorRGB: "002FFF", displayMin: 0, displayMax: 1))
        #expect(settings.channels[0].name == "405 BP445/45")
        #expect(settings.channels[1].name == "mCherry")
        #expect(settings.channels[1].excitationNanometres == 561)
        #expect(settings.channels[1].displayMin == 0.25)
        #expect(settings.channels[2].excitationNanometres == nil, "the lamp's WaveLength 0 is no wavelength")
        #expect(settings.channels[2].colorRGB == "FFFFFF")
        #expect(settings.channels[2].displayMax == nil)
        #expect(settings.channels[2].name == "Brightfield BP525/50")
    }

    @Test func lightSourcesListedAfterTheChannelsStillResolve() throws {
        let settings = try read(Self.mes(
            lightSources: "",
            channels: """
                <bts:ChannelList>\(Self.channel(1, "bts:Target=\"405\"", lightSource: "405nm"))\
                \(Self.channel(2, "bts:Target=\"488\"", lightSource: "488nm"))</bts:ChannelList>
                \(Self.lasers)
                """))
        #expect(settings.channels[0].excitationNanometres == 405)
        #expect(settings.channels[1].excitationNanometres == nil, "488nm is not in the light-source list")
    }

    @Test func missingAttributesReadAsNil() throws {
        let settings = try read(Self.mes(lightSources: "", channels: """
            <bts:ChannelList>\(Self.channel(3, "bts:Target=\"\" bts:Color=\"red\"", lightSource: nil))\
            \(Self.channel(4, "bts:Acquisition=\"Open\" bts:Color=\"#00ff7f\"", lightSource: nil))</bts:ChannelList>
            """, root: ""), bom: false)
        #expect(settings.columns == nil)
        #expect(settings.rows == nil)
        let third = settings.channels[0]
        #expect(third == MeasurementSettings.Channel(index: 2))
        #expect(third.name == "Ch3")
        let fourth = settings.channels[1]
        #expect(fourth.name == "Open")
        #expect(fourth.emissionNanometres == nil)
        #expect(fourth.colorRGB == "00FF7F", "six-digit colours have no alpha to drop")
    }

    @Test func readsFilterCentresAndColours() {
        #expect(MeasurementSettingsReader.bandPassCentre("BP445/45") == 445)
        #expect(MeasurementSettingsReader.bandPassCentre("bp676/29") == 676)
        #expect(MeasurementSettingsReader.bandPassCentre("525/50") == 525)
        for notBandPass in ["LP500", "Open", "405", "BP/45", ""] {
            #expect(MeasurementSettingsReader.bandPassCentre(notBandPass) == nil, "\(notBandPass)")
        }
        #expect(MeasurementSettingsReader.rgbHex("#FF002FFF") == "002FFF")
        #expect(MeasurementSettingsReader.rgbHex("#ff44ee66") == "44EE66")
        for invalid in ["#FFF", "#GG002FFF", "", "#"] {
            #expect(MeasurementSettingsReader.rgbHex(invalid) == nil, "\(invalid)")
        }
    }

    @Test func malformedFilesNameTheFile() throws {
        let cases: [(text: String, found: String)] = [
            ("this is not XML", "invalid XML"),
            ("", "an empty file"),
            (Self.mes(lightSources: Self.lasers, channels: ""), "no <bts:ChannelList>"),
            (Self.mes(lightSources: Self.lasers, channels: "<bts:ChannelList></bts:ChannelList>"), "an empty channel list"),
            ("<bts:MeasurementData xmlns:bts=\"x\"><bts:ChannelList/></bts:MeasurementData>", "root element <MeasurementData>"),
            (String(Self.mes(lightSources: Self.lasers, channels: "<bts:ChannelList>").dropLast(40)), "breaks off"),
            (Self.mes(lightSources: "", channels: "<bts:ChannelList><bts:Channel bts:Target=\"405\"/></bts:ChannelList>"), "none at line"),
            (Self.mes(lightSources: "", channels: "<bts:ChannelList><bts:Channel bts:Ch=\"0\"/></bts:ChannelList>"), "\"0\""),
            (Self.mes(lightSources: "", channels: """
                <bts:ChannelList><bts:Channel bts:Ch="1"/><bts:Channel bts:Ch="1"/></bts:ChannelList>
                """), "Ch 1 at lines"),
            (Self.mes(lightSources: "", channels: """
                <bts:ChannelList><bts:Channel bts:Ch="1" bts:MaxLevel="high"/></bts:ChannelList>
                """), "\"high\""),
        ]
        for (text, found) in cases {
            let (path, error) = try readError(text)
            guard case .malformedPlan(let errorPath, _, let errorFound) = error else {
                Issue.record("\(text.prefix(40)): \(error)")
                continue
            }
            #expect(errorPath == path)
            #expect(errorFound.contains(found), "\(errorFound)")
            #expect(error.description.contains("broken.mes"))
        }
    }

    @Test func aMissingFileIsUnreadable() {
        let path = NSTemporaryDirectory() + "/no-such-\(UUID().uuidString).mes"
        let error = #expect(throws: LayoutError.self) { try MeasurementSettingsReader.read(at: path) }
        guard case .unreadable(let errorPath, _) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(errorPath == path)
    }
}

/// Every `.mes` of the corpus: CV7000, CV8000 and CQ3000 measurement settings.
@Suite(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
struct MeasurementSettingsRealFileTests {
    private static let cv8000 = "yokogawa/faim-ipa-cv8000/CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack_20230918_135839/"
        + "CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack/Minimal-3C3W2S-FP2-stack.mes"

    @Test func everyRealSettingsFileReads() throws {
        let files = RealExportCorpus.files(under: "yokogawa", extensions: ["mes"])
        #expect(files.count >= 7)
        for file in files {
            let settings = try MeasurementSettingsReader.read(at: RealExportCorpus.path(file))
            #expect(!settings.channels.isEmpty, "\(file)")
            #expect(settings.channels.map(\.index) == Array(0..<settings.channels.count), "\(file)")
            #expect((settings.columns ?? 0) > 0 && (settings.rows ?? 0) > 0, "\(file)")
            for channel in settings.channels {
                let color = try #require(channel.colorRGB, "\(file) Ch\(channel.index + 1)")
                #expect(color.count == 6 && color.allSatisfy { $0.isHexDigit && !$0.isLowercase }, "\(file): \(color)")
                #expect(channel.emissionNanometres != nil, "\(file) Ch\(channel.index + 1)")
                #expect(channel.displayMax != nil, "\(file) Ch\(channel.index + 1)")
            }
        }
    }

    @Test func readsTheCV8000Settings() throws {
        let settings = try MeasurementSettingsReader.read(at: RealExportCorpus.path(Self.cv8000))
        #expect(settings.columns == 12)
        #expect(settings.rows == 8)
        #expect(settings.channels.count == 4)
        let first = settings.channels[0]
        #expect(first.index == 0)
        #expect(first.target == "405")
        #expect(first.acquisition == "BP445/45")
        #expect(first.fluorophore == nil, "written as an empty attribute")
        #expect(first.colorRGB == "002FFF")
        #expect(first.emissionNanometres == 445)
        #expect(first.excitationNanometres == 405)
        #expect(first.displayMin == 0)
        #expect(first.displayMax == 0.59884668421712428)
        #expect(first.name == "405 BP445/45")
        #expect(settings.channels.map(\.excitationNanometres) == [405, 488, 561, 640])
        #expect(settings.channels.map(\.emissionNanometres) == [445, 525, 600, 676])
        #expect(settings.channels.map(\.colorRGB) == ["002FFF", "00FFA1", "FF8200", "FF1B00"])
    }

    @Test func readsTheCV7000BrightfieldAnd384Wells() throws {
        let settings = try MeasurementSettingsReader.read(
            at: RealExportCorpus.path("yokogawa/cellvoyager-types/CV7000_z_processed/20240123-TDW-60xW-565-647.mes"))
        #expect(settings.columns == 24)
        #expect(settings.rows == 16)
        let brightfield = try #require(settings.channels.first { $0.target == "Brightfield" })
        #expect(brightfield.index == 4)
        #expect(brightfield.excitationNanometres == nil, "lit by the lamp")
        #expect(brightfield.colorRGB == "FFFFFF")
        #expect(brightfield.name == "Brightfield BP525/50")
        #expect(settings.channels[0].colorRGB == "1B54FF")
    }

    @Test func readsTheCQ3000SettingsWithoutByteOrderMark() throws {
        let settings = try MeasurementSettingsReader.read(
            at: RealExportCorpus.path("yokogawa/fractal-uzh-converters-cq3000-upstream/hcs_2w1p1c1z1t_mip/MeasurementProtocol.mes"))
        let only = try #require(settings.channels.first)
        #expect(settings.channels.count == 1)
        #expect(only.target == "Ch1_ConfocalFluorescence_405nm/100mW_BP447/60")
        #expect(only.fluorophore == nil, "the CQ3000 writes no Fluorophore attribute")
        #expect(only.excitationNanometres == 405, "light source Ch1_405nm/100mW_100")
        #expect(only.emissionNanometres == 447)
        #expect(only.colorRGB == "00FFFF")
    }
}
