import Foundation
import NotionMarkdown
import NotionModel

/// A backup's databases and rows (response form) → what recreates them (request form), for
/// `restore`: a data source's property schema, and each row's property values.
///
/// The schema comes in two parts, because relations and rollups name other data sources that
/// may not exist yet: `base` creates the database, `linked` (relations to `restore-id:` data
/// sources, and the rollups over them) is added once every database of the restore exists.
/// Formulas keep their expression; one that references properties by id (`{{notion:…}}`) only
/// works when Notion accepts the recreated ids, so it is reported.
///
/// Values Notion computes (formula, rollup, created/edited time and person, unique id, button,
/// verification) cannot be written: the restored rows show Notion's new values, and the run
/// report names each such property once.
public struct RestoreProperties {
    /// The backup document being read, for warnings (set it per document: each property's
    /// warning is given once, for the first document that shows it).
    public var file: String
    /// A hosted file's stable id (its `url` in the backup) → the asset's path in the backup.
    public var asset: (String) -> String?
    public private(set) var warnings: [ImportWarning] = []
    private var reported: Set<String> = []
    /// The users of the workspace written to, when known: people values and mentions of anyone
    /// else are left out (people) or kept as text (mentions), with a warning.
    public var users: Set<String>?

    public init(file: String, asset: @escaping (String) -> String?) {
        self.file = file
        self.asset = asset
    }

    public static let computed: Set<String> = [
        "formula", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id", "button", "verification",
    ]

    // MARK: Schema

    public mutating func schema(_ properties: [String: JSONValue]) -> (base: [String: JSONValue], linked: [String: JSONValue]) {
        var base: [String: JSONValue] = [:]
        var linked: [String: JSONValue] = [:]
        for (name, definition) in properties.sorted(by: { $0.key < $1.key }) {
            guard let type = definition["type"]?.stringValue else { continue }
            let config = definition[type] ?? [:]
            var out: JSONValue
            switch type {
            case "title", "rich_text", "url", "people", "files", "email", "phone_number", "date", "checkbox", "created_by",
                 "created_time", "last_edited_by", "last_edited_time", "place":
                out = [:]
            case "number": out = ["format": config["format"] ?? "number"]
            case "select", "multi_select", "status":
                out = ["options": .array((config["options"]?.arrayValue ?? []).map { option in
                    var fields: [String: JSONValue] = ["name": option["name"] ?? "", "color": option["color"] ?? "default"]
                    if let description = option["description"], description != .null { fields["description"] = description }
                    return .object(fields)
                })]
                if type == "status" { warn(name, "status groups are Notion's defaults after a restore (the API cannot set them).") }
            case "formula":
                // References by property id become `prop("Name")`: the restored properties get new ids.
                let expression = SchemaYAML.readable(config["expression"]?.stringValue ?? "") { id in
                    let decoded = id.removingPercentEncoding ?? id
                    return properties.first { $0.value["id"]?.stringValue.map { $0 == id || $0.removingPercentEncoding == decoded } == true }?.key
                }
                out = ["expression": .string(expression)]
                if expression.contains("{{notion:") {
                    warn(name, "the formula refers to properties of another data source by id; check it after the restore.")
                }
            case "unique_id": out = ["prefix": config["prefix"] ?? .null]
            case "relation":
                guard let target = config["data_source_id"]?.stringValue else { continue }
                let kind = config["type"]?.stringValue ?? "single_property"
                // A dual relation names the property Notion adds on the other side.
                let synced = config["dual_property"]?["synced_property_name"]?.stringValue
                linked[name] = ["relation": .object([
                    "data_source_id": .string(RestoreDrafts.placeholderID + target), "type": .string(kind),
                    kind: kind == "dual_property" ? .object(synced.map { ["synced_property_name": .string($0)] } ?? [:]) : [:],
                ])]
                continue
            case "rollup":
                linked[name] = ["rollup": [
                    "relation_property_name": config["relation_property_name"] ?? "", "rollup_property_name": config["rollup_property_name"] ?? "",
                    "function": config["function"] ?? "show_original",
                ]]
                continue
            default:
                warn(name, "`\(type)` properties cannot be created through the API: left out.")
                continue
            }
            base[name] = .object([type: out])
        }
        return (base, linked)
    }

    // MARK: Values

    /// A row's property values → request form (computed ones left out).
    public mutating func values(_ properties: [String: JSONValue]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            guard let type = value["type"]?.stringValue else { continue }
            let payload = value[type] ?? .null
            switch type {
            case "title", "rich_text":
                var unknown: [String] = []
                out[name] = [type: RestoreDrafts.requestRichText(payload, users: users) { unknown.append($0) }]
                for person in unknown { warn(name, "\(person) is not a member of this workspace: the mention is kept as text.") }
            case "number", "checkbox", "url", "email", "phone_number", "date", "place": out[name] = [type: payload]
            case "select", "status": out[name] = [type: payload == .null ? .null : ["name": payload["name"] ?? ""]]
            case "multi_select": out[name] = [type: .array((payload.arrayValue ?? []).map { ["name": $0["name"] ?? ""] })]
            case "people":
                var people: [JSONValue] = []
                for person in payload.arrayValue ?? [] {
                    let id = person["id"]?.stringValue ?? ""
                    if users.map({ $0.contains(id) }) ?? true {
                        people.append(["id": .string(id)])
                    } else {
                        warn(name, "people who are not members of this workspace are left out (\(person["name"]?.stringValue ?? id)).")
                    }
                }
                out[name] = [type: .array(people)]
            case "relation":
                out[name] = [type: .array((payload.arrayValue ?? []).map { ["id": .string(RestoreDrafts.placeholderID + ($0["id"]?.stringValue ?? ""))] })]
                if value["has_more"] == .bool(true) {
                    warn(name, "the backup holds the first 25 related pages of a row; the rest are not restored.")
                }
            case "files":
                out[name] = [type: .array((payload.arrayValue ?? []).compactMap { item in
                    var entry: [String: JSONValue] = ["name": item["name"] ?? ""]
                    switch item["type"]?.stringValue {
                    case "external": entry["type"] = "external"; entry["external"] = ["url": item["external"]?["url"] ?? ""]
                    case "file":
                        guard let url = item["file"]?["url"]?.stringValue, let path = asset(url) else {
                            warn(name, "a file the backup has no copy of is left out.")
                            return nil
                        }
                        entry["type"] = "file_upload"
                        entry["file_upload"] = ["id": .string("local-file:" + path)]
                    default: return nil
                    }
                    return .object(entry)
                })]
            default:
                if Self.computed.contains(type) {
                    warn(name, "Notion computes `\(type)` values: the restored rows show new ones.")
                } else {
                    warn(name, "`\(type)` values cannot be written through the API: left out.")
                }
            }
        }
        return out
    }

    /// One warning per property and message, however many rows share it.
    private mutating func warn(_ property: String, _ message: String) {
        guard reported.insert(property + "\u{0}" + message).inserted else { return }
        warnings.append(ImportWarning(file: file, construct: "property \"\(property)\"", message: message))
    }
}
