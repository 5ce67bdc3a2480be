import TIFF

/// One synthetic instrument export: what `platedrop sample-export` is asked to write and what the plate must hold.
struct ExportScenario: Sendable, CustomStringConvertible {
    enum Layout: String, Sendable {
        case imageXpress = "imagexpress"
        case yokogawa = "yokogawa"
        case harmony = "harmony"
    }

    let summary: String
    let layout: Layout
    /// Also the export folder's name, so Harmony (which names the plate after the folder) agrees with the others.
    let plateName: String
    let format: Int
    let wells: [PlateWell]
    var fields = 1
    var channels = 1
    var zPlanes = 1
    var timepoints = 1
    var width = 64
    var height = 48
    var sampleType: TIFFSampleType = .uint16
    var compression = "none"
    var seed = 42
    /// Small chunks so edge chunks (partly outside the image) occur.
    var chunk = 32
    /// Whether sample-export writes the vendor plan files.
    var writesPlan = true

    var description: String { summary }

    var sampleExportArguments: [String] {
        ["--layout", layout.rawValue, "--plate", plateName, "--format", String(format),
         "--wells", wells.map(\.name).joined(separator: ","), "--fields", String(fields),
         "--channels", String(channels), "--z", String(zPlanes), "--t", String(timepoints),
         "--size", "\(width)x\(height)", "--dtype", sampleType.rawValue, "--compression", compression,
         "--seed", String(seed)] + (writesPlan ? [] : ["--no-plan"])
    }

    /// Rows × columns of the physical plate.
    var formatShape: (rows: Int, columns: Int) {
        switch format {
        case 6: (2, 3)
        case 12: (3, 4)
        case 24: (4, 6)
        case 48: (6, 8)
        case 96: (8, 12)
        case 384: (16, 24)
        case 1536: (32, 48)
        default: preconditionFailure("not a standard plate format: \(format)")
        }
    }

    /// Axis names of every field: t only for a time series.
    var axisNames: [String] { timepoints > 1 ? ["t", "c", "z", "y", "x"] : ["c", "z", "y", "x"] }

    /// Shape of every field's full-resolution array: (t,) c, z, y, x.
    var levelZeroShape: [Int] {
        (timepoints > 1 ? [timepoints] : []) + [channels, zPlanes, height, width]
    }

    /// Levels of the default pyramid: halving until the larger side is at most 256 pixels.
    var levelCount: Int {
        var (count, side) = (1, max(width, height))
        while side > 256 {
            side = (side + 1) / 2
            count += 1
        }
        return count
    }

    /// Every image the export must contain.
    var images: [ExportedImage] {
        var images: [ExportedImage] = []
        for well in wells {
            for field in 0..<fields {
                for channel in 0..<channels {
                    for z in 0..<zPlanes {
                        for t in 0..<timepoints {
                            images.append(ExportedImage(
                                relativePath: relativePath(well: well, field: field, channel: channel, z: z, t: t),
                                well: well, field: field, channel: channel, z: z, t: t))
                        }
                    }
                }
            }
        }
        return images
    }

    /// The instrument's file name for a plane, written out independently of the product's layout code.
    func relativePath(well: PlateWell, field: Int, channel: Int, z: Int, t: Int) -> String {
        let wellToken = well.rowName + padded(well.column + 1, 2)
        switch layout {
        case .imageXpress:
            let timeFolder = timepoints > 1 ? "TimePoint_\(t + 1)/" : ""
            let zFolder = zPlanes > 1 ? "ZStep_\(z + 1)/" : ""
            return "\(timeFolder)\(zFolder)\(plateName)_\(wellToken)_s\(field + 1)_w\(channel + 1).TIF"
        case .yokogawa:
            return "\(plateName)_\(wellToken)_T\(padded(t + 1, 4))F\(padded(field + 1, 3))L01A01Z\(padded(z + 1, 2))C\(padded(channel + 1, 2)).tif"
        case .harmony:
            return "Images/r\(padded(well.row + 1, 2))c\(padded(well.column + 1, 2))f\(padded(field + 1, 2))p\(padded(z + 1, 2))-ch\(channel + 1)sk\(t + 1)fk1fl1.tiff"
        }
    }

    private func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
