/// A field of view as the instrument numbered it, within its acquisition.
struct FieldSlot: Sendable, Hashable, Comparable {
    let acquisition: Int
    let field: Int

    static func < (lhs: FieldSlot, rhs: FieldSlot) -> Bool { (lhs.acquisition, lhs.field) < (rhs.acquisition, rhs.field) }
}
