/// Instrument export conventions the generator can imitate (docs/instrument-layouts.md §1.1, §1.3, §1.4).
public enum ExportLayout: String, Sendable, CaseIterable {
    /// Molecular Devices ImageXpress exported form: `.TIF` per site and wavelength, `.HTD` plate plan.
    case imageXpress = "imagexpress"
    /// Yokogawa CellVoyager: `T…F…L…A…Z…C…` names, `MeasurementData.mlf` and `MeasurementDetail.mrf`.
    case yokogawa = "yokogawa"
    /// PerkinElmer / Revvity Harmony export: `Images/r…c…f…p…-ch…` names and `Images/Index.idx.xml`.
    case harmony = "harmony"
}
