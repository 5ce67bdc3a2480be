import Catalog
import Ingest
import Layouts

extension FileRecord {
    /// The key an image's name gave it, as intake recorded it, in the plate `plate` and well `well`.
    func imageKey(plate: String, well: WellPosition) -> ImageKey {
        ImageKey(plate: plate, well: well, field: field ?? 0, channel: channel ?? 0, z: z, t: t ?? 0,
                 acquisition: acquisition ?? 0)
    }

    /// The file as intake found it stable: a read that ends with another fingerprint is refused, and a plan
    /// read at this fingerprint need not be read again.
    var sourceFingerprint: SourceFingerprint {
        SourceFingerprint(size: size, modifiedNanoseconds: modifiedNanoseconds, changedNanoseconds: changedNanoseconds,
                          inode: inode)
    }
}
