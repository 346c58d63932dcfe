/// Payload of `table_of_contents`.
public struct TableOfContents: Hashable, Sendable, Codable {
    public var color: Color?

    public init(color: Color? = .default) { self.color = color }

    enum CodingKeys: String, CodingKey { case color }
}
