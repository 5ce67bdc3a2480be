extension CommandResult {
    /// The output lines that mention `fileName`, where the reason for that file is expected.
    func lines(mentioning fileName: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.contains(fileName) }
    }
}
