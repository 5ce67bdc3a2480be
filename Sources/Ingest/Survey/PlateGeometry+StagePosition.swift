import Layouts

extension PlateGeometry {
    /// Where the stage put a field of `well`, from its first plane: what the vendor plan records for that
    /// file (mlf X/Y, Harmony PositionX/Y), else what the file's own header says (MetaSeries).
    func stagePosition(_ well: WellPosition, field: Int) -> StagePosition? {
        guard let plane = planesByWell[well]?.first(where: { $0.field == field }) else { return nil }
        if let recorded = plan?.stagePosition(ofImageAt: plane.absolutePath) { return recorded }
        guard let header = layout?.planeMetadata(ofImageAt: plane.absolutePath),
              let x = header.stageXMicrons, let y = header.stageYMicrons else { return nil }
        return StagePosition(x: x, y: y)
    }
}
