/// A result of `GET /v1/pages/{id}/properties/{property_id}`.
///
/// Non-paginated property types come back as one `property_item` whose payload is the whole value
/// (as in a page object). Paginated types (`title`, `rich_text`, `relation`, `people`) come back as
/// a list of property items, each holding **one** element (`"title": {rich text}`).
public struct PropertyItem: Hashable, Sendable {
    public var object: String
    public var id: String
    public var content: Content
    public var requestID: String?

    public init(id: String, content: Content, requestID: String? = nil) {
        self.object = "property_item"
        self.id = id
        self.content = content
        self.requestID = requestID
    }

    public var type: String { content.type }

    public enum Content: Hashable, Sendable {
        /// A whole value (non-paginated types, e.g. `number`, `select`, `rollup`).
        case value(PropertyValue.Value)
        /// One element of a paginated `title` list.
        case titleElement(RichText)
        /// One element of a paginated `rich_text` list.
        case richTextElement(RichText)
        /// One element of a paginated `relation` list.
        case relationElement(PropertyValue.PageReference)
        /// One element of a paginated `people` list.
        case peopleElement(UserOrGroup)

        public var type: String {
            switch self {
            case .value(let value): value.type
            case .titleElement: "title"
            case .richTextElement: "rich_text"
            case .relationElement: "relation"
            case .peopleElement: "people"
            }
        }
    }
}

extension PropertyItem: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        object = try container.decode(String.self, forKey: "object")
        id = try container.decode(String.self, forKey: "id")
        requestID = try container.decodeIfPresent(String.self, forKey: "request_id")
        let type = try container.decode(String.self, forKey: "type")
        let key = AnyCodingKey(type)
        // A paginated element is a single object where the page property holds an array.
        let isElement = if case .object = try container.json(type) { true } else { false }
        switch type {
        case "title" where isElement: content = .titleElement(try container.decode(RichText.self, forKey: key))
        case "rich_text" where isElement: content = .richTextElement(try container.decode(RichText.self, forKey: key))
        case "relation" where isElement: content = .relationElement(try container.decode(PropertyValue.PageReference.self, forKey: key))
        case "people" where isElement: content = .peopleElement(try container.decode(UserOrGroup.self, forKey: key))
        default: content = .value(try PropertyValue.Value(type: type, from: container))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(object, forKey: "object")
        try container.encode(id, forKey: "id")
        switch content {
        case .value(let value): try value.encode(into: &container)
        case .titleElement(let richText), .richTextElement(let richText):
            try container.encode(type, forKey: "type")
            try container.encode(richText, forKey: AnyCodingKey(type))
        case .relationElement(let reference):
            try container.encode(type, forKey: "type")
            try container.encode(reference, forKey: "relation")
        case .peopleElement(let person):
            try container.encode(type, forKey: "type")
            try container.encode(person, forKey: "people")
        }
        try container.encodeIfPresent(requestID, forKey: "request_id")
    }
}

/// The whole answer of `GET /v1/pages/{id}/properties/{property_id}`: one item, or a list of
/// items (`"type":"property_item","property_item":{"id","next_url","type","<type>":{}}`).
public enum PropertyItemResponse: Hashable, Sendable, Codable {
    case item(PropertyItem)
    case list(ListResponse<PropertyItem>)

    private enum CodingKeys: String, CodingKey { case object }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .object)
        self = object == "list" ? .list(try ListResponse(from: decoder)) : .item(try PropertyItem(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .item(let item): try item.encode(to: encoder)
        case .list(let list): try list.encode(to: encoder)
        }
    }
}
