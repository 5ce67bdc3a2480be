extension ExportSpec {
    /// Where the layout puts the image of these 0-based coordinates, relative to the export root.
    func relativePath(well: WellIndex, field: Int, channel: Int, z: Int, t: Int) -> String {
        let pad = SampleExportText.padded
        switch layout {
        case .imageXpress:
            // Exported form (instrument-layouts.md §1.1 B): time and Z are folders, only when acquired.
            let timeFolder = timepoints > 1 ? "TimePoint_\(t + 1)/" : ""
            let zFolder = zPlanes > 1 ? "ZStep_\(z + 1)/" : ""
            return "\(timeFolder)\(zFolder)\(plateName)_\(well.name)_s\(field + 1)_w\(channel + 1).TIF"
        case .yokogawa:
            // §1.3: T 4, F 3, L 2, A 2, Z 2, C 2 digits, all 1-based.
            let tokens = "T\(pad(t + 1, 4))F\(pad(field + 1, 3))L01A01Z\(pad(z + 1, 2))C\(pad(channel + 1, 2))"
            return "\(plateName)_\(well.name)_\(tokens).tif"
        case .harmony:
            // §1.4: r, c, f, p 2 digits; ch and sk unpadded; fk1fl1 as Harmony writes them.
            let position = "r\(pad(well.row + 1, 2))c\(pad(well.column + 1, 2))f\(pad(field + 1, 2))p\(pad(z + 1, 2))"
            return "Images/\(position)-ch\(channel + 1)sk\(t + 1)fk1fl1.tiff"
        }
    }

    /// Every image of the export in acquisition order: time, well, field, Z, channel.
    var images: [GeneratedImage] {
        var images: [GeneratedImage] = []
        images.reserveCapacity(timepoints * wells.count * fields * zPlanes * channels)
        for t in 0..<timepoints {
            for well in wells {
                for field in 0..<fields {
                    for z in 0..<zPlanes {
                        for channel in 0..<channels {
                            let path = relativePath(well: well, field: field, channel: channel, z: z, t: t)
                            images.append(GeneratedImage(
                                relativePath: path, row: well.row, column: well.column,
                                field: field, channel: channel, z: z, t: t
                            ))
                        }
                    }
                }
            }
        }
        return images
    }
}
