/// A data source (or 2022-06-28 database) property definition: `{"id","name","description","type","<type>": config}`.
public struct PropertySchema: Hashable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    public var config: Config

    public init(id: String, name: String, description: String? = nil, _ config: Config) {
        self.id = id
        self.name = name
        self.description = description
        self.config = config
    }

    public var type: String { config.type }

    public enum Config: Hashable, Sendable {
        case title, richText, date, people, files, checkbox, url, email, phoneNumber
        case createdTime, createdBy, lastEditedTime, lastEditedBy
        case button, verification, place, location, lastVisitedTime
        /// `format`: `number`, `number_with_commas`, `percent`, `dollar`, …
        case number(format: String?)
        case select(options: [SelectOption])
        case multiSelect(options: [SelectOption])
        case status(options: [SelectOption], groups: [StatusGroup])
        case formula(expression: String)
        case relation(Relation)
        case rollup(Rollup)
        case uniqueID(prefix: String?)
        /// A property type this build does not know; the config under its type key.
        case unknown(type: String, JSONValue)

        public var type: String {
            switch self {
            case .title: "title"
            case .richText: "rich_text"
            case .date: "date"
            case .people: "people"
            case .files: "files"
            case .checkbox: "checkbox"
            case .url: "url"
            case .email: "email"
            case .phoneNumber: "phone_number"
            case .createdTime: "created_time"
            case .createdBy: "created_by"
            case .lastEditedTime: "last_edited_time"
            case .lastEditedBy: "last_edited_by"
            case .button: "button"
            case .verification: "verification"
            case .place: "place"
            case .location: "location"
            case .lastVisitedTime: "last_visited_time"
            case .number: "number"
            case .select: "select"
            case .multiSelect: "multi_select"
            case .status: "status"
            case .formula: "formula"
            case .relation: "relation"
            case .rollup: "rollup"
            case .uniqueID: "unique_id"
            case .unknown(let type, _): type
            }
        }

        /// The config types whose payload is `{}`.
        static let emptyConfigs: [String: Config] = [
            "title": .title, "rich_text": .richText, "date": .date, "people": .people, "files": .files,
            "checkbox": .checkbox, "url": .url, "email": .email, "phone_number": .phoneNumber,
            "created_time": .createdTime, "created_by": .createdBy, "last_edited_time": .lastEditedTime,
            "last_edited_by": .lastEditedBy, "button": .button, "verification": .verification, "place": .place,
            "location": .location, "last_visited_time": .lastVisitedTime,
        ]
    }

    /// A status group: `{"id","name","color","option_ids"}`.
    public struct StatusGroup: Hashable, Sendable, Codable {
        public var id: String?
        public var name: String
        public var color: Color?
        public var optionIDs: [String]

        public init(id: String? = nil, name: String, color: Color? = nil, optionIDs: [String]) {
            self.id = id
            self.name = name
            self.color = color
            self.optionIDs = optionIDs
        }

        enum CodingKeys: String, CodingKey {
            case id, name, color
            case optionIDs = "option_ids"
        }
    }

    /// A relation config. 2025-09-03+ names the related data source as well as its database.
    public struct Relation: Hashable, Sendable {
        public var databaseID: DatabaseID?
        public var dataSourceID: DataSourceID?
        public var kind: Kind

        public init(databaseID: DatabaseID? = nil, dataSourceID: DataSourceID? = nil, _ kind: Kind) {
            self.databaseID = databaseID
            self.dataSourceID = dataSourceID
            self.kind = kind
        }

        public enum Kind: Hashable, Sendable {
            case singleProperty
            case dualProperty(syncedPropertyID: String?, syncedPropertyName: String?)
            case unknown(type: String, JSONValue)

            public var type: String {
                switch self {
                case .singleProperty: "single_property"
                case .dualProperty: "dual_property"
                case .unknown(let type, _): type
                }
            }
        }
    }

    /// A rollup config.
    public struct Rollup: Hashable, Sendable, Codable {
        public var relationPropertyName: String?
        public var relationPropertyID: String?
        public var rollupPropertyName: String?
        public var rollupPropertyID: String?
        /// `count`, `sum`, `show_original`, …
        public var function: String

        public init(
            relationPropertyName: String? = nil, relationPropertyID: String? = nil, rollupPropertyName: String? = nil,
            rollupPropertyID: String? = nil, function: String
        ) {
            self.relationPropertyName = relationPropertyName
            self.relationPropertyID = relationPropertyID
            self.rollupPropertyName = rollupPropertyName
            self.rollupPropertyID = rollupPropertyID
            self.function = function
        }

        enum CodingKeys: String, CodingKey {
            case relationPropertyName = "relation_property_name"
            case relationPropertyID = "relation_property_id"
            case rollupPropertyName = "rollup_property_name"
            case rollupPropertyID = "rollup_property_id"
            case function
        }
    }
}
