/// Payload of the file-carrying blocks `image`, `video`, `audio`, `pdf` and `file`:
/// `{"caption":[…],"type":"external","external":{"url"}[,"name"]}`.
public struct Media: Hashable, Sendable, Codable {
    public var caption: [RichText]?
    public var file: FileObject
    /// `file` blocks only.
    public var name: String?

    public init(file: FileObject, caption: [RichText]? = [], name: String? = nil) {
        self.caption = caption
        self.file = file
        self.name = name
    }

    enum CodingKeys: String, CodingKey { case caption, name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        caption = try container.decodeIfPresent([RichText].self, forKey: .caption)
        file = try FileObject(from: decoder)
        name = try container.decodeIfPresent(String.self, forKey: .name)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(caption, forKey: .caption)
        try file.encode(to: encoder)
        try container.encodeIfPresent(name, forKey: .name)
    }
}
