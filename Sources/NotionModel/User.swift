/// A Notion user. Full users (`GET /v1/users`, people values, user mentions) carry `type` and
/// `person` or `bot`; users embedded as `created_by`/`last_edited_by` are partial `{object, id}`;
/// a file upload's `created_by` is `{id, type}` without `object`. One type covers all of them.
public struct User: Hashable, Sendable {
    /// `"user"`; absent in a file upload's `created_by`.
    public var object: String?
    public var id: UserID
    /// `"person"`, `"bot"`, or another kind (`"agent"`); nil for partial users.
    public var type: String?
    public var name: String?
    public var avatarURL: String?
    public var person: Person?
    public var bot: Bot?
    /// The payload under `type` when `type` is neither person nor bot (kept verbatim).
    public var otherPayload: JSONValue?
    /// Top-level responses (`GET /v1/users/{id}`) carry a `request_id`.
    public var requestID: String?
    /// The JSON this value was decoded from (`.null` when built in code). Not encoded, not compared.
    @NotCompared public var raw: JSONValue = .null

    public init(
        object: String? = "user", id: UserID, type: String? = nil, name: String? = nil, avatarURL: String? = nil,
        person: Person? = nil, bot: Bot? = nil, otherPayload: JSONValue? = nil, requestID: String? = nil
    ) {
        self.object = object
        self.id = id
        self.type = type
        self.name = name
        self.avatarURL = avatarURL
        self.person = person
        self.bot = bot
        self.otherPayload = otherPayload
        self.requestID = requestID
    }

    /// A partial user `{object:"user", id}`.
    public static func partial(_ id: UserID) -> User { User(id: id) }

    public var isPartial: Bool { type == nil && name == nil }

    public struct Person: Hashable, Sendable, Codable {
        public var email: String?
        public var emailVerified: Bool?

        public init(email: String? = nil, emailVerified: Bool? = nil) {
            self.email = email
            self.emailVerified = emailVerified
        }

        enum CodingKeys: String, CodingKey {
            case email
            case emailVerified = "email_verified"
        }
    }

    /// A bot's details. Bots embedded in other objects come as `"bot":{}` (every field nil).
    public struct Bot: Hashable, Sendable, Codable {
        public var owner: Owner?
        public var workspaceName: String?
        public var workspaceID: String?
        public var workspaceLimits: WorkspaceLimits?

        public init(owner: Owner? = nil, workspaceName: String? = nil, workspaceID: String? = nil, workspaceLimits: WorkspaceLimits? = nil) {
            self.owner = owner
            self.workspaceName = workspaceName
            self.workspaceID = workspaceID
            self.workspaceLimits = workspaceLimits
        }

        enum CodingKeys: String, CodingKey {
            case owner
            case workspaceName = "workspace_name"
            case workspaceID = "workspace_id"
            case workspaceLimits = "workspace_limits"
        }
    }

    public struct WorkspaceLimits: Hashable, Sendable, Codable {
        public var maxFileUploadSizeInBytes: Int?

        public init(maxFileUploadSizeInBytes: Int?) { self.maxFileUploadSizeInBytes = maxFileUploadSizeInBytes }

        enum CodingKeys: String, CodingKey {
            case maxFileUploadSizeInBytes = "max_file_upload_size_in_bytes"
        }
    }

    /// Who owns a bot: the workspace (internal integrations) or a user (OAuth).
    public enum Owner: Hashable, Sendable, Codable {
        case workspace
        indirect case user(User)
        case unknown(type: String, JSONValue)

        public init(from decoder: any Decoder) throws {
            self = try decodeTagged(decoder) { type, container in
                switch type {
                case "workspace": .workspace
                case "user": .user(try container.decode(User.self, forKey: "user"))
                default: .unknown(type: type, try container.json(type))
                }
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyCodingKey.self)
            switch self {
            case .workspace:
                try container.encode("workspace", forKey: "type")
                try container.encode(true, forKey: "workspace")
            case .user(let user):
                try container.encode("user", forKey: "type")
                try container.encode(user, forKey: "user")
            case .unknown(let type, let payload):
                try container.encode(type, forKey: "type")
                try container.encodeJSON(payload, forKey: type)
            }
        }
    }
}

extension User: Codable {
    enum CodingKeys: String, CodingKey {
        case object, id, type, name
        case avatarURL = "avatar_url"
        case person, bot
        case requestID = "request_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        object = try container.decodeIfPresent(String.self, forKey: .object)
        id = try container.decode(UserID.self, forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        avatarURL = try container.decodeIfPresent(String.self, forKey: .avatarURL)
        person = try container.decodeIfPresent(Person.self, forKey: .person)
        bot = try container.decodeIfPresent(Bot.self, forKey: .bot)
        if let type, type != "person", type != "bot" {
            let payload = try decoder.container(keyedBy: AnyCodingKey.self).json(type)
            otherPayload = payload == .null ? JSONValue?.none : payload
        }
        requestID = try container.decodeIfPresent(String.self, forKey: .requestID)
        raw = try JSONValue(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(object, forKey: .object)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(avatarURL, forKey: .avatarURL)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(person, forKey: .person)
        try container.encodeIfPresent(bot, forKey: .bot)
        if let type, let otherPayload {
            var other = encoder.container(keyedBy: AnyCodingKey.self)
            try other.encodeJSON(otherPayload, forKey: type)
        }
        try container.encodeIfPresent(requestID, forKey: .requestID)
    }
}
