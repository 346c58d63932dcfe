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
                out = ["expression": config["expression"] ?? ""]
                if config["expression"]?.stringValue?.contains("{{notion:") == true {
                    warn(name, "the formula refers to properties by id; check it after the restore.")
                }
            case "unique_id": out = ["prefix": config["prefix"] ?? .null]
            case "relation":
                guard let target = config["data_source_id"]?.stringValue else { continue }
                let kind = config["type"]?.stringValue ?? "single_property"
                linked[name] = ["relation": .object([
                    "data_source_id": .string(RestoreDrafts.placeholderID + target), "type": .string(kind), kind: [:],
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
            case "title", "rich_text": out[name] = [type: RestoreDrafts.requestRichText(payload)]
            case "number", "checkbox", "url", "email", "phone_number", "date", "place": out[name] = [type: payload]
            case "select", "status": out[name] = [type: payload == .null ? .null : ["name": payload["name"] ?? ""]]
            case "multi_select": out[name] = [type: .array((payload.arrayValue ?? []).map { ["name": $0["name"] ?? ""] })]
            case "people": out[name] = [type: .array((payload.arrayValue ?? []).map { ["id": $0["id"] ?? ""] })]
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
