/// A block object (response form).
///
/// `children` is not part of the API object: it stays empty until the fetch stage fills it, is
/// never encoded, and `hasChildren` says whether there is anything to fetch. `raw` is the JSON the
/// block was decoded from; it is not encoded either, and equality ignores it (`@NotCompared`).
public struct Block: Hashable, Sendable, Identifiable {
    public var object: String
    public var id: BlockID
    public var parent: Parent
    public var createdTime: String
    public var lastEditedTime: String
    public var createdBy: User
    public var lastEditedBy: User
    public var hasChildren: Bool
    /// Absent before 2024 API behaviour; `archived` is its older name.
    public var inTrash: Bool?
    /// Present up to 2025-09-03; equals `inTrash`.
    public var archived: Bool?
    public var content: BlockContent
    /// Present when the block is a response's top-level object.
    public var requestID: String?
    /// Filled by the fetch stage; never encoded.
    public var children: [Block] = []
    @NotCompared public var raw: JSONValue = .null

    /// The block's type, from its content.
    public var type: BlockType { content.type }

    public init(
        id: BlockID, parent: Parent, createdTime: String, lastEditedTime: String, createdBy: User, lastEditedBy: User,
        hasChildren: Bool = false, inTrash: Bool? = false, archived: Bool? = nil, content: BlockContent,
        requestID: String? = nil, children: [Block] = []
    ) {
        self.object = "block"
        self.id = id
        self.parent = parent
        self.createdTime = createdTime
        self.lastEditedTime = lastEditedTime
        self.createdBy = createdBy
        self.lastEditedBy = lastEditedBy
        self.hasChildren = hasChildren
        self.inTrash = inTrash
        self.archived = archived
        self.content = content
        self.requestID = requestID
        self.children = children
    }
}

extension Block: Codable {
    enum CodingKeys: String, CodingKey {
        case object, id, parent
        case createdTime = "created_time"
        case lastEditedTime = "last_edited_time"
        case createdBy = "created_by"
        case lastEditedBy = "last_edited_by"
        case hasChildren = "has_children"
        case inTrash = "in_trash"
        case type, archived
        case requestID = "request_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        object = try container.decode(String.self, forKey: .object)
        id = try container.decode(BlockID.self, forKey: .id)
        parent = try container.decode(Parent.self, forKey: .parent)
        createdTime = try container.decode(String.self, forKey: .createdTime)
        lastEditedTime = try container.decode(String.self, forKey: .lastEditedTime)
        createdBy = try container.decode(User.self, forKey: .createdBy)
        lastEditedBy = try container.decode(User.self, forKey: .lastEditedBy)
        hasChildren = try container.decode(Bool.self, forKey: .hasChildren)
        inTrash = try container.decodeIfPresent(Bool.self, forKey: .inTrash)
        archived = try container.decodeIfPresent(Bool.self, forKey: .archived)
        let type = try container.decode(BlockType.self, forKey: .type)
        content = try BlockContent(type: type, from: try decoder.container(keyedBy: AnyCodingKey.self))
        requestID = try container.decodeIfPresent(String.self, forKey: .requestID)
        raw = try JSONValue(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(id, forKey: .id)
        try container.encode(parent, forKey: .parent)
        try container.encode(createdTime, forKey: .createdTime)
        try container.encode(lastEditedTime, forKey: .lastEditedTime)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(lastEditedBy, forKey: .lastEditedBy)
        try container.encode(hasChildren, forKey: .hasChildren)
        try container.encodeIfPresent(inTrash, forKey: .inTrash)
        try container.encode(type, forKey: .type)
        var payload = encoder.container(keyedBy: AnyCodingKey.self)
        try content.encodePayload(into: &payload)
        try container.encodeIfPresent(archived, forKey: .archived)
        try container.encodeIfPresent(requestID, forKey: .requestID)
    }
}
