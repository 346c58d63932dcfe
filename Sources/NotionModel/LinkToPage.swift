/// Payload of `link_to_page`: what the link points at.
public enum LinkToPage: Hashable, Sendable {
    case page(PageID)
    case database(DatabaseID)
    case comment(NotionID)
    case unknown(type: String, JSONValue)

    public var type: String {
        switch self {
        case .page: "page_id"
        case .database: "database_id"
        case .comment: "comment_id"
        case .unknown(let type, _): type
        }
    }
}

extension LinkToPage: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeTagged(decoder) { type, container in
            switch type {
            case "page_id": .page(try container.decode(PageID.self, forKey: "page_id"))
            case "database_id": .database(try container.decode(DatabaseID.self, forKey: "database_id"))
            case "comment_id": .comment(try container.decode(NotionID.self, forKey: "comment_id"))
            default: .unknown(type: type, try container.json(type))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(type, forKey: "type")
        switch self {
        case .page(let id): try container.encode(id, forKey: "page_id")
        case .database(let id): try container.encode(id, forKey: "database_id")
        case .comment(let id): try container.encode(id, forKey: "comment_id")
        case .unknown(let type, let payload): try container.encodeJSON(payload, forKey: type)
        }
    }
}
