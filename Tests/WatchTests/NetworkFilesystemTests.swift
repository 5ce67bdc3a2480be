import Testing
@testable import Watch

struct NetworkFilesystemTests {
    @Test(arguments: [
        (0x6969, "NFS"), (0xFF53_4D42, "CIFS"), (0xFE53_4D42, "SMB2"), (0x517B, "SMB"),
    ])
    func networkFilesystemsAreRecognisedByTheirMagic(fType: Int, name: String) {
        #expect(NetworkFilesystem.name(forType: fType) == name)
    }

    @Test func cifsMagicIsRecognisedWhenFTypeIsANegative32BitLong() {
        #expect(NetworkFilesystem.name(forType: Int32(bitPattern: 0xFF53_4D42)) == "CIFS")
    }

    @Test(arguments: [0xEF53, 0x0102_1994, 0x9123_683E, 0x5846_5342])
    func localFilesystemsAreWatchedWithInotify(fType: Int) {
        // ext4, tmpfs, btrfs, xfs
        #expect(NetworkFilesystem.name(forType: fType) == nil)
    }

    @Test func temporaryFolderIsLocal() throws {
        let folder = try TemporaryFolder()
        guard case let .usable(_, networkFilesystem) = RootCondition.inspect(folder.path) else {
            Issue.record("a fresh temporary folder should be usable")
            return
        }
        #expect(networkFilesystem == nil)
        #expect(RootCondition.inspect(folder.file("absent")) == .unusable(reason: "\(folder.file("absent")) does not exist"))
    }
}
