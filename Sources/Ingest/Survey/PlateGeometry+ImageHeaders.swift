import Foundation
import Layouts

extension PlateGeometry {
    /// The plate's plan completed from what its images' own headers say (MetaSeries XML): the vendor plan
    /// wins where it knows a value, the headers fill pixel size, z step, channel names and wavelengths,
    /// and how the channels of a projection plate were projected. Reads one file
    /// per channel and the planes of one z-stack, never the whole plate.
    static func completedPlan(_ plan: PlatePlan?, plate: String, planesByWell: [WellPosition: [PlaneSource]],
                              channels: [Int], layout: (any InstrumentLayout)?) -> PlatePlan? {
        guard let layout, layout.describesPlanesInImageHeader else { return plan }
        let planes = planesByWell.keys.sorted().flatMap { well in
            planesByWell[well, default: []].sorted { ($0.field, $0.timepoint, $0.zPlane) < ($1.field, $1.timepoint, $1.zPlane) }
        }
        var methods: [Int: String] = [:]
        var headerChannels: [ChannelInfo] = []
        var pixelSize: Double?
        for (position, instrumentChannel) in channels.enumerated() {
            guard let first = planes.first(where: { $0.channel == position }),
                  let header = layout.planeMetadata(ofImageAt: first.absolutePath) else { continue }
            pixelSize = pixelSize ?? header.pixelSizeMicrons
            methods[instrumentChannel] = header.projectionMethod
            headerChannels.append(ChannelInfo(index: instrumentChannel, name: header.channelName ?? "w\(instrumentChannel + 1)",
                                              emissionNanometres: header.emissionNanometres,
                                              colorRGB: header.isTransmittedLight ? "FFFFFF" : nil))
        }
        guard !headerChannels.isEmpty else { return plan }
        let fromHeaders = PlatePlan(source: "image headers", scopeDirectory: "", channels: headerChannels,
                                    pixelSizeMicrons: pixelSize,
                                    zStepMicrons: zStep(planesByWell, layout: layout))
        var completed = plan?.merged(with: fromHeaders) ?? fromHeaders
        completed.channels = distinctNames(completed.channels.map { channel in
            var described = channel
            described.projectionMethod = described.projectionMethod ?? methods[channel.index]
            return described
        })
        return completed
    }

    /// The z step of the first stack with more than one plane: the median distance between the focus
    /// positions its headers give, in plane order.
    private static func zStep(_ planesByWell: [WellPosition: [PlaneSource]], layout: any InstrumentLayout) -> Double? {
        let stack = planesByWell.keys.sorted().lazy.compactMap { well -> [PlaneSource]? in
            let stacks = Dictionary(grouping: planesByWell[well, default: []]) { [$0.field, $0.timepoint, $0.channel] }
            return stacks.keys.sorted { $0.lexicographicallyPrecedes($1) }.lazy.compactMap { stacks[$0] }
                .first { Set($0.map(\.zPlane)).count > 1 }
        }.first
        guard let stack else { return nil }
        let positions = stack.sorted { $0.zPlane < $1.zPlane }.compactMap { layout.planeMetadata(ofImageAt: $0.absolutePath)?.zMicrons }
        guard positions.count == stack.count else { return nil }
        let steps = zip(positions, positions.dropFirst()).map { abs($1 - $0) }.sorted()
        let median = steps[steps.count / 2]
        return median > 0 ? (median * 1000).rounded() / 1000 : nil
    }

    /// Channel names made distinct, so a viewer can tell channels apart when the instrument reused a
    /// setting name: a repeated name gains its channel number.
    private static func distinctNames(_ channels: [ChannelInfo]) -> [ChannelInfo] {
        let counts = Dictionary(channels.map { ($0.name, 1) }, uniquingKeysWith: +)
        return channels.map { channel in
            var named = channel
            if counts[channel.name, default: 0] > 1 { named.name += " (w\(channel.index + 1))" }
            return named
        }
    }
}
