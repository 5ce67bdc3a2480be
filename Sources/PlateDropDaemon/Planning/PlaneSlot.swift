/// One plane of a well as the instrument numbers it: the unit completeness is counted in.
struct PlaneSlot: Hashable {
    let acquisition: Int
    let field: Int
    let timepoint: Int
    let channel: Int
    let zPlane: Int
}
