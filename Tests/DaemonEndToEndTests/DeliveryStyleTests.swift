import Foundation
import SampleExports
import Testing

extension DaemonEndToEndSuite {
    @Suite("every way files arrive in the watched folder")
    struct DeliveryStyleTests {
        /// A slowly appended file must not settle between chunks: pauses stay well under the quiet period.
        static let appendQuietPeriod = "2s"
        static let appendChunks = 10
        static let appendPause: Duration = .milliseconds(500)

        @Test(arguments: DeliveryStyle.allCases)
        func everyFileIsIngestedOnceComplete(style: DeliveryStyle) async throws {
            let workspace = try DaemonWorkspace()
            // Harmony keeps its images in a subfolder: a tree copied or moved in brings folders the daemon has not seen.
            let layout: ExportLayout = [.copiedAsFolderTree, .movedInAsFolderTree].contains(style) ? .harmony : .imageXpress
            let export = try SourceExport(layout: layout, plate: "Delivered", wells: ["A1", "B2"], in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            let appended = try #require(export.images(inWell: "A1").last)

            let daemon: DaemonProcess
            switch style {
            case .presentBeforeStart:
                try FileManager.default.copyItem(atPath: export.root, toPath: destination)
                daemon = try workspace.startDaemon()
            case .copiedAsFolderTree:
                daemon = try workspace.startDaemon()
                try await workspace.awaitWatching(daemon)
                try FileManager.default.copyItem(atPath: export.root, toPath: destination)
            case .movedInAsFolderTree:
                let staged = workspace.path + "/staged-" + export.plateName
                try FileManager.default.copyItem(atPath: export.root, toPath: staged)
                daemon = try workspace.startDaemon()
                try await workspace.awaitWatching(daemon)
                try FileManager.default.moveItem(atPath: staged, toPath: destination)
            case .renamedFromTemporaryName:
                daemon = try workspace.startDaemon()
                try await workspace.awaitWatching(daemon)
                for file in export.planFiles + export.images.map(\.relativePath) {
                    try await deliverUnderTemporaryName(file, of: export, into: destination)
                }
            case .appendedSlowly:
                daemon = try workspace.startDaemon(workspace.serveArguments(quietPeriod: Self.appendQuietPeriod))
                try await workspace.awaitWatching(daemon)
                for file in export.planFiles + export.images.map(\.relativePath) where file != appended.relativePath {
                    try export.deliver(file, into: destination)
                }
                try await appendSlowly(appended.relativePath, of: export, into: destination)
            case .polledRoot:
                daemon = try workspace.startDaemon(["serve", "--config", try polledConfig(in: workspace)])
                try await workspace.awaitWatching(daemon)
                try FileManager.default.copyItem(atPath: export.root, toPath: destination)
            }

            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            let files = try await workspace.command(["files", "--json"])
            try #require(files.exitCode == 0, "\(files.transcript)")
            let states = Dictionary((try files.json().arrayValue ?? []).compactMap { entry -> (String, String)? in
                guard let path = entry["path"]?.stringValue, let state = entry["state"]?.stringValue else { return nil }
                return (path, state)
            }, uniquingKeysWith: { first, _ in first })
            for image in export.images {
                let path = export.plateName + "/" + image.relativePath
                #expect(states[path] == "ingested", "\(path) is \(states[path] ?? "not catalogued")")
            }
            let rejected = try await workspace.command(["files", "--state", "rejected", "--json"])
            #expect(try rejected.json().arrayValue?.isEmpty == true, "files rejected: \(rejected.standardOutput)")
            try LevelZeroCheck.expectMatches(StoreOnDisk(root: workspace.storePath(plate: export.plateName)),
                                             images: export.images, folder: destination)

            if style == .appendedSlowly {
                let path = export.plateName + "/" + appended.relativePath
                let rejections = try CatalogueInspector(path: workspace.catalogue).events(kind: .fileRejected, path: path)
                #expect(rejections.isEmpty, "the appended file was used before it was complete: \(rejections.map(\.message))")
                let wells = try #require(try await workspace.wells(plate: export.plateName))
                #expect(wells["A1"]?.generation == 1, "well A1 was written more than once: \(String(describing: wells["A1"]))")
            }
            try await workspace.stop(daemon)
        }

        /// `.name.partial` first, the final name by rename once the bytes are all there.
        private func deliverUnderTemporaryName(_ relativePath: String, of export: SourceExport, into destination: String) async throws {
            let final = destination + "/" + relativePath
            let folder = (final as NSString).deletingLastPathComponent
            let temporary = folder + "/." + (final as NSString).lastPathComponent + ".partial"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: export.root + "/" + relativePath, toPath: temporary)
            try await Task.sleep(for: .milliseconds(100))
            try FileManager.default.moveItem(atPath: temporary, toPath: final)
        }

        /// The file's bytes in `appendChunks` writes with pauses shorter than the quiet period, as a slow
        /// network copy delivers them.
        private func appendSlowly(_ relativePath: String, of export: SourceExport, into destination: String) async throws {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: export.root + "/" + relativePath)))
            let path = destination + "/" + relativePath
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            try #require(descriptor >= 0, "cannot create \(path): errno \(errno)")
            defer { close(descriptor) }
            let chunk = (bytes.count + Self.appendChunks - 1) / Self.appendChunks
            for start in stride(from: 0, to: bytes.count, by: chunk) {
                let piece = bytes[start..<min(start + chunk, bytes.count)]
                let written = piece.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                try #require(written == piece.count, "short write to \(path)")
                try await Task.sleep(for: Self.appendPause)
            }
        }

        /// A config whose one watched folder is polled every second (the command line's --poll keeps the 30 s default).
        private func polledConfig(in workspace: DaemonWorkspace) throws -> String {
            let path = workspace.path + "/polled.toml"
            let text = """
                [daemon]
                catalog = "\(workspace.catalogue)"
                plate_timeout = "30m"

                [[watch]]
                id = "polled"
                path = "\(workspace.watched)"
                output = "\(workspace.output)"
                quiet_period = "1s"
                poll = true
                poll_interval = "1s"
                """
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}
