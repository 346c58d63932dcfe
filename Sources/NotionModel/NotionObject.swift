/// Any object a Notion response can hold, chosen by its `object` field. Lists decode each result
/// the same way. Objects the model does not type (`page_markdown`, `async_task`, `view`,
/// `view_query`, the templates body) are `.other` with their JSON.
public enum NotionObject: Hashable, Sendable {
    case page(Page)
    case database(Database)
    case dataSource(DataSource)
    case block(Block)
    case user(User)
    case group(Group)
    case comment(Comment)
    case fileUpload(FileUpload)
    case propertyItem(PropertyItem)
    indirect case list(ListResponse<NotionObject>)
    case error(NotionErrorBody)
    case other(JSONValue)

    /// The `object` field.
    public var object: String? {
        switch self {
        case .page: "page"
        case .database: "database"
        case .dataSource: "data_source"
        case .block: "block"
        case .user: "user"
        case .group: "group"
        case .comment: "comment"
        case .fileUpload: "file_upload"
        case .propertyItem: "property_item"
        case .list: "list"
        case .error: "error"
        case .other(let json): json["object"]?.stringValue
        }
    }
}

extension NotionObject: Codable {
    private enum CodingKeys: String, CodingKey { case object }

    public init(from decoder: any Decoder) throws {
        let object = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .object)
        switch object {
        case "page": self = .page(try Page(from: decoder))
        case "database": self = .database(try Database(from: decoder))
        case "data_source": self = .dataSource(try DataSource(from: decoder))
        case "block": self = .block(try Block(from: decoder))
        case "user": self = .user(try User(from: decoder))
        case "group": self = .group(try Group(from: decoder))
        case "comment": self = .comment(try Comment(from: decoder))
        case "file_upload": self = .fileUpload(try FileUpload(from: decoder))
        case "property_item": self = .propertyItem(try PropertyItem(from: decoder))
        case "list": self = .list(try ListResponse(from: decoder))
        case "error": self = .error(try NotionErrorBody(from: decoder))
        default: self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .page(let v): try v.encode(to: encoder)
        case .database(let v): try v.encode(to: encoder)
        case .dataSource(let v): try v.encode(to: encoder)
        case .block(let v): try v.encode(to: encoder)
        case .user(let v): try v.encode(to: encoder)
        case .group(let v): try v.encode(to: encoder)
        case .comment(let v): try v.encode(to: encoder)
        case .fileUpload(let v): try v.encode(to: encoder)
        case .propertyItem(let v): try v.encode(to: encoder)
        case .list(let v): try v.encode(to: encoder)
        case .error(let v): try v.encode(to: encoder)
        case .other(let v): try v.encode(to: encoder)
        }
    }
}
