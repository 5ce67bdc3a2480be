import Zarr

extension ValidationRun {
    /// Plate group: version, rows and columns, the well list, acquisitions; then every listed well.
    mutating func validatePlate() {
        let hasV3 = documents.read("zarr.json").isPresent
        let hasV2 = documents.read(".zgroup").isPresent || documents.read(".zattrs").isPresent
        switch (hasV2, hasV3) {
        case (false, false):
            error("not-zarr", "", "no zarr.json (Zarr v3) or .zgroup/.zattrs (Zarr v2) at the plate root")
            return
        case (true, true):
            error("mixed-versions", "", "both zarr.json and .zattrs/.zgroup at the plate root; never mix 0.4 and 0.5 (P6)")
            setVersion(.v05)
        case (false, true):
            setVersion(.v05)
        case (true, false):
            setVersion(.v04)
        }
        guard let attributes = omeAttributes(of: "", role: "plate", required: "plate"),
              let plate = attributes["plate"]?.objectValue else {
            if version != nil, issues.isEmpty { error("plate-metadata-missing", "", "\"plate\" must be an object") }
            return
        }
        checkPlateVersion(plate)
        let rows = names(plate, "rows")
        let columns = names(plate, "columns")
        checkPhysicalGrid(rows: rows, columns: columns)
        checkAcquisitions(plate)
        if plate["name"]?.stringValue == nil {
            warning("plate-name", "", "plate has no \"name\" (SHOULD; the strict schema requires it)")
        }
        let wells = listedWells(plate, rows: rows, columns: columns)
        var maximumFields = 0
        for well in wells {
            maximumFields = max(maximumFields, validateWell(well))
        }
        if let fieldCount = plate["field_count"] {
            if let count = fieldCount.intValue, count > 0 {
                if count < maximumFields {
                    warning("field-count", "", "field_count is \(count) but a well has \(maximumFields) fields")
                }
            } else {
                error("field-count", "", "field_count must be a positive integer, found \(fieldCount.serialized())")
            }
        }
        reportUnlistedWells(listed: Set(wells), rows: rows)
    }

    private mutating func checkPlateVersion(_ plate: JSONObject) {
        let declared = plate["version"]?.stringValue
        switch version {
        case .v04:
            if declared == nil {
                error("plate-version", "", "0.4 plate has no plate.version; readers such as yaozarrs cannot tell "
                      + "the version without it (P5)")
            } else if declared != NGFFVersion.v04.rawValue {
                error("version-mismatch", "", "plate.version is \"\(declared!)\" in a Zarr v2 (0.4) plate")
            }
        case .v05:
            if declared == nil {
                error("plate-version", "", "0.5 plate has no plate.version; the 0.5 text says MUST and "
                      + "ome-zarr-models rejects the plate without it (P5)")
            } else if declared != NGFFVersion.v05.rawValue {
                error("version-mismatch", "", "plate.version is \"\(declared!)\", expected \"0.5\"")
            }
        case nil:
            break
        }
    }

    /// Row or column names: objects with an alphanumeric, unique `name`, at least one.
    /// NGFF plate spec: `rows` and `columns` list every row and column of the physical plate, so lettered
    /// rows run A, B, C, … and numbered columns 1, 2, 3, … without a gap. Names of another form are left alone.
    private mutating func checkPhysicalGrid(rows: [String], columns: [String]) {
        let rowNumbers = rows.compactMap(Self.rowNumber)
        if rowNumbers.count == rows.count, let gap = Self.firstGap(rowNumbers) {
            error("rows-gap", "", "plate.rows skip physical row \(Self.rowName(gap)): every row of the plate must be listed")
        }
        let columnNumbers = columns.compactMap { Int($0) }
        if columnNumbers.count == columns.count, let gap = Self.firstGap(columnNumbers) {
            error("columns-gap", "", "plate.columns skip physical column \(gap): every column of the plate must be listed")
        }
    }

    /// The first number of 1, 2, 3, … missing from `numbers` before their largest, or nil.
    private static func firstGap(_ numbers: [Int]) -> Int? {
        guard let largest = numbers.max() else { return nil }
        let present = Set(numbers)
        return (1...max(1, largest)).first { !present.contains($0) }
    }

    /// "A" → 1, "Z" → 26, "AA" → 27; nil for a name that is not upper-case letters.
    private static func rowNumber(_ name: String) -> Int? {
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
        return name.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
    }

    private static func rowName(_ number: Int) -> String {
        var letters = ""
        var remaining = number
        while remaining > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (remaining - 1) % 26))) + letters
            remaining = (remaining - 1) / 26
        }
        return letters
    }

    private mutating func names(_ plate: JSONObject, _ key: String) -> [String] {
        guard let list = plate[key]?.arrayValue, !list.isEmpty else {
            error("plate-\(key)", "", "plate.\(key) must be a non-empty list of {\"name\": …} objects")
            return []
        }
        var result: [String] = []
        for (index, entry) in list.enumerated() {
            guard let name = entry["name"]?.stringValue else {
                error("plate-\(key)", "", "plate.\(key)[\(index)] has no string \"name\"")
                result.append("")
                continue
            }
            if !Self.isAlphanumericName(name) {
                error("plate-\(key)-name", "", "plate.\(key)[\(index)].name \"\(name)\" must contain only letters and digits")
            }
            result.append(name)
        }
        let duplicates = Dictionary(grouping: result, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        for duplicate in duplicates { error("plate-\(key)-duplicate", "", "plate.\(key) lists \"\(duplicate)\" twice") }
        let folded = Dictionary(grouping: Set(result), by: { $0.lowercased() }).filter { $0.value.count > 1 }
        for (_, clash) in folded.sorted(by: { $0.key < $1.key }) {
            warning("case-collision", "", "plate.\(key) has \(clash.sorted()) which collide on case-insensitive file systems")
        }
        return result
    }

    private mutating func checkAcquisitions(_ plate: JSONObject) {
        guard let value = plate["acquisitions"] else { return }
        guard let list = value.arrayValue else {
            error("acquisitions", "", "plate.acquisitions must be a list")
            return
        }
        for (index, entry) in list.enumerated() {
            guard let id = entry["id"]?.intValue, id >= 0 else {
                error("acquisition-id", "", "plate.acquisitions[\(index)] needs a non-negative integer \"id\"")
                continue
            }
            if !acquisitionIDs.insert(id).inserted {
                error("acquisition-id", "", "acquisition id \(id) is declared twice")
            }
            if let count = entry["maximumfieldcount"], (count.intValue ?? 0) <= 0 {
                error("acquisition-fields", "", "acquisition \(id): maximumfieldcount must be a positive integer")
            }
            for key in ["starttime", "endtime"] {
                if let time = entry[key], (time.intValue ?? -1) < 0 {
                    error("acquisition-time", "", "acquisition \(id): \(key) must be a non-negative integer")
                }
            }
        }
    }

    /// The listed wells whose path, rowIndex and columnIndex agree (P3); all others are reported.
    private mutating func listedWells(_ plate: JSONObject, rows: [String], columns: [String]) -> [String] {
        guard let list = plate["wells"]?.arrayValue else {
            error("plate-wells", "", "plate.wells must be a list")
            return []
        }
        var paths: [String] = []
        for (index, entry) in list.enumerated() {
            guard let path = entry["path"]?.stringValue else {
                error("well-path", "", "plate.wells[\(index)] has no string \"path\"")
                continue
            }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, parts.allSatisfy(Self.isAlphanumericName) else {
                error("well-path", path, "well path must be <row>/<column> of letters and digits, found \"\(path)\"")
                continue
            }
            guard let row = rows.firstIndex(of: parts[0]), let column = columns.firstIndex(of: parts[1]) else {
                error("well-path", path, "well path names a row or column that plate.rows/plate.columns do not list")
                continue
            }
            if entry["rowIndex"]?.intValue != Int64(row) {
                error("well-row-index", path, "rowIndex is \(entry["rowIndex"]?.serialized() ?? "missing") but row "
                      + "\"\(parts[0])\" is at index \(row) of plate.rows (P3)")
            }
            if entry["columnIndex"]?.intValue != Int64(column) {
                error("well-column-index", path, "columnIndex is \(entry["columnIndex"]?.serialized() ?? "missing") but "
                      + "column \"\(parts[1])\" is at index \(column) of plate.columns (P3)")
            }
            if paths.contains(path) {
                error("well-duplicate", path, "well listed twice")
                continue
            }
            paths.append(path)
        }
        return paths
    }

    /// Wells on disk the plate does not list: readers will never show them.
    private mutating func reportUnlistedWells(listed: Set<String>, rows: [String]) {
        for row in rows where documents.directoryExists(row) {
            for column in documents.subdirectories(row) where !listed.contains("\(row)/\(column)") {
                let path = "\(row)/\(column)"
                let marker = version == .v05 ? "zarr.json" : ".zattrs"
                if documents.read(NodeDocuments.join(path, marker)).isPresent {
                    warning("well-not-listed", path, "a well group exists on disk but plate.wells does not list it")
                }
            }
        }
    }
}

extension NodeDocuments.Read {
    var isPresent: Bool {
        if case .absent = self { return false }
        return true
    }
}
