import Foundation

/// Writing around the page cache (O_DIRECT) for large encoded files.
///
/// A buffered write copies every byte into freshly allocated page-cache pages; measured on the
/// benchmark plate that copy cost about 8 % of the CPU of an ingest that is otherwise all compression.
/// O_DIRECT lets the device read the encoded bytes straight from the writer's buffer instead. It
/// requires the buffer, the file offset and the length to be multiples of the block size, so the
/// file is written padded and then truncated to its length.
enum DirectIO {
    /// Buffer address and length granularity: the largest logical block size of common devices.
    static let alignment = 4096

    /// Files smaller than this are written through the page cache: for them the copy costs less than
    /// waiting for the device.
    static let minimumSize = 256 << 10

    /// O_DIRECT, a _GNU_SOURCE macro Glibc's Swift module does not export; the values are the Linux
    /// uapi ones for each architecture, and other architectures write through the page cache.
    static var openFlag: Int32? {
        #if os(Linux) && arch(x86_64)
        0o40000
        #elseif os(Linux) && arch(arm64)
        0o200000
        #else
        nil
        #endif
    }
}

/// A file's bytes starting on a `DirectIO.alignment` boundary, followed by zeros up to the next
/// multiple of it, so they can be written with O_DIRECT.
struct AlignedPayload {
    /// The file's contents.
    let bytes: UnsafeRawBufferPointer
    /// `bytes` and the zero padding.
    let padded: UnsafeRawBufferPointer
}
