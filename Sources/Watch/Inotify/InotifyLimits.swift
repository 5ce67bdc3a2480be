import Foundation

/// The kernel's inotify limits, read from /proc (libinotifytools' get_max_queued_events reads a file that
/// does not exist, docs/operations.md §1).
enum InotifyLimits {
    static var maxUserWatches: Int? {
        value(of: "max_user_watches")
    }

    static var maxQueuedEvents: Int? {
        value(of: "max_queued_events")
    }

    static var maxUserInstances: Int? {
        value(of: "max_user_instances")
    }

    private static func value(of name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/sys/fs/inotify/" + name, encoding: .utf8) else {
            return nil
        }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// "fs.inotify.max_user_watches=192536", or the bare setting name when /proc cannot be read.
    static func describe(_ name: String, _ value: Int?) -> String {
        value.map { "fs.inotify.\(name)=\($0)" } ?? "fs.inotify.\(name)"
    }
}
