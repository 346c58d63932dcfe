/// A data source (2025-09-03+): the schema and rows of a database. `parent` is the database;
/// `databaseParent` is the database's own parent. `raw` is the JSON it was decoded from: not
/// encoded, ignored by equality.
public struct DataSource: Hashable, Sendable, Identifiable {
    public var object: String
    public var id: DataSourceID
    public var cover: FileObject?
    public var icon: Icon?
    public var createdTime: String
    public var createdBy: User
    public var lastEditedBy: User
    public var lastEditedTime: String
    public var title: [RichText]
    public var description: [RichText]?
    public var isInline: Bool?
    /// Keyed by property name.
    public var properties: [String: PropertySchema]
    public var parent: Parent
    public var databaseParent: Parent?
    public var url: String?
    public var publicURL: String?
    public var inTrash: Bool?
    public var archived: Bool?
    public var requestID: String?
    @NotCompared public var raw: JSONValue = .null

    public init(
        id: DataSourceID, cover: FileObject? = nil, icon: Icon? = nil, createdTime: String, createdBy: User,
        lastEditedBy: User, lastEditedTime: String, title: [RichText], description: [RichText]? = [],
        isInline: Bool? = false, properties: [String: PropertySchema], parent: Parent, databaseParent: Parent? = nil,
        url: String? = nil, publicURL: String? = nil, inTrash: Bool? = false, archived: Bool? = nil, requestID: String? = nil
    ) {
        self.object = "data_source"
        self.id = id
        self.cover = cover
        self.icon = icon
        self.createdTime = createdTime
        self.createdBy = createdBy
        self.lastEditedBy = lastEditedBy
        self.lastEditedTime = lastEditedTime
        self.title = title
        self.description = description
        self.isInline = isInline
        self.properties = properties
        self.parent = parent
        self.databaseParent = databaseParent
        self.url = url
        self.publicURL = publicURL
        self.inTrash = inTrash
        self.archived = archived
        self.requestID = requestID
    }
}

extension DataSource: Codable {
    enum CodingKeys: String, CodingKey {
        case object, id, cover, icon
        case createdTime = "created_time"
        case createdBy = "created_by"
        case lastEditedBy = "last_edited_by"
        case lastEditedTime = "last_edited_time"
        case title, description
        case isInline = "is_inline"
        case properties, parent
        case databaseParent = "database_parent"
        case url
        case publicURL = "public_url"
        case inTrash = "in_trash"
        case archived
        case requestID = "request_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        object = try c.decode(String.self, forKey: .object)
        id = try c.decode(DataSourceID.self, forKey: .id)
        cover = try c.decodeIfPresent(FileObject.self, forKey: .cover)
        icon = try c.decodeIfPresent(Icon.self, forKey: .icon)
        createdTime = try c.decode(String.self, forKey: .createdTime)
        createdBy = try c.decode(User.self, forKey: .createdBy)
        lastEditedBy = try c.decode(User.self, forKey: .lastEditedBy)
        lastEditedTime = try c.decode(String.self, forKey: .lastEditedTime)
        title = try c.decode([RichText].self, forKey: .title)
        description = try c.decodeIfPresent([RichText].self, forKey: .description)
        isInline = try c.decodeIfPresent(Bool.self, forKey: .isInline)
        properties = try c.decode([String: PropertySchema].self, forKey: .properties)
        parent = try c.decode(Parent.self, forKey: .parent)
        databaseParent = try c.decodeIfPresent(Parent.self, forKey: .databaseParent)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        publicURL = try c.decodeIfPresent(String.self, forKey: .publicURL)
        inTrash = try c.decodeIfPresent(Bool.self, forKey: .inTrash)
        archived = try c.decodeIfPresent(Bool.self, forKey: .archived)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        raw = try JSONValue(from: decoder)
    }
}
