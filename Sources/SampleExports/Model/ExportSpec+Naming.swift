extension ExportSpec {
    /// Where the layout puts the plane of these 0-based coordinates in the first run, relative to the export root.
    func relativePath(well: WellIndex, field: Int, channel: Int, z: Int, t: Int) -> String {
        relativePath(well: well, field: field, channel: channel, z: z, t: t, run: 0, isProjection: false)
    }

    /// Where the layout puts an image of `run`, relative to the export root. A projection goes to
    /// `ZStep_0/` (beside the `ZStep_N/` folders in the database layout).
    func relativePath(well: WellIndex, field: Int, channel: Int, z: Int, t: Int, run: Int, isProjection: Bool) -> String {
        let pad = SampleExportText.padded
        let folder = imageFolder(run)
        switch layout {
        case .imageXpress:
            // Exported form (docs/layouts.md §1.1): time and Z are folders, only when acquired.
            let timeFolder = timepoints > 1 ? "TimePoint_\(t + 1)/" : ""
            let zFolder = switch (isProjection, runFolders) {
            case (true, .database): ""
            case (true, _): "ZStep_0/"
            case (false, _): zPlanes > 1 ? "ZStep_\(z + 1)/" : ""
            }
            let stem = "\(plateName)_\(well.name)_s\(field + 1)_w\(channel + 1)"
            guard runFolders == .database else { return "\(folder)\(timeFolder)\(zFolder)\(stem).TIF" }
            // The database names each file with a GUID glued to the wave token and a lower-case extension.
            let guid = SampleExportText.guid(mixing: [Int(truncatingIfNeeded: seed), 5, run, well.row, well.column, field,
                                                      channel, isProjection ? -1 : z, t])
            return "\(folder)\(timeFolder)\(zFolder)\(stem)\(guid).tif"
        case .yokogawa:
            // §1.3: T 4, F 3, L 2, A 2, Z 2, C 2 digits, all 1-based.
            let tokens = "T\(pad(t + 1, 4))F\(pad(field + 1, 3))L01A01Z\(pad(z + 1, 2))C\(pad(channel + 1, 2))"
            return "\(folder)\(plateName)_\(well.name)_\(tokens).tif"
        case .cq3000:
            // §1.3: the well as a 1-based index row by row, F and T 4 digits from 1, Z000 for the projection.
            let wellIndex = well.row * columns + well.column + 1
            return "\(folder)Projection/W\(pad(wellIndex, 4))F\(pad(field + 1, 4))T\(pad(t + 1, 4))Z000C\(channel + 1).tif"
        case .harmony:
            // §1.4: r, c, f, p 2 digits; ch and sk unpadded; fk1fl1 as Harmony writes them.
            let position = "r\(pad(well.row + 1, 2))c\(pad(well.column + 1, 2))f\(pad(field + 1, 2))p\(pad(z + 1, 2))"
            return "Images/\(position)-ch\(channel + 1)sk\(t + 1)fk1fl1.tiff"
        case .cellomics:
            // §1.5: field 2 digits and channel, both 0-based; no z or time.
            return "\(plateName)_\(well.name)f\(pad(field, 2))d\(channel).tif"
        case .imageXpressHCSAI:
            // §1.2: every index 0-based, time point folder and token alike.
            return "\(folder)timepoint\(t)/\(plateName)_t\(t)_\(well.name)_s\(field)_w\(channel)_z\(z).tif"
        case .scanR:
            // §1.6: unpadded well label, well index and position from 1, z and t from 0, the channel by name.
            let wellToken = "\(well.rowLetters)\(well.column + 1)--W\(pad(ScanRMetadata.wellIndex(well, spec: self), 5))"
            return "data/\(wellToken)--P\(pad(field + 1, 5))--Z\(pad(z, 5))--T\(pad(t, 5))--\(channelName(channel)).tif"
        case .inCell:
            // §1.7 classic names: every number from 1; z and time only when acquired.
            let filter = InCellXDCE.filterName(self, channel: channel)
            let zToken = zPlanes > 1 ? " z \(z + 1)" : ""
            let timeToken = timepoints > 1 ? " - time \(t + 1) - \(t * 60_000) ms" : ""
            return "\(well.rowLetters) - \(pad(well.column + 1, 2))(fld \(field + 1) wv \(filter) - \(filter)\(zToken)\(timeToken)).tif"
        case .cytation:
            // §1.8: unpadded well, field and time from 1, Z only in a stack, the channel by name.
            let zToken = zPlanes > 1 ? "Z\(z + 1)" : ""
            return "\(well.rowLetters)\(well.column + 1)_\(field + 1)\(zToken)_\(channelName(channel))_1_\(pad(t + 1, 3))_.tif"
        }
    }

    /// Every image of the export, run by run in acquisition order: time, well, field, Z, channel; the
    /// projections (and `ZStep_0` copies) of a field follow its stack.
    var images: [GeneratedImage] {
        (0..<runs).flatMap(images(ofRun:))
    }

    /// Every image of one run, in acquisition order.
    func images(ofRun run: Int) -> [GeneratedImage] {
        let singlePlane = layout == .imageXpress && zPlanes > 1 ? singlePlaneChannels : []
        let repeatsCopies = runFolders != .database
        var images: [GeneratedImage] = []
        images.reserveCapacity(timepoints * wells.count * fields * (zPlanes + 1) * channels)
        for t in 0..<timepoints {
            for well in wells {
                for field in 0..<fields {
                    func image(channel: Int, z: Int, projection: Bool = false, kind: GeneratedImage.Kind = .plane) -> GeneratedImage {
                        let path = relativePath(well: well, field: field, channel: channel, z: z, t: t, run: run,
                                                isProjection: projection)
                        return GeneratedImage(relativePath: path, row: well.row, column: well.column, field: field,
                                              channel: channel, z: z, t: t, run: run, kind: kind)
                    }
                    if layout == .cq3000 {
                        // A CQ3000 projection run keeps only the projection of each stack.
                        images += (0..<channels).map { image(channel: $0, z: 0, projection: true, kind: .maximumProjection) }
                        continue
                    }
                    for z in 0..<zPlanes {
                        for channel in 0..<channels {
                            if !singlePlane.contains(channel) {
                                images.append(image(channel: channel, z: z))
                            } else if z == 0 {
                                images.append(image(channel: channel, z: 0))
                            } else if repeatsCopies {
                                let original = relativePath(well: well, field: field, channel: channel, z: 0, t: t, run: run,
                                                            isProjection: false)
                                images.append(image(channel: channel, z: z, kind: .repeatedPlane(original: original)))
                            }
                        }
                    }
                    guard layout == .imageXpress, maximumProjection, zPlanes > 1 else { continue }
                    for channel in 0..<channels {
                        if !singlePlane.contains(channel) {
                            images.append(image(channel: channel, z: 0, projection: true, kind: .maximumProjection))
                        } else if repeatsCopies {
                            let original = relativePath(well: well, field: field, channel: channel, z: 0, t: t, run: run,
                                                        isProjection: false)
                            images.append(image(channel: channel, z: 0, projection: true,
                                                kind: .repeatedPlane(original: original)))
                        }
                    }
                }
            }
        }
        return images
    }
}
