/// A workspace custom emoji (icon and mention payload): `{id, name, url}`.
public struct CustomEmoji: Hashable, Sendable, Codable {
    public var id: NotionID
    public var name: String?
    public var url: String?

    public init(id: NotionID, name: String? = nil, url: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
    }

    enum CodingKeys: String, CodingKey { case id, name, url }
}
