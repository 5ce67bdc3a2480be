import Zarr

/// A well as `platedrop wells --json` reports it.
struct WellStatus: Sendable, Equatable, CustomStringConvertible {
    let state: String
    let generation: Int
    let reason: String?
    /// Generation of each written timepoint, by 0-based t.
    let timepoints: [Int: Int]

    var description: String {
        "\(state) (generation \(generation)\(reason.map { ", \($0)" } ?? "")"
            + (timepoints.isEmpty ? "" : ", timepoints \(timepoints.sorted { $0.key < $1.key })") + ")"
    }

    /// The wells of a `wells --json` answer by name ("B3"), for one plate.
    static func parse(_ json: JSONValue, plate: String) -> [String: WellStatus] {
        var wells: [String: WellStatus] = [:]
        for entry in json.arrayValue ?? [] where entry["plate"]?.stringValue == plate {
            guard let name = entry["well"]?.stringValue, let state = entry["state"]?.stringValue,
                  let generation = entry["generation"]?.intValue else { continue }
            var timepoints: [Int: Int] = [:]
            for timepoint in entry["timepoints"]?["each"]?.arrayValue ?? [] where timepoint["state"]?.stringValue == "written" {
                guard let t = timepoint["t"]?.intValue, let generation = timepoint["generation"]?.intValue else { continue }
                timepoints[Int(t) - 1] = Int(generation)
            }
            wells[name] = WellStatus(state: state, generation: Int(generation), reason: entry["reason"]?.stringValue,
                                     timepoints: timepoints)
        }
        return wells
    }
}
