/// Payload of the plain text blocks: `paragraph`, `bulleted_list_item`, `numbered_list_item`,
/// `toggle`, `quote`, `template`.
public struct TextBlock: Hashable, Sendable, Codable {
    public var richText: [RichText]
    /// Absent in `template`.
    public var color: Color?
    /// `paragraph` only (a 2025+ field, usually null).
    public var icon: Icon?
    /// `numbered_list_item` only: the number the list starts at.
    public var listStartIndex: Int?
    /// `numbered_list_item` only: `numbers`, `letters` or `roman`.
    public var listFormat: String?

    public init(richText: [RichText], color: Color? = .default, icon: Icon? = nil, listStartIndex: Int? = nil, listFormat: String? = nil) {
        self.richText = richText
        self.color = color
        self.icon = icon
        self.listStartIndex = listStartIndex
        self.listFormat = listFormat
    }

    enum CodingKeys: String, CodingKey {
        case richText = "rich_text"
        case icon, color
        case listStartIndex = "list_start_index"
        case listFormat = "list_format"
    }
}
