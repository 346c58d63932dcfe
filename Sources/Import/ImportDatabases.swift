import Export
import Foundation
import NotionAPI
import NotionMarkdown
import NotionModel

/// A database document's `schema:` front matter (written by the exporter, see `SchemaYAML`) in
/// request form.
///
/// Relations and rollups are kept apart from the rest (`base`): they name other databases, which
/// may not exist yet when this one is created, and rollups name relations.
struct DatabaseSchema: Sendable {
    /// Created with the database: every property but relations and rollups.
    var base: [String: JSONValue] = [:]
    /// Relations: the related database (its document's path as written, or its id) and, for a
    /// dual relation, the name of the property on the other side.
    var relations: [String: (target: String, synced: String?)] = [:]
    /// Rollups in request form.
    var rollups: [String: JSONValue] = [:]
    /// Every property's type, for reading the rows' values.
    var types: [String: String] = [:]
    var titleName = "Name"
    var warnings: [ImportWarning] = []

    init(_ frontMatter: JSONValue?, file: String) {
        func warn(_ name: String, _ message: String) {
            warnings.append(ImportWarning(file: file, line: nil, construct: "property \"\(name)\"", message: message))
        }
        guard let schema = frontMatter?["schema"]?.objectValue else {
            warnings.append(ImportWarning(file: file, line: nil, construct: "schema",
                                          message: "the database document has no `schema:` in its front matter: the database gets a title property only, and its rows' properties are not written."))
            types = ["Name": "title"]
            base = ["Name": ["title": [:]]]
            return
        }
        var hasTitle = false
        for (name, entry) in schema.sorted(by: { $0.key < $1.key }) {
            var type: String, config: JSONValue = .null, description: JSONValue?, synced: String?
            switch entry {
            case .string(let text): type = text
            case .object(let fields):
                guard let key = fields.keys.sorted().first(where: { $0 != "description" && $0 != "synced_property" }) else {
                    warn(name, "the schema entry names no type; the property is left out.")
                    continue
                }
                type = key
                config = fields[key] ?? .null
                description = fields["description"]
                synced = fields["synced_property"]?.stringValue
            default:
                warn(name, "the schema entry is neither a type nor a mapping; the property is left out.")
                continue
            }
            var request: JSONValue = [:]
            switch type {
            case "title":
                guard !hasTitle else { warn(name, "a database has one title property; this one is left out."); continue }
                hasTitle = true
                titleName = name
            case "rich_text", "url", "people", "files", "email", "phone_number", "date", "checkbox", "created_by", "created_time",
                 "last_edited_by", "last_edited_time", "place":
                break
            case "number": request = ["format": config.stringValue.map(JSONValue.string) ?? "number"]
            case "select", "multi_select", "status":
                guard let options = Self.options(config) else {
                    warn(name, "the options are not a list of `name: color`; the property is left out.")
                    continue
                }
                request = ["options": .array(options)]
            case "formula":
                guard let expression = config.stringValue, !expression.isEmpty else {
                    warn(name, "a formula needs its expression (`formula: <expression>`); the property is left out.")
                    continue
                }
                request = ["expression": .string(expression)]
            case "unique_id": request = ["prefix": config.stringValue.map(JSONValue.string) ?? .null]
            case "relation":
                guard let target = config.stringValue, !target.isEmpty else {
                    warn(name, "a relation needs the related database (`relation: <its document>`); the property is left out.")
                    continue
                }
                relations[name] = (target, synced)
                types[name] = type
                continue
            case "rollup":
                guard let relation = config["relation"]?.stringValue, let property = config["property"]?.stringValue,
                      let function = config["function"]?.stringValue else {
                    warn(name, "a rollup needs `relation`, `property` and `function`; the property is left out.")
                    continue
                }
                rollups[name] = ["rollup": ["relation_property_name": .string(relation), "rollup_property_name": .string(property),
                                            "function": .string(function)]]
                types[name] = type
                continue
            default:
                warn(name, "`\(type)` properties cannot be created through the API: left out.")
                continue
            }
            types[name] = type
            var property: [String: JSONValue] = [type: request]
            if let description, description != .null { property["description"] = description }
            base[name] = .object(property)
        }
        if !hasTitle {
            warnings.append(ImportWarning(file: file, line: nil, construct: "schema", message: "the schema has no title property: one named Name is added."))
            base["Name"] = ["title": [:]]
            types["Name"] = "title"
        }
    }

    /// `- Name: color` or `- {name, color, description}` → request options; nil when malformed.
    static func options(_ config: JSONValue) -> [JSONValue]? {
        if config == .null { return [] }
        guard let items = config.arrayValue else { return nil }
        var out: [JSONValue] = []
        for item in items {
            guard let fields = item.objectValue else { return nil }
            if fields.count == 1, let (name, color) = fields.first {
                out.append(["name": .string(name), "color": color.stringValue.map(JSONValue.string) ?? "default"])
            } else if let name = fields["name"]?.stringValue {
                var option: [String: JSONValue] = ["name": .string(name), "color": fields["color"]?.stringValue.map(JSONValue.string) ?? "default"]
                if let description = fields["description"]?.stringValue { option["description"] = .string(description) }
                out.append(.object(option))
            } else {
                return nil
            }
        }
        return out
    }

    /// What is recorded per property, so an update sends only the properties that changed.
    var definitions: [String: JSONValue] {
        var out = base
        for (name, relation) in relations { out[name] = ["relation": .string(relation.target), "synced": relation.synced.map(JSONValue.string) ?? .null] }
        for (name, rollup) in rollups { out[name] = rollup }
        return out
    }
}

extension ImportEngine {
    func isDatabase(_ document: Document) -> Bool { document.document.frontMatter?["notion_object"] == "database" }

    /// The path of the database document `document` is a row of, when it is one.
    func databasePath(of document: Document) -> String? {
        guard let parent = document.page.parent, databaseSchemas[parent] != nil else { return nil }
        return parent
    }

    /// A database document's rows in the order its table lists them (the first cell of each row
    /// links the row's file).
    static func tableOrder(_ drafts: [BlockDraft], file: String) -> [String] {
        var out: [String] = []
        for table in drafts where table.type == "table" {
            for row in table.children where row.type == "table_row" {
                guard let first = row.body["cells"]?[0]?.arrayValue else { continue }
                for item in first {
                    if let url = item["text"]?["link"]?["url"]?.stringValue, url.hasPrefix("local-page:") {
                        out.append(resolve(String(url.dropFirst("local-page:".count)), from: file))
                        break
                    }
                }
            }
        }
        return out
    }

    /// Dual relations are created from one side; Notion adds the other (named as the schema
    /// names it) and fills its values. Which side: the one whose rows, written in their table's
    /// order, give the other side's lists in the order the Markdown has them (Notion appends to
    /// the other side as values are set). The other side's property is neither created nor
    /// written when its rows are created (`syncedSides`, "path\0name"); its database's rows are
    /// created first, so the written side's values exist (`rowsFirst`: database → databases
    /// whose rows must come before its own).
    mutating func pairDualRelations() {
        var decided: Set<String> = []
        for a in databaseSchemas.keys.sorted() {
            for (p, relation) in databaseSchemas[a]!.relations.sorted(by: { $0.key < $1.key }) {
                guard let q = relation.synced, !decided.contains(a + "\u{0}" + p) else { continue }
                let b = Self.resolve(relation.target, from: a)
                guard let back = databaseSchemas[b]?.relations[q], Self.resolve(back.target, from: b) == a, back.synced == p else { continue }
                decided.insert(a + "\u{0}" + p)
                decided.insert(b + "\u{0}" + q)
                if a == b && p == q { continue }
                if followsOrder(rowsOf: b, property: q, orderOf: a) {
                    syncedSides.insert(b + "\u{0}" + q)
                    if a != b { rowsFirst[a, default: []].insert(b) }
                } else {
                    syncedSides.insert(a + "\u{0}" + p)
                    if a != b { rowsFirst[b, default: []].insert(a) }
                }
            }
        }
    }

    /// Whether every row of `b` lists its `property` values in the table order of `a`'s rows.
    func followsOrder(rowsOf b: String, property: String, orderOf a: String) -> Bool {
        let position = Dictionary(children(of: a).enumerated().map { ($0.element.page.path, $0.offset) }, uniquingKeysWith: { x, _ in x })
        for row in children(of: b) {
            let values = row.document.frontMatter?["properties"]?[property]?.arrayValue ?? []
            let positions = values.compactMap { $0.stringValue.flatMap { position[Self.resolve($0, from: row.page.path)] } }
            if positions != positions.sorted() { return false }
        }
        return true
    }

    /// Databases whose rows are due, in an order where each comes after those `rowsFirst` names.
    func rowCreationOrder(_ databases: [String]) -> [String] {
        var out: [String] = [], visiting: Set<String> = []
        func visit(_ path: String) {
            guard !out.contains(path), visiting.insert(path).inserted else { return }
            for before in (rowsFirst[path] ?? []).sorted() where databases.contains(before) { visit(before) }
            out.append(path)
        }
        databases.forEach(visit)
        return out
    }

    // MARK: Creating

    var splitsDatabases: Bool { client.options.version >= .v2025_09_03 }

    /// The database of `document`: recorded, found after a crash, or created now (its relations
    /// and rollups come in `linkDatabases`).
    mutating func ensureDatabase(_ document: Document) async throws(ImportError) {
        let path = document.page.path
        if let entry = manifest.pages[path], let id = entry.id {
            summary.pageIDs[path] = id
            if entry.hash == "" { unlinked.append(path) }
            return
        }
        let parent = parentJSON(of: document)
        guard parent["page_id"] != nil else {
            throw ImportError(path: path, message: "is a database document, and a database can only be created under a page: import it with --parent, or move it out of the rows.")
        }
        let title = document.document.title
        if let pending = manifest.pages[path]?.pending, let id = try await findCreated(title, type: "child_database", under: parent, since: pending, file: path) {
            let source = try await rowParentID(ofDatabase: id, file: path)
            manifest.pages[path] = ImportManifest.Page(id: id, hash: "", dataSource: source)
            summary.pageIDs[path] = id
            summary.recovered.append(path)
            fresh.insert(path)
            unlinked.append(path)
            try save()
            return
        }
        manifest.pages[path] = ImportManifest.Page(pending: ISO8601DateFormatter().string(from: now()), hash: "")
        try save()
        let schema = databaseSchemas[path] ?? DatabaseSchema(nil, file: path)
        var body: JSONValue = ["parent": parent, "title": [["type": "text", "text": ["content": .string(title)]]],
                               "is_inline": .bool(document.document.frontMatter?["is_inline"] == .bool(true))]
        if let description = document.document.description, description.arrayValue?.isEmpty == false { body["description"] = description }
        if let icon = try await resolvedFile(document.document.icon, construct: "icon", file: path) { body["icon"] = icon }
        if let cover = try await resolvedFile(document.document.cover, construct: "cover", file: path) { body["cover"] = cover }
        if splitsDatabases { body["initial_data_source"] = ["properties": .object(schema.base)] } else { body["properties"] = .object(schema.base) }
        let created: JSONValue
        do {
            created = try await client.send(.databasesCreate, body: body)
        } catch {
            throw ImportError(path: path, message: "the database could not be created: \(error). Run the import again: it finds the database if Notion created it.", cause: error)
        }
        guard let id = created["id"]?.stringValue else { throw ImportError(path: path, message: "the database could not be created: Notion's answer has no id.") }
        let source = splitsDatabases ? created["data_sources"]?[0]?["id"]?.stringValue ?? id : id
        manifest.pages[path] = ImportManifest.Page(id: id, hash: "", dataSource: source)
        summary.pageIDs[path] = id
        summary.created.append(path)
        summary.databases += 1
        fresh.insert(path)
        unlinked.append(path)
        try save()
    }

    /// Where rows of the database `id` go: its first data source (2025-09-03+), or itself.
    func rowParentID(ofDatabase id: String, file: String) async throws(ImportError) -> String {
        guard splitsDatabases else { return id }
        do {
            let database = try await client.send(.databasesRetrieve, ["database_id": id])
            guard let source = database["data_sources"]?[0]?["id"]?.stringValue else {
                throw ImportError(path: file, message: "the database \(id) has no data source.")
            }
            return source
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(path: file, message: "the database \(id) cannot be read (\(error)): check that it is shared with the integration.", cause: error)
        }
    }

    /// Relations and rollups of the databases created (or not finished) this run, once every
    /// database they name exists: one update per database per round; a rollup waits for the round
    /// after the relation it reads (which may be the other side of another database's relation).
    mutating func linkDatabases() async throws(ImportError) {
        guard !unlinked.isEmpty else { return }
        var existing: [String: Set<String>] = [:]
        var remaining: [String: Set<String>] = [:]
        for path in unlinked {
            let schema = databaseSchemas[path] ?? DatabaseSchema(nil, file: path)
            existing[path] = Set(schema.base.keys)
            remaining[path] = Set(schema.relations.keys).union(schema.rollups.keys)
        }
        // A database linked by an earlier run (or a synced side Notion adds) has its relations.
        for (path, schema) in databaseSchemas where !unlinked.contains(path) { existing[path] = Set(schema.types.keys) }
        var progress = true
        while progress {
            progress = false
            for path in unlinked {
                guard let schema = databaseSchemas[path], let names = remaining[path], !names.isEmpty, let entry = manifest.pages[path],
                      let source = entry.dataSource else { continue }
                var properties: [String: JSONValue] = [:]
                var addedElsewhere: [(String, String)] = []
                // Relations first: a rollup can read a relation added in the same update.
                for name in names.sorted(by: { (schema.rollups[$0] != nil ? 1 : 0, $0) < (schema.rollups[$1] != nil ? 1 : 0, $1) }) {
                    if let relation = schema.relations[name] {
                        if syncedSides.contains(path + "\u{0}" + name) {
                            // Added by Notion with the other side.
                            if existing[path]?.contains(name) == true { remaining[path]?.remove(name) }
                            continue
                        }
                        guard let config = try await relationConfig(relation, from: path) else { continue }
                        properties[name] = ["relation": config.json]
                        if let synced = relation.synced, let other = config.path { addedElsewhere.append((other, synced)) }
                    } else if let rollup = schema.rollups[name], let relation = rollup["rollup"]?["relation_property_name"]?.stringValue,
                              existing[path]?.contains(relation) == true || properties[relation] != nil {
                        properties[name] = rollup
                    }
                }
                guard !properties.isEmpty else { continue }
                try await updateSchema(properties, of: source, file: path, what: "relations and rollups", done: "added")
                for name in properties.keys { existing[path, default: []].insert(name); remaining[path]?.remove(name) }
                for (other, name) in addedElsewhere { existing[other, default: []].insert(name) }
                progress = true
            }
            // Synced sides whose other side now exists.
            for path in unlinked {
                for name in remaining[path] ?? [] where syncedSides.contains(path + "\u{0}" + name) && existing[path]?.contains(name) == true {
                    remaining[path]?.remove(name)
                    progress = true
                }
            }
        }
        var still: [String] = []
        for path in unlinked {
            guard let names = remaining[path], !names.isEmpty else {
                try recordLinked(path)
                continue
            }
            // A relation to a database this run has not created yet (under a row): the next round.
            let waiting = names.contains { name in
                guard let relation = databaseSchemas[path]?.relations[name], NotionID(parsing: relation.target) == nil else { return false }
                let target = Self.resolve(relation.target, from: path)
                return manifest.pages[target]?.id == nil && documents.contains { $0.page.path == target }
            }
            if waiting { still.append(path); continue }
            summary.warnings.append(ImportWarning(file: path, construct: "schema",
                                                  message: "\(names.sorted().joined(separator: ", ")): could not be added (a rollup whose relation is missing, or a relation to a database that is neither in the import nor an id); check the schema."))
            try recordLinked(path)
        }
        unlinked = still
    }

    /// One schema update: of the data source (2025-09-03+) or of the database.
    func updateSchema(_ properties: [String: JSONValue], of source: String, file: String, what: String, done: String) async throws(ImportError) {
        do {
            if splitsDatabases {
                _ = try await client.send(.dataSourcesUpdate, ["data_source_id": source], body: ["properties": .object(properties)])
            } else {
                _ = try await client.send(.databasesUpdate, ["database_id": source], body: ["properties": .object(properties)])
            }
        } catch {
            throw ImportError(path: file, message: "\(what) (\(properties.keys.sorted().joined(separator: ", "))) could not be \(done): \(error). Run the import again.", cause: error)
        }
    }

    /// The relation's request config and the import path of the related database (nil for an id).
    mutating func relationConfig(_ relation: (target: String, synced: String?), from path: String) async throws(ImportError) -> (json: JSONValue, path: String?)? {
        var source: String, database: String, otherPath: String?
        if let id = NotionID(parsing: relation.target) {
            database = id.rawValue
            source = try await rowParentID(ofDatabase: database, file: path)
        } else {
            let target = Self.resolve(relation.target, from: path)
            guard let entry = manifest.pages[target], let id = entry.id, let rows = entry.dataSource else { return nil }
            database = id
            source = rows
            otherPath = target
        }
        var config: [String: JSONValue] = splitsDatabases ? ["data_source_id": .string(source), "database_id": .string(database)] : ["database_id": .string(database)]
        if let synced = relation.synced {
            config["type"] = "dual_property"
            config["dual_property"] = ["synced_property_name": .string(synced)]
        } else {
            config["type"] = "single_property"
            config["single_property"] = [:]
        }
        return (.object(config), otherPath)
    }

    /// A database whose schema is complete: its document's hash and each property's definition
    /// (as blocks named by the property) recorded, so a later run sends only what changed.
    mutating func recordLinked(_ path: String) throws(ImportError) {
        guard var entry = manifest.pages[path], let document = documents.first(where: { $0.page.path == path }) else { return }
        entry.hash = document.hash
        entry.blocks = Self.definitionBlocks(databaseSchemas[path], header: databaseHeader(document))
        manifest.pages[path] = entry
        try save()
    }

    static func definitionBlocks(_ schema: DatabaseSchema?, header: String) -> [ImportManifest.Block] {
        [ImportManifest.Block(id: "header", hash: header)]
            + (schema?.definitions ?? [:]).sorted { $0.key < $1.key }.map { ImportManifest.Block(id: "property:" + $0.key, hash: SHA256.hex($0.value.data())) }
    }

    /// The database's own fields (not its schema): title, description, icon, cover, inline.
    func databaseHeader(_ document: Document) -> String {
        let header: JSONValue = ["title": .string(document.document.title), "description": document.document.description ?? .null,
                                 "icon": document.document.icon ?? .null, "cover": document.document.cover ?? .null,
                                 "is_inline": document.document.frontMatter?["is_inline"] ?? .null]
        return SHA256.hex(header.data())
    }

    /// A database document that changed since the last run: its own fields and the properties whose
    /// definition changed are updated (removed properties are kept, with a warning: deleting them
    /// would delete their values).
    mutating func updateDatabase(_ document: Document) async throws(ImportError) {
        let path = document.page.path
        guard !fresh.contains(path), let entry = manifest.pages[path], let id = entry.id, let source = entry.dataSource else { return }
        let old = Dictionary(entry.blocks.map { ($0.id, $0.hash) }, uniquingKeysWith: { a, _ in a })
        let schema = databaseSchemas[path] ?? DatabaseSchema(nil, file: path)
        if old["header"] != databaseHeader(document) {
            var body: JSONValue = ["title": [["type": "text", "text": ["content": .string(document.document.title)]]],
                                   "description": document.document.description ?? [],
                                   "is_inline": .bool(document.document.frontMatter?["is_inline"] == .bool(true))]
            if let icon = try await resolvedFile(document.document.icon, construct: "icon", file: path) { body["icon"] = icon }
            if let cover = try await resolvedFile(document.document.cover, construct: "cover", file: path) { body["cover"] = cover }
            do { _ = try await client.send(.databasesUpdate, ["database_id": id], body: body) } catch {
                throw ImportError(path: path, message: "the database's title, description, icon or cover could not be updated: \(error). Run the import again.", cause: error)
            }
        }
        var properties: [String: JSONValue] = [:]
        for (name, definition) in schema.definitions.sorted(by: { $0.key < $1.key }) where old["property:" + name] != SHA256.hex(definition.data()) {
            if let relation = schema.relations[name] {
                guard !syncedSides.contains(path + "\u{0}" + name), let config = try await relationConfig(relation, from: path) else { continue }
                properties[name] = ["relation": config.json]
            } else if let rollup = schema.rollups[name] {
                properties[name] = rollup
            } else {
                properties[name] = definition
            }
        }
        if !properties.isEmpty { try await updateSchema(properties, of: source, file: path, what: "the properties", done: "updated") }
        let removed = old.keys.filter { $0.hasPrefix("property:") && schema.definitions[String($0.dropFirst("property:".count))] == nil }
        if !removed.isEmpty {
            summary.warnings.append(ImportWarning(file: path, line: nil, construct: "schema",
                                                  message: "\(removed.map { String($0.dropFirst("property:".count)) }.sorted().joined(separator: ", ")) left the schema but stay in Notion (deleting a property deletes its values): delete them there if that is meant."))
        }
        summary.updated.append(path)
        try recordLinked(path)
    }
}
