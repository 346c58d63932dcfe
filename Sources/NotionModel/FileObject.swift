/// Where a file lives: `{"type":"file","file":{"url","expiry_time"}}` (Notion-hosted, the URL
/// expires after an hour), `{"type":"external","external":{"url"}}`, or
/// `{"type":"file_upload","file_upload":{"id"}}` (an uploaded file, request form).
///
/// Containers that add fields next to `type` (media blocks: `caption`, `name`; `files` property
/// items: `name`) embed a `FileObject` and encode it into the same JSON object.
public enum FileObject: Hashable, Sendable {
    case file(url: String, expiryTime: String?)
    case external(url: String)
    case fileUpload(id: NotionID)
    case unknown(type: String, JSONValue)

    public var type: String {
        switch self {
        case .file: "file"
        case .external: "external"
        case .fileUpload: "file_upload"
        case .unknown(let type, _): type
        }
    }

    /// The URL for `file` and `external`.
    public var url: String? {
        switch self {
        case .file(let url, _), .external(let url): url
        case .fileUpload, .unknown: nil
        }
    }
}

extension FileObject: Codable {
    struct Hosted: Codable, Hashable {
        var url: String
        var expiryTime: String?
        enum CodingKeys: String, CodingKey {
            case url
            case expiryTime = "expiry_time"
        }
    }

    struct External: Codable, Hashable {
        var url: String
        enum CodingKeys: String, CodingKey { case url }
    }

    struct Upload: Codable, Hashable {
        var id: NotionID
        enum CodingKeys: String, CodingKey { case id }
    }

    public init(from decoder: any Decoder) throws {
        self = try decodeTagged(decoder) { type, container in
            switch type {
            case "file":
                let hosted = try container.decode(Hosted.self, forKey: "file")
                return .file(url: hosted.url, expiryTime: hosted.expiryTime)
            case "external": return .external(url: try container.decode(External.self, forKey: "external").url)
            case "file_upload": return .fileUpload(id: try container.decode(Upload.self, forKey: "file_upload").id)
            default: return .unknown(type: type, try container.json(type))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(type, forKey: "type")
        let key = AnyCodingKey(type)
        switch self {
        case .file(let url, let expiryTime): try container.encode(Hosted(url: url, expiryTime: expiryTime), forKey: key)
        case .external(let url): try container.encode(External(url: url), forKey: key)
        case .fileUpload(let id): try container.encode(Upload(id: id), forKey: key)
        case .unknown(let type, let payload): try container.encodeJSON(payload, forKey: type)
        }
    }
}

/// A file with a display name: an item of a `files` property value (`{"name","type",…}`).
public struct NamedFile: Hashable, Sendable, Codable {
    public var name: String?
    public var file: FileObject

    public init(name: String?, file: FileObject) {
        self.name = name
        self.file = file
    }

    enum CodingKeys: String, CodingKey { case name }

    public init(from decoder: any Decoder) throws {
        file = try FileObject(from: decoder)
        name = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .name)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try file.encode(to: encoder)
    }
}
