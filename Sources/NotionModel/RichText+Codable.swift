extension RichText: Codable {
    enum CodingKeys: String, CodingKey {
        case type, text, mention, equation, annotations
        case plainText = "plain_text"
        case href
    }

    private struct TextPayload: Codable, Hashable {
        struct Link: Codable, Hashable {
            var url: String
            enum CodingKeys: String, CodingKey { case url }
        }
        var content: String
        var link: Link?
        enum CodingKeys: String, CodingKey { case content, link }
    }

    private struct EquationPayload: Codable, Hashable {
        var expression: String
        enum CodingKeys: String, CodingKey { case expression }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "text":
            let payload = try container.decode(TextPayload.self, forKey: .text)
            kind = .text(content: payload.content, link: payload.link?.url)
        case "mention":
            kind = .mention(try container.decode(Mention.self, forKey: .mention))
        case "equation":
            kind = .equation(expression: try container.decode(EquationPayload.self, forKey: .equation).expression)
        default:
            kind = .unknown(type: type, try decoder.container(keyedBy: AnyCodingKey.self).json(type))
        }
        plainText = try container.decode(String.self, forKey: .plainText)
        href = try container.decodeIfPresent(String.self, forKey: .href)
        annotations = try container.decode(Annotations.self, forKey: .annotations)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch kind {
        case .text(let content, let link):
            try container.encode(TextPayload(content: content, link: link.map { .init(url: $0) }), forKey: .text)
        case .mention(let mention):
            try container.encode(mention, forKey: .mention)
        case .equation(let expression):
            try container.encode(EquationPayload(expression: expression), forKey: .equation)
        case .unknown(let type, let payload):
            var other = encoder.container(keyedBy: AnyCodingKey.self)
            try other.encodeJSON(payload, forKey: type)
        }
        try container.encode(annotations, forKey: .annotations)
        try container.encode(plainText, forKey: .plainText)
        try container.encodeIfPresent(href, forKey: .href)
    }
}
