import Foundation
import NotionAPI
import NotionModel

/// Validation of data source property schemas (`{name: config}` maps) into stored shape
/// `{name: {"id","name","description","type","<type>":config}}`.
struct SchemaNormalizer {
    static let optionColors = ["default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red"]

    static let emptyConfigTypes: Set<String> = [
        "title", "rich_text", "url", "people", "files", "email", "phone_number", "date", "checkbox", "created_by",
        "created_time", "last_edited_by", "last_edited_time", "button", "verification", "place", "location",
        "last_visited_time",
    ]
    static let allTypes: [String] = [
        "title", "rich_text", "number", "select", "multi_select", "status", "date", "people", "files", "checkbox", "url",
        "email", "phone_number", "formula", "relation", "rollup", "created_time", "created_by", "last_edited_time",
        "last_edited_by", "unique_id", "button", "verification", "place", "location", "last_visited_time",
    ]
    static let numberFormats = [
        "number", "number_with_commas", "percent", "dollar", "australian_dollar", "canadian_dollar", "singapore_dollar",
        "euro", "pound", "yen", "ruble", "rupee", "won", "yuan", "real", "lira", "rupiah", "franc", "hong_kong_dollar",
        "new_zealand_dollar", "krona", "norwegian_krone", "mexican_peso", "rand", "new_taiwan_dollar", "danish_krone",
        "zloty", "baht", "forint", "koruna", "shekel", "chilean_peso", "philippine_peso", "dirham", "colombian_peso",
        "riyal", "ringgit", "leu", "argentine_peso", "uruguayan_peso", "peruvian_sol",
    ]
    static let rollupFunctions = [
        "count", "count_values", "empty", "not_empty", "unique", "show_unique", "percent_empty", "percent_not_empty",
        "sum", "average", "median", "min", "max", "range", "earliest_date", "latest_date", "date_range", "checked",
        "unchecked", "percent_checked", "percent_unchecked", "count_per_group", "percent_per_group", "show_original",
    ]

    let version: NotionVersion

    /// Validates a whole schema for create; exactly one `title` property is required.
    func create(_ value: JSONValue?, path: String) throws(ValidationFailure) -> [String: JSONValue] {
        let object = try Validation.object(value, path)
        var out: [String: JSONValue] = [:]
        var ids: Set<String> = []
        for name in object.keys.sorted() {
            let entry = try property(object[name]!, name: name, existingID: nil, ids: &ids, path: "\(path).\(name)")
            out[name] = entry
        }
        let titles = out.values.filter { $0["type"] == "title" }.count
        if titles != 1 {
            throw ValidationFailure("Data source must have exactly one title property, instead found \(titles).")
        }
        return out
    }

    /// Applies a schema patch (`PATCH /v1/data_sources/{id}` `properties`): key = name or id;
    /// `null` deletes, `{"name":…}` renames, a type config replaces.
    func update(_ value: JSONValue, schema: JSONValue, path: String) throws(ValidationFailure) -> [String: JSONValue] {
        let patch = try Validation.object(value, path)
        var out = schema.objectValue ?? [:]
        var ids = Set(out.values.compactMap { $0["id"]?.stringValue })
        for key in patch.keys.sorted() {
            let p = "\(path).\(key)"
            let existingName = out[key] != nil ? key : out.first(where: { $0.value["id"]?.stringValue == key })?.key
            let change = patch[key]!
            if change == .null {
                guard let existingName else { throw ValidationFailure("\(key) is not a property that exists.") }
                if out[existingName]?["type"] == "title" { throw ValidationFailure("Cannot delete the title property.") }
                out[existingName] = nil
                continue
            }
            let object = try Validation.object(change, p)
            let newName = try object["name"].map { (n) throws(ValidationFailure) in try Validation.nonEmptyString(n, p + ".name") }
            let typeKeys = object.keys.filter { $0 != "name" && $0 != "description" && $0 != "type" && $0 != "id" }
            if let existingName, var entry = out[existingName] {
                if !typeKeys.isEmpty || object["type"] != nil {
                    let id = entry["id"]?.stringValue
                    ids.remove(id ?? "")
                    entry = try property(change, name: newName ?? existingName, existingID: id, ids: &ids, path: p)
                } else if let newName {
                    entry["name"] = .string(newName)
                }
                if let description = object["description"] { entry["description"] = description }
                out[existingName] = nil
                out[newName ?? existingName] = entry
            } else {
                let entry = try property(change, name: newName ?? key, existingID: nil, ids: &ids, path: p)
                out[newName ?? key] = entry
            }
        }
        return out
    }

    func property(
        _ value: JSONValue, name: String, existingID: String?, ids: inout Set<String>, path: String
    ) throws(ValidationFailure) -> JSONValue {
        let object = try Validation.object(value, path)
        let typeKeys = Self.allTypes.filter { object[$0] != nil }
        let type: String
        if let declared = object["type"] {
            type = try Validation.enumValue(declared, path + ".type", Self.allTypes)
        } else if let first = typeKeys.first {
            type = first
        } else {
            throw Validation.unionFailure(Self.allTypes.map { Validation.sentence("\(path).\($0)", "defined", nil) })
        }
        try Validation.onlyKeys(object, ["type", "name", "description", "id", type], path)
        let p = "\(path).\(type)"
        let rawConfig = object[type] ?? .object([:])
        let config = try Validation.object(rawConfig, p)
        var out: [String: JSONValue] = [:]
        switch type {
        case _ where Self.emptyConfigTypes.contains(type):
            try Validation.onlyKeys(config, [], p)
        case "number":
            try Validation.onlyKeys(config, ["format"], p)
            out["format"] = .string(try config["format"].map { (f) throws(ValidationFailure) in
                try Validation.enumValue(f, p + ".format", Self.numberFormats) } ?? "number")
        case "select", "multi_select", "status":
            try Validation.onlyKeys(config, type == "status" ? ["options", "groups"] : ["options"], p)
            var options: [JSONValue] = []
            var optionIDs: Set<String> = []
            let rawOptions = try config["options"].map { (o) throws(ValidationFailure) in try Validation.array(o, p + ".options") } ?? []
            for (index, raw) in rawOptions.enumerated() {
                let op = "\(p).options[\(index)]"
                let option = try Validation.object(raw, op)
                try Validation.onlyKeys(option, ["id", "name", "color", "description"], op)
                let optionName = try Validation.nonEmptyString(option["name"], op + ".name")
                let color = try option["color"].map { (c) throws(ValidationFailure) in
                    try Validation.enumValue(c, op + ".color", Self.optionColors) } ?? "default"
                let id = option["id"]?.stringValue ?? PropertyIDs.make(seed: name + "\u{0}" + optionName, existing: optionIDs)
                optionIDs.insert(id)
                options.append(["id": .string(id), "name": .string(optionName), "color": .string(color),
                                "description": option["description"] ?? .null])
            }
            if type == "status" {
                if options.isEmpty {
                    options = [("Not started", "default"), ("In progress", "blue"), ("Done", "green")].map { option in
                        ["id": .string(PropertyIDs.make(seed: name + "\u{0}" + option.0, existing: [])), "name": .string(option.0),
                         "color": .string(option.1), "description": nil]
                    }
                }
                let groupNames = [("To-do", "gray"), ("In progress", "blue"), ("Complete", "green")]
                var groups: [JSONValue] = []
                for (index, group) in groupNames.enumerated() {
                    let members = options.enumerated().filter { min($0.offset, 2) == index }.map { $0.element["id"] ?? .null }
                    groups.append(["id": .string(PropertyIDs.make(seed: name + "\u{1}" + group.0, existing: [])),
                                   "name": .string(group.0), "color": .string(group.1), "option_ids": .array(members)])
                }
                out["groups"] = .array(groups)
            }
            out["options"] = .array(options)
        case "formula":
            try Validation.onlyKeys(config, ["expression"], p)
            out["expression"] = .string(try Validation.nonEmptyString(config["expression"], p + ".expression"))
        case "relation":
            try Validation.onlyKeys(config, ["database_id", "data_source_id", "type", "single_property", "dual_property"], p)
            if version.hasDataSources {
                out["data_source_id"] = .string(try Validation.uuid(config["data_source_id"], p + ".data_source_id").rawValue)
                if let db = config["database_id"] { out["database_id"] = .string(try Validation.uuid(db, p + ".database_id").rawValue) }
            } else {
                out["database_id"] = .string(try Validation.uuid(config["database_id"], p + ".database_id").rawValue)
            }
            let kind = try config["type"].map { (t) throws(ValidationFailure) in
                try Validation.enumValue(t, p + ".type", ["single_property", "dual_property"]) }
                ?? (config["dual_property"] != nil ? "dual_property" : "single_property")
            out["type"] = .string(kind)
            out[kind] = config[kind] ?? .object([:])
        case "rollup":
            try Validation.onlyKeys(config, ["relation_property_name", "relation_property_id", "rollup_property_name",
                                             "rollup_property_id", "function"], p)
            if config["relation_property_name"] == nil && config["relation_property_id"] == nil {
                throw Validation.undefined(p + ".relation_property_name")
            }
            if config["rollup_property_name"] == nil && config["rollup_property_id"] == nil {
                throw Validation.undefined(p + ".rollup_property_name")
            }
            out = config
            out["function"] = .string(try Validation.enumValue(config["function"], p + ".function", Self.rollupFunctions))
        case "unique_id":
            try Validation.onlyKeys(config, ["prefix"], p)
            out["prefix"] = config["prefix"] ?? .null
        default:
            break
        }
        let id: String
        if type == "title" {
            id = "title"
        } else if let existingID {
            id = existingID
        } else {
            id = PropertyIDs.make(seed: name, existing: ids)
        }
        ids.insert(id)
        let entryName = try object["name"].map { (n) throws(ValidationFailure) in try Validation.nonEmptyString(n, path + ".name") } ?? name
        return ["id": .string(id), "name": .string(entryName), "description": object["description"] ?? .null,
                "type": .string(type), type: .object(out)]
    }
}

/// A validated `POST /v1/data_sources`.
struct DataSourceCreate: Hashable, Sendable {
    var databaseID: NotionID
    var title: JSONValue
    var icon: JSONValue
    /// Stored schema: `{name: {"id","name","description","type","<type>":config}}`.
    var properties: JSONValue
    var attachedUploads: [NotionID]
}

/// A validated `PATCH /v1/data_sources/{id}`; nil members are unchanged.
struct DataSourceUpdate: Hashable, Sendable {
    var title: JSONValue?
    var icon: JSONValue?
    /// The complete new schema after applying the patch.
    var properties: JSONValue?
    var inTrash: Bool?
    var parentDatabaseID: NotionID?
    var attachedUploads: [NotionID]
}

enum DataSourceRequests {
    static func create(body: JSONValue, version: NotionVersion, lookup: any WorkspaceLookup) throws(ValidationFailure) -> DataSourceCreate {
        let object = try Validation.object(body, "body")
        try Validation.onlyKeys(object, ["parent", "properties", "title", "icon"], "body")
        let databaseID = try databaseParent(object["parent"], path: "body.parent")
        let properties = try SchemaNormalizer(version: version).create(object["properties"], path: "body.properties")
        let title = try object["title"].map { (t) throws(ValidationFailure) in
            try RichTextRequests.normalize(t, path: "body.title", lookup: lookup) } ?? []
        var files = FileNormalizer(lookup: lookup)
        let icon = try object["icon"].map { (v) throws(ValidationFailure) in try files.icon(v, path: "body.icon") } ?? .null
        return DataSourceCreate(databaseID: databaseID, title: title, icon: icon, properties: .object(properties),
                                attachedUploads: files.attachedUploads)
    }

    static func update(
        body: JSONValue, version: NotionVersion, schema: JSONValue, lookup: any WorkspaceLookup
    ) throws(ValidationFailure) -> DataSourceUpdate {
        let object = try Validation.object(body, "body")
        var allowed: Set<String> = ["title", "icon", "properties", "in_trash", "parent", "description"]
        if version < .v2026_03_11 { allowed.insert("archived") }
        try Validation.onlyKeys(object, allowed, "body")
        let title = try object["title"].map { (t) throws(ValidationFailure) in
            try RichTextRequests.normalize(t, path: "body.title", lookup: lookup) }
        var files = FileNormalizer(lookup: lookup)
        let icon = try object["icon"].map { (v) throws(ValidationFailure) in try files.icon(v, path: "body.icon") }
        let properties = try object["properties"].map { (p) throws(ValidationFailure) in
            JSONValue.object(try SchemaNormalizer(version: version).update(p, schema: schema, path: "body.properties")) }
        var inTrash: Bool?
        for key in ["in_trash", "archived"] where inTrash == nil {
            if let value = object[key] { inTrash = try Validation.bool(value, "body.\(key)") }
        }
        let parent = try object["parent"].map { (p) throws(ValidationFailure) in try databaseParent(p, path: "body.parent") }
        return DataSourceUpdate(title: title, icon: icon, properties: properties, inTrash: inTrash, parentDatabaseID: parent,
                                attachedUploads: files.attachedUploads)
    }

    static func databaseParent(_ value: JSONValue?, path: String) throws(ValidationFailure) -> NotionID {
        let parent = try Validation.object(value, path)
        try Validation.onlyKeys(parent, ["type", "database_id"], path)
        if let declared = parent["type"] { _ = try Validation.enumValue(declared, path + ".type", ["database_id"]) }
        return try Validation.uuid(parent["database_id"], path + ".database_id")
    }
}

/// Where a database is created.
enum DatabaseParent: Hashable, Sendable {
    case page(NotionID)
    case block(NotionID)
    case workspace
}

/// A validated `POST /v1/databases`.
struct DatabaseCreate: Hashable, Sendable {
    var parent: DatabaseParent
    var title: JSONValue
    var description: JSONValue
    var isInline: Bool
    var icon: JSONValue
    var cover: JSONValue
    /// Stored schema of the initial data source (2025-09-03+: `initial_data_source.properties`;
    /// earlier: `properties`). Defaults to a `Name` title property.
    var properties: JSONValue
    var attachedUploads: [NotionID]
}

/// A validated `PATCH /v1/databases/{id}`; nil members are unchanged.
struct DatabaseUpdate: Hashable, Sendable {
    var parent: DatabaseParent?
    var title: JSONValue?
    var description: JSONValue?
    var isInline: Bool?
    var icon: JSONValue?
    var cover: JSONValue?
    var inTrash: Bool?
    var isLocked: Bool?
    /// Before 2025-09-03 only: the complete new schema of the database's data source.
    var properties: JSONValue?
    var attachedUploads: [NotionID]
}

enum DatabaseRequests {
    static let defaultSchema: JSONValue = ["Name": ["id": "title", "name": "Name", "description": nil, "type": "title", "title": [:]]]

    static func create(body: JSONValue, version: NotionVersion, lookup: any WorkspaceLookup) throws(ValidationFailure) -> DatabaseCreate {
        let object = try Validation.object(body, "body")
        var allowed: Set<String> = ["parent", "title", "description", "is_inline", "icon", "cover"]
        allowed.insert(version.hasDataSources ? "initial_data_source" : "properties")
        try Validation.onlyKeys(object, allowed, "body")
        let parent = try parent(object["parent"], path: "body.parent")
        let title = try object["title"].map { (t) throws(ValidationFailure) in try RichTextRequests.normalize(t, path: "body.title", lookup: lookup) } ?? []
        let description = try object["description"].map { (t) throws(ValidationFailure) in
            try RichTextRequests.normalize(t, path: "body.description", lookup: lookup) } ?? []
        let isInline = try object["is_inline"].map { (v) throws(ValidationFailure) in try Validation.bool(v, "body.is_inline") } ?? false
        var files = FileNormalizer(lookup: lookup)
        let icon = try object["icon"].map { (v) throws(ValidationFailure) in try files.icon(v, path: "body.icon") } ?? .null
        let cover = try object["cover"].map { (v) throws(ValidationFailure) in try files.cover(v, path: "body.cover") } ?? .null
        let schema = SchemaNormalizer(version: version)
        var properties = defaultSchema
        if version.hasDataSources {
            if let initial = object["initial_data_source"] {
                let source = try Validation.object(initial, "body.initial_data_source")
                try Validation.onlyKeys(source, ["properties"], "body.initial_data_source")
                if let raw = source["properties"] {
                    properties = .object(try schema.create(raw, path: "body.initial_data_source.properties"))
                }
            }
        } else {
            properties = .object(try schema.create(object["properties"], path: "body.properties"))
        }
        return DatabaseCreate(parent: parent, title: title, description: description, isInline: isInline, icon: icon,
                              cover: cover, properties: properties, attachedUploads: files.attachedUploads)
    }

    static func update(
        body: JSONValue, version: NotionVersion, schema: JSONValue?, lookup: any WorkspaceLookup
    ) throws(ValidationFailure) -> DatabaseUpdate {
        let object = try Validation.object(body, "body")
        var allowed: Set<String> = ["parent", "title", "description", "is_inline", "icon", "cover", "in_trash", "is_locked"]
        if version < .v2026_03_11 { allowed.insert("archived") }
        if !version.hasDataSources { allowed.insert("properties") }
        try Validation.onlyKeys(object, allowed, "body")
        let parent = try object["parent"].map { (p) throws(ValidationFailure) in try self.parent(p, path: "body.parent") }
        let title = try object["title"].map { (t) throws(ValidationFailure) in try RichTextRequests.normalize(t, path: "body.title", lookup: lookup) }
        let description = try object["description"].map { (t) throws(ValidationFailure) in
            try RichTextRequests.normalize(t, path: "body.description", lookup: lookup) }
        let isInline = try object["is_inline"].map { (v) throws(ValidationFailure) in try Validation.bool(v, "body.is_inline") }
        var files = FileNormalizer(lookup: lookup)
        let icon = try object["icon"].map { (v) throws(ValidationFailure) in try files.icon(v, path: "body.icon") }
        let cover = try object["cover"].map { (v) throws(ValidationFailure) in try files.cover(v, path: "body.cover") }
        var inTrash: Bool?
        for key in ["in_trash", "archived"] where inTrash == nil {
            if let value = object[key] { inTrash = try Validation.bool(value, "body.\(key)") }
        }
        let isLocked = try object["is_locked"].map { (v) throws(ValidationFailure) in try Validation.bool(v, "body.is_locked") }
        let properties = try object["properties"].map { (p) throws(ValidationFailure) in
            JSONValue.object(try SchemaNormalizer(version: version).update(p, schema: schema ?? defaultSchema, path: "body.properties")) }
        return DatabaseUpdate(parent: parent, title: title, description: description, isInline: isInline, icon: icon, cover: cover,
                              inTrash: inTrash, isLocked: isLocked, properties: properties, attachedUploads: files.attachedUploads)
    }

    static func parent(_ value: JSONValue?, path: String) throws(ValidationFailure) -> DatabaseParent {
        let parent = try Validation.object(value, path)
        let kind = try FileNormalizer.unionKind(parent, kinds: ["page_id", "workspace", "block_id"], path: path)
        try Validation.onlyKeys(parent, ["type", kind], path)
        switch kind {
        case "page_id": return .page(try Validation.uuid(parent[kind], path + ".page_id"))
        case "block_id": return .block(try Validation.uuid(parent[kind], path + ".block_id"))
        default:
            if parent["workspace"] != .bool(true) { throw Validation.failure(path + ".workspace", "`true`", parent["workspace"]) }
            return .workspace
        }
    }
}
