/// Instrument export conventions the generator can imitate (docs/layouts.md).
public enum ExportLayout: String, Sendable, CaseIterable {
    /// Molecular Devices ImageXpress exported form: `.TIF` per site and wavelength, `.HTD` plate plan.
    case imageXpress = "imagexpress"
    /// Yokogawa CellVoyager: `T…F…L…A…Z…C…` names, `MeasurementData.mlf` and `MeasurementDetail.mrf`.
    case yokogawa = "yokogawa"
    /// Yokogawa CellVoyager CQ3000, projection only: `Projection/W…F…T…Z000C….tif` named by well index, beside
    /// `MeasurementData.mlf` and `MeasurementDetail.mrf`; PlateDrop reads it with the yokogawa layout.
    case cq3000 = "cq3000"
    /// PerkinElmer / Revvity Harmony export: `Images/r…c…f…p…-ch…` names and `Images/Index.idx.xml`.
    case harmony = "harmony"
    /// Thermo Cellomics TIFF export: `<plate>_<well>f<field>d<channel>.tif`, 0-based, no plan file.
    case cellomics = "cellomics"
    /// ImageXpress HCS.ai: `experiment/timepoint<T>/<plate>_t…_<well>_s…_w…_z….tif`, 0-based, with a `.jdce`
    /// descriptor and an `image_metadata_1.csv` manifest.
    case imageXpressHCSAI = "imagexpress-hcsai"
    /// Evident scanR: `data/<label>--W…--P…--Z…--T…--<channel>.tif` and `data/metadata.ome.xml`.
    case scanR = "scanr"
    /// GE / Cytiva IN Cell Analyzer: `<row> - <column>(fld <f> wv <ex> - <em>).tif` names and a `.xdce`.
    case inCell = "incell"
    /// Agilent (BioTek) Cytation / Gen5: `<well>_<field>[Z<z>]_<channel>_1_<time>_.tif`, names alone.
    case cytation = "cytation"
}
