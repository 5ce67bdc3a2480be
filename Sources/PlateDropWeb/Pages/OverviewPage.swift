import Catalog

/// `GET /`: the daemon's health (watched folders and their mode, queue, current work, free space of each
/// output) and every plate with its progress.
struct OverviewPage {
    let report: CatalogOverview
    let alive: Bool
    let plates: [PlateProgress]
    /// Rejected files by plate id.
    let rejected: [Int64: Int]
    /// Free space by output folder; nil when it could not be read.
    let freeSpace: [String: DiskSpace?]

    var html: String {
        HTML.page(title: "PlateDrop", body: "<h1>PlateDrop</h1>" + daemon + folders + plateTable + problems,
                  poll: ["/api/status", "/api/plates"])
    }

    private var daemon: String {
        guard let record = report.daemon else { return "<p>The daemon has never run with this catalogue.</p>" }
        guard alive else {
            return "<p class=\"problem\">Daemon not running (last heartbeat \(HTML.time(record.heartbeatAt))).</p>"
        }
        return """
            <p>Daemon running (pid \(record.pid), since \(HTML.time(record.startedAt))): \
            <b>\(HTML.escape(record.currentWork ?? "idle"))</b>. Queue: \(record.queueLength) event(s) waiting, \
            \(report.readyWells) well(s) ready to write.</p>
            """
    }

    private var folders: String {
        let rows = report.roots.map { root in
            let space = freeSpace[root.output] ?? nil
            let free = space.map { "\(HTML.bytes($0.freeBytes)) of \(HTML.bytes($0.totalBytes))" } ?? "unknown"
            return "<tr><td>\(HTML.escape(root.path))</td><td>\(HTML.escape(root.layout))</td>"
                + "<td>\(HTML.escape(root.stateSummary))</td><td>\(HTML.escape(root.output))</td><td>\(free)</td></tr>"
        }
        return "<h2>Watched folders</h2><table><tr><th>Folder</th><th>Layout</th><th>Mode</th><th>Output</th>"
            + "<th>Free on output</th></tr>" + rows.joined() + "</table>"
    }

    private var plateTable: String {
        guard !plates.isEmpty else { return "<h2>Plates</h2><p class=\"muted\">No plates yet.</p>" }
        let rows = plates.map { line in
            let link = "/plates/" + WebRoute.component(line.plate.name)
            return "<tr><td><a href=\"\(HTML.escape(link))\">\(HTML.escape(line.plate.name))</a></td>"
                + "<td>\(line.plate.state.rawValue)</td><td>\(line.wellProgress.label)</td>"
                + "<td>\(line.plate.id.flatMap { rejected[$0] } ?? 0)</td><td>\(HTML.time(line.plate.lastActivityAt))</td></tr>"
        }
        return "<h2>Plates</h2><table><tr><th>Plate</th><th>State</th><th>Wells written / expected</th>"
            + "<th>Files rejected</th><th>Last activity</th></tr>" + rows.joined() + "</table>"
    }

    private var problems: String {
        guard !report.problems.isEmpty else { return "" }
        let items = report.problems.map { event in
            "<li><span class=\"muted\">\(HTML.time(event.at))</span> \(event.level.rawValue) \(HTML.escape(event.kind))"
                + (event.path.map { " <code>\(HTML.escape($0))</code>" } ?? "") + ": \(HTML.escape(event.message))</li>"
        }
        return "<h2>Recent problems</h2><ul>" + items.joined() + "</ul>"
    }
}
