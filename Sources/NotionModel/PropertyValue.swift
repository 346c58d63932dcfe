/// A page property value: `{"id","type","<type>": value}`. Also used without `id` for the items of
/// a rollup's `array`.
public struct PropertyValue: Hashable, Sendable {
    /// The property id (short, URL-encoded: `"title"`, `"%5Ckxk"`). Nil in rollup array items.
    public var id: String?
    public var value: Value

    public init(id: String?, _ value: Value) {
        self.id = id
        self.value = value
    }

    public var type: String { value.type }

    public enum Value: Hashable, Sendable {
        case title([RichText])
        case richText([RichText])
        case number(Double?)
        case select(SelectOption?)
        case status(SelectOption?)
        case multiSelect([SelectOption])
        case date(DateValue?)
        case people([UserOrGroup])
        case files([NamedFile])
        case checkbox(Bool)
        case url(String?)
        case email(String?)
        case phoneNumber(String?)
        case formula(Formula)
        /// The related pages (at most 25 in a page object) and the sibling `has_more` flag.
        case relation([PageReference], hasMore: Bool?)
        case rollup(Rollup)
        case createdTime(String)
        case lastEditedTime(String)
        case createdBy(User)
        case lastEditedBy(User)
        case uniqueID(UniqueID)
        case verification(Verification?)
        case button
        case place(Place?)
        /// A property type this build does not know; the payload under its type key.
        case unknown(type: String, JSONValue)

        public var type: String {
            switch self {
            case .title: "title"
            case .richText: "rich_text"
            case .number: "number"
            case .select: "select"
            case .status: "status"
            case .multiSelect: "multi_select"
            case .date: "date"
            case .people: "people"
            case .files: "files"
            case .checkbox: "checkbox"
            case .url: "url"
            case .email: "email"
            case .phoneNumber: "phone_number"
            case .formula: "formula"
            case .relation: "relation"
            case .rollup: "rollup"
            case .createdTime: "created_time"
            case .lastEditedTime: "last_edited_time"
            case .createdBy: "created_by"
            case .lastEditedBy: "last_edited_by"
            case .uniqueID: "unique_id"
            case .verification: "verification"
            case .button: "button"
            case .place: "place"
            case .unknown(let type, _): type
            }
        }
    }

    /// `{"id"}`: an item of a relation value.
    public struct PageReference: Hashable, Sendable, Codable {
        public var id: PageID
        public init(_ id: PageID) { self.id = id }
        enum CodingKeys: String, CodingKey { case id }
    }

    /// A formula result: `{"type":"string"|"number"|"boolean"|"date","<type>": value}`.
    public enum Formula: Hashable, Sendable {
        case string(String?)
        case number(Double?)
        case boolean(Bool?)
        case date(DateValue?)
        case unknown(type: String, JSONValue)
    }

    /// A rollup result: `{"type","<type>": value,"function"}`.
    public struct Rollup: Hashable, Sendable {
        public var function: String?
        public var result: Result

        public init(function: String?, _ result: Result) {
            self.function = function
            self.result = result
        }

        public enum Result: Hashable, Sendable {
            case number(Double?)
            case date(DateValue?)
            /// The rolled-up values, each a property value without `id`.
            case array([PropertyValue])
            /// `unsupported` / `incomplete` payloads, kept as JSON.
            case unsupported(JSONValue)
            case incomplete(JSONValue)
            case unknown(type: String, JSONValue)
        }
    }

    /// `{"prefix": "TASK" | null, "number": 42}`.
    public struct UniqueID: Hashable, Sendable, Codable {
        public var prefix: String?
        public var number: Int?
        public init(prefix: String? = nil, number: Int?) {
            self.prefix = prefix
            self.number = number
        }
        enum CodingKeys: String, CodingKey { case prefix, number }
    }

    /// A wiki page verification: `verified`/`expired` with a date and a user, or `unverified`.
    public struct Verification: Hashable, Sendable, Codable {
        public var state: String
        public var date: DateValue?
        public var verifiedBy: User?
        public init(state: String, date: DateValue? = nil, verifiedBy: User? = nil) {
            self.state = state
            self.date = date
            self.verifiedBy = verifiedBy
        }
        enum CodingKeys: String, CodingKey {
            case state, date
            case verifiedBy = "verified_by"
        }
    }

    /// A place (location) value.
    public struct Place: Hashable, Sendable, Codable {
        public var lat: Double
        public var lon: Double
        public var name: String?
        public var address: String?
        public var awsPlaceID: String?
        public var googlePlaceID: String?
        public init(lat: Double, lon: Double, name: String? = nil, address: String? = nil, awsPlaceID: String? = nil, googlePlaceID: String? = nil) {
            self.lat = lat
            self.lon = lon
            self.name = name
            self.address = address
            self.awsPlaceID = awsPlaceID
            self.googlePlaceID = googlePlaceID
        }
        enum CodingKeys: String, CodingKey {
            case lat, lon, name, address
            case awsPlaceID = "aws_place_id"
            case googlePlaceID = "google_place_id"
        }
    }
}
