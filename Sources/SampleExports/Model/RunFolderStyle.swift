/// How the acquisition runs of an export are foldered, as MetaXpress (exported and database layouts) and the
/// CellVoyager (measurement folders) lay them out.
public enum RunFolderStyle: String, Sendable, CaseIterable {
    /// No run folder: the images (and plan files) sit directly in the export root. One run only.
    case none
    /// The instrument's own run folder. ImageXpress: `<plate>_Plate_<id>/` as MetaXpress exports a run, with
    /// its `.HTD`; Yokogawa: the measurement folder `<plate>_<yyyymmdd>_<hhmmss>/<plate>/` the CellVoyager
    /// writes, images and mlf/mrf in the inner folder; HCS.ai: the run folder `<plate>_<yyyymmdd>_<hhmmss>/` around
    /// the acquisition unit `experiment/`.
    case exported
    /// ImageXpress only: the MetaXpress database layout `<plate>/<YYYY-MM-DD>/<id>/`, where no `.HTD` exists,
    /// image names carry a GUID glued to the wave token (`_w1<GUID>.tif`) and projections sit beside the
    /// `ZStep_N/` folders instead of in `ZStep_0/`.
    case database
}
