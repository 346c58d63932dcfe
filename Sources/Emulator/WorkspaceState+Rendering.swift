import Foundation
import NotionAPI
import NotionModel

/// How stored objects are shaped for one response: the requested version, the response time, and
/// how Notion-hosted files are signed.
struct Shaping: Sendable {
    var version: NotionVersion
    var now: Date
    var files: FileSigner
}

extension WorkspaceState {
    // MARK: Visibility

    /// How many parents a visibility walk follows: a guard against cycles in a hand-edited
    /// workspace, well above any real nesting (200 nested toggles are exported whole).
    static let maximumAncestry = 1_000

    func pageVisible(_ id: NotionID, depth: Int = 0) -> Bool {
        guard let record = content.pages[id], record.shared, depth < Self.maximumAncestry else { return false }
        return record.connected || parentVisible(record.json["parent"], depth: depth)
    }

    func databaseVisible(_ id: NotionID, depth: Int = 0) -> Bool {
        guard let record = content.databases[id], record.shared, depth < Self.maximumAncestry else { return false }
        return parentVisible(record.json["parent"], depth: depth)
    }

    func dataSourceVisible(_ id: NotionID) -> Bool {
        guard let ds = content.dataSources[id], let db = ds["parent"]?["database_id"]?.idValue else { return false }
        return databaseVisible(db)
    }

    private func parentVisible(_ parent: JSONValue?, depth: Int) -> Bool {
        switch parent?["type"]?.stringValue {
        case "page_id": return parent?["page_id"]?.idValue.map { content.pages[$0] == nil || pageVisible($0, depth: depth + 1) } ?? true
        case "data_source_id": return parent?["data_source_id"]?.idValue.map { content.dataSources[$0] == nil || dataSourceVisible($0) } ?? true
        case "database_id": return parent?["database_id"]?.idValue.map { content.databases[$0] == nil || databaseVisible($0, depth: depth + 1) } ?? true
        case "block_id": return parent?["block_id"]?.idValue.map { blockVisible($0, depth: depth + 1) } ?? true
        default: return true
        }
    }

    func blockVisible(_ id: NotionID, depth: Int = 0) -> Bool {
        if content.pages[id] != nil { return pageVisible(id, depth: depth) }
        if content.databases[id] != nil { return databaseVisible(id, depth: depth) }
        guard let block = content.blocks[id], depth < Self.maximumAncestry else { return false }
        return parentVisible(block["parent"], depth: depth)
    }

    func isTrashed(_ id: NotionID) -> Bool {
        if let page = content.pages[id] { return page.json["in_trash"]?.boolValue ?? false }
        if let db = content.databases[id] { return db.json["in_trash"]?.boolValue ?? false }
        return content.blocks[id]?["in_trash"]?.boolValue ?? false
    }

    /// Children shown by `GET /v1/blocks/{id}/children`: visible and not in the trash.
    ///
    /// Visibility is inherited, so once the parent is visible a child block is too, and a child
    /// page or database only needs its own `shared` flag: no walk up to the root per child.
    func visibleChildren(_ id: NotionID) -> [NotionID] {
        guard let children = content.children[id], !children.isEmpty, blockVisible(id) else { return [] }
        return children.filter(isShownChild)
    }

    /// Whether `GET /v1/blocks/{id}/children` would list anything: stops at the first child shown.
    func hasVisibleChildren(_ id: NotionID) -> Bool {
        guard let children = content.children[id], !children.isEmpty, blockVisible(id) else { return false }
        return children.contains(where: isShownChild)
    }

    /// Whether a child of a visible parent is listed: its own `shared` flag for a page or database
    /// (visibility is inherited), and not in the trash.
    func isShownChild(_ child: NotionID) -> Bool {
        if let page = content.pages[child] { return page.shared && !isTrashed(child) }
        if let database = content.databases[child] { return database.shared && !isTrashed(child) }
        return content.blocks[child] != nil && !isTrashed(child)
    }

    /// One page of `visibleChildren(id)` (whose cursors are child ids), found without filtering
    /// the whole list: from the cursor's position, children are checked only until the page and
    /// the next cursor are found. A page of 100,000 blocks is listed in linear time, not quadratic.
    /// The caller has checked that `id` is visible.
    func visibleChildrenPage(_ id: NotionID, cursor: String?, size: Int) throws(NotionAPIError) -> (items: [NotionID], next: String?) {
        let children = content.children[id] ?? []
        var index = children.startIndex
        if let cursor {
            let normalized = NotionID(cursor)?.rawValue ?? cursor
            guard let found = children.firstIndex(where: { $0.rawValue == normalized }), isShownChild(children[found]) else {
                throw NotionAPIError.invalidCursor(cursor)
            }
            index = found
        }
        var items: [NotionID] = []
        items.reserveCapacity(min(size, children.count - index))
        while index < children.endIndex {
            let child = children[index]
            index += 1
            guard isShownChild(child) else { continue }
            if items.count == size { return (items, child.rawValue) }
            items.append(child)
        }
        return (items, nil)
    }

    // MARK: Shaping

    func title(ofDatabase id: NotionID) -> String {
        content.databases[id]?.json["title"]?.plainText ?? ""
    }

    func finish(_ json: JSONValue, _ shaping: Shaping, archived: Bool = true) -> JSONValue {
        var out = signFiles(json, shaping)
        if archived, shaping.version.reportsArchived { out["archived"] = out["in_trash"] ?? false }
        return out
    }

    /// Replaces workspace-relative file urls with signed urls and expiry times, recursively.
    func signFiles(_ value: JSONValue, _ shaping: Shaping) -> JSONValue {
        switch value {
        case .array(let array): return .array(array.map { signFiles($0, shaping) })
        case .object(var object):
            for (key, child) in object { object[key] = signFiles(child, shaping) }
            if let file = object["file"], let url = file["url"]?.stringValue, WorkspaceSnapshot.isRelativeFilePath(url) {
                let signed = shaping.files.sign(url, at: shaping.now)
                object["file"] = ["url": .string(signed.url), "expiry_time": .string(signed.expiry)]
            }
            if object["file"] == nil, object["type"] == nil, let url = object["url"]?.stringValue,
               WorkspaceSnapshot.isRelativeFilePath(url), object["name"] != nil {
                // custom emoji {"id","name","url"}
                object["url"] = .string(shaping.files.sign(url, at: shaping.now).url)
            }
            return .object(object)
        default: return value
        }
    }

    func renderPage(_ id: NotionID, _ shaping: Shaping) -> JSONValue {
        guard var page = content.pages[id]?.json else { return .null }
        page["properties"] = .object(completedProperties(of: page))
        if shaping.version <= .v2022_06_28, page["parent"]?["type"]?.stringValue == "data_source_id" {
            page["parent"] = ["type": "database_id", "database_id": page["parent"]?["database_id"] ?? .null]
        }
        return finish(page, shaping)
    }

    /// A page's properties as responses show them, before file signing: every schema property
    /// present, relations and people capped at 25, people, creators and timestamps filled in.
    func completedProperties(of page: JSONValue) -> [String: JSONValue] {
        var properties = page["properties"]?.objectValue ?? [:]
        let schema = schema(ofPage: page)
        for (name, config) in schema where properties[name] == nil {
            properties[name] = emptyValue(config, page: page)
        }
        for (name, var value) in properties {
            guard let type = value["type"]?.stringValue else { continue }
            switch type {
            case "relation":
                let items = value["relation"]?.arrayValue ?? []
                value["relation"] = .array(Array(items.prefix(25)))
                value["has_more"] = .bool(items.count > 25)
            case "people":
                let items = value["people"]?.arrayValue ?? []
                value["people"] = .array(Array(items.prefix(25)).map(fullUser))
            case "created_time": value["created_time"] = page["created_time"] ?? .null
            case "last_edited_time": value["last_edited_time"] = page["last_edited_time"] ?? .null
            case "created_by": value["created_by"] = fullUser(page["created_by"] ?? .null)
            case "last_edited_by": value["last_edited_by"] = fullUser(page["last_edited_by"] ?? .null)
            default: break
            }
            properties[name] = value
        }
        return properties
    }

    /// A full user object for a partial reference, as property values carry them.
    func fullUser(_ partial: JSONValue) -> JSONValue {
        guard let id = partial["id"]?.idValue else { return partial }
        if content.bot["id"]?.idValue == id {
            var bot = content.bot
            bot["bot"] = [:]
            return bot
        }
        return content.users.first { $0["id"]?.idValue == id } ?? partial
    }

    func schema(ofPage page: JSONValue) -> [String: JSONValue] {
        guard page["parent"]?["type"]?.stringValue == "data_source_id",
              let sid = page["parent"]?["data_source_id"]?.idValue else { return [:] }
        return content.dataSources[sid]?["properties"]?.objectValue ?? [:]
    }

    func emptyValue(_ config: JSONValue, page: JSONValue) -> JSONValue {
        let type = config["type"]?.stringValue ?? "rich_text"
        let value: JSONValue = switch type {
        case "title", "rich_text", "multi_select", "people", "files", "relation": []
        case "checkbox": false
        case "formula": ["type": "string", "string": nil]
        case "rollup": ["type": "number", "number": nil, "function": config["rollup"]?["function"] ?? "count"]
        case "button": [:]
        case "unique_id": ["prefix": config["unique_id"]?["prefix"] ?? nil, "number": nil]
        case "verification": ["state": "unverified", "date": nil, "verified_by": nil]
        default: nil
        }
        var out: JSONValue = ["id": config["id"] ?? .null, "type": .string(type), type: value]
        if type == "relation" { out["has_more"] = false }
        return out
    }

    func renderBlock(_ id: NotionID, _ shaping: Shaping) -> JSONValue {
        if let page = content.pages[id]?.json {
            let block: JSONValue = [
                "object": "block", "id": .string(id.rawValue), "parent": shapedParent(page["parent"], shaping),
                "created_time": page["created_time"] ?? .null, "last_edited_time": page["last_edited_time"] ?? .null,
                "created_by": page["created_by"] ?? .null, "last_edited_by": page["last_edited_by"] ?? .null,
                "has_children": .bool(hasVisibleChildren(id)), "in_trash": page["in_trash"] ?? false,
                "type": "child_page", "child_page": ["title": .string(WorkspaceSnapshot.title(ofPage: page))],
            ]
            return finish(block, shaping)
        }
        if let db = content.databases[id]?.json {
            let firstSource = content.databases[id]?.dataSourceIDs.first.flatMap { content.dataSources[$0] }
            let block: JSONValue = [
                "object": "block", "id": .string(id.rawValue), "parent": db["parent"] ?? .null,
                "created_time": .string(minuteOf(db["created_time"])), "last_edited_time": .string(minuteOf(db["last_edited_time"])),
                "created_by": firstSource?["created_by"] ?? content.defaultAuthor,
                "last_edited_by": firstSource?["last_edited_by"] ?? content.defaultAuthor,
                "has_children": false, "in_trash": db["in_trash"] ?? false,
                "type": "child_database", "child_database": ["title": .string(title(ofDatabase: id))],
            ]
            return finish(block, shaping)
        }
        guard var block = content.blocks[id] else { return .null }
        block["has_children"] = .bool(hasVisibleChildren(id))
        if let type = block["type"]?.stringValue {
            let renamed: String? = switch (type, shaping.version >= .v2026_03_11) {
            case ("transcription", true): "meeting_notes"
            case ("meeting_notes", false): "transcription"
            default: nil
            }
            if let renamed {
                block[renamed] = block[type]
                block[type] = nil
                block["type"] = .string(renamed)
            }
        }
        return finish(block, shaping)
    }

    func shapedParent(_ parent: JSONValue?, _ shaping: Shaping) -> JSONValue {
        guard let parent else { return .null }
        if shaping.version <= .v2022_06_28, parent["type"]?.stringValue == "data_source_id" {
            return ["type": "database_id", "database_id": parent["database_id"] ?? .null]
        }
        return parent
    }

    /// A database container timestamp (`…:53.017+00:00`) truncated to the minute (`…:00.000Z`).
    func minuteOf(_ value: JSONValue?) -> String {
        guard let text = value?.stringValue, let date = ISODate.parse(text) else { return WorkspaceSnapshot.defaultTimestamp }
        return NotionTime.minute(date)
    }

    func renderDatabase(_ id: NotionID, _ shaping: Shaping) throws(NotionAPIError) -> JSONValue {
        guard let record = content.databases[id] else { return .null }
        var db = record.json
        if shaping.version <= .v2022_06_28 {
            if record.dataSourceIDs.count > 1 {
                throw NotionAPIError.validation(
                    "Databases with multiple data sources are not supported in this API version.",
                    additionalData: ["error_type": "multiple_data_sources_for_database", "database_id": .string(id.rawValue),
                                     "child_data_source_ids": .array(record.dataSourceIDs.map { .string($0.rawValue) }),
                                     "minimum_api_version": "2025-09-03"])
            }
            let ds = record.dataSourceIDs.first.flatMap { content.dataSources[$0] }
            var properties: [String: JSONValue] = [:]
            for (name, var config) in ds?["properties"]?.objectValue ?? [:] {
                config["description"] = nil
                properties[name] = config
            }
            db["properties"] = .object(properties)
            db["created_by"] = ds?["created_by"] ?? content.defaultAuthor
            db["last_edited_by"] = ds?["last_edited_by"] ?? content.defaultAuthor
            db["created_time"] = .string(minuteOf(db["created_time"]))
            db["last_edited_time"] = .string(minuteOf(db["last_edited_time"]))
            db["is_locked"] = nil
            return finish(db, shaping)
        }
        db["data_sources"] = .array(record.dataSourceIDs.map { sid in
            ["id": .string(sid.rawValue), "name": .string(content.dataSources[sid]?["title"]?.plainText ?? "")]
        })
        return finish(db, shaping)
    }

    func renderDataSource(_ id: NotionID, _ shaping: Shaping) -> JSONValue {
        guard var ds = content.dataSources[id] else { return .null }
        if let db = ds["parent"]?["database_id"]?.idValue, let record = content.databases[db] {
            ds["database_parent"] = record.json["parent"]
        }
        return finish(ds, shaping)
    }

    func renderComment(_ id: NotionID, _ shaping: Shaping) -> JSONValue {
        signFiles(content.comments[id] ?? .null, shaping)
    }

    func renderUpload(_ id: NotionID, _ shaping: Shaping) -> JSONValue {
        guard var upload = content.fileUploads[id]?.json else { return .null }
        // Unattached uploads (expiry_time still set), sent or not, expire an hour after creation.
        if ["pending", "uploaded"].contains(upload["status"]?.stringValue), let expiry = upload["expiry_time"]?.stringValue,
           let date = ISODate.parse(expiry), shaping.now >= date {
            upload["status"] = "expired"
            upload["upload_url"] = nil
            upload["complete_url"] = nil
        }
        return finish(upload, shaping)
    }
}
