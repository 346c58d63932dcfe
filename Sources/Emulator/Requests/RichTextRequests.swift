import Foundation
import NotionModel

/// Validation and normalization of rich text arrays: request items in, full response items out.
enum RichTextRequests {
    /// `ApiColor`: annotation and block colors.
    static let colors: [String] = {
        let base = ["default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red"]
        return base + base.map { $0 + "_background" }
    }()

    static let defaultAnnotations: [String: JSONValue] = [
        "bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default",
    ]

    /// Validates a rich text array at `path` (≤ 100 items) and returns it in response shape.
    static func normalize(_ value: JSONValue?, path: String, lookup: any WorkspaceLookup) throws(ValidationFailure) -> JSONValue {
        let items = try Validation.array(value, path)
        try Validation.maxCount(items, Limits.arrayElements, path)
        var out: [JSONValue] = []
        out.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            out.append(try normalizeItem(item, path: "\(path)[\(index)]", lookup: lookup))
        }
        return .array(out)
    }

    /// Validates one rich text item and returns it in response shape.
    static func normalizeItem(_ value: JSONValue, path: String, lookup: any WorkspaceLookup) throws(ValidationFailure) -> JSONValue {
        let item = try Validation.object(value, path)
        // `plain_text` and `href` are response-only but tolerated (clients echo responses back).
        try Validation.onlyKeys(item, ["type", "text", "mention", "equation", "annotations", "plain_text", "href"], path)
        let kinds = ["text", "mention", "equation"]
        let kind: String
        if let declared = item["type"] {
            kind = try Validation.enumValue(declared, path + ".type", kinds)
            if item[kind] == nil { throw Validation.undefined("\(path).\(kind)") }
        } else if let found = kinds.first(where: { item[$0] != nil }) {
            kind = found
        } else {
            throw Validation.unionFailure(kinds.map { Validation.sentence("\(path).\($0)", "defined", nil) })
        }
        for other in kinds where other != kind && item[other] != nil {
            throw Validation.notPresent("\(path).\(other)", item[other])
        }
        let annotations = try normalizeAnnotations(item["annotations"], path: path + ".annotations")
        var payload: JSONValue
        var plainText: String
        var href: JSONValue = .null
        switch kind {
        case "text":
            let p = path + ".text"
            let text = try Validation.object(item["text"], p)
            try Validation.onlyKeys(text, ["content", "link"], p)
            let content = try Validation.string(text["content"], p + ".content")
            try Validation.maxLength(content, Limits.textContent, p + ".content")
            var link: JSONValue = .null
            if let rawLink = text["link"], rawLink != .null {
                let linkObject = try Validation.object(rawLink, p + ".link")
                try Validation.onlyKeys(linkObject, ["url", "type"], p + ".link")
                let url = try Validation.string(linkObject["url"], p + ".link.url")
                try Validation.maxLength(url, Limits.linkURL, p + ".link.url")
                if url.isEmpty || url.contains(where: \.isWhitespace) {
                    throw ValidationFailure("Invalid URL for link.")
                }
                link = ["url": .string(url)]
                href = .string(url)
            }
            payload = ["content": .string(content), "link": link]
            plainText = content
        case "equation":
            let p = path + ".equation"
            let equation = try Validation.object(item["equation"], p)
            try Validation.onlyKeys(equation, ["expression"], p)
            let expression = try Validation.string(equation["expression"], p + ".expression")
            try Validation.maxLength(expression, Limits.equationExpression, p + ".expression")
            payload = ["expression": .string(expression)]
            plainText = expression
        default:
            (payload, plainText, href) = try normalizeMention(item["mention"], path: path + ".mention", lookup: lookup)
        }
        return [
            "type": .string(kind), kind: payload, "annotations": annotations,
            "plain_text": .string(plainText), "href": href,
        ]
    }

    static func normalizeAnnotations(_ value: JSONValue?, path: String) throws(ValidationFailure) -> JSONValue {
        var result = defaultAnnotations
        guard let value, value != .null else { return .object(result) }
        let object = try Validation.object(value, path)
        try Validation.onlyKeys(object, Set(defaultAnnotations.keys), path)
        for key in ["bold", "italic", "strikethrough", "underline", "code"] {
            if let flag = object[key] { result[key] = .bool(try Validation.bool(flag, "\(path).\(key)")) }
        }
        if let color = object["color"] {
            result["color"] = .string(try Validation.enumValue(color, path + ".color", colors))
        }
        return .object(result)
    }

    static let mentionKinds = ["user", "page", "database", "date", "template_mention", "custom_emoji", "link_preview", "link_mention"]

    static func normalizeMention(
        _ value: JSONValue?, path: String, lookup: any WorkspaceLookup
    ) throws(ValidationFailure) -> (JSONValue, String, JSONValue) {
        let mention = try Validation.object(value, path)
        try Validation.onlyKeys(mention, Set(mentionKinds + ["type"]), path)
        let kind: String
        if let declared = mention["type"] {
            kind = try Validation.enumValue(declared, path + ".type", mentionKinds)
            if mention[kind] == nil { throw Validation.undefined("\(path).\(kind)") }
        } else if let found = mentionKinds.first(where: { mention[$0] != nil }) {
            kind = found
        } else {
            throw Validation.unionFailure(mentionKinds.map { Validation.sentence("\(path).\($0)", "defined", nil) })
        }
        for other in mentionKinds where other != kind && mention[other] != nil {
            throw Validation.notPresent("\(path).\(other)", mention[other])
        }
        let p = "\(path).\(kind)"
        let body = try Validation.object(mention[kind], p)
        var payload: JSONValue
        var plainText: String
        var href: JSONValue = .null
        switch kind {
        case "user":
            try Validation.onlyKeys(body, ["id", "object", "name", "avatar_url", "type", "person", "bot"], p)
            let id = try Validation.uuid(body["id"], p + ".id")
            if let user = lookup.user(id) {
                payload = user
                plainText = "@" + (user["name"]?.stringValue ?? "Anonymous")
            } else {
                payload = ["object": "user", "id": .string(id.rawValue)]
                plainText = "@Anonymous"
            }
        case "page", "database":
            try Validation.onlyKeys(body, ["id"], p)
            let id = try Validation.uuid(body["id"], p + ".id")
            payload = ["id": .string(id.rawValue)]
            let title = kind == "page" ? lookup.pageTitle(id) : lookup.databaseTitle(id)
            plainText = title.map { $0.isEmpty ? "Untitled" : $0 } ?? "Untitled"
            href = .string("https://www.notion.so/\(id.compact)")
        case "date":
            let date = try DateValue.normalize(.object(body), path: p)
            payload = date
            plainText = date["start"]?.stringValue ?? ""
            if let end = date["end"]?.stringValue { plainText += " → " + end }
        case "template_mention":
            try Validation.onlyKeys(body, ["type", "template_mention_date", "template_mention_user"], p)
            if let dateValue = body["template_mention_date"] {
                let value = try Validation.enumValue(dateValue, p + ".template_mention_date", ["today", "now"])
                payload = ["type": "template_mention_date", "template_mention_date": .string(value)]
                plainText = value == "today" ? "@Today" : "@Now"
            } else if let userValue = body["template_mention_user"] {
                let value = try Validation.enumValue(userValue, p + ".template_mention_user", ["me"])
                payload = ["type": "template_mention_user", "template_mention_user": .string(value)]
                plainText = "@Me"
            } else {
                throw Validation.unionFailure([
                    Validation.sentence(p + ".template_mention_date", "defined", nil),
                    Validation.sentence(p + ".template_mention_user", "defined", nil),
                ])
            }
        case "custom_emoji":
            try Validation.onlyKeys(body, ["id", "name", "url"], p)
            let id = try Validation.uuid(body["id"], p + ".id")
            let known = lookup.customEmoji(id)
            let name = known?["name"]?.stringValue ?? body["name"]?.stringValue ?? ""
            payload = ["id": .string(id.rawValue), "name": .string(name), "url": known?["url"] ?? body["url"] ?? .null]
            plainText = ":\(name):"
        case "link_preview":
            try Validation.onlyKeys(body, ["url"], p)
            let url = try Validation.url(body["url"], p + ".url")
            payload = ["url": .string(url)]
            plainText = url
            href = .string(url)
        default: // link_mention
            let keys: Set<String> = ["href", "url", "title", "description", "link_author", "link_provider", "thumbnail_url",
                                     "icon_url", "iframe_url", "height", "padding", "padding_top"]
            try Validation.onlyKeys(body, keys, p)
            let url = try Validation.url(body["href"] ?? body["url"], p + ".href")
            var object = body
            object["url"] = nil
            object["href"] = .string(url)
            payload = .object(object)
            plainText = body["title"]?.stringValue ?? url
            href = .string(url)
        }
        return (["type": .string(kind), kind: payload], plainText, href)
    }

    /// Normalizes a plain string into a one-item rich text array (for titles given as strings).
    static func fromPlainText(_ text: String) -> JSONValue {
        [[
            "type": "text", "text": ["content": .string(text), "link": nil], "annotations": .object(defaultAnnotations),
            "plain_text": .string(text), "href": nil,
        ]]
    }
}

/// A date value `{start, end?, time_zone?}` as used by date mentions and date properties.
enum DateValue {
    static func normalize(_ value: JSONValue?, path: String) throws(ValidationFailure) -> JSONValue {
        let object = try Validation.object(value, path)
        try Validation.onlyKeys(object, ["start", "end", "time_zone"], path)
        let start = try Validation.string(object["start"], path + ".start")
        guard ISODate.parse(start) != nil else { throw Validation.failure(path + ".start", "a valid ISO 8601 date", object["start"]) }
        var end: JSONValue = .null
        if let rawEnd = object["end"], rawEnd != .null {
            let endString = try Validation.string(rawEnd, path + ".end")
            guard ISODate.parse(endString) != nil else { throw Validation.failure(path + ".end", "a valid ISO 8601 date", rawEnd) }
            end = .string(endString)
        }
        var timeZone: JSONValue = .null
        if let rawZone = object["time_zone"], rawZone != .null {
            let zone = try Validation.string(rawZone, path + ".time_zone")
            guard TimeZone(identifier: zone) != nil else { throw Validation.failure(path + ".time_zone", "a valid IANA time zone", rawZone) }
            timeZone = .string(zone)
        }
        return ["start": .string(start), "end": end, "time_zone": timeZone]
    }
}
