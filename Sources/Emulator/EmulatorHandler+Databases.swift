import Foundation
import NotionAPI
import NotionModel

extension EmulatorHandler {
    func retrieveDatabase(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "database_id")
        guard s.databaseVisible(id) else { throw Self.notFound("database", id.rawValue, c) }
        return try s.renderDatabase(id, c.shaping)
    }

    func createDatabase(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let request = try DatabaseRequests.create(body: c.body, version: c.version, lookup: StateLookup(state: s, now: c.now))
        let parent = try databaseParent(request.parent, c, s)
        try s.checkDualRelationTargets(request.properties)
        let id = s.ids.next(.database)
        let stamp = JSONValue.string(NotionTime.millisecond(c.now))
        let db: JSONValue = [
            "object": "database", "id": .string(id.rawValue), "title": request.title, "description": request.description,
            "parent": parent.json, "is_inline": .bool(request.isInline),
            "in_trash": false, "is_locked": false, "created_time": stamp, "last_edited_time": stamp,
            "icon": request.icon, "cover": request.cover, "url": .string("\(pageURLBase)/\(id.compact)"), "public_url": nil,
        ]
        s.content.databases[id] = .init(json: db, shared: true, dataSourceIDs: [])
        s.content.databaseOrder.append(id)
        s.noteCreated(id)
        s.content.children[parent.container, default: []].append(id)
        _ = makeDataSource(database: id, schema: request.properties, title: request.title, icon: .null, c, &s)
        attach(request.attachedUploads, &s)
        return try s.renderDatabase(id, c.shaping)
    }

    /// The stored parent of a database and the page or block whose children list holds it.
    func databaseParent(_ parent: DatabaseParent, _ c: Context, _ s: WorkspaceState) throws -> (json: JSONValue, container: NotionID) {
        switch parent {
        case .page(let pid):
            guard s.pageVisible(pid) else { throw Self.notFound("page", pid.rawValue, c) }
            return (["type": "page_id", "page_id": .string(pid.rawValue)], pid)
        case .block(let bid):
            guard s.blockVisible(bid) else { throw Self.notFound("block", bid.rawValue, c) }
            return (["type": "block_id", "block_id": .string(bid.rawValue)], bid)
        case .workspace:
            // Internal integrations cannot create workspace-level content.
            throw NotionAPIError.validation("body failed validation: body.parent.workspace should be not present, instead was `true`.")
        }
    }

    /// Creates a data source in a database from a validated (stored-shape) schema.
    func makeDataSource(database: NotionID, schema: JSONValue, title: JSONValue, icon: JSONValue, _ c: Context,
                        _ s: inout WorkspaceState) -> NotionID {
        let sid = s.ids.next(.dataSource)
        let now = JSONValue.string(NotionTime.minute(c.now))
        let db = s.content.databases[database]!.json
        let ds: JSONValue = [
            "object": "data_source", "id": .string(sid.rawValue), "cover": nil, "icon": icon, "created_time": now,
            "created_by": author(s), "last_edited_by": author(s), "last_edited_time": now, "title": title, "description": [],
            "is_inline": db["is_inline"] ?? false, "properties": schema,
            "parent": ["type": "database_id", "database_id": .string(database.rawValue)], "database_parent": db["parent"] ?? .null,
            "url": db["url"] ?? .null, "public_url": nil, "in_trash": false,
        ]
        s.content.dataSources[sid] = ds
        s.noteCreated(sid)
        s.content.databases[database]!.dataSourceIDs.append(sid)
        s.pairDualRelations(of: sid, time: NotionTime.minute(c.now))
        return sid
    }

    func updateDatabase(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "database_id")
        guard s.databaseVisible(id), var record = s.content.databases[id] else { throw Self.notFound("database", id.rawValue, c) }
        let firstSource = record.dataSourceIDs.first
        let update = try DatabaseRequests.update(body: c.body, version: c.version,
                                                 schema: firstSource.flatMap { s.content.dataSources[$0]?["properties"] },
                                                 lookup: StateLookup(state: s, now: c.now))
        try s.checkDualRelationTargets(update.properties)
        if let parent = update.parent {
            let target = try databaseParent(parent, c, s)
            let old = record.json["parent"]
            if let oldContainer = old?["page_id"]?.idValue ?? old?["block_id"]?.idValue {
                s.content.children[oldContainer]?.removeAll { $0 == id }
            }
            s.content.children[target.container, default: []].append(id)
            record.json["parent"] = target.json
            for sid in record.dataSourceIDs { s.content.dataSources[sid]?["database_parent"] = target.json }
        }
        if let title = update.title { record.json["title"] = title }
        if let description = update.description { record.json["description"] = description }
        if let icon = update.icon { record.json["icon"] = icon }
        if let cover = update.cover { record.json["cover"] = cover }
        if let isInline = update.isInline { record.json["is_inline"] = .bool(isInline) }
        if let isLocked = update.isLocked { record.json["is_locked"] = .bool(isLocked) }
        if let trash = update.inTrash { record.json["in_trash"] = .bool(trash) }
        record.json["last_edited_time"] = .string(NotionTime.millisecond(c.now))
        s.content.databases[id] = record
        // Before 2025-09-03 the schema lives on the database: it is the single data source's.
        if let properties = update.properties, let sid = firstSource {
            s.content.dataSources[sid]?["properties"] = properties
            s.content.dataSources[sid]?["last_edited_time"] = .string(NotionTime.minute(c.now))
            s.pairDualRelations(of: sid, time: NotionTime.minute(c.now))
        }
        attach(update.attachedUploads, &s)
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
        let request = try DataSourceRequests.create(body: c.body, version: c.version, lookup: StateLookup(state: s, now: c.now))
        guard s.databaseVisible(request.databaseID) else { throw Self.notFound("database", request.databaseID.rawValue, c) }
        try s.checkDualRelationTargets(request.properties)
        let sid = makeDataSource(database: request.databaseID, schema: request.properties, title: request.title, icon: request.icon, c, &s)
        attach(request.attachedUploads, &s)
        return s.renderDataSource(sid, c.shaping)
    }

    func updateDataSource(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = try visibleDataSource(c, &s)
        let update = try DataSourceRequests.update(body: c.body, version: c.version, schema: s.content.dataSources[id]?["properties"] ?? [:],
                                                   lookup: StateLookup(state: s, now: c.now))
        try s.checkDualRelationTargets(update.properties)
        if let target = update.parentDatabaseID {
            guard s.databaseVisible(target) else { throw Self.notFound("database", target.rawValue, c) }
            if let old = s.content.dataSources[id]?["parent"]?["database_id"]?.idValue, old != target {
                s.content.databases[old]?.dataSourceIDs.removeAll { $0 == id }
                s.content.databases[target]?.dataSourceIDs.append(id)
                s.content.dataSources[id]!["parent"] = ["type": "database_id", "database_id": .string(target.rawValue)]
                s.content.dataSources[id]!["database_parent"] = s.content.databases[target]?.json["parent"] ?? .null
            }
        }
        if let title = update.title { s.content.dataSources[id]!["title"] = title }
        if let icon = update.icon { s.content.dataSources[id]!["icon"] = icon }
        if let trash = update.inTrash { s.content.dataSources[id]!["in_trash"] = .bool(trash) }
        if let properties = update.properties { s.content.dataSources[id]!["properties"] = properties }
        s.content.dataSources[id]!["last_edited_time"] = .string(NotionTime.minute(c.now))
        if update.properties != nil { s.pairDualRelations(of: id, time: NotionTime.minute(c.now)) }
        attach(update.attachedUploads, &s)
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
        let schema = s.content.dataSources[sid]?["properties"] ?? [:]
        let filter = try c.body["filter"].flatMap { $0 == .null ? nil : $0 }.map { try QueryFilter(json: $0, schema: schema) }
        let sort = try QuerySort(json: c.body["sorts"], schema: schema)
        // Filters and sorts read property values only: no file signing or version shaping per row.
        var rows: [QueryRow] = rowIDs.map { id in
            let page = s.content.pages[id]?.json ?? [:]
            return QueryRow(id: id, properties: .object(s.completedProperties(of: page)),
                            createdTime: page["created_time"]?.stringValue.flatMap(ISODate.parse) ?? c.now,
                            lastEditedTime: page["last_edited_time"]?.stringValue.flatMap(ISODate.parse) ?? c.now,
                            createdSequence: s.creationSequence[id])
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
}
