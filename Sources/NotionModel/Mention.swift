/// The payload of a `mention` rich-text item.
public enum Mention: Hashable, Sendable {
    case user(User)
    case page(id: PageID)
    case database(id: DatabaseID)
    case date(DateValue)
    case linkPreview(url: String)
    case linkMention(LinkMention)
    case templateMention(TemplateMention)
    case customEmoji(CustomEmoji)
    /// A mention type this build does not know; the payload under its type key, verbatim.
    case unknown(type: String, JSONValue)

    /// The `type` string.
    public var type: String {
        switch self {
        case .user: "user"
        case .page: "page"
        case .database: "database"
        case .date: "date"
        case .linkPreview: "link_preview"
        case .linkMention: "link_mention"
        case .templateMention: "template_mention"
        case .customEmoji: "custom_emoji"
        case .unknown(let type, _): type
        }
    }
}

/// A rich link mention (`link_mention`): a URL with the preview metadata Notion fetched.
public struct LinkMention: Hashable, Sendable, Codable {
    public var href: String
    public var title: String?
    public var description: String?
    public var linkAuthor: String?
    public var linkProvider: String?
    public var thumbnailURL: String?
    public var iconURL: String?
    public var iframeURL: String?
    public var height: Double?
    public var padding: Double?
    public var paddingTop: Double?

    public init(
        href: String, title: String? = nil, description: String? = nil, linkAuthor: String? = nil,
        linkProvider: String? = nil, thumbnailURL: String? = nil, iconURL: String? = nil, iframeURL: String? = nil,
        height: Double? = nil, padding: Double? = nil, paddingTop: Double? = nil
    ) {
        self.href = href
        self.title = title
        self.description = description
        self.linkAuthor = linkAuthor
        self.linkProvider = linkProvider
        self.thumbnailURL = thumbnailURL
        self.iconURL = iconURL
        self.iframeURL = iframeURL
        self.height = height
        self.padding = padding
        self.paddingTop = paddingTop
    }

    enum CodingKeys: String, CodingKey {
        case href, title, description
        case linkAuthor = "link_author"
        case linkProvider = "link_provider"
        case thumbnailURL = "thumbnail_url"
        case iconURL = "icon_url"
        case iframeURL = "iframe_url"
        case height, padding
        case paddingTop = "padding_top"
    }
}

/// A template mention (`{type:"template_mention_date", template_mention_date:"today"}`), which a
/// template turns into a real date or user when it is applied.
public enum TemplateMention: Hashable, Sendable, Codable {
    /// `"today"` or `"now"`.
    case date(String)
    /// `"me"`.
    case user(String)
    case unknown(type: String, JSONValue)

    public init(from decoder: any Decoder) throws {
        self = try decodeTagged(decoder) { type, container in
            switch type {
            case "template_mention_date": .date(try container.decode(String.self, forKey: "template_mention_date"))
            case "template_mention_user": .user(try container.decode(String.self, forKey: "template_mention_user"))
            default: .unknown(type: type, try container.json(type))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        switch self {
        case .date(let value):
            try container.encode("template_mention_date", forKey: "type")
            try container.encode(value, forKey: "template_mention_date")
        case .user(let value):
            try container.encode("template_mention_user", forKey: "type")
            try container.encode(value, forKey: "template_mention_user")
        case .unknown(let type, let payload):
            try container.encode(type, forKey: "type")
            try container.encodeJSON(payload, forKey: type)
        }
    }
}
