import Layouts

extension ImageKey {
    /// The plate hand-made survey fixtures belong to.
    static let testPlate = "SurveyPlate"

    /// A key on `testPlate`; `well` is a vendor name such as "B03".
    static func onTestPlate(_ well: String, field: Int = 0, channel: Int = 0, z: Int? = 0, t: Int = 0,
                            acquisition: Int = 0) -> ImageKey {
        ImageKey(plate: testPlate, well: WellPosition(parsing: well)!, field: field, channel: channel, z: z, t: t,
                 acquisition: acquisition)
    }
}
