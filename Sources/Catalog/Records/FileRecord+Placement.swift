extension FileRecord {
    /// The image's plate, well, plane and header, as it arrives.
    mutating func place(_ placement: ImagePlacement) {
        plate = placement.plate
        well = placement.well
        field = placement.key.field
        channel = placement.key.channel
        z = placement.key.z
        t = placement.key.t
        acquisition = placement.key.acquisition
        width = placement.width
        height = placement.height
        sampleType = placement.sampleType
        pages = placement.pages
    }
}
