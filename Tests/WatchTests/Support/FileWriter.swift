import Foundation
import Glibc

/// Writes files the way an instrument does: plain open/write/close in place (FileManager would write a
/// temporary file and rename it, which is a different case).
enum FileWriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ path: String, size: Int, byte: UInt8 = 0x2A, appending: Bool = false) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = [UInt8](repeating: byte, count: size)
        var written = 0
        while written < size {
            let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, size - written) }
            guard result > 0 else {
                throw Failure(description: "write \(path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
    }

    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw Failure(description: "rename \(from): \(String(cString: strerror(errno)))")
        }
    }

    static func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }
}
