import Foundation
import Zarr

/// Checks an OME-Zarr HCS plate written by anyone against the NGFF 0.4/0.5 plate rules and the
/// pitfalls that trip real readers (docs/ngff-choices.md §6–§8). Read-only.
public struct HCSValidator: Sendable {
    public init() {}

    /// Validates the plate whose root group is at `platePath`.
    public func validate(plateAt platePath: String) -> ValidationReport {
        var run = ValidationRun(root: platePath)
        run.validatePlate()
        return ValidationReport(platePath: platePath, version: run.version, wellCount: run.wellsChecked,
                                fieldCount: run.fieldsChecked, issues: run.issues)
    }
}
