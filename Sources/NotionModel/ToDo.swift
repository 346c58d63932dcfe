/// Payload of `to_do`.
public struct ToDo: Hashable, Sendable, Codable {
    public var richText: [RichText]
    public var checked: Bool
    public var color: Color?

    public init(richText: [RichText], checked: Bool, color: Color? = .default) {
        self.richText = richText
        self.checked = checked
        self.color = color
    }

    enum CodingKeys: String, CodingKey {
        case richText = "rich_text"
        case checked, color
    }
}
