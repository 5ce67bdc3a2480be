import Foundation
import Logging
import PlateDropDaemon
import Testing

@Suite("JournalLogHandler")
struct JournalLogHandlerTests {
    private struct ConversionFailed: Error, CustomStringConvertible {
        var description: String { "blosc returned -1" }
    }

    /// The lines a logger with a JournalLogHandler wrote while `body` ran, read back from a pipe.
    private func capture(
        label: String = "platedrop.watch",
        provider: Logger.MetadataProvider? = nil,
        _ body: (inout Logger) -> Void
    ) throws -> [String] {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let reader = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        var logger = Logger(label: label) {
            JournalLogHandler(label: $0, fileDescriptor: ends[1], logLevel: .trace, metadataProvider: provider)
        }
        body(&logger)
        close(ends[1])
        let text = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.hasSuffix("\n"), "every line ends with a newline")
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test("prefixes each level with its sd-daemon priority")
    func priorities() throws {
        let lines = try capture { logger in
            logger.trace("t")
            logger.debug("d")
            logger.info("i")
            logger.notice("n")
            logger.warning("w")
            logger.error("e")
            logger.critical("c")
        }
        #expect(lines == [
            "<7>platedrop.watch: t",
            "<7>platedrop.watch: d",
            "<6>platedrop.watch: i",
            "<5>platedrop.watch: n",
            "<4>platedrop.watch: w",
            "<3>platedrop.watch: e",
            "<2>platedrop.watch: c",
        ])
    }

    @Test("appends metadata as sorted key=value pairs, the event's over the provider's over the logger's")
    func metadata() throws {
        let provider = Logger.MetadataProvider { ["task": "scan", "root": "/srv/provided"] }
        let lines = try capture(provider: provider) { logger in
            logger[metadataKey: "root"] = "/srv/exports"
            logger[metadataKey: "well"] = "B03"
            logger.info("file stable", metadata: ["file": "A01_s1_w1.tif", "well": "A01", "bytes": "8388608"])
        }
        #expect(lines == [
            "<6>platedrop.watch: file stable bytes=8388608 file=A01_s1_w1.tif root=/srv/provided task=scan well=A01",
        ])
    }

    @Test("quotes values that would not read back as one token")
    func quoting() throws {
        let lines = try capture { logger in
            logger.notice("plate done", metadata: [
                "path": "/srv/plates/Plate 7.ome.zarr",
                "hook": "notify --to=\"lab\"",
                "reason": "",
                "wells": ["A01", "B02"],
            ])
        }
        #expect(lines == [
            #"<5>platedrop.watch: plate done hook="notify --to=\"lab\"" path="/srv/plates/Plate 7.ome.zarr" reason="" wells="[\"A01\", \"B02\"]""#,
        ])
    }

    @Test("escapes line breaks and control characters, so one event stays one line")
    func oneLinePerEvent() throws {
        let lines = try capture(label: "platedrop\nfake") { logger in
            logger.error(
                "unreadable TIFF\nsecond line\r\tC:\\x \u{1B}[31m",
                metadata: ["detail": "tag 259\nunknown"])
        }
        #expect(lines == [
            #"<3>platedrop\nfake: unreadable TIFF\nsecond line\r\tC:\\x \x1B[31m detail="tag 259\nunknown""#,
        ])
    }

    @Test("adds the error of an event as error=")
    func error() throws {
        let lines = try capture { logger in
            logger.error("conversion failed", error: ConversionFailed(), metadata: ["well": "C07"])
        }
        #expect(lines == [#"<3>platedrop.watch: conversion failed error="blosc returned -1" well=C07"#])
    }

    @Test("writes nothing below its level")
    func levelFilter() throws {
        let lines = try capture { logger in
            logger.logLevel = .warning
            logger.info("hidden")
            logger.warning("shown")
        }
        #expect(lines == ["<4>platedrop.watch: shown"])
    }
}
