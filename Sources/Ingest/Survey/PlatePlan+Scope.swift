import Layouts

extension PlatePlan {
    /// The path of `absolutePath` relative to this plan's scope, nil when the file lies outside it.
    func pathInScope(_ absolutePath: String) -> String? {
        let prefix = scopeDirectory.hasSuffix("/") ? scopeDirectory : scopeDirectory + "/"
        guard absolutePath.hasPrefix(prefix) else { return nil }
        return String(absolutePath.dropFirst(prefix.count))
    }

    /// Whether the file at `absolutePath` lies in this plan's scope directory or below it.
    public func covers(_ absolutePath: String) -> Bool { pathInScope(absolutePath) != nil }

    /// The key of the image at `absolutePath` whose name gave `named`: a file the plan names (a Harmony
    /// index, a CellVoyager mlf) takes the plan's key, which knows what a name may not (the action that
    /// took a channel, the timepoint). Batch and daemon both place images here.
    public func placedKey(_ named: ImageKey, absolutePath: String) -> ImageKey {
        guard let path = pathInScope(absolutePath) else { return named }
        return imageKey(forPathInScope: path, plate: named.plate) ?? named
    }

    /// The key of a well-indexed image at `absolutePath`: the plans nearest to it place its well, by their
    /// own key for the file (an mlf record's Row and Column) or else by counting the index across their plate
    /// format; nil when none covers it or the index lies beyond their plate. Batch and daemon both place
    /// such images here.
    public static func placing(_ image: WellIndexedImage, absolutePath: String, plans: [PlatePlan]) -> ImageKey? {
        let stackPlate = ImageKey.stackPlateName(ofProjectionPlate: image.plate)
        guard let plan = governing(plate: stackPlate, imagePaths: [absolutePath], from: plans) else { return nil }
        let named = plan.pathInScope(absolutePath).flatMap { plan.imageKeys[$0]?.well }
        return (named ?? plan.format.flatMap(image.well(on:))).map(image.key(at:))
    }

    /// Why a well-indexed image has no place yet.
    public static func unplacedReason(_ image: WellIndexedImage) -> String {
        "its name numbers the well (index \(image.wellIndex)) instead of naming it; no plan file in its folder or "
            + "above (MeasurementDetail.mrf with the plate size, MeasurementData.mlf with its Row and Column) places it"
    }

    /// The stage position the plan records for the file at `absolutePath`, if it names that file.
    func stagePosition(ofImageAt absolutePath: String) -> StagePosition? {
        pathInScope(absolutePath).flatMap { stagePositions[$0] }
    }

    /// The plan of the plate `plate` whose images lie at `imagePaths` (absolute): the plans nearest to them
    /// (of those whose scope holds one of them, the ones with the deepest scope, so Harmony's
    /// `Images/flex/Index.flex.xml` governs the flat-field corrected copies and `Images/Index.idx.xml` does
    /// not), merged in the order given, and shaped for a projection plate when it is one. Batch and daemon
    /// both decide a plate's plan here.
    public static func governing(plate: String, imagePaths: [String], from plans: [PlatePlan]) -> PlatePlan? {
        let covering = plans.filter { plan in imagePaths.contains { plan.covers($0) } }
        // Every covering scope is a folder above one of the images, so the longest path is the deepest.
        let nearest = covering.map(\.scopeDirectory.count).max()
        let relevant = covering.filter { $0.scopeDirectory.count == nearest }
        guard var merged = relevant.first else { return nil }
        for other in relevant.dropFirst() {
            merged = merged.merged(with: other)
        }
        return ImageKey.isProjectionPlate(plate) ? merged.forProjections() : merged
    }

    /// The plan as it applies to a run's projection plate: one plane per field, channel and time point
    /// where the run has a stack, so expected planes collapse to z 0 and the z step does not apply. The
    /// plan's own image keys name the stack's files and are dropped.
    func forProjections() -> PlatePlan {
        var projected = self
        projected.zStepMicrons = nil
        projected.imageKeys = [:]
        projected.expected = expected.map { keys in
            Set(keys.map { key in
                var flat = key
                flat.z = 0
                return flat
            })
        }
        projected.expectedMissing = expectedMissing.map { record in
            var flat = record
            flat.z = nil
            return flat
        }
        return projected
    }
}
