import Zarr

/// A well as `platedrop wells --json` reports it.
struct WellStatus: Sendable, Equatable, CustomStringConvertible {
    let state: String
    let generation: Int
    let reason: String?

    var description: String { "\(state) (generation \(generation)\(reason.map { ", \($0)" } ?? ""))" }

    /// The wells of a `wells --json` answer by name ("B3"), for one plate.
    static func parse(_ json: JSONValue, plate: String) -> [String: WellStatus] {
        var wells: [String: WellStatus] = [:]
        for entry in json.arrayValue ?? [] where entry["plate"]?.stringValue == plate {
            guard let name = entry["well"]?.stringValue, let state = entry["state"]?.stringValue,
                  let generation = entry["generation"]?.intValue else { continue }
            wells[name] = WellStatus(state: state, generation: Int(generation), reason: entry["reason"]?.stringValue)
        }
        return wells
    }
}
