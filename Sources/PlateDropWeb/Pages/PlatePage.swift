import Catalog
import CatalogDocuments
import Layouts

/// `GET /plates/NAME`: the plate map, one cell per well of the plate format coloured by the well's state,
/// with a thumbnail in every well that has been written; then the plate's problems (failed wells and
/// rejected files, each with its reason).
struct PlatePage {
    let snapshot: PlateSnapshot
    let rejectedFiles: [FileRecord]

    var html: String {
        let plate = snapshot.plate
        let summary = """
            <h1>Plate \(HTML.escape(plate.name))</h1>
            <p><a href="/">All plates</a> · <b>\(plate.state.rawValue)</b> · wells written \
            \(snapshot.wellProgress.label) · files: \(HTML.escape(CountsText.summary(snapshot.files))) · last activity \
            \(HTML.time(plate.lastActivityAt))<br><span class="muted">\(HTML.escape(plate.storePath))</span></p>
            """
        return HTML.page(title: "Plate \(plate.name)", body: summary + map + legend + problems,
                         poll: ["/api/plates/" + WebRoute.component(plate.name)])
    }

    private var map: String {
        let format = snapshot.format
        let byPosition = Dictionary(snapshot.wells.map { ($0.position, $0) }, uniquingKeysWith: { first, _ in first })
        let plateComponent = WebRoute.component(snapshot.plate.name)
        var html = "<table class=\"map\"><tr><th></th>"
        html += (0..<format.columns).map { "<th>\($0 + 1)</th>" }.joined() + "</tr>"
        for row in 0..<format.rows {
            html += "<tr><th>\(WellPosition(row: row, column: 0).rowName)</th>"
            for column in 0..<format.columns {
                let position = WellPosition(row: row, column: column)
                guard let well = byPosition[position] else {
                    html += "<td class=\"well\" data-well=\"\(position.label)\" title=\"\(position.label): no images\"></td>"
                    continue
                }
                let title = "\(position.label): \(well.state.rawValue)" + (well.generation > 0 ? ", generation \(well.generation)" : "")
                    + (well.reason.map { " — \($0)" } ?? "")
                html += "<td class=\"well \(well.state.rawValue)\" data-well=\"\(position.label)\" title=\"\(HTML.escape(title))\">"
                if well.generation > 0 {
                    // The generation in the URL makes a rewritten well's new thumbnail a new resource.
                    let source = "/plates/\(plateComponent)/wells/\(position.label)/thumbnail.png?generation=\(well.generation)"
                    html += "<img src=\"\(HTML.escape(source))\" alt=\"\(position.label)\">"
                }
                html += "</td>"
            }
            html += "</tr>"
        }
        return html + "</table>"
    }

    private var legend: String {
        "<p class=\"legend\">" + WellState.allCases.map { "<span class=\"\($0.rawValue)\">\($0.rawValue)</span>" }.joined()
            + "<span>no images</span></p>"
    }

    private var problems: String {
        let failed = snapshot.wells.filter { $0.state == .failed }.map { well in
            "<tr><td>well \(well.position.label)</td><td>\(HTML.escape(well.reason ?? "unknown reason"))</td></tr>"
        }
        let files = rejectedFiles.map { file in
            "<tr><td><code>\(HTML.escape(file.relativePath))</code></td><td>\(HTML.escape(file.reason ?? "no reason recorded"))</td></tr>"
        }
        guard !(failed + files).isEmpty else { return "<h2>Problems</h2><p class=\"muted\">None.</p>" }
        return "<h2>Problems</h2><table class=\"problem\"><tr><th>What</th><th>Reason</th></tr>" + (failed + files).joined() + "</table>"
    }
}
