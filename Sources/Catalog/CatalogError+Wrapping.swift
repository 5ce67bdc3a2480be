extension CatalogError {
    /// What a failed transaction on the catalogue at `path` reports: a refused transition as such, any other
    /// failure as a database error.
    init(_ error: any Error, path: String) {
        if let refusal = error as? TransitionRefused {
            self = .refused(path: path, refusal)
        } else if let error = error as? CatalogError {
            self = error
        } else {
            self = .database(path: path, detail: "\(error)")
        }
    }
}
