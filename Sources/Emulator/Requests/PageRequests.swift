import Foundation
import NotionAPI
import NotionModel

/// A page's parent as named in a create request.
enum PageParent: Hashable, Sendable {
    case page(NotionID)
    case database(NotionID)
    case dataSource(NotionID)
    case block(NotionID)
    case workspace
}

/// A select/multi_select/status option a request named that the schema does not have yet; the store
/// adds it to the data source's schema.
struct NewSelectOption: Hashable, Sendable {
    /// Name of the schema property (the data source `properties` key).
    var propertyName: String
    /// The option in schema shape: `{"id","name","color","description":null}`.
    var option: JSONValue
}

/// A validated `POST /v1/pages`.
struct PageCreate: Hashable, Sendable {
    var parent: PageParent
    /// Property values in stored shape, keyed by property name: `{"id","type","<type>":value}`.
    var properties: [String: JSONValue]
    var newOptions: [NewSelectOption]
    var icon: JSONValue
    var cover: JSONValue
    var children: [NewBlock]
    /// `markdown` content when the request used it instead of `children` (handled by the handler, if at all).
    var markdown: String?
    var attachedUploads: [NotionID]
    /// Where a page created under a page goes among its siblings (`position`; the end by default).
    var position: AppendPosition = .end
}

/// A validated `PATCH /v1/pages/{id}`. Nil members are unchanged; `icon`/`cover` of `.some(.null)` clear.
struct PageUpdate: Hashable, Sendable {
    var properties: [String: JSONValue]
    var newOptions: [NewSelectOption]
    var icon: JSONValue?
    var cover: JSONValue?
    var inTrash: Bool?
    var isLocked: Bool?
    var eraseContent: Bool
    var attachedUploads: [NotionID]
}

/// Page requests. `schema` is the data source's `properties` map (`{name: {"id","name","type",…}}`);
/// pass nil for pages whose parent is a page, block or the workspace (they have only `title`).
enum PageRequests {
    /// Reads `body.parent` so the handler can find the schema before calling `create`.
    /// `POST /v1/pages/{page_id}/move`: body `{"parent": {"type"?: "page_id", "page_id"} |
    /// {"type"?: "data_source_id", "data_source_id"}}` (recorded in test_move_pages.yaml without `type`).
    /// Returns `.page` or `.dataSource`.
    static func move(body: JSONValue, version: NotionVersion) throws(ValidationFailure) -> PageParent {
        let object = try Validation.object(body, "body")
        try Validation.onlyKeys(object, ["parent"], "body")
        let path = "body.parent"
        let parent = try Validation.object(object["parent"], path)
        let kind = try FileNormalizer.unionKind(parent, kinds: ["page_id", "data_source_id"], path: path)
        try Validation.onlyKeys(parent, ["type", kind], path)
        let id = try Validation.uuid(parent[kind], "\(path).\(kind)")
        return kind == "page_id" ? .page(id) : .dataSource(id)
    }

    static func parent(body: JSONValue, version: NotionVersion) throws(ValidationFailure) -> PageParent {
        let object = try Validation.object(body, "body")
        let path = "body.parent"
        let parent = try Validation.object(object["parent"], path)
        var kinds = ["page_id", "database_id"]
        if version.hasDataSources { kinds.append("data_source_id") }
        kinds += ["workspace", "block_id"]
        let kind: String
        if let declared = parent["type"] {
            kind = try Validation.enumValue(declared, path + ".type", kinds)
            if parent[kind] == nil { throw Validation.undefined("\(path).\(kind)") }
        } else if let found = kinds.first(where: { parent[$0] != nil }) {
            kind = found
        } else {
            throw Validation.unionFailure(kinds.map { Validation.sentence("\(path).\($0)", "defined", nil) })
        }
        // A data source parent echoed from a response also names its database.
        var allowed: Set<String> = ["type", kind]
        if kind == "data_source_id" { allowed.insert("database_id") }
        try Validation.onlyKeys(parent, allowed, path)
        switch kind {
        case "page_id": return .page(try Validation.uuid(parent[kind], path + ".page_id"))
        case "database_id": return .database(try Validation.uuid(parent[kind], path + ".database_id"))
        case "data_source_id": return .dataSource(try Validation.uuid(parent[kind], path + ".data_source_id"))
        case "block_id": return .block(try Validation.uuid(parent[kind], path + ".block_id"))
        default:
            if parent["workspace"] != .bool(true) { throw Validation.failure(path + ".workspace", "`true`", parent["workspace"]) }
            return .workspace
        }
    }

    /// The schema of a page that is not in a data source.
    static let titleOnlySchema: JSONValue = ["title": ["id": "title", "name": "title", "type": "title", "title": [:]]]

    static func create(
        body: JSONValue, version: NotionVersion, schema: JSONValue?, lookup: any WorkspaceLookup
    ) throws(ValidationFailure) -> PageCreate {
        let object = try Validation.object(body, "body")
        try Validation.onlyKeys(object, ["parent", "properties", "icon", "cover", "children", "markdown", "content", "template", "position"], "body")
        let parent = try parent(body: body, version: version)
        if let children = object["children"], let markdown = object["markdown"] {
            _ = children
            throw Validation.notPresent("body.markdown", markdown)
        }
        var files = FileNormalizer(lookup: lookup)
        var coercer = PropertyCoercer(schema: schema ?? titleOnlySchema, lookup: lookup, files: files)
        let properties = try coercer.values(object["properties"], path: "body.properties")
        files = coercer.files
        let icon = try object["icon"].map { (v) throws(ValidationFailure) in try files.icon(v, path: "body.icon") } ?? .null
        let cover = try object["cover"].map { (v) throws(ValidationFailure) in try files.cover(v, path: "body.cover") } ?? .null
        var children: [NewBlock] = []
        var uploads = files.attachedUploads
        if let rawChildren = object["children"] ?? object["content"] {
            let path = object["children"] != nil ? "body.children" : "body.content"
            let result = try BlockRequests.children(rawChildren, path: path, version: version, lookup: lookup)
            children = result.blocks
            uploads += result.uploads.filter { !uploads.contains($0) }
        }
        var markdown: String?
        if let raw = object["markdown"] { markdown = try Validation.string(raw, "body.markdown") }
        var create = PageCreate(parent: parent, properties: properties, newOptions: coercer.newOptions, icon: icon, cover: cover,
                                children: children, markdown: markdown, attachedUploads: uploads)
        if let raw = object["position"] { create.position = try position(raw) }
        return create
    }

    /// `{"type":"after_block","after_block":{"id"}}`, `{"type":"page_start"}` or `{"type":"page_end"}`.
    static func position(_ value: JSONValue) throws(ValidationFailure) -> AppendPosition {
        let path = "body.position"
        let object = try Validation.object(value, path)
        switch try Validation.enumValue(object["type"], path + ".type", ["after_block", "page_start", "page_end"]) {
        case "page_start":
            try Validation.onlyKeys(object, ["type", "page_start"], path)
            return .start
        case "page_end":
            try Validation.onlyKeys(object, ["type", "page_end"], path)
            return .end
        default:
            return try BlockRequests.afterBlock(object, path: path)
        }
    }

    static func update(
        body: JSONValue, version: NotionVersion, schema: JSONValue?, lookup: any WorkspaceLookup
    ) throws(ValidationFailure) -> PageUpdate {
        let object = try Validation.object(body, "body")
        var allowed: Set<String> = ["properties", "icon", "cover", "in_trash", "is_archived", "is_locked", "template", "erase_content"]
        if version < .v2026_03_11 { allowed.insert("archived") }
        try Validation.onlyKeys(object, allowed, "body")
        var coercer = PropertyCoercer(schema: schema ?? titleOnlySchema, lookup: lookup, files: FileNormalizer(lookup: lookup))
        var properties: [String: JSONValue] = [:]
        if let raw = object["properties"] { properties = try coercer.values(raw, path: "body.properties") }
        var files = coercer.files
        let icon = try object["icon"].map { (v) throws(ValidationFailure) in try files.icon(v, path: "body.icon") }
        let cover = try object["cover"].map { (v) throws(ValidationFailure) in try files.cover(v, path: "body.cover") }
        var inTrash: Bool?
        for key in ["in_trash", "archived", "is_archived"] where inTrash == nil {
            if let value = object[key] { inTrash = try Validation.bool(value, "body.\(key)") }
        }
        let isLocked = try object["is_locked"].map { (v) throws(ValidationFailure) in try Validation.bool(v, "body.is_locked") }
        let erase = try object["erase_content"].map { (v) throws(ValidationFailure) in try Validation.bool(v, "body.erase_content") } ?? false
        return PageUpdate(properties: properties, newOptions: coercer.newOptions, icon: icon, cover: cover, inTrash: inTrash,
                          isLocked: isLocked, eraseContent: erase, attachedUploads: files.attachedUploads)
    }
}

/// Coerces request property values to a data source schema.
struct PropertyCoercer {
    let schema: [String: JSONValue]
    let lookup: any WorkspaceLookup
    var files: FileNormalizer
    var newOptions: [NewSelectOption] = []

    init(schema: JSONValue, lookup: any WorkspaceLookup, files: FileNormalizer) {
        self.schema = schema.objectValue ?? [:]
        self.lookup = lookup
        self.files = files
    }

    static let writableTypes: Set<String> = [
        "title", "rich_text", "number", "url", "select", "multi_select", "people", "email", "phone_number", "date",
        "checkbox", "relation", "files", "status", "place", "verification",
    ]

    func property(_ key: String) -> (name: String, definition: JSONValue)? {
        QueryFilter.resolve(key, schema: schema)
    }

    mutating func values(_ value: JSONValue?, path: String) throws(ValidationFailure) -> [String: JSONValue] {
        let object = try Validation.object(value, path)
        var out: [String: JSONValue] = [:]
        for key in object.keys.sorted() {
            guard let (name, definition) = property(key) else {
                throw ValidationFailure("\(key) is not a property that exists.")
            }
            let type = definition["type"]?.stringValue ?? ""
            let id = definition["id"]?.stringValue ?? key
            let stored = try self.value(object[key]!, type: type, name: name, definition: definition, path: "\(path).\(key)")
            var entry: JSONValue = ["id": .string(id), "type": .string(type), type: stored]
            if type == "relation" { entry["has_more"] = false }
            out[name] = entry
        }
        return out
    }

    mutating func value(
        _ raw: JSONValue, type: String, name: String, definition: JSONValue, path: String
    ) throws(ValidationFailure) -> JSONValue {
        // Shorthand: a bare array for title/rich_text; otherwise `{"<type>": value}` with an optional `type`.
        var value: JSONValue
        var p = path
        if case .array = raw, type == "title" || type == "rich_text" {
            value = raw
        } else {
            let object = try Validation.object(raw, path)
            if let declared = object["type"], declared.stringValue != type {
                throw ValidationFailure("\(name) is expected to be \(type).")
            }
            guard let inner = object[type] else {
                if object.keys.contains(where: { $0 != "type" && $0 != "id" }) {
                    throw ValidationFailure("\(name) is expected to be \(type).")
                }
                throw Validation.undefined("\(path).\(type)")
            }
            try Validation.onlyKeys(object, ["type", "id", type], path)
            value = inner
            p = "\(path).\(type)"
        }
        guard Self.writableTypes.contains(type) else { throw Validation.notPresent(p, value) }
        switch type {
        case "title", "rich_text":
            return try RichTextRequests.normalize(value, path: p, lookup: lookup)
        case "number":
            if value == .null { return .null }
            _ = try Validation.number(value, p)
            return value
        case "checkbox":
            return .bool(try Validation.bool(value, p))
        case "url", "email", "phone_number":
            if value == .null { return .null }
            let string = try Validation.nonEmptyString(value, p)
            let max = type == "url" ? Limits.url : type == "email" ? Limits.email : Limits.phoneNumber
            try Validation.maxLength(string, max, p)
            return .string(string)
        case "date":
            if value == .null { return .null }
            return try DateValue.normalize(value, path: p)
        case "select", "status":
            if value == .null { return .null }
            return try option(value, name: name, definition: definition, type: type, path: p)
        case "multi_select":
            let items = try Validation.array(value, p)
            try Validation.maxCount(items, Limits.multiSelectOptions, p)
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() {
                let option = try option(item, name: name, definition: definition, type: type, path: "\(p)[\(index)]")
                if !out.contains(option) { out.append(option) }
            }
            return .array(out)
        case "people":
            let items = try Validation.array(value, p)
            try Validation.maxCount(items, Limits.people, p)
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() {
                let object = try Validation.object(item, "\(p)[\(index)]")
                let id = try Validation.uuid(object["id"], "\(p)[\(index)].id")
                out.append(lookup.user(id) ?? ["object": "user", "id": .string(id.rawValue)])
            }
            return .array(out)
        case "relation":
            let items = try Validation.array(value, p)
            try Validation.maxCount(items, Limits.relations, p)
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() {
                let object = try Validation.object(item, "\(p)[\(index)]")
                try Validation.onlyKeys(object, ["id"], "\(p)[\(index)]")
                let id = try Validation.uuid(object["id"], "\(p)[\(index)].id")
                let entry: JSONValue = ["id": .string(id.rawValue)]
                if !out.contains(entry) { out.append(entry) }
            }
            return .array(out)
        case "files":
            let items = try Validation.array(value, p)
            try Validation.maxCount(items, Limits.arrayElements, p)
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() {
                let ip = "\(p)[\(index)]"
                let object = try Validation.object(item, ip)
                try Validation.onlyKeys(object, ["name", "type", "external", "file_upload"], ip)
                let media = try files.media(object, path: ip)
                var entry = media.fields
                if let name = object["name"] {
                    let string = try Validation.nonEmptyString(name, ip + ".name")
                    try Validation.maxLength(string, 100, ip + ".name")
                    entry["name"] = .string(string)
                } else {
                    entry["name"] = .string(media.filename)
                }
                out.append(.object(entry))
            }
            return .array(out)
        case "place":
            if value == .null { return .null }
            let object = try Validation.object(value, p)
            try Validation.onlyKeys(object, ["lat", "lon", "name", "address", "aws_place_id", "google_place_id"], p)
            _ = try Validation.number(object["lat"], p + ".lat")
            _ = try Validation.number(object["lon"], p + ".lon")
            return value
        default: // verification
            let object = try Validation.object(value, p)
            try Validation.onlyKeys(object, ["state", "date"], p)
            let state = try Validation.enumValue(object["state"], p + ".state", ["verified", "unverified"])
            if state == "unverified" { return ["state": "unverified", "date": nil, "verified_by": nil] }
            let date = try object["date"].map { (d) throws(ValidationFailure) in try DateValue.normalize(d, path: p + ".date") } ?? .null
            return ["state": "verified", "date": date, "verified_by": nil]
        }
    }

    /// An option by `id` or `name`; an unknown name becomes a new option (reported in `newOptions`).
    mutating func option(
        _ value: JSONValue, name: String, definition: JSONValue, type: String, path: String
    ) throws(ValidationFailure) -> JSONValue {
        let object = try Validation.object(value, path)
        try Validation.onlyKeys(object, ["id", "name", "color"], path)
        var options = definition[type]?["options"]?.arrayValue ?? []
        options += newOptions.filter { $0.propertyName == name }.map(\.option)
        func shape(_ option: JSONValue) -> JSONValue {
            ["id": option["id"] ?? .null, "name": option["name"] ?? .null, "color": option["color"] ?? "default"]
        }
        if let rawID = object["id"] {
            let id = try Validation.string(rawID, path + ".id")
            guard let found = options.first(where: { $0["id"]?.stringValue == id }) else {
                throw ValidationFailure("Invalid select option id: \(id).")
            }
            return shape(found)
        }
        let optionName = try Validation.nonEmptyString(object["name"], path + ".name")
        try Validation.maxLength(optionName, 100, path + ".name")
        if type != "status", optionName.contains(",") {
            throw ValidationFailure("Invalid select option, commas not allowed: \(optionName)")
        }
        if let found = options.first(where: { $0["name"]?.stringValue == optionName }) { return shape(found) }
        if type == "status" {
            throw ValidationFailure("Invalid status option. Status option \"\(optionName)\" does not exist\".")
        }
        var color: JSONValue = "default"
        if let given = object["color"] {
            color = .string(try Validation.enumValue(given, path + ".color", SchemaNormalizer.optionColors))
        }
        let existingIDs = Set(options.compactMap { $0["id"]?.stringValue })
        let option: JSONValue = [
            "id": .string(PropertyIDs.make(seed: name + "\u{0}" + optionName, existing: existingIDs)),
            "name": .string(optionName), "color": color, "description": nil,
        ]
        newOptions.append(NewSelectOption(propertyName: name, option: option))
        return shape(option)
    }
}

/// Deterministic short ids for new schema properties and select options (Notion's look like `%5Ckxk`).
enum PropertyIDs {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    static func make(seed: String, existing: Set<String>) -> String {
        var salt: UInt64 = 0
        while true {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ salt
            for byte in seed.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var id = ""
            for _ in 0..<4 {
                id.append(alphabet[Int(hash % UInt64(alphabet.count))])
                hash /= UInt64(alphabet.count)
            }
            if !existing.contains(id) && id != "title" { return id }
            salt &+= 1
        }
    }
}
