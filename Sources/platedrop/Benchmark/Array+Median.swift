extension Array where Element: Comparable {
    /// The middle value once sorted (the upper of the two for an even count): what the bench reports of
    /// repeated runs, so one slow outlier does not move it.
    var median: Element { sorted()[count / 2] }
}
