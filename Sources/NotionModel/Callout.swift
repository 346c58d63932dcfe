/// Payload of `callout`.
public struct Callout: Hashable, Sendable, Codable {
    public var richText: [RichText]
    public var icon: Icon?
    public var color: Color?

    public init(richText: [RichText], icon: Icon? = nil, color: Color? = .default) {
        self.richText = richText
        self.icon = icon
        self.color = color
    }

    enum CodingKeys: String, CodingKey {
        case richText = "rich_text"
        case icon, color
    }
}
