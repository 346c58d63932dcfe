import Foundation
import NotionModel

/// A data source row as the query functions see it.
struct QueryRow: Sendable {
    var id: NotionID
    /// The page's `properties` map in stored shape (keyed by property name).
    var properties: JSONValue
    var createdTime: Date
    var lastEditedTime: Date
    /// For a row created through the API: its place in creation order. Timestamps have minute
    /// precision, so rows created in the same minute are ordered by when they were created.
    var createdSequence: Int?
    init(id: NotionID, properties: JSONValue, createdTime: Date, lastEditedTime: Date, createdSequence: Int? = nil) {
        self.id = id
        self.createdSequence = createdSequence
        self.properties = properties
        self.createdTime = createdTime
        self.lastEditedTime = lastEditedTime
    }
}

/// A validated query `filter`, evaluated against rows. Properties are referenced by name or id and
/// resolved against the data source schema at validation time.
struct QueryFilter: Sendable {
    indirect enum Node: Sendable {
        case and([Node])
        case or([Node])
        /// `propertyName` is the schema key; `kind` the filter type (`rich_text`, `number`, …).
        case property(propertyName: String, kind: String, condition: Condition)
        case timestamp(String, Condition)
    }

    /// One operator and its operand.
    struct Condition: Sendable {
        var op: String
        var operand: JSONValue
        /// For formula/rollup: the nested type and condition.
        var nested: [(kind: String, condition: Condition)] = []
    }

    let root: Node

    static let textOps = ["equals", "does_not_equal", "contains", "does_not_contain", "starts_with", "ends_with", "is_empty", "is_not_empty"]
    static let numberOps = ["equals", "does_not_equal", "greater_than", "less_than", "greater_than_or_equal_to", "less_than_or_equal_to", "is_empty", "is_not_empty"]
    static let dateOps = ["equals", "before", "after", "on_or_before", "on_or_after", "this_week", "past_week", "past_month",
                          "past_year", "next_week", "next_month", "next_year", "is_empty", "is_not_empty"]
    static let relativeDates = ["today", "tomorrow", "yesterday", "one_week_ago", "one_week_from_now", "one_month_ago", "one_month_from_now"]
    static let textKinds: Set<String> = ["title", "rich_text", "url", "email", "phone_number"]
    static let filterKinds = ["title", "rich_text", "url", "email", "phone_number", "number", "checkbox", "select",
                              "multi_select", "status", "date", "created_time", "last_edited_time", "people", "created_by",
                              "last_edited_by", "relation", "files", "formula", "rollup", "unique_id", "verification"]

    /// Validates `filter` (the value of the body's `filter` key) against `schema` (the data source
    /// `properties` map).
    init(json: JSONValue, schema: JSONValue, path: String = "body.filter") throws(ValidationFailure) {
        root = try Self.node(json, schema: schema.objectValue ?? [:], path: path, depth: 0)
    }

    static func node(_ value: JSONValue, schema: [String: JSONValue], path: String, depth: Int) throws(ValidationFailure) -> Node {
        let object = try Validation.object(value, path)
        for compound in ["and", "or"] {
            guard let raw = object[compound] else { continue }
            try Validation.onlyKeys(object, [compound], path)
            // Compound filters nest two levels: a compound inside a compound, no deeper.
            if depth >= 2 { throw Validation.notPresent("\(path).\(compound)", raw) }
            let items = try Validation.array(raw, "\(path).\(compound)")
            try Validation.maxCount(items, Limits.arrayElements, "\(path).\(compound)")
            var nodes: [Node] = []
            for (index, item) in items.enumerated() {
                nodes.append(try node(item, schema: schema, path: "\(path).\(compound)[\(index)]", depth: depth + 1))
            }
            return compound == "and" ? .and(nodes) : .or(nodes)
        }
        if let timestamp = object["timestamp"] {
            let kind = try Validation.enumValue(timestamp, path + ".timestamp", ["created_time", "last_edited_time"])
            try Validation.onlyKeys(object, ["timestamp", "type", kind], path)
            return .timestamp(kind, try condition(object[kind], kind: "date", path: "\(path).\(kind)"))
        }
        guard let rawProperty = object["property"] else {
            throw Validation.unionFailure([
                Validation.sentence(path + ".property", "defined", nil), Validation.sentence(path + ".timestamp", "defined", nil),
                Validation.sentence(path + ".or", "defined", nil), Validation.sentence(path + ".and", "defined", nil),
            ])
        }
        let key = try Validation.string(rawProperty, path + ".property")
        let kinds = filterKinds.filter { object[$0] != nil }
        guard let kind = kinds.first else {
            throw Validation.unionFailure(filterKinds.map { Validation.sentence("\(path).\($0)", "defined", nil) })
        }
        try Validation.onlyKeys(object, ["property", "type", kind], path)
        guard let (name, definition) = resolve(key, schema: schema) else {
            throw ValidationFailure("Could not find property with name or id: \(key)")
        }
        let propertyType = definition["type"]?.stringValue ?? ""
        let compatible = propertyType == kind
            || (textKinds.contains(propertyType) && textKinds.contains(kind))
            || (kind == "number" && propertyType == "unique_id")
        if !compatible {
            throw ValidationFailure("database property \(propertyType) does not match filter \(kind)")
        }
        return .property(propertyName: name, kind: propertyType, condition: try condition(object[kind], kind: kind, path: "\(path).\(kind)"))
    }

    /// Finds a schema property by name, then by id (raw or URL-decoded): how Notion reads property
    /// keys in filters, sorts and page properties alike.
    static func resolve(_ key: String, schema: [String: JSONValue]) -> (name: String, definition: JSONValue)? {
        if let definition = schema[key] { return (key, definition) }
        let decoded = key.removingPercentEncoding ?? key
        for (name, definition) in schema {
            guard let id = definition["id"]?.stringValue else { continue }
            if id == key || (id.removingPercentEncoding ?? id) == decoded { return (name, definition) }
        }
        return nil
    }

    static func condition(_ value: JSONValue?, kind: String, path: String) throws(ValidationFailure) -> Condition {
        let object = try Validation.object(value, path)
        let ops: [String]
        switch kind {
        case _ where textKinds.contains(kind): ops = textOps
        case "number", "unique_id": ops = numberOps
        case "checkbox": ops = ["equals", "does_not_equal"]
        case "select", "status": ops = ["equals", "does_not_equal", "is_empty", "is_not_empty"]
        case "multi_select", "people", "created_by", "last_edited_by", "relation":
            ops = ["contains", "does_not_contain", "is_empty", "is_not_empty"]
        case "date", "created_time", "last_edited_time": ops = dateOps
        case "files": ops = ["is_empty", "is_not_empty"]
        case "verification": ops = ["status"]
        case "formula":
            let nestedKinds = ["string", "checkbox", "number", "date"]
            guard let nestedKind = nestedKinds.first(where: { object[$0] != nil }) else {
                throw Validation.unionFailure(nestedKinds.map { Validation.sentence("\(path).\($0)", "defined", nil) })
            }
            try Validation.onlyKeys(object, [nestedKind], path)
            let inner = try condition(object[nestedKind], kind: nestedKind == "string" ? "rich_text" : nestedKind, path: "\(path).\(nestedKind)")
            return Condition(op: "formula", operand: .string(nestedKind), nested: [(nestedKind, inner)])
        case "rollup":
            for op in ["any", "every", "none"] {
                guard let raw = object[op] else { continue }
                try Validation.onlyKeys(object, [op], path)
                let inner = try Validation.object(raw, "\(path).\(op)")
                guard let innerKind = filterKinds.first(where: { inner[$0] != nil }) else {
                    throw Validation.undefined("\(path).\(op).rich_text")
                }
                try Validation.onlyKeys(inner, [innerKind], "\(path).\(op)")
                let c = try condition(inner[innerKind], kind: innerKind, path: "\(path).\(op).\(innerKind)")
                return Condition(op: op, operand: .string(innerKind), nested: [(innerKind, c)])
            }
            for scalar in ["number", "date"] where object[scalar] != nil {
                try Validation.onlyKeys(object, [scalar], path)
                let c = try condition(object[scalar], kind: scalar, path: "\(path).\(scalar)")
                return Condition(op: scalar, operand: .string(scalar), nested: [(scalar, c)])
            }
            throw Validation.unionFailure(["any", "every", "none", "number", "date"].map { Validation.sentence("\(path).\($0)", "defined", nil) })
        default: ops = []
        }
        let present = ops.filter { object[$0] != nil }
        guard let op = present.first else {
            throw Validation.unionFailure(ops.map { Validation.sentence("\(path).\($0)", "defined", nil) })
        }
        try Validation.onlyKeys(object, [op], path)
        let operand = object[op]!
        let p = "\(path).\(op)"
        switch op {
        case "is_empty", "is_not_empty":
            if operand != .bool(true) { throw Validation.failure(p, "`true`", operand) }
        case "this_week", "past_week", "past_month", "past_year", "next_week", "next_month", "next_year":
            if operand != .object([:]) { throw Validation.failure(p, "an object", operand) }
        case "status":
            _ = try Validation.enumValue(operand, p, ["verified", "expired", "none"])
        default:
            switch kind {
            case _ where textKinds.contains(kind): _ = try Validation.string(operand, p)
            case "number", "unique_id": _ = try Validation.number(operand, p)
            case "checkbox": _ = try Validation.bool(operand, p)
            case "select", "status", "multi_select":
                if case .array(let items) = operand {
                    for (index, item) in items.enumerated() { _ = try Validation.string(item, "\(p)[\(index)]") }
                } else {
                    _ = try Validation.string(operand, p)
                }
            case "people", "created_by", "last_edited_by":
                let string = try Validation.string(operand, p)
                if string != "me", NotionID(string) == nil { throw Validation.failure(p, "a valid uuid", operand) }
            case "relation": _ = try Validation.uuid(operand, p)
            case "date", "created_time", "last_edited_time":
                let string = try Validation.string(operand, p)
                if !relativeDates.contains(string), ISODate.parse(string) == nil {
                    throw Validation.failure(p, "a valid ISO 8601 date", operand)
                }
            default: break
            }
        }
        return Condition(op: op, operand: operand)
    }

    // MARK: Evaluation

    /// True when `row` passes the filter. `now` anchors relative dates; `me` is the user `"me"` means.
    func matches(_ row: QueryRow, now: Date, me: NotionID? = nil) -> Bool {
        Self.evaluate(root, row: row, context: Context(now: now, me: me))
    }

    struct Context {
        var now: Date
        var me: NotionID?
        var calendar: Calendar {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0)!
            return calendar
        }
    }

    static func evaluate(_ node: Node, row: QueryRow, context: Context) -> Bool {
        switch node {
        case .and(let nodes): return nodes.allSatisfy { evaluate($0, row: row, context: context) }
        case .or(let nodes): return nodes.contains { evaluate($0, row: row, context: context) }
        case .timestamp(let kind, let condition):
            let date = kind == "created_time" ? row.createdTime : row.lastEditedTime
            return dateMatches(date, dateOnly: false, condition, context: context)
        case .property(let name, let kind, let condition):
            let entry = row.properties[name] ?? .null
            return valueMatches(entry[kind] ?? .null, kind: kind, condition, context: context)
        }
    }

    static func valueMatches(_ value: JSONValue, kind: String, _ c: Condition, context: Context) -> Bool {
        switch kind {
        case "title", "rich_text":
            return textMatches(value.plainText, c)
        case "url", "email", "phone_number":
            return textMatches(value.stringValue ?? "", c)
        case "number":
            return numberMatches(value.doubleValue, c)
        case "unique_id":
            return numberMatches(value["number"]?.doubleValue, c)
        case "checkbox":
            let flag = value.boolValue ?? false
            let operand = c.operand.boolValue ?? false
            return c.op == "equals" ? flag == operand : flag != operand
        case "select", "status":
            let name = value["name"]?.stringValue
            switch c.op {
            case "is_empty": return name == nil
            case "is_not_empty": return name != nil
            default:
                let wanted = strings(c.operand)
                let hit = name.map { wanted.contains($0) } ?? false
                return c.op == "equals" ? hit : !hit
            }
        case "multi_select":
            return listMatches((value.arrayValue ?? []).compactMap { $0["name"]?.stringValue }, c, context: context)
        case "people":
            return listMatches((value.arrayValue ?? []).compactMap { $0["id"]?.stringValue }, c, context: context)
        case "created_by", "last_edited_by":
            return listMatches([value["id"]?.stringValue].compactMap { $0 }, c, context: context)
        case "relation":
            return listMatches((value.arrayValue ?? []).compactMap { $0["id"]?.stringValue }, c, context: context)
        case "files":
            let empty = (value.arrayValue ?? []).isEmpty
            return c.op == "is_empty" ? empty : !empty
        case "date":
            guard let start = value["start"]?.stringValue, let date = ISODate.parse(start) else {
                return c.op == "is_empty" || c.op.hasPrefix("does_not")
            }
            return dateMatches(date, dateOnly: ISODate.isDateOnly(start), c, context: context)
        case "created_time", "last_edited_time":
            guard let string = value.stringValue, let date = ISODate.parse(string) else { return c.op == "is_empty" }
            return dateMatches(date, dateOnly: false, c, context: context)
        case "verification":
            let state = value["state"]?.stringValue ?? "unverified"
            let wanted = c.operand.stringValue ?? ""
            return wanted == (state == "unverified" ? "none" : state)
        case "formula":
            guard let (nestedKind, inner) = c.nested.first else { return false }
            let result = value[nestedKind] ?? .null
            switch nestedKind {
            case "string": return textMatches(result.stringValue ?? "", inner)
            case "number": return numberMatches(result.doubleValue, inner)
            case "checkbox": return valueMatches(result, kind: "checkbox", inner, context: context)
            default: return valueMatches(result, kind: "date", inner, context: context)
            }
        case "rollup":
            guard let (innerKind, inner) = c.nested.first else { return false }
            switch c.op {
            case "number": return numberMatches(value["number"]?.doubleValue, inner)
            case "date": return valueMatches(value["date"] ?? .null, kind: "date", inner, context: context)
            default:
                let items = value["array"]?.arrayValue ?? []
                let results = items.map { item in valueMatches(item[innerKind] ?? .null, kind: innerKind, inner, context: context) }
                switch c.op {
                case "any": return results.contains(true)
                case "every": return results.allSatisfy { $0 }
                default: return !results.contains(true)
                }
            }
        default:
            return false
        }
    }

    static func strings(_ value: JSONValue) -> [String] {
        if let items = value.arrayValue { return items.compactMap(\.stringValue) }
        return value.stringValue.map { [$0] } ?? []
    }

    static func textMatches(_ text: String, _ c: Condition) -> Bool {
        let operand = c.operand.stringValue ?? ""
        let lower = text.lowercased(), needle = operand.lowercased()
        switch c.op {
        case "equals": return text == operand
        case "does_not_equal": return text != operand
        case "contains": return lower.contains(needle)
        case "does_not_contain": return !lower.contains(needle)
        case "starts_with": return lower.hasPrefix(needle)
        case "ends_with": return lower.hasSuffix(needle)
        case "is_empty": return text.isEmpty
        default: return !text.isEmpty
        }
    }

    static func numberMatches(_ number: Double?, _ c: Condition) -> Bool {
        if c.op == "is_empty" { return number == nil }
        if c.op == "is_not_empty" { return number != nil }
        guard let operand = c.operand.doubleValue else { return false }
        guard let number else { return c.op == "does_not_equal" }
        switch c.op {
        case "equals": return number == operand
        case "does_not_equal": return number != operand
        case "greater_than": return number > operand
        case "less_than": return number < operand
        case "greater_than_or_equal_to": return number >= operand
        default: return number <= operand
        }
    }

    static func listMatches(_ items: [String], _ c: Condition, context: Context) -> Bool {
        switch c.op {
        case "is_empty": return items.isEmpty
        case "is_not_empty": return !items.isEmpty
        default:
            var wanted = strings(c.operand)
            if let me = context.me { wanted = wanted.map { $0 == "me" ? me.rawValue : $0 } }
            wanted = wanted.map { NotionID($0)?.rawValue ?? $0 }
            let normalized = items.map { NotionID($0)?.rawValue ?? $0 }
            let hit = wanted.contains { normalized.contains($0) }
            return c.op == "contains" ? hit : !hit
        }
    }

    /// Date comparisons. A date-only operand (or relative day) compares whole UTC days; a datetime
    /// operand compares instants (to the millisecond).
    static func dateMatches(_ date: Date, dateOnly: Bool, _ c: Condition, context: Context) -> Bool {
        let calendar = context.calendar
        let now = context.now
        func days(_ n: Int, from: Date) -> Date { calendar.date(byAdding: .day, value: n, to: from)! }
        func months(_ n: Int, from: Date) -> Date { calendar.date(byAdding: .month, value: n, to: from)! }
        func years(_ n: Int, from: Date) -> Date { calendar.date(byAdding: .year, value: n, to: from)! }
        switch c.op {
        case "is_empty": return false
        case "is_not_empty": return true
        case "past_week": return date >= days(-7, from: now) && date <= now
        case "past_month": return date >= months(-1, from: now) && date <= now
        case "past_year": return date >= years(-1, from: now) && date <= now
        case "next_week": return date >= now && date <= days(7, from: now)
        case "next_month": return date >= now && date <= months(1, from: now)
        case "next_year": return date >= now && date <= years(1, from: now)
        case "this_week":
            guard let week = calendar.dateInterval(of: .weekOfYear, for: now) else { return false }
            return date >= week.start && date < week.end
        default: break
        }
        let string = c.operand.stringValue ?? ""
        let operandDate: Date
        var operandIsDay = ISODate.isDateOnly(string)
        let today = calendar.startOfDay(for: now)
        switch string {
        case "today": operandDate = today; operandIsDay = true
        case "tomorrow": operandDate = days(1, from: today); operandIsDay = true
        case "yesterday": operandDate = days(-1, from: today); operandIsDay = true
        case "one_week_ago": operandDate = days(-7, from: today); operandIsDay = true
        case "one_week_from_now": operandDate = days(7, from: today); operandIsDay = true
        case "one_month_ago": operandDate = months(-1, from: today); operandIsDay = true
        case "one_month_from_now": operandDate = months(1, from: today); operandIsDay = true
        default:
            guard let parsed = ISODate.parse(string) else { return false }
            operandDate = parsed
        }
        let lhs: Date, rhs: Date
        if operandIsDay || dateOnly {
            lhs = calendar.startOfDay(for: date)
            rhs = calendar.startOfDay(for: operandDate)
        } else {
            lhs = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
            rhs = Date(timeIntervalSince1970: (operandDate.timeIntervalSince1970 * 1000).rounded() / 1000)
        }
        switch c.op {
        case "equals": return lhs == rhs
        case "before": return lhs < rhs
        case "after": return lhs > rhs
        case "on_or_before": return lhs <= rhs
        default: return lhs >= rhs
        }
    }
}
