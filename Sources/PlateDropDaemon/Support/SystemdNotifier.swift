import Foundation

/// Tells the service manager about the daemon's state: the sd_notify(3) protocol, spoken directly
/// instead of through libsystemd (docs/operations.md §4).
///
/// Each message is one datagram to the AF_UNIX socket named by `$NOTIFY_SOCKET`. Without that variable
/// the daemon was not started by systemd with `Type=notify`, and every method does nothing.
public struct SystemdNotifier: Sendable {
    /// Why a notification could not be delivered.
    public struct DeliveryError: Error, CustomStringConvertible {
        /// The `$NOTIFY_SOCKET` value.
        public let socket: String
        /// What went wrong, naming the failing call and its errno text.
        public let reason: String

        public var description: String { "cannot notify systemd through \(socket): \(reason)" }
    }

    /// `$NOTIFY_SOCKET`: a path, or an abstract socket name behind `@`; nil when notification is off.
    public let notifySocket: String?

    /// How often to send ``watchdog()``: half of `$WATCHDOG_USEC`, as sd_watchdog_enabled(3) advises.
    /// Nil when `WatchdogSec=` is off, or when `$WATCHDOG_PID` names another process (the variables were
    /// inherited, not meant for this one).
    public let watchdogInterval: Duration?

    /// Reads the notification settings from `environment`, as systemd passed them to process `pid`.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        pid: pid_t = getpid()
    ) {
        notifySocket = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        watchdogInterval = Self.watchdogInterval(environment: environment, pid: pid)
    }

    /// Startup is complete: the catalogue is open and the watches exist (docs/operations.md §4).
    public func ready() throws(DeliveryError) {
        try send("READY=1")
    }

    /// A one-line status shown by `systemctl status`. Line breaks would start new assignments, so they
    /// become spaces.
    public func status(_ text: String) throws(DeliveryError) {
        let line = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .joined(separator: " ")
        try send("STATUS=\(line)")
    }

    /// Shutdown has begun.
    public func stopping() throws(DeliveryError) {
        try send("STOPPING=1")
    }

    /// The daemon is alive; resets the `WatchdogSec=` timer.
    public func watchdog() throws(DeliveryError) {
        try send("WATCHDOG=1")
    }

    /// Asks for `microseconds` more before the start (or stop) timeout fires, e.g. during a long scan
    /// before ``ready()``.
    public func extendTimeout(microseconds: UInt64) throws(DeliveryError) {
        try send("EXTEND_TIMEOUT_USEC=\(microseconds)")
    }

    /// Sends `state`, newline-separated `KEY=value` assignments, as one datagram.
    public func send(_ state: String) throws(DeliveryError) {
        guard let notifySocket else { return }
        var address = try Self.address(notifySocket)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw DeliveryError(socket: notifySocket, reason: Self.errnoText("socket")) }
        defer { close(descriptor) }

        let payload = Array(state.utf8)
        let sent = withUnsafePointer(to: &address.storage) { storage in
            storage.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                payload.withUnsafeBytes { bytes in
                    var result: Int
                    repeat {
                        result = sendto(
                            descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), target, address.length)
                    } while result < 0 && errno == EINTR
                    return result
                }
            }
        }
        guard sent >= 0 else { throw DeliveryError(socket: notifySocket, reason: Self.errnoText("sendto")) }
        guard sent == payload.count else {
            throw DeliveryError(socket: notifySocket, reason: "sendto sent \(sent) of \(payload.count) bytes")
        }
    }

    /// sd_notify(3): a name starting with "@" is in Linux's abstract namespace, where the "@" becomes a
    /// NUL. The length covers the name without a trailing NUL (docs/operations.md §4), which an abstract name must
    /// not have and a path name does not need.
    private static func address(_ socket: String) throws(DeliveryError) -> (storage: sockaddr_un, length: socklen_t) {
        var name = Array(socket.utf8)
        switch name.first {
        case UInt8(ascii: "@"): name[0] = 0
        case UInt8(ascii: "/"): break
        default: throw DeliveryError(socket: socket, reason: "NOTIFY_SOCKET is neither a path nor an @abstract name")
        }
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard name.count <= capacity else {
            throw DeliveryError(socket: socket, reason: "the name is longer than \(capacity) bytes")
        }
        withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: name) }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count
        return (storage, socklen_t(length))
    }

    /// sd_watchdog_enabled(3): `$WATCHDOG_USEC` is the period in microseconds; `$WATCHDOG_PID`, when
    /// set, is the process it applies to.
    private static func watchdogInterval(environment: [String: String], pid: pid_t) -> Duration? {
        guard let period = environment["WATCHDOG_USEC"].flatMap(UInt64.init), period > 0 else { return nil }
        if let target = environment["WATCHDOG_PID"] {
            guard let target = pid_t(target), target == pid else { return nil }
        }
        return .microseconds(period) / 2
    }

    private static func errnoText(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}
