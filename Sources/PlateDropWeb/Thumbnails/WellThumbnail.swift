import Zarr

/// A written well drawn small: the lowest pyramid level of its first field image, at the first timepoint,
/// the maximum over z (a stack shows everything in focus somewhere, not only its middle plane), each
/// channel mapped through its omero window onto its colour and the channels added (NGFF 0.4/0.5 `omero`
/// block: `color` RRGGBB, `window.start`/`end`), as viewers composite them.
public enum WellThumbnail {
    /// Reads the well at `wellPath` ("B/3") of the plate store at `storePath`.
    public static func render(storePath: String, wellPath: String) throws(ThumbnailError) -> PNGImage {
        let store = FileStore(root: storePath)
        let well = try attributes(store, wellPath)
        guard let field = well["well"]?["images"]?[0]?["path"]?.stringValue else {
            throw .unreadable("well \(wellPath) lists no field image")
        }
        let imagePath = wellPath + "/" + field
        let image = try attributes(store, imagePath)
        guard let multiscale = image["multiscales"]?[0], let axes = multiscale["axes"]?.arrayValue,
              let lowest = multiscale["datasets"]?.arrayValue?.last?["path"]?.stringValue else {
            throw .unreadable("field image \(imagePath) has no multiscales datasets")
        }
        let names = axes.map { $0["name"]?.stringValue ?? "" }
        let array: ZarrArrayReader
        let region: [UInt8]
        do {
            array = try ZarrArrayReader.open(store: store, path: imagePath + "/" + lowest)
            // The first timepoint, everything else whole.
            var shape = array.metadata.shape
            if let t = names.firstIndex(of: "t") { shape[t] = 1 }
            region = try array.readRegion(origin: Array(repeating: 0, count: shape.count), shape: shape)
        } catch {
            throw .zarr(error)
        }
        let shape = array.metadata.shape
        guard names.count == shape.count, let yAxis = names.firstIndex(of: "y"), let xAxis = names.firstIndex(of: "x") else {
            throw .unreadable("field image \(imagePath) has axes \(names), not ending in y, x")
        }
        let (height, width) = (shape[yAxis], shape[xAxis])
        let channelCount = names.firstIndex(of: "c").map { shape[$0] } ?? 1
        let planes = region.count / array.metadata.dataType.byteSize / (height * width) / channelCount
        let values = SampleValues.decode(region, as: array.metadata.dataType)
        let channels = image["omero"]?["channels"]?.arrayValue ?? []
        var sums = [Double](repeating: 0, count: width * height * 3)
        for channel in 0..<channelCount {
            let look = ChannelLook(channels.indices.contains(channel) ? channels[channel] : nil, dataType: array.metadata.dataType)
            guard look.active else { continue }
            // c precedes z in both axis orders (c, z, y, x and t, c, z, y, x): a channel's planes are contiguous.
            let first = channel * planes * height * width
            for pixel in 0..<(height * width) {
                var brightest = values[first + pixel]
                for plane in 1..<max(planes, 1) {
                    brightest = max(brightest, values[first + plane * height * width + pixel])
                }
                let level = look.level(brightest)
                sums[pixel * 3] += level * look.red
                sums[pixel * 3 + 1] += level * look.green
                sums[pixel * 3 + 2] += level * look.blue
            }
        }
        let rgb = sums.map { UInt8(min(255, max(0, ($0 * 255).rounded()))) }
        return PNGImage(width: width, height: height, rgb: rgb)
    }

    /// A group's attributes with the NGFF 0.5 `ome` wrapper taken off (0.4 keeps them at the top).
    private static func attributes(_ store: FileStore, _ path: String) throws(ThumbnailError) -> JSONValue {
        guard let format = ZarrGroup.detectFormat(store: store, path: path) else {
            throw .unreadable("no Zarr group at \(store.location(of: path))")
        }
        let attributes: JSONValue?
        do {
            attributes = try ZarrGroup.readAttributes(store: store, path: path, format: format)
        } catch {
            throw .zarr(error)
        }
        guard let attributes else { throw .unreadable("\(store.location(of: path)) has no attributes") }
        return attributes["ome"] ?? attributes
    }
}
