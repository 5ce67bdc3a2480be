/// The vendor plan files PlateDrop reads.
public enum PlanKind: String, Sendable, Hashable, CaseIterable {
    /// ImageXpress / MetaXpress `.HTD` plate plan.
    case imageXpressHTD
    /// Yokogawa CellVoyager `MeasurementData.mlf`: one record per image.
    case yokogawaMeasurementData
    /// Yokogawa CellVoyager `MeasurementDetail.mrf`: plate size, channels, pixel size, run times.
    case yokogawaMeasurementDetail
    /// Yokogawa CellVoyager `.mes` measurement settings: channel names, colours, plate size.
    case yokogawaMeasurementSetting
    /// Harmony (Opera Phenix, Operetta CLS) `Index.idx.xml`, `Index.ref.xml` or `Index.xml`.
    case harmonyIndex
    /// ImageXpress HCS.ai `.jdce` acquisition descriptor (JSON): plate size, channels, pixel size, z step.
    case hcsAIDescriptor
    /// ImageXpress HCS.ai `image_metadata_<n>.csv` manifest: one row per plane written.
    case hcsAIManifest
    /// Evident scanR `data/metadata.ome.xml`: one OME Image per well position, naming its files.
    case scanRMetadata
    /// GE / Cytiva IN Cell Analyzer `.xdce`: plate, channels, pixel size and one entry per image file.
    case inCellXDCE
}
