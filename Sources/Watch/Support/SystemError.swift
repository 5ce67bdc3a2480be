import Glibc

/// Readable text for an errno value ("No such file or directory").
func systemErrorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// Wall-clock time in nanoseconds since the epoch, the clock file ctimes are stamped with.
func wallClockNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}
