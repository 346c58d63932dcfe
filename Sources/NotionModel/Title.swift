/// Payload of `child_page` and `child_database`: the title as a plain string.
public struct Title: Hashable, Sendable, Codable {
    public var title: String

    public init(_ title: String) { self.title = title }

    enum CodingKeys: String, CodingKey { case title }
}
