/// A comment. `raw` is the JSON it was decoded from: not encoded, ignored by equality.
public struct Comment: Hashable, Sendable, Identifiable {
    public var object: String
    public var id: NotionID
    /// `page_id` or `block_id`.
    public var parent: Parent
    public var discussionID: NotionID
    public var createdTime: String
    public var lastEditedTime: String
    public var createdBy: User
    public var richText: [RichText]
    public var displayName: DisplayName?
    public var attachments: [Attachment]?
    public var requestID: String?
    @NotCompared public var raw: JSONValue = .null

    public init(
        id: NotionID, parent: Parent, discussionID: NotionID, createdTime: String, lastEditedTime: String,
        createdBy: User, richText: [RichText], displayName: DisplayName? = nil, attachments: [Attachment]? = nil,
        requestID: String? = nil
    ) {
        self.object = "comment"
        self.id = id
        self.parent = parent
        self.discussionID = discussionID
        self.createdTime = createdTime
        self.lastEditedTime = lastEditedTime
        self.createdBy = createdBy
        self.richText = richText
        self.displayName = displayName
        self.attachments = attachments
        self.requestID = requestID
    }

    /// How the author is shown: `{"type":"integration"|"user"|"custom","resolved_name"}`.
    public struct DisplayName: Hashable, Sendable, Codable {
        public var type: String
        public var resolvedName: String?
        public init(type: String, resolvedName: String?) {
            self.type = type
            self.resolvedName = resolvedName
        }
        enum CodingKeys: String, CodingKey {
            case type
            case resolvedName = "resolved_name"
        }
    }

    /// `{"category":"image"|"pdf"|…,"file":{"url","expiry_time"}}`.
    public struct Attachment: Hashable, Sendable, Codable {
        public var category: String?
        public var file: HostedFile
        public init(category: String?, file: HostedFile) {
            self.category = category
            self.file = file
        }
        enum CodingKeys: String, CodingKey { case category, file }
    }

    /// A Notion-hosted file URL with its expiry.
    public struct HostedFile: Hashable, Sendable, Codable {
        public var url: String
        public var expiryTime: String?
        public init(url: String, expiryTime: String?) {
            self.url = url
            self.expiryTime = expiryTime
        }
        enum CodingKeys: String, CodingKey {
            case url
            case expiryTime = "expiry_time"
        }
    }
}

extension Comment: Codable {
    enum CodingKeys: String, CodingKey {
        case object, id, parent
        case discussionID = "discussion_id"
        case createdTime = "created_time"
        case lastEditedTime = "last_edited_time"
        case createdBy = "created_by"
        case richText = "rich_text"
        case displayName = "display_name"
        case attachments
        case requestID = "request_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        object = try c.decode(String.self, forKey: .object)
        id = try c.decode(NotionID.self, forKey: .id)
        parent = try c.decode(Parent.self, forKey: .parent)
        discussionID = try c.decode(NotionID.self, forKey: .discussionID)
        createdTime = try c.decode(String.self, forKey: .createdTime)
        lastEditedTime = try c.decode(String.self, forKey: .lastEditedTime)
        createdBy = try c.decode(User.self, forKey: .createdBy)
        richText = try c.decode([RichText].self, forKey: .richText)
        displayName = try c.decodeIfPresent(DisplayName.self, forKey: .displayName)
        attachments = try c.decodeIfPresent([Attachment].self, forKey: .attachments)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        raw = try JSONValue(from: decoder)
    }
}
