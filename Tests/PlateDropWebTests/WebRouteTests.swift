@testable import PlateDropWeb
import Testing

@Suite("Request paths: decoded names, looked up, never joined to a file path")
struct WebRouteTests {
    @Test("each page and document has its path", arguments: [
        ("/", WebRoute.overview),
        ("/plates/P1", .plate("P1")),
        ("/plates/P1/", .plate("P1")),
        ("/plates/My%20Plate/wells/B3/thumbnail.png", .thumbnail(plate: "My Plate", well: "B3")),
        ("/api/status", .status),
        ("/api/plates", .plates),
        ("/api/plates/root%2FP1", .plateJSON("root/P1")),
        ("/metrics", .metrics),
    ])
    func routes(_ path: String, route: WebRoute) {
        #expect(WebRoute(path: path) == route)
    }

    @Test("traversal attempts are names at most, and other paths are nothing", arguments: [
        ("/plates/..%2F..%2Fetc%2Fpasswd", WebRoute?.some(.plate("../../etc/passwd"))),
        ("/plates/../etc/passwd", nil),
        ("/plates/P1/wells/..%2F..%2F/thumbnail.png", .some(.thumbnail(plate: "P1", well: "../../"))),
        ("/etc/passwd", nil),
        ("/plates/P1/wells/B3", nil),
        ("/plates/%ZZ", nil),
    ])
    func confined(_ path: String, route: WebRoute?) {
        #expect(WebRoute(path: path) == route)
    }

    @Test("names become one path component")
    func component() {
        #expect(WebRoute.component("R&D plate/2") == "R%26D%20plate%2F2")
        #expect(WebRoute(path: "/plates/" + WebRoute.component("R&D plate/2")) == .plate("R&D plate/2"))
    }
}
