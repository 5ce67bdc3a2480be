import FileIdentity
import Layouts

extension InstrumentLayout {
    /// What the TIFF at `absolutePath` says of its plane, when the instrument writes that into its header.
    func planeMetadata(ofImageAt absolutePath: String, fingerprint: FileFingerprint? = nil) -> PlaneMetadata? {
        guard describesPlanesInImageHeader else { return nil }
        return ImageDescriptions.shared.description(ofImageAt: absolutePath, fingerprint: fingerprint)
            .flatMap { planeMetadata(imageDescription: $0) }
    }

    /// The key of the image at `absolutePath` that `classify` named `key`. Where the file's own header
    /// says whether it is a projection, the header decides: a projection goes to its run's projection plate,
    /// never into the stack, and a plane the folders took for a projection (a single-plane channel that
    /// MetaXpress copies into `ZStep_0`) stays in the stack. Batch and daemon both place images here.
    public func placedKey(_ key: ImageKey, absolutePath: String) -> ImageKey {
        guard let header = planeMetadata(ofImageAt: absolutePath) else { return key }
        let isProjection = header.projectionMethod != nil
        guard isProjection != ImageKey.isProjectionPlate(key.plate) else { return key }
        var placed = key.withPlate(isProjection ? ImageKey.projectionPlateName(of: key.plate)
            : ImageKey.stackPlateName(ofProjectionPlate: key.plate))
        if isProjection { placed.z = 0 }
        return placed
    }
}
