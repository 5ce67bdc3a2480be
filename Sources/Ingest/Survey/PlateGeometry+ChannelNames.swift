import Layouts

extension PlateGeometry {
    /// The plan with the channel names that file names give (scanR), for channels the plan does not name
    /// or names only by token; read from the first file of each channel, by path.
    static func namingChannels(_ plan: PlatePlan?, planesByWell: [WellPosition: [PlaneSource]], channels: [Int],
                               layout: (any InstrumentLayout)?) -> PlatePlan? {
        guard let layout else { return plan }
        let planes = planesByWell.values.joined()
        var named: [ChannelInfo] = []
        for (position, instrumentChannel) in channels.enumerated() {
            if let known = plan?.channels.first(where: { $0.index == instrumentChannel }), !known.isNamedByToken { continue }
            guard let first = planes.filter({ $0.channel == position }).min(by: { $0.relativePath < $1.relativePath }),
                  let name = layout.channelName(ofImageAt: first.relativePath) else { continue }
            named.append(ChannelInfo(index: instrumentChannel, name: name))
        }
        guard !named.isEmpty else { return plan }
        let fromNames = PlatePlan(source: "file names", scopeDirectory: "", channels: named)
        return plan?.merged(with: fromNames) ?? fromNames
    }
}
