/// The direct parent of a page, block, database, data source or comment.
public enum Parent: Hashable, Sendable {
    case page(PageID)
    /// ≤ 2022-06-28 page parent, a wiki database's parent, or a data source's parent database.
    case database(DatabaseID)
    /// 2025-09-03+: a page in a data source. Notion also names the data source's database.
    case dataSource(DataSourceID, databaseID: DatabaseID?)
    case block(BlockID)
    case workspace
    /// A parent type this build does not know (e.g. `agent_id`); the payload under its type key.
    case unknown(type: String, JSONValue)

    public var type: String {
        switch self {
        case .page: "page_id"
        case .database: "database_id"
        case .dataSource: "data_source_id"
        case .block: "block_id"
        case .workspace: "workspace"
        case .unknown(let type, _): type
        }
    }
}

extension Parent: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeTagged(decoder) { type, container in
            switch type {
            case "page_id": .page(try container.decode(PageID.self, forKey: "page_id"))
            case "database_id": .database(try container.decode(DatabaseID.self, forKey: "database_id"))
            case "data_source_id":
                .dataSource(
                    try container.decode(DataSourceID.self, forKey: "data_source_id"),
                    databaseID: try container.decodeIfPresent(DatabaseID.self, forKey: "database_id"))
            case "block_id": .block(try container.decode(BlockID.self, forKey: "block_id"))
            case "workspace": .workspace
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
        case .dataSource(let id, let databaseID):
            try container.encode(id, forKey: "data_source_id")
            try container.encodeIfPresent(databaseID, forKey: "database_id")
        case .block(let id): try container.encode(id, forKey: "block_id")
        case .workspace: try container.encode(true, forKey: "workspace")
        case .unknown(let type, let payload): try container.encodeJSON(payload, forKey: type)
        }
    }
}
