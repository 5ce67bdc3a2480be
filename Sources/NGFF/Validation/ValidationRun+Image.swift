import Zarr

extension ValidationRun {
    /// A field image group: multiscales (axes, datasets, transformations), omero, and its level arrays.
    mutating func validateField(_ path: String) {
        fieldsChecked += 1
        guard let attributes = omeAttributes(of: path, role: "field", required: "multiscales") else { return }
        guard let multiscales = attributes["multiscales"]?.arrayValue, let first = multiscales.first?.objectValue else {
            error("multiscales", path, "multiscales must be a non-empty list of objects")
            return
        }
        if version == .v04, let declared = first["version"]?.stringValue, declared != NGFFVersion.v04.rawValue {
            error("version-mismatch", path, "multiscales[0].version is \"\(declared)\" in a 0.4 plate")
        }
        let axes = checkAxes(first["axes"], path: path)
        let levelPaths = checkDatasets(first["datasets"], axisCount: axes.count, path: path)
        if let omero = attributes["omero"] {
            checkOmero(omero, path: path)
        }
        var shapes: [[Int]] = []
        var dataType: ZarrDataType?
        for levelPath in levelPaths {
            guard let metadata = validateArray(NodeDocuments.join(path, levelPath), axes: axes) else { continue }
            shapes.append(metadata.shape)
            dataType = dataType ?? metadata.dataType
        }
        checkPyramidShapes(shapes, axes: axes, path: path)
        if let channels = attributes["omero"]?["channels"]?.arrayValue, let cIndex = axes.firstIndex(of: "c"),
           let shape = shapes.first, channels.count != shape[cIndex] {
            warning("omero-channel-count", path, "omero lists \(channels.count) channels but the c axis has \(shape[cIndex])")
        }
        compareWithReference(FieldSignature(path: path, axes: axes, levelPaths: levelPaths, dataType: dataType,
                                            shapes: shapes))
    }

    private mutating func checkAxes(_ value: JSONValue?, path: String) -> [String] {
        guard let list = value?.arrayValue, (2...5).contains(list.count) else {
            error("axes", path, "multiscales[0].axes must list 2 to 5 axes")
            return []
        }
        var names: [String] = []
        var kinds: [String] = []
        for (index, axis) in list.enumerated() {
            guard let name = axis["name"]?.stringValue else {
                error("axes", path, "axes[\(index)] has no string name")
                continue
            }
            names.append(name)
            let kind = axis["type"]?.stringValue ?? ""
            if kind.isEmpty { warning("axes", path, "axis \"\(name)\" has no type (SHOULD)") }
            kinds.append(kind)
        }
        if Set(names).count != names.count { error("axes", path, "axis names \(names) are not unique") }
        let space = kinds.filter { $0 == "space" }.count
        if !(2...3).contains(space) { error("axes", path, "there must be 2 or 3 space axes, found \(space)") }
        if kinds.filter({ $0 == "time" }).count > 1 { error("axes", path, "at most one time axis is allowed") }
        let rank: (String) -> Int = { $0 == "time" ? 0 : $0 == "space" ? 2 : 1 }
        if kinds.map(rank) != kinds.map(rank).sorted() {
            error("axes", path, "axes must be ordered time, then channel/custom, then space; found \(names)")
        }
        return names
    }

    /// Dataset paths in order; each with exactly one `scale` first and an optional `translation` after it.
    private mutating func checkDatasets(_ value: JSONValue?, axisCount: Int, path: String) -> [String] {
        guard let list = value?.arrayValue, !list.isEmpty else {
            error("datasets", path, "multiscales[0].datasets must be a non-empty list")
            return []
        }
        var paths: [String] = []
        for (index, dataset) in list.enumerated() {
            guard let levelPath = dataset["path"]?.stringValue, !levelPath.isEmpty else {
                error("datasets", path, "datasets[\(index)] has no path")
                continue
            }
            if levelPath != String(index) {
                warning("level-naming", path, "level \(index) is named \"\(levelPath)\"; name levels \"0\", \"1\", … "
                        + "(iohub and others hard-code \"0\", P10)")
            }
            checkTransformations(dataset["coordinateTransformations"], axisCount: axisCount,
                                 path: NodeDocuments.join(path, levelPath))
            paths.append(levelPath)
        }
        return paths
    }

    private mutating func checkTransformations(_ value: JSONValue?, axisCount: Int, path: String) {
        guard let list = value?.arrayValue, let first = list.first else {
            error("coordinate-transformations", path, "dataset needs coordinateTransformations with a scale")
            return
        }
        guard first["type"]?.stringValue == "scale", let scale = first["scale"]?.arrayValue else {
            error("coordinate-transformations", path, "the first coordinate transformation must be a scale")
            return
        }
        if scale.count != axisCount || scale.contains(where: { $0.doubleValue == nil }) {
            error("coordinate-transformations", path, "scale must hold \(axisCount) numbers, one per axis")
        }
        if list.count > 2 {
            error("coordinate-transformations", path, "at most a scale and a translation are allowed")
        }
        if list.count == 2 {
            let translation = list[1]["translation"]?.arrayValue
            if list[1]["type"]?.stringValue != "translation" || translation?.count != axisCount {
                error("coordinate-transformations", path, "the second transformation must be a translation of \(axisCount) numbers")
            }
        }
    }

    private mutating func checkOmero(_ omero: JSONValue, path: String) {
        guard let channels = omero["channels"]?.arrayValue else {
            error("omero", path, "omero must have a channels list")
            return
        }
        for (index, channel) in channels.enumerated() {
            let color = channel["color"]?.stringValue ?? ""
            if color.count != 6 || !color.allSatisfy(\.isHexDigit) {
                error("omero-color", path, "omero channel \(index): color must be 6 hex digits RRGGBB, found "
                      + (channel["color"]?.serialized() ?? "none"))
            }
            let window = channel["window"]
            let missing = ["min", "max", "start", "end"].filter { window?[$0]?.doubleValue == nil }
            if !missing.isEmpty {
                error("omero-window", path, "omero channel \(index): window needs numbers min, max, start and end; "
                      + "missing \(missing.joined(separator: ", ")) (yaozarrs rejects it, P12)")
            }
        }
        if let rdefs = omero["rdefs"], rdefs["defaultT"] == nil || rdefs["defaultZ"] == nil {
            warning("omero-rdefs", path, "omero.rdefs without defaultT/defaultZ is rejected by iohub (P12)")
        }
    }

    /// Each level keeps the non-spatial extents of level 0 and never grows in y or x. The one exception is t
    /// while a timepoint is appended in place: the arrays grow coarsest level first, so a write stopped
    /// between two of them leaves coarser levels longer along t than level 0, and every t index level 0
    /// shows is still at every level (P17).
    private mutating func checkPyramidShapes(_ shapes: [[Int]], axes: [String], path: String) {
        guard let base = shapes.first, base.count >= 2 else { return }
        let t = axes.count == base.count ? axes.firstIndex(of: "t") : nil
        for (level, shape) in shapes.enumerated().dropFirst() where shape.count == base.count {
            let previous = shapes[level - 1]
            let nonSpatial = shape.indices.dropLast(2)
            if zip(shape.suffix(2), previous.suffix(2)).contains(where: { $0 > $1 }) {
                error("pyramid-shape", path, "level \(level) (\(shape)) is larger than level \(level - 1) (\(previous))")
            } else if !nonSpatial.allSatisfy({ shape[$0] == base[$0] }) {
                if let t, nonSpatial.allSatisfy({ $0 == t || shape[$0] == base[$0] }), shape[t] >= previous[t] {
                    warning("t-extent-growing", path, "level \(level) has shape \(shape), longer along t than level 0 "
                            + "(\(base)): a timepoint's append stopped between the arrays; it is finished when the daemon runs again")
                } else {
                    error("pyramid-shape", path, "level \(level) has shape \(shape) but only y and x may shrink (level 0: \(base))")
                }
            }
        }
    }

    /// Every field of a plate must share axes, dtype, level names and shapes: readers stitch the plate from
    /// the first field's (P9).
    private mutating func compareWithReference(_ field: FieldSignature) {
        guard let reference = referenceField else {
            referenceField = field
            return
        }
        if field.axes != reference.axes {
            error("axes-differ", field.path, "axes \(field.axes) differ from \(reference.path)'s \(reference.axes)")
        }
        if field.levelPaths != reference.levelPaths {
            error("levels-differ", field.path, "levels \(field.levelPaths) differ from \(reference.path)'s \(reference.levelPaths)")
        }
        if let type = field.dataType, let referenceType = reference.dataType, type != referenceType {
            error("dtype-differs", field.path, "dtype \(type.rawValue) differs from \(reference.path)'s "
                  + "\(referenceType.rawValue); readers take the first field's dtype (P9)")
        }
        if field.shapes != reference.shapes, field.shapes.count == reference.shapes.count {
            if Self.differOnlyAlongT(field, reference) {
                // A time-lapse plate grows well by well: while a timepoint is appended, the wells that have it
                // are one longer along t than those that do not yet (docs/ngff-choices.md P17).
                warning("t-extent-differs", field.path, "level shapes \(field.shapes) differ from \(reference.path)'s "
                        + "\(reference.shapes) along t only (a time-lapse plate while a timepoint is being added); "
                        + "viewers that stitch the plate from the first field's shape need every well at one t extent")
            } else {
                error("shape-differs", field.path, "level shapes \(field.shapes) differ from \(reference.path)'s "
                      + "\(reference.shapes); ome-zarr-py fails with \"Shapes do not align\" (P9)")
            }
        }
    }

    /// Whether two fields with the same axes differ in their level shapes along the t axis alone.
    private static func differOnlyAlongT(_ field: FieldSignature, _ reference: FieldSignature) -> Bool {
        guard field.axes == reference.axes, let t = field.axes.firstIndex(of: "t") else { return false }
        return zip(field.shapes, reference.shapes).allSatisfy { shape, other in
            shape.count == other.count && shape.indices.allSatisfy { $0 == t || shape[$0] == other[$0] }
        }
    }
}
