/// A page object (response form). `raw` is the JSON it was decoded from: not encoded, ignored by
/// equality.
public struct Page: Hashable, Sendable, Identifiable {
    public var object: String
    public var id: PageID
    public var createdTime: String
    public var lastEditedTime: String
    public var createdBy: User
    public var lastEditedBy: User
    public var cover: FileObject?
    public var icon: Icon?
    public var parent: Parent
    public var inTrash: Bool?
    /// 2025-09-03+.
    public var isArchived: Bool?
    /// 2025-09-03+.
    public var isLocked: Bool?
    /// Keyed by property name. A page whose parent is a page has exactly one, `"title"`.
    public var properties: [String: PropertyValue]
    public var url: String
    public var publicURL: String?
    /// Present up to 2025-09-03; equals `inTrash`.
    public var archived: Bool?
    public var requestID: String?
    @NotCompared public var raw: JSONValue = .null

    public init(
        id: PageID, createdTime: String, lastEditedTime: String, createdBy: User, lastEditedBy: User,
        cover: FileObject? = nil, icon: Icon? = nil, parent: Parent, inTrash: Bool? = false, isArchived: Bool? = nil,
        isLocked: Bool? = nil, properties: [String: PropertyValue], url: String, publicURL: String? = nil,
        archived: Bool? = nil, requestID: String? = nil
    ) {
        self.object = "page"
        self.id = id
        self.createdTime = createdTime
        self.lastEditedTime = lastEditedTime
        self.createdBy = createdBy
        self.lastEditedBy = lastEditedBy
        self.cover = cover
        self.icon = icon
        self.parent = parent
        self.inTrash = inTrash
        self.isArchived = isArchived
        self.isLocked = isLocked
        self.properties = properties
        self.url = url
        self.publicURL = publicURL
        self.archived = archived
        self.requestID = requestID
    }

    /// The value of the page's `title` property (whatever its name).
    public var title: [RichText]? {
        for property in properties.values { if case .title(let title) = property.value { return title } }
        return nil
    }
}

extension Page: Codable {
    enum CodingKeys: String, CodingKey {
        case object, id
        case createdTime = "created_time"
        case lastEditedTime = "last_edited_time"
        case createdBy = "created_by"
        case lastEditedBy = "last_edited_by"
        case cover, icon, parent
        case inTrash = "in_trash"
        case isArchived = "is_archived"
        case isLocked = "is_locked"
        case properties, url
        case publicURL = "public_url"
        case archived
        case requestID = "request_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        object = try c.decode(String.self, forKey: .object)
        id = try c.decode(PageID.self, forKey: .id)
        createdTime = try c.decode(String.self, forKey: .createdTime)
        lastEditedTime = try c.decode(String.self, forKey: .lastEditedTime)
        createdBy = try c.decode(User.self, forKey: .createdBy)
        lastEditedBy = try c.decode(User.self, forKey: .lastEditedBy)
        cover = try c.decodeIfPresent(FileObject.self, forKey: .cover)
        icon = try c.decodeIfPresent(Icon.self, forKey: .icon)
        parent = try c.decode(Parent.self, forKey: .parent)
        inTrash = try c.decodeIfPresent(Bool.self, forKey: .inTrash)
        isArchived = try c.decodeIfPresent(Bool.self, forKey: .isArchived)
        isLocked = try c.decodeIfPresent(Bool.self, forKey: .isLocked)
        properties = try c.decode([String: PropertyValue].self, forKey: .properties)
        url = try c.decode(String.self, forKey: .url)
        publicURL = try c.decodeIfPresent(String.self, forKey: .publicURL)
        archived = try c.decodeIfPresent(Bool.self, forKey: .archived)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        raw = try JSONValue(from: decoder)
    }
}
