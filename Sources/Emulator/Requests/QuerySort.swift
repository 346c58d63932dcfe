import Foundation
import NotionModel

/// Validated query `sorts`: earlier sorts take precedence; ties fall back to `created_time`, then id.
/// Empty values sort last in either direction, as in Notion.
struct QuerySort: Sendable {
    struct Key: Sendable {
        /// Schema property name, or nil for a timestamp sort.
        var propertyName: String?
        var propertyType: String
        var timestamp: String?
        var descending: Bool
        /// Option order for select/status (Notion sorts those by option position).
        var optionOrder: [String]
    }

    let keys: [Key]

    /// Validates `sorts` (nil or an array) against the data source `properties` map.
    init(json: JSONValue?, schema: JSONValue, path: String = "body.sorts") throws(ValidationFailure) {
        guard let json, json != .null else { keys = []; return }
        let items = try Validation.array(json, path)
        try Validation.maxCount(items, Limits.arrayElements, path)
        let schema = schema.objectValue ?? [:]
        var keys: [Key] = []
        for (index, item) in items.enumerated() {
            let p = "\(path)[\(index)]"
            let object = try Validation.object(item, p)
            let direction = try Validation.enumValue(object["direction"], p + ".direction", ["ascending", "descending"])
            if let timestamp = object["timestamp"] {
                try Validation.onlyKeys(object, ["timestamp", "direction"], p)
                let kind = try Validation.enumValue(timestamp, p + ".timestamp", ["created_time", "last_edited_time"])
                keys.append(Key(propertyName: nil, propertyType: kind, timestamp: kind, descending: direction == "descending", optionOrder: []))
            } else if let property = object["property"] {
                try Validation.onlyKeys(object, ["property", "direction"], p)
                let key = try Validation.string(property, p + ".property")
                guard let (name, definition) = QueryFilter.resolve(key, schema: schema) else {
                    throw ValidationFailure("Could not find sort property with name or id: \(key)")
                }
                let type = definition["type"]?.stringValue ?? ""
                let order = (definition[type]?["options"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
                keys.append(Key(propertyName: name, propertyType: type, timestamp: nil, descending: direction == "descending", optionOrder: order))
            } else {
                throw Validation.unionFailure([
                    Validation.sentence(p + ".property", "defined", nil), Validation.sentence(p + ".timestamp", "defined", nil),
                ])
            }
        }
        self.keys = keys
    }

    /// A comparable projection of one value; nil is empty.
    enum SortValue: Comparable {
        case number(Double)
        case text(String)
    }

    func value(_ row: QueryRow, _ key: Key) -> SortValue? {
        if let timestamp = key.timestamp {
            return .number((timestamp == "created_time" ? row.createdTime : row.lastEditedTime).timeIntervalSince1970)
        }
        let entry = row.properties[key.propertyName ?? ""] ?? .null
        let value = entry[key.propertyType] ?? .null
        switch key.propertyType {
        case "title", "rich_text":
            let text = value.plainText
            return text.isEmpty ? nil : .text(text.lowercased())
        case "url", "email", "phone_number":
            return value.stringValue.flatMap { $0.isEmpty ? nil : .text($0.lowercased()) }
        case "number": return value.doubleValue.map { .number($0) }
        case "checkbox": return .number(value.boolValue == true ? 1 : 0)
        case "select", "status":
            guard let name = value["name"]?.stringValue else { return nil }
            return .number(Double(key.optionOrder.firstIndex(of: name) ?? key.optionOrder.count))
        case "multi_select":
            guard let first = value.arrayValue?.first?["name"]?.stringValue else { return nil }
            return .number(Double(key.optionOrder.firstIndex(of: first) ?? key.optionOrder.count))
        case "date":
            return value["start"]?.stringValue.flatMap(ISODate.parse).map { .number($0.timeIntervalSince1970) }
        case "created_time", "last_edited_time":
            return value.stringValue.flatMap(ISODate.parse).map { .number($0.timeIntervalSince1970) }
        case "unique_id": return value["number"]?.doubleValue.map { .number($0) }
        case "people", "relation", "files":
            guard let first = value.arrayValue?.first else { return nil }
            return .text((first["name"]?.stringValue ?? first["id"]?.stringValue ?? "").lowercased())
        case "created_by", "last_edited_by":
            return (value["name"]?.stringValue ?? value["id"]?.stringValue).map { .text($0.lowercased()) }
        case "formula":
            let type = value["type"]?.stringValue ?? ""
            if let number = value["number"]?.doubleValue { return .number(number) }
            if type == "string" { return value["string"]?.stringValue.map { .text($0.lowercased()) } }
            if type == "boolean" { return .number(value["boolean"]?.boolValue == true ? 1 : 0) }
            if type == "date" { return value["date"]?["start"]?.stringValue.flatMap(ISODate.parse).map { .number($0.timeIntervalSince1970) } }
            return nil
        case "rollup":
            if let number = value["number"]?.doubleValue { return .number(number) }
            return value["date"]?["start"]?.stringValue.flatMap(ISODate.parse).map { .number($0.timeIntervalSince1970) }
        default:
            return nil
        }
    }

    /// Strict weak ordering for `sorted(by:)`.
    func areInIncreasingOrder(_ a: QueryRow, _ b: QueryRow) -> Bool {
        for key in keys {
            let left = value(a, key), right = value(b, key)
            switch (left, right) {
            case (nil, nil): continue
            case (nil, _): return false
            case (_, nil): return true
            case let (l?, r?):
                if l == r { continue }
                return key.descending ? l > r : l < r
            }
        }
        if a.createdTime != b.createdTime { return a.createdTime < b.createdTime }
        if let x = a.createdSequence, let y = b.createdSequence, x != y { return x < y }
        return a.id < b.id
    }

    /// The rows in query order.
    func sorted(_ rows: [QueryRow]) -> [QueryRow] { rows.sorted(by: areInIncreasingOrder) }
}
