import Catalog
import Layouts

extension FileRecord {
    /// The key an image's name gave it, as intake recorded it, in the plate `plate` and well `well`.
    func imageKey(plate: String, well: WellPosition) -> ImageKey {
        ImageKey(plate: plate, well: well, field: field ?? 0, channel: channel ?? 0, z: z, t: t ?? 0,
                 acquisition: acquisition ?? 0)
    }
}
