import Zarr

extension ValidationRun {
    /// A listed well: its row group, well group, images and acquisitions, then every field. Returns the
    /// number of fields the well declares.
    mutating func validateWell(_ path: String) -> Int {
        wellsChecked += 1
        let row = String(path.prefix { $0 != "/" })
        if rowsChecked.insert(row).inserted {
            // Every tool opens wells by path and never notices, but the spec requires the row group and
            // Zarr v3 has no implicit groups (P13).
            _ = groupExists(row, role: "row")
        }
        guard let attributes = omeAttributes(of: path, role: "well", required: "well") else { return 0 }
        guard let well = attributes["well"]?.objectValue else {
            error("well-metadata", path, "\"well\" must be an object")
            return 0
        }
        if version == .v04, let declared = well["version"]?.stringValue, declared != NGFFVersion.v04.rawValue {
            error("version-mismatch", path, "well.version is \"\(declared)\" in a 0.4 plate")
        }
        guard let images = well["images"]?.arrayValue, !images.isEmpty else {
            error("well-images", path, "well.images must list at least one field image")
            return 0
        }
        var fieldPaths: [String] = []
        for (index, image) in images.enumerated() {
            guard let fieldPath = image["path"]?.stringValue else {
                error("field-path", path, "well.images[\(index)] has no string \"path\"")
                continue
            }
            guard Self.isAlphanumericName(fieldPath) else {
                error("field-path", path, "field path \"\(fieldPath)\" must contain only letters and digits "
                      + "(ome-zarr-models rejects it; use \"0\", \"1\", …)")
                continue
            }
            checkAcquisition(of: image, well: path, field: fieldPath)
            fieldPaths.append(fieldPath)
        }
        if let reference = referenceFieldPaths {
            let (mine, theirs) = (Set(fieldPaths), Set(reference.paths))
            if mine.isSubset(of: theirs) || theirs.isSubset(of: mine) {
                // A field the instrument could not image is left out; field_count is a maximum (NGFF plate spec).
                if mine != theirs {
                    warning("fewer-fields", path, "fields are \(fieldPaths) but well \(reference.well) has "
                            + "\(reference.paths)")
                }
            } else {
                error("field-paths-differ", path, "fields are \(fieldPaths) but well \(reference.well) has "
                      + "\(reference.paths); plate viewers open every well by the first well's field paths (P8)")
            }
        } else {
            referenceFieldPaths = (path, fieldPaths)
        }
        for fieldPath in fieldPaths {
            validateField(NodeDocuments.join(path, fieldPath))
        }
        return images.count
    }

    private mutating func checkAcquisition(of image: JSONValue, well: String, field: String) {
        let place = NodeDocuments.join(well, field)
        guard let acquisition = image["acquisition"] else {
            if acquisitionIDs.count >= 2 {
                error("acquisition-missing", place, "the plate declares \(acquisitionIDs.count) acquisitions, so every "
                      + "well image needs an \"acquisition\" id")
            }
            return
        }
        guard let id = acquisition.intValue else {
            error("acquisition-undeclared", place, "acquisition must be an integer id, found \(acquisition.serialized())")
            return
        }
        if !acquisitionIDs.contains(id) {
            error("acquisition-undeclared", place, "acquisition \(id) is not declared in plate.acquisitions "
                  + "(declared: \(acquisitionIDs.sorted()))")
        }
    }
}
