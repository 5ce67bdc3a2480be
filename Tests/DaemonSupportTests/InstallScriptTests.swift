import Foundation
import Testing

@Suite("install.sh")
struct InstallScriptTests {
    private static let root = ScriptRun.repositoryRoot

    /// Runs install.sh for `/bin/true` into `destdir` under umask 077, which must not leak into the modes.
    @discardableResult
    private func install(into destdir: TemporaryDirectory, prefix: String? = nil) throws -> ScriptRun {
        var environment = ["DESTDIR": destdir.path]
        environment["PREFIX"] = prefix
        let run = try ScriptRun(
            "/bin/sh", ["-c", #"umask 077 && exec "$0" "$@""#, Self.root + "/scripts/install.sh", "/bin/true"],
            environment: environment)
        try #require(run.status == 0, "\(run.output)")
        return run
    }

    private func mode(_ path: String) throws -> mode_t {
        var info = stat()
        try #require(stat(path, &info) == 0, "\(path): \(String(cString: strerror(errno)))")
        return info.st_mode & 0o7777
    }

    private func contents(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Every regular file under `directory`, as paths relative to it.
    private func files(under directory: String) throws -> Set<String> {
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory))
        var files: Set<String> = []
        while let relative = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                files.insert(relative)
            }
        }
        return files
    }

    @Test("puts each file where the script documents, with its mode and contents")
    func layout() throws {
        let destdir = try TemporaryDirectory()
        let run = try install(into: destdir)
        let expected: [String: (source: String, mode: mode_t)] = [
            "usr/local/bin/platedrop": ("/bin/true", 0o755),
            "usr/local/share/doc/platedrop/README.md": (Self.root + "/README.md", 0o644),
            "usr/local/lib/systemd/system/platedrop.service": (Self.root + "/systemd/platedrop.service", 0o644),
            "usr/local/lib/sysusers.d/platedrop.conf": (Self.root + "/etc/sysusers.d/platedrop.conf", 0o644),
            "usr/local/lib/tmpfiles.d/platedrop.conf": (Self.root + "/etc/tmpfiles.d/platedrop.conf", 0o644),
            "usr/local/lib/sysctl.d/60-platedrop.conf": (Self.root + "/etc/sysctl.d/60-platedrop.conf", 0o644),
            "etc/platedrop/platedrop.toml": (Self.root + "/etc/platedrop.toml", 0o644),
        ]
        #expect(try files(under: destdir.path) == Set(expected.keys))
        for (path, file) in expected {
            #expect(try mode(destdir.file(path)) == file.mode, "\(path)")
            #expect(try contents(destdir.file(path)) == contents(file.source), "\(path)")
        }
        for directory in ["usr/local/bin", "usr/local/share/doc/platedrop", "usr/local/lib/systemd/system",
                          "usr/local/lib/sysusers.d", "etc/platedrop"] {
            #expect(try mode(destdir.file(directory)) == 0o755, "\(directory)")
        }
        // With DESTDIR set nothing is activated; the commands for the target system are printed.
        #expect(run.stdout.contains("systemd-sysusers /usr/local/lib/sysusers.d/platedrop.conf"))
        #expect(run.stdout.contains("systemd-tmpfiles --create /usr/local/lib/tmpfiles.d/platedrop.conf"))
        #expect(run.stdout.contains("systemctl daemon-reload"))
    }

    @Test("keeps an existing configuration and installs the sample beside it")
    func existingConfiguration() throws {
        let destdir = try TemporaryDirectory()
        let config = destdir.file("etc/platedrop/platedrop.toml")
        try FileManager.default.createDirectory(
            atPath: destdir.file("etc/platedrop"), withIntermediateDirectories: true)
        let site = Data("# site configuration\n[output]\nngff = \"0.4\"\n".utf8)
        try site.write(to: URL(fileURLWithPath: config))
        #expect(chmod(config, 0o600) == 0)

        for _ in 1...2 {
            let run = try install(into: destdir)
            #expect(run.stdout.contains("kept /etc/platedrop/platedrop.toml"))
            #expect(try contents(config) == site)
            #expect(try mode(config) == 0o600)
            #expect(try contents(config + ".sample") == contents(Self.root + "/etc/platedrop.toml"))
            #expect(try mode(config + ".sample") == 0o644)
        }
    }

    @Test("outside /usr and /usr/local, puts the systemd files in /etc and points the unit at PREFIX")
    func otherPrefix() throws {
        let destdir = try TemporaryDirectory()
        try install(into: destdir, prefix: "/opt/platedrop/")
        #expect(try files(under: destdir.path) == [
            "opt/platedrop/bin/platedrop",
            "opt/platedrop/share/doc/platedrop/README.md",
            "etc/systemd/system/platedrop.service",
            "etc/sysusers.d/platedrop.conf",
            "etc/tmpfiles.d/platedrop.conf",
            "etc/sysctl.d/60-platedrop.conf",
            "etc/platedrop/platedrop.toml",
        ])
        let unit = try String(contentsOfFile: destdir.file("etc/systemd/system/platedrop.service"), encoding: .utf8)
        #expect(unit.contains("\nExecStart=/opt/platedrop/bin/platedrop serve --config /etc/platedrop/platedrop.toml\n"))
        #expect(unit.contains("\nDocumentation=file:/opt/platedrop/share/doc/platedrop/README.md\n"))
        #expect(!unit.contains("/usr/local"))
    }

    @Test("the installed sysusers and tmpfiles files create the user and the directories the unit expects")
    func systemdCreatesUserAndDirectories() throws {
        _ = try ShippedUnitCheck.run.get()
        let destdir = try TemporaryDirectory()
        try install(into: destdir)
        let sysusers = try ScriptRun(
            "/usr/bin/systemd-sysusers", ["--root=\(destdir.path)", destdir.file("usr/local/lib/sysusers.d/platedrop.conf")])
        try #require(sysusers.status == 0, "\(sysusers.output)")
        let tmpfiles = try ScriptRun(
            "/usr/bin/systemd-tmpfiles",
            ["--root=\(destdir.path)", "--create", destdir.file("usr/local/lib/tmpfiles.d/platedrop.conf")])
        try #require(tmpfiles.status == 0, "\(tmpfiles.output)")
        #expect(tmpfiles.stderr.isEmpty, "\(tmpfiles.output)")

        // passwd: name:x:uid:gid:gecos:home:shell
        let passwd = try String(contentsOfFile: destdir.file("etc/passwd"), encoding: .utf8)
        let entry = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("platedrop:") })
        let fields = entry.split(separator: ":", omittingEmptySubsequences: false)
        let uid = try #require(UInt32(fields[2])), gid = try #require(UInt32(fields[3]))
        #expect(uid < 1000, "a system user")
        #expect(fields[6] == "/usr/sbin/nologin")
        let group = try String(contentsOfFile: destdir.file("etc/group"), encoding: .utf8)
        #expect(group.split(separator: "\n").contains { $0.hasPrefix("platedrop:x:\(gid):") })

        var info = stat()
        try #require(stat(destdir.file("srv/platedrop/plates"), &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o2750)
        #expect(info.st_uid == uid && info.st_gid == gid)
        #expect(try mode(destdir.file("srv/platedrop")) == 0o755)
        #expect(try mode(destdir.file("etc/platedrop")) == 0o755)
        // The configuration installed before is left alone.
        #expect(try contents(destdir.file("etc/platedrop/platedrop.toml")) == contents(Self.root + "/etc/platedrop.toml"))
    }
}
