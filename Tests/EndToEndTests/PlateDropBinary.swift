import PlateDropTestSupport

/// The real `platedrop` executable and what one run of it produced (shared with the daemon and fault suites).
typealias PlateDropBinary = PlateDropProgram
typealias CommandResult = ProgramRun
