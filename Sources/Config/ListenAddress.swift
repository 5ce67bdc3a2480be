import Foundation

/// Where the web view listens: an IP literal and a port, `127.0.0.1:8470` or `[::1]:8470`. Host names are
/// refused, so the server binds exactly the address written and nowhere else (a name can resolve to
/// several); port 0 takes any free port (the log says which).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP literal, without brackets.
    public let host: String
    public let port: Int
    public let isIPv6: Bool

    /// The address `text` gives, or why it is not `IPv4:PORT` or `[IPv6]:PORT`.
    public static func parse(_ text: String) -> Result<ListenAddress, ListenAddressProblem> {
        let host: Substring, portText: Substring, isIPv6: Bool
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(ListenAddressProblem(text: text, reason: "an IPv6 address is written [ADDRESS]:PORT"))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            isIPv6 = true
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                return .failure(ListenAddressProblem(text: text, reason: "the port is missing (ADDRESS:PORT)"))
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            isIPv6 = false
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            return .failure(ListenAddressProblem(text: text, reason: "the port must be a number from 0 to 65535"))
        }
        var buffer = [UInt8](repeating: 0, count: 16)
        guard inet_pton(isIPv6 ? AF_INET6 : AF_INET, String(host), &buffer) == 1 else {
            let expected = isIPv6 ? "an IPv6 address" : "an IPv4 address such as 127.0.0.1 (IPv6 in brackets: [::1]:8470)"
            return .failure(ListenAddressProblem(text: text, reason: "\"\(host)\" is not \(expected); host names are not accepted"))
        }
        return .success(ListenAddress(host: String(host), port: port, isIPv6: isIPv6))
    }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Why a listen address was refused.
public struct ListenAddressProblem: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public var description: String { "listen address \"\(text)\": \(reason)" }
}
