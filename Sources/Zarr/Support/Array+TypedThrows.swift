extension Array where Element == UInt8 {
    /// `withUnsafeBytes` that keeps the closure's typed error (the standard one rethrows `any Error`).
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws(ZarrError) -> Result) throws(ZarrError) -> Result {
        let outcome: Swift.Result<Result, ZarrError> = withUnsafeBytes { bytes in
            do throws(ZarrError) {
                return .success(try body(bytes))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
