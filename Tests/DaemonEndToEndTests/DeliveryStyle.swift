/// How an instrument, or a person copying its export, puts files into the watched folder.
enum DeliveryStyle: String, CaseIterable, CustomStringConvertible, Sendable {
    case renamedFromTemporaryName = "each file written as .name.partial, then renamed"
    case appendedSlowly = "one TIFF appended in chunks over several seconds"
    case copiedAsFolderTree = "the whole export folder copied in at once (cp -r)"
    case movedInAsFolderTree = "the whole export folder moved in from the same file system (mv)"
    case presentBeforeStart = "every file there before the daemon starts"
    case polledRoot = "the watched folder configured as polled"

    var description: String { rawValue }
}
