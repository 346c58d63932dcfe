/// Payload of `heading_1` … `heading_4`.
public struct Heading: Hashable, Sendable, Codable {
    public var richText: [RichText]
    /// A toggleable heading's children are its toggle content.
    public var isToggleable: Bool?
    public var color: Color?

    public init(richText: [RichText], isToggleable: Bool? = false, color: Color? = .default) {
        self.richText = richText
        self.isToggleable = isToggleable
        self.color = color
    }

    enum CodingKeys: String, CodingKey {
        case richText = "rich_text"
        case isToggleable = "is_toggleable"
        case color
    }
}
