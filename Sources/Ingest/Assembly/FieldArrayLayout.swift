import Layouts
import NGFF
import TIFF
import Zarr

/// The arrays and OME metadata every field of a plate shares: axes, level shapes, chunking, scales.
struct FieldArrayLayout: Sendable {
    let geometry: PlateGeometry
    let pyramid: PyramidPlan
    let axes: [Axis]
    /// Channels written together: the channel extent of a shard, 1 when unsharded.
    let channelsPerShard: Int
    /// Channels imaged as one plane beside z-stacks, by position, with the z position of that plane:
    /// the array pads their other planes with zeros, so their label says so.
    let singlePlaneChannels: [Int: Int]
    private let options: IngestOptions

    /// Level-0 pixels of the channels one shard holds at most. Every channel of a typical HCS plane
    /// fits (five 2048² uint16 channels are 40 MiB), so a plane position is one file per level rather
    /// than one per channel; the cap bounds each shard buffer set on unusually large frames.
    static let shardChannelBudget = 48 << 20

    init(geometry: PlateGeometry, options: IngestOptions) {
        self.geometry = geometry
        pyramid = PyramidPlan(height: geometry.height, width: geometry.width,
                              smallestLargerSide: options.pyramidSmallestSide,
                              maximumLevels: options.pyramidMaximumLevels)
        singlePlaneChannels = Self.singlePlaneChannels(geometry)
        let plan = geometry.plan
        let spaceUnit = plan?.pixelSizeMicrons == nil ? nil : "micrometer"
        var axes: [Axis] = []
        if geometry.hasTimeAxis { axes.append(Axis(name: "t", kind: .time)) }
        axes += [
            Axis(name: "c", kind: .channel),
            Axis(name: "z", kind: .space, unit: plan?.zStepMicrons == nil ? spaceUnit : "micrometer"),
            Axis(name: "y", kind: .space, unit: spaceUnit),
            Axis(name: "x", kind: .space, unit: spaceUnit),
        ]
        self.axes = axes
        let sharded = options.effectiveSharding == .plane
        let planeBytes = geometry.height * geometry.width * geometry.sampleType.byteCount
        channelsPerShard = sharded ? max(1, min(geometry.channels.count, Self.shardChannelBudget / max(1, planeBytes))) : 1
        self.options = options
    }

    /// The level arrays of a field holding every timepoint of the plate.
    var levels: [ArrayMetadata] { levels(timeExtent: geometry.timepoints.count) }

    /// The level arrays of a field holding the first `timeExtent` timepoints: a time-lapse well grows
    /// along t one timepoint at a time, and only its arrays' shapes change.
    func levels(timeExtent: Int) -> [ArrayMetadata] {
        let leading = geometry.fieldShape(timeExtent: timeExtent).dropLast(2)
        let dataType = ZarrDataType(sampleType: geometry.sampleType)
        let sharded = options.effectiveSharding == .plane
        return pyramid.levels.map { level in
            let chunk = [min(options.chunkSize, level.height), min(options.chunkSize, level.width)]
            let singles = Array(repeating: 1, count: leading.count)
            // Leading shard extents: one timepoint and z-plane, a block of channels. One timepoint per shard
            // is what lets a timepoint be appended without opening a file of an earlier one.
            let shardLeading = (geometry.hasTimeAxis ? [1] : []) + [channelsPerShard, 1]
            // An inner chunk must divide the shard evenly (sharding spec), so the shard covers whole chunks.
            let shard = [Self.roundUp(level.height, to: chunk[0]), Self.roundUp(level.width, to: chunk[1])]
            return ArrayMetadata(
                format: options.ngffVersion.zarrFormat,
                shape: Array(leading) + [level.height, level.width],
                dataType: dataType,
                chunkShape: sharded ? shardLeading + shard : singles + chunk,
                innerChunkShape: sharded ? singles + chunk : nil,
                compressor: options.compressor,
                fillValue: 0,
                dimensionNames: options.ngffVersion == .v05 ? axes.map(\.name) : nil)
        }
    }

    /// The array origin of a block of channels at any level: leading indices, then y = x = 0.
    func origin(timepoint: Int, firstChannel: Int, zPlane: Int) -> [Int] {
        (geometry.hasTimeAxis ? [timepoint] : []) + [firstChannel, zPlane, 0, 0]
    }

    /// The region shape of `channels` consecutive channels of one plane position at `level`.
    func regionShape(level: Int, channels: Int) -> [Int] {
        (geometry.hasTimeAxis ? [1] : []) + [channels, 1, pyramid.levels[level].height, pyramid.levels[level].width]
    }

    /// Multiscale and omero metadata of one field; `channelWindows` are the display windows of its well.
    func imageMetadata(name: String, channelWindows: [ValueRange?]) -> ImageMetadata {
        let plan = geometry.plan
        let pixel = plan?.pixelSizeMicrons ?? 1
        let zStep = plan?.zStepMicrons ?? 1
        let datasets = pyramid.levels.indices.map { level in
            let factor = PyramidPlan.factor(level)
            let leading = (geometry.hasTimeAxis ? [1.0] : []) + [1.0, zStep]
            // A 2×2 mean moves each output pixel's centre half an input pixel per halving.
            let shift = (factor - 1) / 2 * pixel
            return ImageMetadata.Dataset(
                path: PyramidPlan.levelPath(level),
                scale: leading + [pixel * factor, pixel * factor],
                translation: level == 0 ? nil : leading.map { _ in 0 } + [shift, shift])
        }
        let typeRange = ValueRange.typeRange(geometry.sampleType)
        let channels = geometry.channels.enumerated().map { position, instrumentChannel in
            let info = plan?.channels.first { $0.index == instrumentChannel }
            let data = channelWindows[position]
            let bounds = typeRange ?? data ?? ValueRange(min: 0, max: 1)
            let name = (info?.name ?? "Channel \(instrumentChannel + 1)")
                + (info?.projectionMethod.map { " (\($0) projection)" } ?? "")
            return OmeroChannel(
                label: singlePlaneChannels[position].map { "\(name) (single plane at z \($0))" } ?? name,
                color: info?.colorRGB ?? ChannelColor.hex(forPosition: position, of: geometry.channels.count,
                                                          emissionNanometres: info?.emissionNanometres),
                window: .init(min: bounds.min, max: bounds.max, start: data?.min ?? bounds.min, end: data?.max ?? bounds.max))
        }
        return ImageMetadata(
            name: name, axes: axes, datasets: datasets, downscalingType: "local_mean",
            downscalingDetails: ["method": "2x2 mean, rounding half up; odd edges average the pixels present",
                                 "software": "platedrop"],
            channels: channels)
    }

    /// The region tables of one field image: `FOV_ROI_table` with the field itself (and where the stage
    /// put it, when known) and `well_ROI_table` with the whole image, so ngio and Fractal's tasks can
    /// address the field as they address their own.
    func regionTables(field: Int, stagePosition: StagePosition?) -> [RegionTable] {
        let pixel = geometry.plan?.pixelSizeMicrons ?? 1
        let zStep = geometry.plan?.zStepMicrons ?? 1
        let extent = (x: Double(geometry.width) * pixel, y: Double(geometry.height) * pixel,
                      z: Double(geometry.zPlanes.count) * zStep)
        let fieldRegion = RegionTable.Region(name: "FOV_\(field + 1)", x: 0, y: 0, z: 0, lengthX: extent.x,
                                             lengthY: extent.y, lengthZ: extent.z,
                                             stageX: stagePosition?.x, stageY: stagePosition?.y)
        let wellRegion = RegionTable.Region(name: "well_1", x: 0, y: 0, z: 0, lengthX: extent.x, lengthY: extent.y,
                                            lengthZ: extent.z)
        return [RegionTable(name: "FOV_ROI_table", regions: [fieldRegion]),
                RegionTable(name: "well_ROI_table", regions: [wellRegion])]
    }

    private static func singlePlaneChannels(_ geometry: PlateGeometry) -> [Int: Int] {
        guard geometry.zPlanes.count > 1 else { return [:] }
        var zByChannel: [Int: Set<Int>] = [:]
        for planes in geometry.planesByWell.values {
            for plane in planes { zByChannel[plane.channel, default: []].insert(plane.zPlane) }
        }
        return zByChannel.compactMapValues { $0.count == 1 ? $0.first : nil }
    }

    private static func roundUp(_ value: Int, to multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }
}

extension ZarrDataType {
    /// The Zarr type that stores a TIFF sample type unchanged.
    init(sampleType: TIFFSampleType) {
        switch sampleType {
        case .uint8: self = .uint8
        case .uint16: self = .uint16
        case .uint32: self = .uint32
        case .int8: self = .int8
        case .int16: self = .int16
        case .int32: self = .int32
        case .float32: self = .float32
        }
    }
}
