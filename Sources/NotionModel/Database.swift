/// A database object. Two shapes share this type:
/// - 2025-09-03+: a container with `data_sources: [{id, name}]`, `is_locked`, no schema and no
///   `created_by`/`last_edited_by` (times have millisecond precision);
/// - 2022-06-28: the database carries its `properties` schema and `created_by`/`last_edited_by`.
///
/// `raw` is the JSON it was decoded from: not encoded, ignored by equality.
public struct Database: Hashable, Sendable, Identifiable {
    public var object: String
    public var id: DatabaseID
    public var title: [RichText]
    public var description: [RichText]?
    public var parent: Parent
    public var isInline: Bool?
    public var inTrash: Bool?
    public var isLocked: Bool?
    public var createdTime: String
    public var lastEditedTime: String
    public var createdBy: User?
    public var lastEditedBy: User?
    /// 2025-09-03+.
    public var dataSources: [DataSourceReference]?
    /// 2022-06-28 only.
    public var properties: [String: PropertySchema]?
    public var icon: Icon?
    public var cover: FileObject?
    public var url: String?
    public var publicURL: String?
    public var archived: Bool?
    public var requestID: String?
    @NotCompared public var raw: JSONValue = .null

    public init(
        id: DatabaseID, title: [RichText], description: [RichText]? = [], parent: Parent, isInline: Bool? = false,
        inTrash: Bool? = false, isLocked: Bool? = nil, createdTime: String, lastEditedTime: String,
        createdBy: User? = nil, lastEditedBy: User? = nil, dataSources: [DataSourceReference]? = nil,
        properties: [String: PropertySchema]? = nil, icon: Icon? = nil, cover: FileObject? = nil, url: String? = nil,
        publicURL: String? = nil, archived: Bool? = nil, requestID: String? = nil
    ) {
        self.object = "database"
        self.id = id
        self.title = title
        self.description = description
        self.parent = parent
        self.isInline = isInline
        self.inTrash = inTrash
        self.isLocked = isLocked
        self.createdTime = createdTime
        self.lastEditedTime = lastEditedTime
        self.createdBy = createdBy
        self.lastEditedBy = lastEditedBy
        self.dataSources = dataSources
        self.properties = properties
        self.icon = icon
        self.cover = cover
        self.url = url
        self.publicURL = publicURL
        self.archived = archived
        self.requestID = requestID
    }

    /// `{"id","name"}`: a data source of a 2025-09-03 database.
    public struct DataSourceReference: Hashable, Sendable, Codable {
        public var id: DataSourceID
        public var name: String?
        public init(id: DataSourceID, name: String?) {
            self.id = id
            self.name = name
        }
        enum CodingKeys: String, CodingKey { case id, name }
    }
}

extension Database: Codable {
    enum CodingKeys: String, CodingKey {
        case object, id, title, description, parent
        case isInline = "is_inline"
        case inTrash = "in_trash"
        case isLocked = "is_locked"
        case createdTime = "created_time"
        case lastEditedTime = "last_edited_time"
        case createdBy = "created_by"
        case lastEditedBy = "last_edited_by"
        case dataSources = "data_sources"
        case properties, icon, cover, url
        case publicURL = "public_url"
        case archived
        case requestID = "request_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        object = try c.decode(String.self, forKey: .object)
        id = try c.decode(DatabaseID.self, forKey: .id)
        title = try c.decode([RichText].self, forKey: .title)
        description = try c.decodeIfPresent([RichText].self, forKey: .description)
        parent = try c.decode(Parent.self, forKey: .parent)
        isInline = try c.decodeIfPresent(Bool.self, forKey: .isInline)
        inTrash = try c.decodeIfPresent(Bool.self, forKey: .inTrash)
        isLocked = try c.decodeIfPresent(Bool.self, forKey: .isLocked)
        createdTime = try c.decode(String.self, forKey: .createdTime)
        lastEditedTime = try c.decode(String.self, forKey: .lastEditedTime)
        createdBy = try c.decodeIfPresent(User.self, forKey: .createdBy)
        lastEditedBy = try c.decodeIfPresent(User.self, forKey: .lastEditedBy)
        dataSources = try c.decodeIfPresent([DataSourceReference].self, forKey: .dataSources)
        properties = try c.decodeIfPresent([String: PropertySchema].self, forKey: .properties)
        icon = try c.decodeIfPresent(Icon.self, forKey: .icon)
        cover = try c.decodeIfPresent(FileObject.self, forKey: .cover)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        publicURL = try c.decodeIfPresent(String.self, forKey: .publicURL)
        archived = try c.decodeIfPresent(Bool.self, forKey: .archived)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        raw = try JSONValue(from: decoder)
    }
}
