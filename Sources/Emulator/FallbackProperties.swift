import Foundation
import NotionModel

// REQUESTS: interim page-property normalization and query evaluation, used until Requests/ has
// them (property value validation with Notion's grammar, filter and sort evaluation). Kept
// deliberately small; replace the call sites marked "REQUESTS:" when the real ones land.
enum FallbackProperties {
    /// Icon/cover request → stored shape (through Requests/' FileNormalizer); nil when absent.
    static func fileLike(_ value: JSONValue?, path: String, lookup: any WorkspaceLookup,
                         attached: inout [NotionID]) throws -> JSONValue? {
        guard let value else { return nil }
        var normalizer = FileNormalizer(lookup: lookup)
        let out = path.hasSuffix("cover") ? try normalizer.cover(value, path: path) : try normalizer.icon(value, path: path)
        attached.append(contentsOf: normalizer.attachedUploads)
        return out
    }

    /// Page property values (request) → stored values keyed by property name.
    static func normalize(_ value: JSONValue?, schema: [String: JSONValue], pageParent: Bool, lookup: any WorkspaceLookup,
                          state: inout WorkspaceState, update: Bool = false) throws -> [String: JSONValue] {
        guard let value else {
            if pageParent && !update {
                throw NotionAPIError.validation("body failed validation: body.properties should be defined, instead was `undefined`.")
            }
            return [:]
        }
        guard case .object(let properties) = value else {
            throw NotionAPIError.validation("body failed validation: body.properties should be an object, instead was `\(NotionAPIError.rendered(value))`.")
        }
        var out: [String: JSONValue] = [:]
        for (key, raw) in properties {
            let config: JSONValue
            let name: String
            if pageParent {
                guard key == "title" || raw["title"] != nil else {
                    throw NotionAPIError.validation("\(key) is not a property that exists.")
                }
                config = ["id": "title", "type": "title"]
                name = "title"
            } else if let found = schema[key] {
                config = found
                name = key
            } else if let (n, found) = schema.first(where: { $0.value["id"]?.stringValue == key }) {
                config = found
                name = n
            } else {
                throw NotionAPIError.validation("\(key) is not a property that exists.")
            }
            let type = config["type"]?.stringValue ?? "rich_text"
            let inner = raw[type] ?? (raw.arrayValue != nil || raw.stringValue != nil || raw.isNull ? raw : raw[type])
            let path = "body.properties.\(key).\(type)"
            var stored: JSONValue = ["id": config["id"] ?? .string(name), "type": .string(type)]
            switch type {
            case "title", "rich_text":
                stored[type] = try RichTextRequests.normalize(inner ?? [], path: path, lookup: lookup)
            case "number", "url", "email", "phone_number", "checkbox":
                stored[type] = inner ?? .null
            case "select", "status":
                stored[type] = option(inner, config: config, type: type)
            case "multi_select":
                stored[type] = .array((inner?.arrayValue ?? []).map { option($0, config: config, type: type) })
            case "date":
                if let d = inner, d != .null {
                    stored[type] = ["start": d["start"] ?? .null, "end": d["end"] ?? .null, "time_zone": d["time_zone"] ?? .null]
                } else { stored[type] = .null }
            case "relation":
                stored[type] = .array((inner?.arrayValue ?? []).compactMap { $0["id"]?.idValue.map { ["id": .string($0.rawValue)] } })
                stored["has_more"] = false
            case "people":
                stored[type] = .array((inner?.arrayValue ?? []).compactMap { item in
                    item["id"]?.idValue.map { lookup.user($0) ?? ["object": "user", "id": .string($0.rawValue)] }
                })
            case "files":
                var items: [JSONValue] = []
                for (index, item) in (inner?.arrayValue ?? []).enumerated() {
                    var normalizer = FileNormalizer(lookup: lookup)
                    let kind = item["type"]?.stringValue ?? (item["file_upload"] != nil ? "file_upload" : "external")
                    let itemPath = "\(path)[\(index)]"
                    if kind == "file_upload" {
                        let resolved = try normalizer.resolveUpload(item["file_upload"], path: itemPath + ".file_upload")
                        items.append(["name": item["name"] ?? .string(resolved.filename), "type": "file", "file": resolved.file])
                        for id in normalizer.attachedUploads { state.content.fileUploads[id]?.json["expiry_time"] = .null }
                    } else if kind == "file" {
                        items.append(["name": item["name"] ?? "file", "type": "file", "file": item["file"] ?? .null])
                    } else {
                        items.append(["name": item["name"] ?? .null, "type": "external", "external": try normalizer.external(item["external"], path: itemPath + ".external")])
                    }
                }
                stored[type] = .array(items)
            default:
                throw NotionAPIError.validation("body failed validation: body.properties.\(key) should be not present, instead was `\(NotionAPIError.rendered(raw))`.")
            }
            out[name] = stored
        }
        return out
    }

    static func option(_ value: JSONValue?, config: JSONValue, type: String) -> JSONValue {
        guard let value, value != .null else { return .null }
        let options = config[type]?["options"]?.arrayValue ?? []
        if let name = value["name"]?.stringValue, let found = options.first(where: { $0["name"]?.stringValue == name }) {
            return ["id": found["id"] ?? .null, "name": .string(name), "color": found["color"] ?? "default"]
        }
        if let id = value["id"]?.stringValue, let found = options.first(where: { $0["id"]?.stringValue == id }) {
            return ["id": .string(id), "name": found["name"] ?? .null, "color": found["color"] ?? "default"]
        }
        let name = value["name"]?.stringValue ?? ""
        return ["id": .string(WorkspaceSnapshot.propertyID(for: name)), "name": .string(name), "color": value["color"] ?? "default"]
    }

    // MARK: Query evaluation

    static func matches(_ page: JSONValue, filter: JSONValue?) -> Bool {
        guard let filter, filter != .null else { return true }
        if let all = filter["and"]?.arrayValue { return all.allSatisfy { matches(page, filter: $0) } }
        if let any = filter["or"]?.arrayValue { return any.contains { matches(page, filter: $0) } }
        if let timestamp = filter["timestamp"]?.stringValue {
            return compareDate(page[timestamp]?.stringValue, filter[timestamp] ?? .null)
        }
        guard let key = filter["property"]?.stringValue else { return true }
        let properties = page["properties"]?.objectValue ?? [:]
        guard let value = properties[key] ?? properties.values.first(where: { $0["id"]?.stringValue == key }),
              let type = value["type"]?.stringValue else { return false }
        let condition = filter[type] ?? filter.objectValue?.first(where: { $0.key != "property" })?.value ?? .null
        let v = value[type] ?? .null
        switch type {
        case "title", "rich_text", "url", "email", "phone_number":
            return compareText(type == "title" || type == "rich_text" ? v.plainText : (v.stringValue ?? ""), condition)
        case "number":
            let n = v.doubleValue
            if condition["is_empty"] != nil { return n == nil }
            if condition["is_not_empty"] != nil { return n != nil }
            guard let n else { return false }
            if let x = condition["equals"]?.doubleValue { return n == x }
            if let x = condition["does_not_equal"]?.doubleValue { return n != x }
            if let x = condition["greater_than"]?.doubleValue { return n > x }
            if let x = condition["less_than"]?.doubleValue { return n < x }
            if let x = condition["greater_than_or_equal_to"]?.doubleValue { return n >= x }
            if let x = condition["less_than_or_equal_to"]?.doubleValue { return n <= x }
            return true
        case "checkbox":
            if let x = condition["equals"]?.boolValue { return (v.boolValue ?? false) == x }
            if let x = condition["does_not_equal"]?.boolValue { return (v.boolValue ?? false) != x }
            return true
        case "select", "status":
            let name = v["name"]?.stringValue
            if condition["is_empty"] != nil { return name == nil }
            if condition["is_not_empty"] != nil { return name != nil }
            if let x = condition["equals"]?.stringValue { return name == x }
            if let x = condition["does_not_equal"]?.stringValue { return name != x }
            return true
        case "multi_select", "relation", "people":
            let names = (v.arrayValue ?? []).compactMap { $0["name"]?.stringValue ?? $0["id"]?.stringValue }
            if condition["is_empty"] != nil { return names.isEmpty }
            if condition["is_not_empty"] != nil { return !names.isEmpty }
            if let x = condition["contains"]?.stringValue { return names.contains(NotionID(x)?.rawValue ?? x) }
            if let x = condition["does_not_contain"]?.stringValue { return !names.contains(NotionID(x)?.rawValue ?? x) }
            return true
        case "date", "created_time", "last_edited_time":
            return compareDate(type == "date" ? v["start"]?.stringValue : v.stringValue, condition)
        default:
            return true
        }
    }

    static func compareText(_ text: String, _ c: JSONValue) -> Bool {
        if c["is_empty"] != nil { return text.isEmpty }
        if c["is_not_empty"] != nil { return !text.isEmpty }
        if let x = c["equals"]?.stringValue { return text == x }
        if let x = c["does_not_equal"]?.stringValue { return text != x }
        if let x = c["contains"]?.stringValue { return text.localizedCaseInsensitiveContains(x) }
        if let x = c["does_not_contain"]?.stringValue { return !text.localizedCaseInsensitiveContains(x) }
        if let x = c["starts_with"]?.stringValue { return text.lowercased().hasPrefix(x.lowercased()) }
        if let x = c["ends_with"]?.stringValue { return text.lowercased().hasSuffix(x.lowercased()) }
        return true
    }

    static func compareDate(_ text: String?, _ c: JSONValue) -> Bool {
        if c["is_empty"] != nil { return text == nil }
        if c["is_not_empty"] != nil { return text != nil }
        guard let text, let date = NotionTime.parse(text) else { return false }
        func arg(_ key: String) -> Date? { c[key]?.stringValue.flatMap(NotionTime.parse) }
        if let x = arg("equals") { return date == x }
        if let x = arg("before") { return date < x }
        if let x = arg("after") { return date > x }
        if let x = arg("on_or_before") { return date <= x }
        if let x = arg("on_or_after") { return date >= x }
        return true
    }

    static func sorted(_ pages: [JSONValue], by sorts: JSONValue?) -> [JSONValue] {
        guard let sorts = sorts?.arrayValue, !sorts.isEmpty else { return pages }
        func key(_ page: JSONValue, _ sort: JSONValue) -> String {
            if let ts = sort["timestamp"]?.stringValue { return page[ts]?.stringValue ?? "" }
            guard let name = sort["property"]?.stringValue else { return "" }
            let properties = page["properties"]?.objectValue ?? [:]
            guard let value = properties[name] ?? properties.values.first(where: { $0["id"]?.stringValue == name }),
                  let type = value["type"]?.stringValue else { return "" }
            let v = value[type] ?? .null
            switch type {
            case "title", "rich_text": return v.plainText
            case "number": return v.doubleValue.map { String(format: "%020.6f", $0 + 1e12) } ?? ""
            case "select", "status": return v["name"]?.stringValue ?? ""
            case "date": return v["start"]?.stringValue ?? ""
            case "checkbox": return (v.boolValue ?? false) ? "1" : "0"
            default: return v.stringValue ?? v.jsonString()
            }
        }
        return pages.enumerated().sorted { a, b in
            for sort in sorts {
                let ka = key(a.element, sort), kb = key(b.element, sort)
                if ka != kb { return sort["direction"]?.stringValue == "descending" ? ka > kb : ka < kb }
            }
            return a.offset < b.offset
        }.map(\.element)
    }
}
