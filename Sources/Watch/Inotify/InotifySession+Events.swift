internal import CInotifyTools
import Glibc

extension InotifySession {
    func readNextEvent() {
        guard let event = inotifytools_next_event(1) else {
            libraryBufferMayHoldEvents = false
            let code = inotifytools_error()
            if code != 0, code != EINTR {
                scheduleResync(reason: "reading inotify events failed (\(systemErrorText(code)))", after: .seconds(1))
            }
            return
        }
        libraryBufferMayHoldEvents = true
        handle(event)
    }

    /// Turns one event into a hint for the engine, a new watch, or a resync. Runs before the next library
    /// call, which overwrites the event.
    private func handle(_ event: UnsafeMutablePointer<inotify_event>) {
        let mask = event.pointee.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            let limit = InotifyLimits.describe("max_queued_events", InotifyLimits.maxQueuedEvents)
            scheduleResync(reason: "the inotify event queue overflowed (\(limit)); events were lost", after: Self.coalescing)
            return
        }
        if let directory = Self.folderOfUndecodableName(event), let (root, relativePath) = locate(directory) {
            // The walk reports such a name as skipped: walk its folder now rather than at the next rescan.
            engine.post(.directoryWatched(rootID: root.id, relativePath: relativePath))
            return
        }
        guard let path = Self.path(of: event), let (root, relativePath) = locate(path) else {
            return
        }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT) != 0 {
            scheduleResync(reason: Self.describeSelfEvent(mask, path: path), after: Self.coalescing)
        } else if mask & UInt32(IN_ISDIR) != 0 {
            handleDirectoryEvent(mask, root: root, relativePath: relativePath, named: event.pointee.len > 0)
        } else {
            engine.post(.pathTouched(rootID: root.id, relativePath: relativePath))
        }
    }

    private func handleDirectoryEvent(_ mask: UInt32, root: InotifyRoot, relativePath: String, named: Bool) {
        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            // Watch first, then list (in the engine): nothing written meanwhile can slip through.
            watchDirectoryAndList(of: root, relativePath: relativePath)
        } else if mask & UInt32(IN_MOVED_FROM) != 0 {
            // The library would keep reporting the subtree under its old name (docs/operations.md §1).
            scheduleResync(reason: "folder \(root.absolute(relativePath)) was moved", after: Self.coalescing)
        } else if named, mask & UInt32(IN_ATTRIB) != 0,
            inotifytools_wd_from_filename(root.absolute(relativePath) + "/") < 0
        {
            // A subfolder the library skipped as unreadable (EACCES) may just have been made readable.
            watchDirectoryAndList(of: root, relativePath: relativePath)
        }
        // IN_DELETE|IN_ISDIR needs nothing: the deleted folder's own watch reports DELETE_SELF.
    }

    /// The watched folder of an event whose file name is not valid UTF-8; nil for every other event.
    private static func folderOfUndecodableName(_ event: UnsafeMutablePointer<inotify_event>) -> String? {
        guard event.pointee.len > 0,
              let directoryPointer = inotifytools_filename_from_wd(event.pointee.wd),
              let directory = String(validatingCString: directoryPointer), !directory.isEmpty else { return nil }
        let namePointer = (UnsafeRawPointer(event) + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)
        guard String(validatingCString: namePointer) == nil else { return nil }
        return directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
    }

    /// The event's full path: the watched directory (stored with a trailing slash) plus the name, if any.
    private static func path(of event: UnsafeMutablePointer<inotify_event>) -> String? {
        guard let directoryPointer = inotifytools_filename_from_wd(event.pointee.wd),
            let directory = String(validatingCString: directoryPointer), !directory.isEmpty
        else {
            return nil
        }
        guard event.pointee.len > 0 else {
            return directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        }
        // `char name[]` is a flexible array member, which Swift does not import (docs/operations.md §1).
        let namePointer = (UnsafeRawPointer(event) + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)
        // Undecodable names are handled by walking their folder (see `folderOfUndecodableName`).
        guard let name = String(validatingCString: namePointer) else {
            return nil
        }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private func locate(_ path: String) -> (InotifyRoot, String)? {
        for root in roots {
            if let relativePath = root.relativePath(of: path) {
                return (root, relativePath)
            }
        }
        return nil
    }

    private static func describeSelfEvent(_ mask: UInt32, path: String) -> String {
        if mask & UInt32(IN_UNMOUNT) != 0 {
            return "the filesystem holding \(path) was unmounted"
        }
        if mask & UInt32(IN_MOVE_SELF) != 0 {
            return "watched folder \(path) was moved"
        }
        return "watched folder \(path) was deleted"
    }

    // MARK: Resync

    /// Triggers that arrive together (rm -rf deletes many watched folders) share one rebuild.
    static var coalescing: Duration {
        .milliseconds(500)
    }

    func scheduleResync(reason: String, after delay: Duration) {
        let due = ContinuousClock.now + delay
        if let pending = pendingResync {
            pendingResync = (pending.reason, min(pending.due, due))
        } else {
            pendingResync = (reason, due)
        }
    }

    /// Cleanup, init, watch every root again; the engine walks each root once its watch is back.
    func resync(reason: String) {
        pendingResync = nil
        engine.post(.resyncStarted(rootIDs: roots.map(\.id), reason: reason))
        if initialized {
            inotifytools_cleanup()
            initialized = false
        }
        let previous = roots
        roots = []
        guard !previous.isEmpty else {
            return
        }
        guard ensureInitialized() else {
            for root in previous {
                engine.post(.rootWatchFailed(rootID: root.id, failure: .inotifyUnavailable(reason: unavailableReason)))
            }
            return
        }
        for root in previous where !stopFlag.isRaised {
            watchRoot(root)
        }
    }

    /// Events still in the library's static buffer belong to the closed descriptor, and their watch numbers
    /// mean other folders in the new session. Reading right after init, before any watch exists, returns
    /// exactly those, then times out (1 s) on the new, still silent descriptor.
    func discardOldSessionEvents() {
        while libraryBufferMayHoldEvents, !stopFlag.isRaised {
            libraryBufferMayHoldEvents = inotifytools_next_event(1) != nil
        }
    }
}
