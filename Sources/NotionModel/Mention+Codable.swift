extension Mention: Codable {
    private struct Reference<ID: Codable & Hashable>: Codable, Hashable {
        var id: ID
        enum CodingKeys: String, CodingKey { case id }
    }

    private struct URLPayload: Codable, Hashable {
        var url: String
        enum CodingKeys: String, CodingKey { case url }
    }

    public init(from decoder: any Decoder) throws {
        self = try decodeTagged(decoder) { type, container in
            switch type {
            case "user": .user(try container.decode(User.self, forKey: "user"))
            case "page": .page(id: try container.decode(Reference<PageID>.self, forKey: "page").id)
            case "database": .database(id: try container.decode(Reference<DatabaseID>.self, forKey: "database").id)
            case "date": .date(try container.decode(DateValue.self, forKey: "date"))
            case "link_preview": .linkPreview(url: try container.decode(URLPayload.self, forKey: "link_preview").url)
            case "link_mention": .linkMention(try container.decode(LinkMention.self, forKey: "link_mention"))
            case "template_mention": .templateMention(try container.decode(TemplateMention.self, forKey: "template_mention"))
            case "custom_emoji": .customEmoji(try container.decode(CustomEmoji.self, forKey: "custom_emoji"))
            default: .unknown(type: type, try container.json(type))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(type, forKey: "type")
        let key = AnyCodingKey(type)
        switch self {
        case .user(let user): try container.encode(user, forKey: key)
        case .page(let id): try container.encode(Reference(id: id), forKey: key)
        case .database(let id): try container.encode(Reference(id: id), forKey: key)
        case .date(let date): try container.encode(date, forKey: key)
        case .linkPreview(let url): try container.encode(URLPayload(url: url), forKey: key)
        case .linkMention(let link): try container.encode(link, forKey: key)
        case .templateMention(let template): try container.encode(template, forKey: key)
        case .customEmoji(let emoji): try container.encode(emoji, forKey: key)
        case .unknown(let type, let payload): try container.encodeJSON(payload, forKey: type)
        }
    }
}
