import Catalog
import CatalogDocuments
import Prometheus

/// What the web view answers, HTTP aside: every page, JSON document, thumbnail and the metrics, read from
/// the catalogue through its read-only reader (and the plate stores for thumbnails). Synchronous: the
/// server calls it on a queue of its own, so neither the daemon's loop nor Swift's shared threads wait on it.
struct WebSite: Sendable {
    let catalog: CatalogReader
    let registry: PrometheusCollectorRegistry

    func respond(to path: String) -> WebResponse {
        guard let route = WebRoute(path: path) else { return .notFound("no page at \(path)", json: path.hasPrefix("/api/")) }
        do {
            return try respond(to: route)
        } catch {
            return .problem("the catalogue could not be read: \(error)", title: "Unavailable", status: 503, json: route.isJSON)
        }
    }

    private func respond(to route: WebRoute) throws -> WebResponse {
        switch route {
        case .overview:
            let (report, plates, rejected) = try catalog.read { transaction in
                (try transaction.overview(problemLimit: 10), try transaction.plateProgress(), try transaction.rejectedFileCounts())
            }
            return .html(OverviewPage(report: report, alive: DaemonLiveness.isAlive(report.daemon), plates: plates,
                                      rejected: rejected, freeSpace: Self.freeSpace(report.roots)).html)
        case let .plate(name):
            let found = try catalog.read { transaction -> (PlateSnapshot, [FileRecord])? in
                guard let snapshot = try PlateSnapshot.load(transaction, plate: name) else { return nil }
                return (snapshot, try transaction.rejectedFiles(plate: snapshot.plate.id!))
            }
            guard let (snapshot, rejectedFiles) = found else { return .notFound("no plate named \(name)", json: false) }
            return .html(PlatePage(snapshot: snapshot, rejectedFiles: rejectedFiles).html)
        case let .thumbnail(plateName, wellName):
            let snapshot = try catalog.read { transaction in try PlateSnapshot.load(transaction, plate: plateName) }
            guard let snapshot, let well = snapshot.wells.first(where: { $0.position.label == wellName }), well.generation > 0 else {
                return .notFound("no written well \(wellName) in plate \(plateName)", json: false)
            }
            let wellPath = "\(well.position.rowName)/\(well.column + 1)"
            do {
                return .png(try WellThumbnail.render(storePath: snapshot.plate.storePath, wellPath: wellPath).encoded())
            } catch {
                return .notFound("no thumbnail for well \(wellName) of \(plateName): \(error)", json: false)
            }
        case .status:
            let report = try catalog.read { transaction in try transaction.overview(problemLimit: 10) }
            return .json(CatalogJSON.status(report, alive: DaemonLiveness.isAlive(report.daemon)).prettySerialized() + "\n")
        case .plates:
            let lines = try catalog.read { transaction in try transaction.plateProgress() }
            return .json(CatalogJSON.plates(lines).prettySerialized() + "\n")
        case let .plateJSON(name):
            guard let snapshot = try catalog.read({ transaction in try PlateSnapshot.load(transaction, plate: name) }) else {
                return .notFound("no plate named \(name) in the catalogue", json: true)
            }
            return .json(CatalogJSON.plate(snapshot).prettySerialized() + "\n")
        case .metrics:
            let (tallies, report) = try catalog.read { transaction in
                (try transaction.tallies(), try transaction.overview(problemLimit: 0))
            }
            return .metrics(MetricsPage(tallies: tallies, daemon: report.daemon, readyWells: report.readyWells,
                                        freeSpace: Self.freeSpace(report.roots), registry: registry).text)
        }
    }

    private static func freeSpace(_ roots: [RootRecord]) -> [String: DiskSpace?] {
        Dictionary(roots.map { ($0.output, DiskSpace(path: $0.output)) }, uniquingKeysWith: { first, _ in first })
    }
}
