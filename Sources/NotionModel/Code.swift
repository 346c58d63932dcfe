/// Payload of `code`.
public struct Code: Hashable, Sendable, Codable {
    public var caption: [RichText]?
    public var richText: [RichText]
    /// One of Notion's language names, exactly as sent (`"plain text"`, `"c++"`, `"java/c/c++/c#"`).
    public var language: String

    public init(richText: [RichText], language: String, caption: [RichText]? = []) {
        self.caption = caption
        self.richText = richText
        self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case caption
        case richText = "rich_text"
        case language
    }
}
