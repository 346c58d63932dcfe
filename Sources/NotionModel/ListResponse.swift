/// A paginated list: `{"object":"list","results":[…],"next_cursor","has_more","type":"<t>","<t>":{…},"request_id"}`.
/// Use `ListResponse<NotionObject>` when the results are of mixed kinds (search, data source query).
public struct ListResponse<Item: Hashable & Sendable & Codable>: Hashable, Sendable {
    public var object: String
    public var results: [Item]
    /// Opaque; nil when `hasMore` is false.
    public var nextCursor: String?
    public var hasMore: Bool
    /// `block`, `page_or_data_source`, `user`, `property_item`, … (absent in some lists).
    public var type: String?
    /// The object under the key named after `type` (`{}` for most lists; property item lists carry
    /// `{"id","next_url","type","<type>":{}}`), verbatim.
    public var typeObject: JSONValue?
    public var requestID: String?
    public var requestStatus: RequestStatus?

    public init(
        results: [Item], nextCursor: String? = nil, hasMore: Bool = false, type: String? = nil,
        typeObject: JSONValue? = [:], requestID: String? = nil, requestStatus: RequestStatus? = nil
    ) {
        self.object = "list"
        self.results = results
        self.nextCursor = nextCursor
        self.hasMore = hasMore
        self.type = type
        self.typeObject = typeObject
        self.requestID = requestID
        self.requestStatus = requestStatus
    }

    /// `{"type":"complete"|"incomplete"[,"incomplete_reason"]}` on search/query/comments/file-upload lists.
    public struct RequestStatus: Hashable, Sendable, Codable {
        public var type: String
        public var incompleteReason: String?
        public init(type: String, incompleteReason: String? = nil) {
            self.type = type
            self.incompleteReason = incompleteReason
        }
        enum CodingKeys: String, CodingKey {
            case type
            case incompleteReason = "incomplete_reason"
        }
    }
}

extension ListResponse: Codable {
    enum CodingKeys: String, CodingKey {
        case object, results
        case nextCursor = "next_cursor"
        case hasMore = "has_more"
        case type
        case requestID = "request_id"
        case requestStatus = "request_status"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        object = try c.decode(String.self, forKey: .object)
        results = try c.decode([Item].self, forKey: .results)
        nextCursor = try c.decodeIfPresent(String.self, forKey: .nextCursor)
        hasMore = try c.decode(Bool.self, forKey: .hasMore)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        if let type, CodingKeys(stringValue: type) == nil {
            let value = try decoder.container(keyedBy: AnyCodingKey.self).json(type)
            typeObject = value == .null ? JSONValue?.none : value
        }
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        requestStatus = try c.decodeIfPresent(RequestStatus.self, forKey: .requestStatus)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(object, forKey: .object)
        try c.encode(results, forKey: .results)
        try c.encodeIfPresent(nextCursor, forKey: .nextCursor)
        try c.encode(hasMore, forKey: .hasMore)
        try c.encodeIfPresent(type, forKey: .type)
        if let type, let typeObject, CodingKeys(stringValue: type) == nil {
            var other = encoder.container(keyedBy: AnyCodingKey.self)
            try other.encodeJSON(typeObject, forKey: type)
        }
        try c.encodeIfPresent(requestID, forKey: .requestID)
        try c.encodeIfPresent(requestStatus, forKey: .requestStatus)
    }
}
