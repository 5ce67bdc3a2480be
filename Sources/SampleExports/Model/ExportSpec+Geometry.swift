extension ExportSpec {
    /// Fields are acquired on a near-square grid, row by row: (columns, rows) of that grid.
    var fieldGrid: (columns: Int, rows: Int) {
        var columns = 1
        while columns * columns < fields { columns += 1 }
        return (columns, (fields + columns - 1) / columns)
    }

    /// Stage offset of a field's centre from the well centre, in micrometres; fields touch without overlap.
    func fieldOffsetMicrons(_ field: Int) -> (x: Double, y: Double) {
        let grid = fieldGrid
        let column = Double(field % grid.columns) - Double(grid.columns - 1) / 2
        let row = Double(field / grid.columns) - Double(grid.rows - 1) / 2
        return (column * Double(width) * pixelSizeMicrons, row * Double(height) * pixelSizeMicrons)
    }

    /// Height of a Z plane above the first, in micrometres.
    func zOffsetMicrons(_ z: Int) -> Double {
        Double(z) * zStepMicrons
    }
}
