import Foundation
import Layouts

extension PlateGeometry {
    /// The plate's plan completed from what its images' own headers say (MetaSeries XML): the vendor plan
    /// wins where it knows a value, the headers fill pixel size, z step, channel names and wavelengths,
    /// how the channels of a projection plate were projected, and when each acquisition started and ended.
    /// Every header is read for the times, once per file version (`ImageDescriptions`).
    static func completedPlan(_ plan: PlatePlan?, plate: String, planesByWell: [WellPosition: [PlaneSource]],
                              fields: [FieldSlot], channels: [Int], layout: (any InstrumentLayout)?) -> PlatePlan? {
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
                                    zStepMicrons: zStep(planesByWell, layout: layout),
                                    acquisitions: acquisitionTimes(planes, fields: fields, layout: layout))
        var completed = plan?.merged(with: fromHeaders) ?? fromHeaders
        completed.channels = distinctNames(completed.channels.map { channel in
            var described = channel
            described.projectionMethod = described.projectionMethod ?? methods[channel.index]
            return described
        })
        return completed
    }

    /// Per acquisition, the earliest and latest time its planes' headers give.
    private static func acquisitionTimes(_ planes: [PlaneSource], fields: [FieldSlot],
                                         layout: any InstrumentLayout) -> [AcquisitionInfo] {
        var spans: [Int: ClosedRange<Double>] = [:]
        for plane in planes {
            guard let time = layout.planeMetadata(ofImageAt: plane.absolutePath, fingerprint: plane.fingerprint)?.acquisitionTime
            else { continue }
            let acquisition = fields[plane.field].acquisition
            let span = spans[acquisition]
            spans[acquisition] = min(span?.lowerBound ?? time, time)...max(span?.upperBound ?? time, time)
        }
        return spans.keys.sorted().map { id in
            AcquisitionInfo(id: id, start: spans[id]!.lowerBound, end: spans[id]!.upperBound)
        }
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
