import Foundation
import NotionAPI
import NotionModel

extension EmulatorHandler {
    // MARK: Users

    func listUsers(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let users = s.content.users + [s.content.bot]
        let page = try Self.page(users, id: { $0["id"]?.stringValue ?? "" }, cursor: Self.startCursor(c, inBody: false),
                                 size: Self.pageSize(c, inBody: false))
        return Self.list(page.items, next: page.next, type: "user")
    }

    func retrieveUser(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "user_id")
        if s.content.bot["id"]?.idValue == id { return s.content.bot }
        guard let user = s.content.users.first(where: { $0["id"]?.idValue == id }) else { throw Self.notFound("user", id.rawValue, c) }
        return user
    }

    // MARK: Search

    func search(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let legacy = c.version <= .v2022_06_28
        let query = c.body["query"]?.stringValue?.lowercased() ?? ""
        let filterValue = c.body["filter"]?["value"]?.stringValue
        let wantTrash = c.body["filter"]?["in_trash"]?.boolValue ?? false
        if let filterValue {
            let allowed = legacy ? ["page", "database"] : ["page", "data_source"]
            guard allowed.contains(filterValue) else {
                throw NotionAPIError.validation(
                    "body failed validation: body.filter.value should be `\"\(allowed[0])\"` or `\"\(allowed[1])\"`, instead was `\"\(filterValue)\"`.")
            }
        }
        var entries: [(id: String, edited: String, json: () throws -> JSONValue)] = []
        if filterValue == nil || filterValue == "page" {
            for id in s.content.pageOrder where s.pageVisible(id) && (s.isTrashed(id) == wantTrash) {
                let page = s.content.pages[id]!.json
                guard query.isEmpty || WorkspaceSnapshot.title(ofPage: page).lowercased().contains(query) else { continue }
                let state = s
                entries.append((id.rawValue, page["last_edited_time"]?.stringValue ?? "", { state.renderPage(id, c.shaping) }))
            }
        }
        if filterValue == nil || filterValue == "database" || filterValue == "data_source" {
            for db in s.content.databaseOrder where s.databaseVisible(db) {
                guard let record = s.content.databases[db] else { continue }
                if legacy {
                    guard (record.json["in_trash"]?.boolValue ?? false) == wantTrash,
                          query.isEmpty || s.title(ofDatabase: db).lowercased().contains(query) else { continue }
                    let state = s
                    entries.append((db.rawValue, s.minuteOf(record.json["last_edited_time"]), { try state.renderDatabase(db, c.shaping) }))
                } else {
                    for sid in record.dataSourceIDs {
                        guard let ds = s.content.dataSources[sid], (ds["in_trash"]?.boolValue ?? false) == wantTrash,
                              query.isEmpty || (ds["title"]?.plainText ?? "").lowercased().contains(query) else { continue }
                        let state = s
                        entries.append((sid.rawValue, ds["last_edited_time"]?.stringValue ?? "", { state.renderDataSource(sid, c.shaping) }))
                    }
                }
            }
        }
        if let sort = c.body["sort"], sort["timestamp"]?.stringValue == "last_edited_time" {
            let descending = sort["direction"]?.stringValue != "ascending"
            entries = entries.enumerated().sorted { a, b in
                if a.element.edited != b.element.edited { return descending ? a.element.edited > b.element.edited : a.element.edited < b.element.edited }
                return a.offset < b.offset
            }.map(\.element)
        }
        let page = try Self.page(entries, id: \.id, cursor: Self.startCursor(c, inBody: true), size: Self.pageSize(c, inBody: true))
        let type = legacy ? "page_or_database" : "page_or_data_source"
        return Self.list(try page.items.map { try $0.json() }, next: page.next, type: type)
    }

    // MARK: Databases

    func retrieveDatabase(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "database_id")
        guard s.databaseVisible(id) else { throw Self.notFound("database", id.rawValue, c) }
        return try s.renderDatabase(id, c.shaping)
    }

    func createDatabase(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let body = c.body
        guard let parent = body["parent"], let pid = parent["page_id"]?.idValue else {
            throw NotionAPIError.validation("body failed validation: body.parent.page_id should be defined, instead was `undefined`.")
        }
        guard s.pageVisible(pid) else { throw Self.notFound("page", pid.rawValue, c) }
        let lookup = StateLookup(state: s)
        let title = try RichTextRequests.normalize(body["title"] ?? [], path: "body.title", lookup: lookup)
        let description = try RichTextRequests.normalize(body["description"] ?? [], path: "body.description", lookup: lookup)
        var attached: [NotionID] = []
        let icon = try FallbackProperties.fileLike(body["icon"], path: "body.icon", lookup: lookup, attached: &attached)
        let cover = try FallbackProperties.fileLike(body["cover"], path: "body.cover", lookup: lookup, attached: &attached)
        let schemaRequest = c.version <= .v2022_06_28 ? body["properties"] : body["initial_data_source"]?["properties"]
        let id = s.ids.next(.database)
        let stamp = JSONValue.string(NotionTime.millisecond(c.now))
        let db: JSONValue = [
            "object": "database", "id": .string(id.rawValue), "title": title, "description": description,
            "parent": ["type": "page_id", "page_id": .string(pid.rawValue)], "is_inline": body["is_inline"] ?? false,
            "in_trash": false, "is_locked": false, "created_time": stamp, "last_edited_time": stamp,
            "icon": icon ?? .null, "cover": cover ?? .null, "url": .string("\(pageURLBase)/\(id.compact)"), "public_url": nil,
        ]
        s.content.databases[id] = .init(json: db, shared: true, dataSourceIDs: [])
        s.content.databaseOrder.append(id)
        s.content.children[pid, default: []].append(id)
        _ = try makeDataSource(database: id, properties: schemaRequest, title: title, icon: .null, c, &s)
        attach(attached, &s)
        return try s.renderDatabase(id, c.shaping)
    }

    /// Creates a data source in a database from a request schema (default: a `Name` title).
    func makeDataSource(database: NotionID, properties: JSONValue?, title: JSONValue, icon: JSONValue, _ c: Context,
                        _ s: inout WorkspaceState) throws -> NotionID {
        let sid = s.ids.next(.dataSource)
        let now = JSONValue.string(NotionTime.minute(c.now))
        var schema: [String: JSONValue] = [:]
        let requested = properties?.objectValue ?? ["Name": ["title": [:]]]
        for (name, raw) in requested {
            let type = raw["type"]?.stringValue ?? raw.objectValue?.keys.first { !["name", "description", "type"].contains($0) } ?? "rich_text"
            var config = raw[type] ?? [:]
            if ["select", "multi_select", "status"].contains(type) {
                let options = (config["options"]?.arrayValue ?? []).map { option -> JSONValue in
                    let optionName = option["name"]?.stringValue ?? ""
                    return ["id": option["id"] ?? .string(WorkspaceSnapshot.propertyID(for: optionName)), "name": .string(optionName),
                            "color": option["color"] ?? "default", "description": option["description"] ?? .null]
                }
                config["options"] = .array(options)
            }
            schema[name] = ["id": .string(type == "title" ? "title" : WorkspaceSnapshot.propertyID(for: name)), "name": .string(name),
                            "description": raw["description"] ?? .null, "type": .string(type), .init(stringLiteral: type): config]
        }
        if !schema.values.contains(where: { $0["type"]?.stringValue == "title" }) {
            throw NotionAPIError.validation("Title property is required.")  // unverified wording
        }
        let db = s.content.databases[database]!.json
        let ds: JSONValue = [
            "object": "data_source", "id": .string(sid.rawValue), "cover": nil, "icon": icon, "created_time": now,
            "created_by": author(s), "last_edited_by": author(s), "last_edited_time": now, "title": title, "description": [],
            "is_inline": db["is_inline"] ?? false, "properties": .object(schema),
            "parent": ["type": "database_id", "database_id": .string(database.rawValue)], "database_parent": db["parent"] ?? .null,
            "url": db["url"] ?? .null, "public_url": nil, "in_trash": false,
        ]
        s.content.dataSources[sid] = ds
        s.content.databases[database]!.dataSourceIDs.append(sid)
        return sid
    }

    func updateDatabase(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "database_id")
        guard s.databaseVisible(id), var record = s.content.databases[id] else { throw Self.notFound("database", id.rawValue, c) }
        let lookup = StateLookup(state: s)
        var attached: [NotionID] = []
        if let title = c.body["title"] { record.json["title"] = try RichTextRequests.normalize(title, path: "body.title", lookup: lookup) }
        if let d = c.body["description"] {
            record.json["description"] = try RichTextRequests.normalize(d, path: "body.description", lookup: lookup)
        }
        if let icon = c.body["icon"] { record.json["icon"] = try FallbackProperties.fileLike(icon, path: "body.icon", lookup: lookup, attached: &attached) }
        if let cover = c.body["cover"] { record.json["cover"] = try FallbackProperties.fileLike(cover, path: "body.cover", lookup: lookup, attached: &attached) }
        for key in ["is_inline", "is_locked"] { if let v = c.body[key]?.boolValue { record.json[key] = .bool(v) } }
        if let trash = c.body["in_trash"]?.boolValue ?? c.body["archived"]?.boolValue { record.json["in_trash"] = .bool(trash) }
        record.json["last_edited_time"] = .string(NotionTime.millisecond(c.now))
        s.content.databases[id] = record
        if c.version <= .v2022_06_28, let props = c.body["properties"], let sid = record.dataSourceIDs.first {
            try patchSchema(sid, props, &s)
        }
        attach(attached, &s)
        return try s.renderDatabase(id, c.shaping)
    }

    // MARK: Data sources

    func visibleDataSource(_ c: Context, _ s: inout WorkspaceState) throws -> NotionID {
        let id = Self.pathID(c, "data_source_id")
        guard s.dataSourceVisible(id) else { throw Self.notFound("data source", id.rawValue, c) }
        return id
    }

    func retrieveDataSource(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        s.renderDataSource(try visibleDataSource(c, &s), c.shaping)
    }

    func createDataSource(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        guard let db = c.body["parent"]?["database_id"]?.idValue else {
            throw NotionAPIError.validation("body failed validation: body.parent.database_id should be defined, instead was `undefined`.")
        }
        guard s.databaseVisible(db) else { throw Self.notFound("database", db.rawValue, c) }
        guard c.body["properties"] != nil else {
            throw NotionAPIError.validation("body failed validation: body.properties should be defined, instead was `undefined`.")
        }
        let lookup = StateLookup(state: s)
        let title = try RichTextRequests.normalize(c.body["title"] ?? [], path: "body.title", lookup: lookup)
        var attached: [NotionID] = []
        let icon = try FallbackProperties.fileLike(c.body["icon"], path: "body.icon", lookup: lookup, attached: &attached) ?? .null
        let sid = try makeDataSource(database: db, properties: c.body["properties"], title: title, icon: icon, c, &s)
        attach(attached, &s)
        return s.renderDataSource(sid, c.shaping)
    }

    func patchSchema(_ sid: NotionID, _ props: JSONValue, _ s: inout WorkspaceState) throws {
        guard var ds = s.content.dataSources[sid] else { return }
        var schema = ds["properties"]?.objectValue ?? [:]
        for (key, change) in props.objectValue ?? [:] {
            let existing = schema[key] != nil ? key : schema.first { $0.value["id"]?.stringValue == key }?.key
            if change == .null { if let existing { schema[existing] = nil }; continue }
            if let existing, var config = schema[existing] {
                if let newName = change["name"]?.stringValue, newName != existing {
                    schema[existing] = nil
                    config["name"] = .string(newName)
                    schema[newName] = config
                } else {
                    for (k, v) in change.objectValue ?? [:] where k != "name" { config[k] = v }
                    schema[existing] = config
                }
            } else {
                let type = change["type"]?.stringValue ?? change.objectValue?.keys.first { $0 != "name" } ?? "rich_text"
                schema[key] = ["id": .string(WorkspaceSnapshot.propertyID(for: key)), "name": .string(key), "description": nil,
                               "type": .string(type), .init(stringLiteral: type): change[type] ?? [:]]
            }
        }
        ds["properties"] = .object(schema)
        s.content.dataSources[sid] = ds
    }

    func updateDataSource(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = try visibleDataSource(c, &s)
        let lookup = StateLookup(state: s)
        var attached: [NotionID] = []
        if let title = c.body["title"] { s.content.dataSources[id]!["title"] = try RichTextRequests.normalize(title, path: "body.title", lookup: lookup) }
        if let icon = c.body["icon"] {
            s.content.dataSources[id]!["icon"] = try FallbackProperties.fileLike(icon, path: "body.icon", lookup: lookup, attached: &attached)
        }
        if let trash = c.body["in_trash"]?.boolValue ?? c.body["archived"]?.boolValue { s.content.dataSources[id]!["in_trash"] = .bool(trash) }
        if let props = c.body["properties"] { try patchSchema(id, props, &s) }
        s.content.dataSources[id]!["last_edited_time"] = .string(NotionTime.minute(c.now))
        attach(attached, &s)
        return s.renderDataSource(id, c.shaping)
    }

    func queryDataSource(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = try visibleDataSource(c, &s)
        return try query(id, type: "page_or_data_source", c, &s)
    }

    func queryDatabase(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "database_id")
        guard s.databaseVisible(id), let record = s.content.databases[id] else { throw Self.notFound("database", id.rawValue, c) }
        _ = try s.renderDatabase(id, c.shaping)  // multiple data sources → 400
        guard let sid = record.dataSourceIDs.first else { return Self.list([], next: nil, type: "page_or_database") }
        return try query(sid, type: "page_or_database", c, &s)
    }

    /// Rows of a data source, filtered and sorted, with `s:<session>:<row id>` cursors.
    func query(_ sid: NotionID, type: String, _ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let size = try Self.pageSize(c, inBody: true)
        let wantTrash = c.body["in_trash"]?.boolValue ?? c.body["archived"]?.boolValue ?? false
        let rowIDs = s.content.pageOrder.filter { id in
            guard let page = s.content.pages[id]?.json, page["parent"]?["data_source_id"]?.idValue == sid else { return false }
            return s.pageVisible(id) && (page["in_trash"]?.boolValue ?? false) == wantTrash
        }
        let storedShape = Shaping(version: .v2025_09_03, now: c.now, files: signer)
        let schema = s.content.dataSources[sid]?["properties"] ?? [:]
        let filter = try c.body["filter"].flatMap { $0 == .null ? nil : $0 }.map { try QueryFilter(json: $0, schema: schema) }
        let sort = try QuerySort(json: c.body["sorts"], schema: schema)
        var rows: [QueryRow] = rowIDs.map { id in
            let page = s.renderPage(id, storedShape)
            return QueryRow(id: id, properties: page["properties"] ?? [:],
                            createdTime: page["created_time"]?.stringValue.flatMap(NotionTime.parse) ?? c.now,
                            lastEditedTime: page["last_edited_time"]?.stringValue.flatMap(NotionTime.parse) ?? c.now)
        }
        let me = s.content.bot["id"]?.idValue
        if let filter { rows = rows.filter { filter.matches($0, now: c.now, me: me) } }
        // Stable: equal keys keep the creation order.
        let order = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element.id, $0.offset) })
        rows = rows.sorted { a, b in
            if sort.areInIncreasingOrder(a, b) { return true }
            if sort.areInIncreasingOrder(b, a) { return false }
            return order[a.id]! < order[b.id]!
        }
        let ids = rows.map(\.id)
        var start = 0
        if let cursor = try Self.startCursor(c, inBody: true) {
            let parts = cursor.split(separator: ":")
            guard s.issuedCursors[cursor] != nil, parts.count == 3, let row = NotionID(String(parts[2])),
                  let index = ids.firstIndex(of: row) else { throw NotionAPIError.invalidCursor(cursor) }
            start = index
        }
        let end = min(ids.count, start + size)
        var next: String?
        if end < ids.count {
            let cursor = "s:\(s.requestIDs.next(.request).rawValue):\(ids[end].rawValue)"
            s.issuedCursors[cursor] = end
            next = cursor
        }
        var results = ids[start..<end].map { s.renderPage($0, c.shaping) }
        if let filter = c.query["filter_properties[]"] ?? c.query["filter_properties"], !filter.isEmpty {
            let wanted = Set(filter)
            results = results.map { page in
                var p = page
                p["properties"] = .object((page["properties"]?.objectValue ?? [:]).filter {
                    wanted.contains($0.key) || wanted.contains($0.value["id"]?.stringValue ?? "")
                })
                return p
            }
        }
        return Self.list(results, next: next, type: type)
    }

    // MARK: Comments

    func listComments(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        guard let raw = c.first("block_id") else {
            throw NotionAPIError.validation("query failed validation: query.block_id should be defined, instead was `undefined`.")
        }
        guard let id = NotionID(raw) else {
            throw NotionAPIError.validation("query failed validation: query.block_id should be a valid uuid, instead was `\"\(raw)\"`.")
        }
        guard s.blockVisible(id) else { throw Self.notFound("block", id.rawValue, c) }
        let comments = s.content.commentOrder.filter { cid in
            let parent = s.content.comments[cid]?["parent"]
            return parent?["page_id"]?.idValue == id || parent?["block_id"]?.idValue == id
        }
        let page = try Self.page(comments, id: \.rawValue, cursor: Self.startCursor(c, inBody: false), size: Self.pageSize(c, inBody: false))
        return Self.list(page.items.map { s.renderComment($0, c.shaping) }, next: page.next, type: "comment")
    }

    func createComment(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        var parent: JSONValue
        var discussion: String
        if let did = c.body["discussion_id"]?.idValue {
            guard let first = s.content.comments.values.first(where: { $0["discussion_id"]?.idValue == did }) else {
                throw Self.notFound("discussion", did.rawValue, c)
            }
            parent = first["parent"] ?? .null
            discussion = did.rawValue
        } else if let pid = c.body["parent"]?["page_id"]?.idValue {
            guard s.pageVisible(pid) else { throw Self.notFound("page", pid.rawValue, c) }
            parent = ["type": "page_id", "page_id": .string(pid.rawValue)]
            discussion = s.ids.next(.discussion).rawValue
        } else if let bid = c.body["parent"]?["block_id"]?.idValue {
            guard s.blockVisible(bid) else { throw Self.notFound("block", bid.rawValue, c) }
            parent = ["type": "block_id", "block_id": .string(bid.rawValue)]
            discussion = s.ids.next(.discussion).rawValue
        } else {
            throw NotionAPIError.validation(
                "body failed validation. Fix one:\nbody.parent should be defined, instead was `undefined`.\nbody.discussion_id should be defined, instead was `undefined`.")
        }
        let lookup = StateLookup(state: s)
        let richText = try RichTextRequests.normalize(c.body["rich_text"], path: "body.rich_text", lookup: lookup)
        let id = s.ids.next(.comment)
        let now = JSONValue.string(NotionTime.minute(c.now))
        var comment: JSONValue = [
            "object": "comment", "id": .string(id.rawValue), "parent": parent, "discussion_id": .string(discussion),
            "created_time": now, "last_edited_time": now, "created_by": author(s), "rich_text": richText,
            "display_name": ["type": "integration", "resolved_name": .string(s.content.integrationName)],
        ]
        if let attachments = c.body["attachments"]?.arrayValue {
            if attachments.count > 3 {
                throw NotionAPIError.validation("body failed validation: body.attachments.length should be ≤ `3`, instead was `\(attachments.count)`.")
            }
            var out: [JSONValue] = []
            for (index, item) in attachments.enumerated() {
                guard let uid = item["file_upload_id"]?.idValue, let file = lookup.uploadedFile(uid) else {
                    throw NotionAPIError.validation("Could not find file upload with ID: \(item["file_upload_id"]?.stringValue ?? "") (body.attachments[\(index)]).")
                }
                let mime = MIMEType.forPath(file.path)
                let category = mime.hasPrefix("image/") ? "image" : mime.hasPrefix("audio/") ? "audio"
                    : mime.hasPrefix("video/") ? "video" : mime == "application/pdf" ? "pdf" : "productivity"
                out.append(["category": .string(category), "file": ["url": .string(file.path)]])
                attach([uid], &s)
            }
            comment["attachments"] = .array(out)
        }
        s.content.comments[id] = comment
        s.content.commentOrder.append(id)
        return s.renderComment(id, c.shaping)
    }

    func commentByID(_ endpoint: Endpoint, _ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "comment_id")
        guard s.content.comments[id] != nil else { throw Self.notFound("comment", id.rawValue, c) }
        switch endpoint {
        case .commentsUpdate:
            let richText = try RichTextRequests.normalize(c.body["rich_text"], path: "body.rich_text", lookup: StateLookup(state: s))
            s.content.comments[id]!["rich_text"] = richText
            s.content.comments[id]!["last_edited_time"] = .string(NotionTime.minute(c.now))
            return s.renderComment(id, c.shaping)
        case .commentsDelete:
            let out = s.renderComment(id, c.shaping)
            s.content.comments[id] = nil
            s.content.commentOrder.removeAll { $0 == id }
            return out
        default:
            return s.renderComment(id, c.shaping)
        }
    }
}
