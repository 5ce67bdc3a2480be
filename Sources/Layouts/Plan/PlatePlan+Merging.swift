extension PlatePlan {
    /// One plan from two that describe the same plate, e.g. a Yokogawa mlf and its mrf.
    ///
    /// `self` wins where both know a value. Channels are the exception: the plan that lists expected
    /// images decides which channels exist (an mrf describes every camera channel, used or not) and the
    /// other only fills in wavelengths, colours, and real names where the deciding plan has only tokens. Expected planes, missing planes and image keys are united;
    /// acquisitions are matched by id; the acquisition is complete when either plan says so.
    public func merged(with other: PlatePlan) -> PlatePlan {
        var result = self
        result.plateName = plateName ?? other.plateName
        result.format = format ?? other.format
        result.pixelSizeMicrons = pixelSizeMicrons ?? other.pixelSizeMicrons
        result.zStepMicrons = zStepMicrons ?? other.zStepMicrons
        result.channels = Self.mergedChannels(self, other)
        switch (expected, other.expected) {
        case let (mine?, theirs?): result.expected = mine.union(theirs)
        case let (mine, theirs): result.expected = mine ?? theirs
        }
        result.expectedMissing = expectedMissing + other.expectedMissing.filter { !expectedMissing.contains($0) }
        result.acquisitions = Self.mergedAcquisitions(acquisitions, other.acquisitions)
        result.imageKeys = imageKeys.merging(other.imageKeys) { mine, _ in mine }
        result.stagePositions = stagePositions.merging(other.stagePositions) { mine, _ in mine }
        result.acquisitionComplete = acquisitionComplete || other.acquisitionComplete
        return result
    }

    private static func mergedChannels(_ first: PlatePlan, _ second: PlatePlan) -> [ChannelInfo] {
        let firstDecides = first.expected != nil || second.expected == nil
        let (deciding, filling) = firstDecides ? (first, second) : (second, first)
        guard !deciding.channels.isEmpty else { return filling.channels }
        let fillers = Dictionary(filling.channels.map { ($0.index, $0) }, uniquingKeysWith: { kept, _ in kept })
        return deciding.channels.map { channel in
            var channel = channel
            guard let filler = fillers[channel.index] else { return channel }
            channel.excitationNanometres = channel.excitationNanometres ?? filler.excitationNanometres
            channel.emissionNanometres = channel.emissionNanometres ?? filler.emissionNanometres
            channel.colorRGB = channel.colorRGB ?? filler.colorRGB
            channel.projectionMethod = channel.projectionMethod ?? filler.projectionMethod
            if channel.isNamedByToken, !filler.isNamedByToken {
                channel.name = filler.name
                channel.isNamedByToken = false
            }
            return channel
        }
    }

    private static func mergedAcquisitions(_ mine: [AcquisitionInfo], _ theirs: [AcquisitionInfo]) -> [AcquisitionInfo] {
        var byID = Dictionary(theirs.map { ($0.id, $0) }, uniquingKeysWith: { kept, _ in kept })
        for acquisition in mine {
            let other = byID[acquisition.id]
            byID[acquisition.id] = AcquisitionInfo(
                id: acquisition.id,
                name: acquisition.name ?? other?.name,
                start: acquisition.start ?? other?.start,
                end: acquisition.end ?? other?.end)
        }
        return byID.values.sorted { $0.id < $1.id }
    }
}
