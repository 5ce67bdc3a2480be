import Zarr

/// The OME-NGFF versions PlateDrop writes and validates.
public enum NGFFVersion: String, Sendable, CaseIterable, Hashable {
    case v04 = "0.4"
    case v05 = "0.5"

    /// 0.4 sits on Zarr v2, 0.5 on Zarr v3 (NGFF 0.5 §"Zarr v3").
    public var zarrFormat: ZarrFormat {
        switch self {
        case .v04: .v2
        case .v05: .v3
        }
    }

    /// Wraps one OME metadata block (`plate`, `well`, `multiscales`…) as a group's attributes.
    ///
    /// 0.4 puts each key at the top level of `.zattrs` with its own `version`; 0.5 nests everything
    /// under `ome` with a single `ome.version` (docs/ngff-choices.md §4, pitfall P6).
    func groupAttributes(_ members: JSONObject) -> JSONValue {
        switch self {
        case .v04:
            return .object(members)
        case .v05:
            var ome: JSONObject = ["version": .string(rawValue)]
            for (key, value) in members {
                ome[key] = value
            }
            return ["ome": .object(ome)]
        }
    }
}
