/// Payload of `column` (inside a `column_list`).
public struct Column: Hashable, Sendable, Codable {
    /// The column's share of the row's width (0–1), when the user resized columns.
    public var widthRatio: Double?

    public init(widthRatio: Double? = nil) { self.widthRatio = widthRatio }

    enum CodingKeys: String, CodingKey {
        case widthRatio = "width_ratio"
    }
}
