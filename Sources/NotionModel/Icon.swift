/// A page, database, data source or callout icon.
public enum Icon: Hashable, Sendable {
    case emoji(String)
    case customEmoji(CustomEmoji)
    case file(url: String, expiryTime: String?)
    case external(url: String)
    case fileUpload(id: NotionID)
    /// A native Notion icon: `{"type":"icon","icon":{"name":"snake","color":"purple"}}`.
    case native(name: String, color: Color?)
    case unknown(type: String, JSONValue)

    public var type: String {
        switch self {
        case .emoji: "emoji"
        case .customEmoji: "custom_emoji"
        case .file: "file"
        case .external: "external"
        case .fileUpload: "file_upload"
        case .native: "icon"
        case .unknown(let type, _): type
        }
    }
}

extension Icon: Codable {
    private struct Native: Codable, Hashable {
        var name: String
        var color: Color?
        enum CodingKeys: String, CodingKey { case name, color }
    }

    public init(from decoder: any Decoder) throws {
        self = try decodeTagged(decoder) { type, container in
            switch type {
            case "emoji": return .emoji(try container.decode(String.self, forKey: "emoji"))
            case "custom_emoji": return .customEmoji(try container.decode(CustomEmoji.self, forKey: "custom_emoji"))
            case "file", "external", "file_upload":
                switch try FileObject(from: decoder) {
                case .file(let url, let expiryTime): return .file(url: url, expiryTime: expiryTime)
                case .external(let url): return .external(url: url)
                case .fileUpload(let id): return .fileUpload(id: id)
                case .unknown(let type, let payload): return .unknown(type: type, payload)
                }
            case "icon":
                let native = try container.decode(Native.self, forKey: "icon")
                return .native(name: native.name, color: native.color)
            default: return .unknown(type: type, try container.json(type))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        switch self {
        case .emoji(let emoji):
            try container.encode(type, forKey: "type")
            try container.encode(emoji, forKey: "emoji")
        case .customEmoji(let emoji):
            try container.encode(type, forKey: "type")
            try container.encode(emoji, forKey: "custom_emoji")
        case .file(let url, let expiryTime): try FileObject.file(url: url, expiryTime: expiryTime).encode(to: encoder)
        case .external(let url): try FileObject.external(url: url).encode(to: encoder)
        case .fileUpload(let id): try FileObject.fileUpload(id: id).encode(to: encoder)
        case .native(let name, let color):
            try container.encode(type, forKey: "type")
            try container.encode(Native(name: name, color: color), forKey: "icon")
        case .unknown(let type, let payload):
            try container.encode(type, forKey: "type")
            try container.encodeJSON(payload, forKey: type)
        }
    }
}
