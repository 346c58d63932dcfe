/// Payload of the URL blocks `bookmark`, `embed` (`{caption, url}`) and `link_preview` (`{url}`).
public struct Embed: Hashable, Sendable, Codable {
    public var url: String
    /// Absent for `link_preview`.
    public var caption: [RichText]?

    public init(url: String, caption: [RichText]? = []) {
        self.url = url
        self.caption = caption
    }

    enum CodingKeys: String, CodingKey { case caption, url }
}
