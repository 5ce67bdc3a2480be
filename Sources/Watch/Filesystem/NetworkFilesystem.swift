/// Filesystems whose remote writes never reach inotify, so their roots are polled (docs/operations.md §2: "Applications
/// must fall back to polling"). Magic numbers are the statfs `f_type` values from linux/magic.h.
enum NetworkFilesystem {
    private static let namesByMagic: [UInt32: String] = [
        0x6969: "NFS",
        0xFF53_4D42: "CIFS",
        0xFE53_4D42: "SMB2",
        0x517B: "SMB",
        0x00C3_6400: "Ceph",
        0x5346_414F: "AFS",
    ]

    /// The filesystem's name if `fType` is a network filesystem, nil for local ones. f_type is a signed long;
    /// CIFS' 0xFF534D42 would be negative on 32-bit systems, so only its low 32 bits are compared.
    static func name<Magic: BinaryInteger>(forType fType: Magic) -> String? {
        namesByMagic[UInt32(truncatingIfNeeded: fType)]
    }
}
