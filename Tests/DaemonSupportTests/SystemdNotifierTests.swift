import Foundation
import PlateDropDaemon
import Testing

@Suite("SystemdNotifier")
struct SystemdNotifierTests {
    /// Every message the notifier has, and the exact datagram sd_notify(3) expects for it.
    private static func sendAll(_ notifier: SystemdNotifier) throws {
        try notifier.ready()
        try notifier.status("scanning /srv/exports\r\n2 plates waiting")
        try notifier.watchdog()
        try notifier.extendTimeout(microseconds: 90_000_000)
        try notifier.stopping()
    }

    private static let expectedDatagrams = [
        "READY=1",
        "STATUS=scanning /srv/exports 2 plates waiting",
        "WATCHDOG=1",
        "EXTEND_TIMEOUT_USEC=90000000",
        "STOPPING=1",
    ]

    @Test("sends one exact datagram per message to a path socket")
    func pathSocket() throws {
        let directory = try TemporaryDirectory()
        let listener = try DatagramListener(address: directory.file("notify"))
        try Self.sendAll(SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address]))
        #expect(listener.received() == Self.expectedDatagrams)
    }

    @Test("sends to an abstract @name socket, whose address has no trailing NUL")
    func abstractSocket() throws {
        // Binding fixes the name's length; a sender that counted a trailing NUL would name another socket
        // and fail with ECONNREFUSED.
        let listener = try DatagramListener(address: "@platedrop-test-\(getpid())-\(UUID().uuidString)")
        try Self.sendAll(SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address]))
        #expect(listener.received() == Self.expectedDatagrams)
    }

    @Test("does nothing without NOTIFY_SOCKET", arguments: [[:], ["NOTIFY_SOCKET": ""]])
    func silentWithoutSocket(environment: [String: String]) throws {
        let directory = try TemporaryDirectory()
        let listener = try DatagramListener(address: directory.file("notify"))
        let notifier = SystemdNotifier(environment: environment)
        #expect(notifier.notifySocket == nil)
        try Self.sendAll(notifier)
        #expect(listener.received().isEmpty)
    }

    @Test("reports a socket nobody listens on")
    func missingListener() throws {
        let directory = try TemporaryDirectory()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": directory.file("absent")])
        let error = #expect(throws: SystemdNotifier.DeliveryError.self) { try notifier.ready() }
        #expect(error?.reason.hasPrefix("sendto: ") == true)
        #expect(error?.socket == directory.file("absent"))
    }

    @Test("rejects a NOTIFY_SOCKET that is neither a path nor @name")
    func relativeSocket() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "run/notify"])
        #expect(throws: SystemdNotifier.DeliveryError.self) { try notifier.watchdog() }
    }

    @Test(
        "watchdog interval is half of WATCHDOG_USEC, for this process only",
        arguments: [
            (["WATCHDOG_USEC": "60000000"], Duration.seconds(30)),
            (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "4242"], .seconds(30)),
            (["WATCHDOG_USEC": "3"], .nanoseconds(1500)),
            (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "4243"], nil),
            (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "init"], nil),
            (["WATCHDOG_USEC": "0"], nil),
            (["WATCHDOG_USEC": "sixty"], nil),
            (["WATCHDOG_PID": "4242"], nil),
            ([:], nil),
        ] as [([String: String], Duration?)])
    func watchdogInterval(environment: [String: String], expected: Duration?) {
        #expect(SystemdNotifier(environment: environment, pid: 4242).watchdogInterval == expected)
    }
}
