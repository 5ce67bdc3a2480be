import Foundation
import Testing
import Zarr

extension DaemonEndToEndSuite {
    @Suite("the web view: pages, thumbnails, JSON and metrics while a plate fills")
    struct WebViewTests {
        /// A plate delivered well by well to a daemon serving its web view on a free loopback port: after every
        /// well the plate page shows the written wells with thumbnails (PNGs the size of the lowest pyramid
        /// level) and the JSON API says what the CLI says; the view is read-only and escapes what it shows.
        @Test func servesThePlateWhileItFills() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .yokogawa, plate: "WebPlate", wells: ["A1", "B2", "C3"], size: 300,
                                          in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            let daemon = try workspace.startDaemon(workspace.serveArguments() + ["--web", "127.0.0.1:0"])
            let web = try await WebClient.awaitListening(daemon)
            #expect(web.base.hasPrefix("http://127.0.0.1:") && !web.base.hasSuffix(":0"), "\(web.base)")
            try await workspace.awaitWatching(daemon)
            for plan in export.planFiles {
                try export.deliver(plan, into: destination)
            }
            // A file the layout does not recognise, named to break out of HTML if it were not escaped.
            try Data("x".utf8).write(to: URL(fileURLWithPath: workspace.watched + "/<img src=x onerror=alert(1)>.tif"))

            var written: [String] = []
            for well in export.wellNames {
                for image in export.images(inWell: well) {
                    try export.deliver(image.relativePath, into: destination)
                }
                try await workspace.awaitWritten(well, plate: export.plateName, daemon: daemon)
                written.append(well)
                try await expectPlatePage(web, plate: export.plateName, written: written, workspace: workspace)
                try await expectOverview(web, written: written.count, expected: export.wellNames.count, daemon: daemon)
            }
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)

            try await expectSameJSONAsTheCLI(web, workspace: workspace, plate: export.plateName, expected: export.wellNames.count)
            let overview = try await web.get("/")
            #expect(overview.status == 200 && overview.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(overview.text.contains("href=\"/plates/WebPlate\"") && overview.text.contains("finalized"))
            #expect(overview.text.contains("&lt;img src=x onerror=alert(1)&gt;") && !overview.text.contains("<img src=x"),
                    "the rejected file's name must be escaped:\n\(overview.text)")
            #expect(overview.text.contains(workspace.watched) && overview.text.contains("Free on output"))
            #expect(!overview.text.contains("src=\"http") && !overview.text.contains("href=\"http"), "no external assets")

            let metrics = try await web.get("/metrics")
            #expect(metrics.status == 200 && metrics.text.contains("platedrop_wells_written_total 3"), "\(metrics.text)")
            #expect(metrics.text.contains("platedrop_files_rejected{reason=\"unrecognized_name\"} 1"), "\(metrics.text)")
            #expect(metrics.text.contains("platedrop_well_latency_seconds_count 3"), "\(metrics.text)")

            try await expectReadOnlyAndConfined(web)
            try await workspace.stop(daemon)
        }

        /// A second daemon told to listen where the first one does stops at startup, saying why.
        @Test func anAddressInUseStopsTheDaemonAtStartup() async throws {
            let first = try DaemonWorkspace()
            let running = try first.startDaemon(first.serveArguments() + ["--web", "127.0.0.1:0"])
            let web = try await WebClient.awaitListening(running)
            let second = try DaemonWorkspace()
            let refused = try second.startDaemon(second.serveArguments() + ["--web", String(web.base.dropFirst("http://".count))])
            let status = try await refused.exitStatus()
            #expect(status == 1, "\(refused.log)")
            #expect(refused.log.contains("the web view cannot listen on 127.0.0.1:"), "\(refused.log)")
            #expect(try await web.get("/").status == 200)
            try await first.stop(running)
        }

        /// `[::1]:0` binds the IPv6 loopback and nothing else: the view answers there and not on 127.0.0.1.
        /// curl asks (Foundation's URLSession on Linux refuses URLs with an IPv6 literal).
        @Test(.enabled(if: WebClient.hasIPv6Loopback, "this machine has no IPv6 loopback"))
        func listensOnAnIPv6LiteralOnly() async throws {
            let workspace = try DaemonWorkspace()
            let daemon = try workspace.startDaemon(workspace.serveArguments() + ["--web", "[::1]:0"])
            let web = try await WebClient.awaitListening(daemon)
            #expect(web.base.hasPrefix("http://[::1]:"), "\(web.base)")
            let port = try #require(web.base.split(separator: ":").last)
            let answer = try Self.curl(["--globoff", web.base + "/api/status"])
            #expect(answer.status == 0 && answer.output.contains("\"running\""), "\(answer.output)")
            let elsewhere = try Self.curl(["http://127.0.0.1:\(port)/api/status"])
            #expect(elsewhere.status == 7, "curl exit 7 (could not connect) expected on 127.0.0.1: \(elsewhere)")
            try await workspace.stop(daemon)
        }

        private static func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["--silent", "--max-time", "30"] + arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }

        private func expectPlatePage(_ web: WebClient, plate: String, written: [String], workspace: DaemonWorkspace) async throws {
            let page = try await web.get("/plates/\(plate)")
            #expect(page.status == 200, "\(page.text)")
            let store = StoreOnDisk(root: workspace.storePath(plate: plate))
            for well in written {
                #expect(page.text.contains("class=\"well written\" data-well=\"\(well)\""), "well \(well) not drawn written:\n\(page.text)")
                let thumbnailPath = "/plates/\(plate)/wells/\(well)/thumbnail.png"
                #expect(page.text.contains("<img src=\"\(thumbnailPath)?generation=1\""))
                let thumbnail = try await web.get(thumbnailPath)
                #expect(thumbnail.status == 200 && thumbnail.header("Content-Type") == "image/png")
                let bytes = [UInt8](thumbnail.body)
                try #require(bytes.count > 24 && bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
                let lowest = try store.array(SourceExport.wellPath(of: well) + "/0/1").metadata.shape
                #expect(Self.bigEndian(bytes[16..<20]) == lowest[lowest.count - 1] && Self.bigEndian(bytes[20..<24]) == lowest[lowest.count - 2],
                        "thumbnail of \(well) is not the lowest level's \(lowest)")
            }
            let json = try await web.get("/api/plates/\(plate)")
            let listed = try JSONValue(parsing: [UInt8](json.body))["wells"]?.arrayValue?
                .filter { $0["state"]?.stringValue == "written" }.compactMap { $0["well"]?.stringValue }
            #expect(Set(listed ?? []).isSuperset(of: written))
        }

        /// The overview counts the plate's wells written against the wells its plan (the mlf) lists, once the
        /// planner has read the plan.
        private func expectOverview(_ web: WebClient, written: Int, expected: Int, daemon: DaemonProcess) async throws {
            let cell = "<td>\(written) / \(expected)</td>"
            let overview = try await Deadline.poll(for: "the overview to show \(cell)", daemon: daemon) {
                let page = try await web.get("/")
                return page.text.contains(cell) ? page : nil
            }
            #expect(overview.text.contains("<th>Wells written / expected</th>"), "\(overview.text)")
        }

        private func expectSameJSONAsTheCLI(_ web: WebClient, workspace: DaemonWorkspace, plate: String, expected: Int) async throws {
            for (path, command) in [("/api/plates", ["plates"]), ("/api/plates/\(plate)", ["plate", plate])] {
                let served = try await web.get(path)
                let printed = try await workspace.command(command + ["--json"])
                #expect(served.header("Content-Type") == "application/json")
                #expect(served.text == printed.standardOutput, "\(path) differs from platedrop \(command.joined(separator: " ")) --json")
            }
            let plates = try JSONValue(parsing: [UInt8](try await web.get("/api/plates").body)).arrayValue ?? []
            #expect(plates.map { $0["expectedWells"] } == [JSONValue(expected)], "\(plates)")
            let plateDocument = try JSONValue(parsing: [UInt8](try await web.get("/api/plates/\(plate)").body))
            #expect(plateDocument["expectedWells"] == JSONValue(expected))
            // The heartbeat moves every two seconds; everything else is still once the plate is finalized.
            let served = try JSONValue(parsing: [UInt8](try await web.get("/api/status").body))
            let printed = try await workspace.command(["status", "--json"]).json()
            #expect(Self.withoutHeartbeat(served) == Self.withoutHeartbeat(printed), "\(served)\n\(printed)")
        }

        private func expectReadOnlyAndConfined(_ web: WebClient) async throws {
            for method in ["POST", "PUT", "DELETE"] {
                let answer = try await web.get("/api/plates", method: method)
                #expect(answer.status == 405 && answer.header("Allow") == "GET, HEAD", "\(method): \(answer.status)")
            }
            let head = try await web.get("/", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty)
            for path in ["/plates/..%2F..%2Fetc%2Fpasswd", "/plates/%2E%2E/wells/A1/thumbnail.png", "/plates/WebPlate/wells/..%2F..%2F/thumbnail.png",
                         "/plates/WebPlate/wells/H12/thumbnail.png", "/api/plates/nothing", "/etc/passwd"] {
                let answer = try await web.get(path)
                #expect(answer.status == 404, "\(path): \(answer.status) \(answer.text)")
            }
        }

        private static func withoutHeartbeat(_ status: JSONValue) -> JSONValue {
            guard var object = status.objectValue, var daemon = object["daemon"]?.objectValue else { return status }
            daemon["heartbeatAt"] = nil
            object["daemon"] = .object(daemon)
            return .object(object)
        }

        private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> Int {
            bytes.reduce(0) { $0 << 8 | Int($1) }
        }
    }
}
