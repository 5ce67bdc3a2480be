import Config
import Testing

@Suite("[web] listen and --web: an IP literal and a port, nothing else")
struct WebSettingsTests {
    @Test("IPv4 and bracketed IPv6 literals parse; the port may be 0 (any free port)", arguments: [
        ("127.0.0.1:8470", "127.0.0.1", 8470, false),
        ("0.0.0.0:80", "0.0.0.0", 80, false),
        ("[::1]:8470", "::1", 8470, true),
        ("[fe80::1]:0", "fe80::1", 0, true),
    ])
    func accepted(_ text: String, host: String, port: Int, isIPv6: Bool) throws {
        let address = try ListenAddress.parse(text).get()
        #expect(address.host == host && address.port == port && address.isIPv6 == isIPv6)
        #expect(address.description == text)
    }

    @Test("host names, missing ports, bare IPv6 and ports out of range are refused with the reason", arguments: [
        ("localhost:8470", "host names are not accepted"),
        ("127.0.0.1", "the port is missing"),
        ("::1:8470", "IPv6 in brackets"),
        ("[::1]8470", "written [ADDRESS]:PORT"),
        ("127.0.0.1:65536", "from 0 to 65535"),
        ("127.0.0.1:http", "from 0 to 65535"),
        ("[127.0.0.1]:80", "is not an IPv6 address"),
    ])
    func refused(_ text: String, reason: String) {
        switch ListenAddress.parse(text) {
        case let .success(address): Issue.record("\(text) parsed as \(address)")
        case let .failure(problem): #expect(problem.description.contains(reason), "\(problem)")
        }
    }

    @Test("the [web] section: off by default, listen read, problems on their line")
    func section() throws {
        #expect(try ConfigText.parse([]).web.listen == nil)
        #expect(try ConfigText.parse(["[web]", "listen = \"[::1]:9000\""]).web.listen?.port == 9000)
        let wrongHost = ConfigText.problems(["[web]", "listen = \"example.org:80\""])
        #expect(wrongHost.count == 1 && wrongHost.first?.line == 2 && wrongHost.first?.message.contains("host names") == true,
                "\(wrongHost)")
        let unknownKey = ConfigText.problems(["[web]", "port = 8470"])
        #expect(unknownKey.first?.line == 2 && unknownKey.first?.message.contains("unknown key \"port\" in [web]") == true,
                "\(unknownKey)")
    }
}
