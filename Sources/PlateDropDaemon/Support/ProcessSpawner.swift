import Foundation

/// Starts programs with an argument vector through posix_spawn: no shell ever parses a path or a name.
public enum ProcessSpawner {
    /// Why a program could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let command: String
        public let code: Int32
        public var description: String { "\(command): \(String(cString: strerror(code)))" }
    }

    /// `fcntl` command that resizes a pipe (Linux `F_SETPIPE_SZ`, fcntl(2)); Glibc's module does not export it.
    private static let setPipeSize: Int32 = 1031

    /// Starts `arguments[0]` with the rest as its arguments and this process's environment. `input`, when given,
    /// is what the program reads on its standard input (else it inherits this process's); standard output and
    /// error go to `outputPath` (appended) when given, else they are inherited.
    ///
    /// The input is written into a pipe before the program starts and the pipe's write end is closed, so the
    /// caller never waits on a program that does not read: an input larger than the pipe can hold (64 KiB, or
    /// up to `/proc/sys/fs/pipe-max-size` after resizing) is refused with `EMSGSIZE` rather than blocking.
    public static func start(_ arguments: [String], input: [UInt8]? = nil, outputPath: String? = nil) throws(SpawnError) -> pid_t {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        var inputPipe: Int32?
        defer { if let inputPipe { close(inputPipe) } }
        if let input {
            let readEnd = try filledPipe(input, command: arguments[0])
            inputPipe = readEnd
            posix_spawn_file_actions_adddup2(&fileActions, readEnd, STDIN_FILENO)
        }
        if let outputPath {
            posix_spawn_file_actions_addopen(&fileActions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&fileActions, STDOUT_FILENO, STDERR_FILENO)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &fileActions, nil, argv, environment)
        guard code == 0 else { throw SpawnError(command: arguments[0], code: code) }
        return pid
    }

    /// A pipe holding `bytes` with its write end closed; returns the read end (close-on-exec: only the child's
    /// standard input, a dup2 copy, survives the spawn).
    private static func filledPipe(_ bytes: [UInt8], command: String) throws(SpawnError) -> Int32 {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SpawnError(command: command, code: errno) }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(writeEnd) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(writeEnd, F_SETFL, O_NONBLOCK)
        if bytes.count > 65536 { _ = fcntl(writeEnd, setPipeSize, Int32(clamping: bytes.count)) }
        let written = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            close(readEnd)
            throw SpawnError(command: command, code: written < 0 && errno != EAGAIN ? errno : EMSGSIZE)
        }
        return readEnd
    }
}
