import Foundation

/// What a request path asks for. Names in the path are percent-decoded and only ever looked up in the
/// catalogue, never joined to a file-system path, so `..` or `%2F` cannot reach outside the plates.
enum WebRoute: Equatable {
    case overview
    case plate(String)
    case thumbnail(plate: String, well: String)
    case status
    case plates
    case plateJSON(String)
    case metrics

    /// Nil for a path the view does not serve (or whose escapes do not decode).
    init?(path: String) {
        var components: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(raw).removingPercentEncoding else { return nil }
            components.append(decoded)
        }
        switch components.count {
        case 0: self = .overview
        case 1 where components[0] == "metrics": self = .metrics
        case 2 where components[0] == "plates": self = .plate(components[1])
        case 2 where components == ["api", "status"]: self = .status
        case 2 where components == ["api", "plates"]: self = .plates
        case 3 where components[0] == "api" && components[1] == "plates": self = .plateJSON(components[2])
        case 5 where components[0] == "plates" && components[2] == "wells" && components[4] == "thumbnail.png":
            self = .thumbnail(plate: components[1], well: components[3])
        default: return nil
        }
    }

    /// `name` as one path component: everything but RFC 3986 unreserved characters escaped.
    static func component(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: unreserved) ?? name
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

extension WebRoute {
    /// The routes that answer JSON (their errors too).
    var isJSON: Bool {
        switch self {
        case .status, .plates, .plateJSON: true
        case .overview, .plate, .thumbnail, .metrics: false
        }
    }
}
