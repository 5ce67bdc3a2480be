import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Requests to a daemon's web view, as a browser or Prometheus would send them.
struct WebClient: Sendable {
    let base: String

    struct Answer: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// The web view of a daemon started with `--web 127.0.0.1:0`, once its log names the port it took.
    static func awaitListening(_ daemon: DaemonProcess) async throws -> WebClient {
        try await Deadline.poll(for: "the web view to listen", daemon: daemon) {
            guard let line = daemon.log.split(separator: "\n").first(where: { $0.contains("web view at http://") }),
                  let start = line.range(of: "http://"), let end = line[start.upperBound...].firstIndex(of: "/") else { return nil }
            return WebClient(base: "http://" + line[start.upperBound..<end])
        }
    }

    /// Whether `::1` is configured (IPv6 can be switched off on a machine).
    static var hasIPv6Loopback: Bool {
        let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
            }
        }
    }

    func get(_ path: String, method: String = "GET") async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.cachePolicy = .reloadIgnoringLocalCacheData
        let (body, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        let headers = Dictionary(http.allHeaderFields.map { ("\($0.key)", "\($0.value)") }, uniquingKeysWith: { first, _ in first })
        return Answer(status: http.statusCode, headers: headers, body: body)
    }
}
