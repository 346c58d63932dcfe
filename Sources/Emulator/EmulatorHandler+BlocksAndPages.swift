import Foundation
import NotionAPI
import NotionModel

extension EmulatorHandler {
    // MARK: Blocks

    func retrieveBlock(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "block_id")
        guard s.blockVisible(id) else { throw Self.notFound("block", id.rawValue, c) }
        return s.renderBlock(id, c.shaping)
    }

    func listChildren(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "block_id")
        guard s.blockVisible(id) else { throw Self.notFound("block", id.rawValue, c) }
        let size = try Self.pageSize(c, inBody: false)
        let page = try s.visibleChildrenPage(id, cursor: Self.startCursor(c, inBody: false), size: size)
        return Self.list(page.items.map { s.renderBlock($0, c.shaping) }, next: page.next?.description, type: "block")
    }

    /// Creates blocks under `parent` at `position`; returns the first-level ids.
    func insert(_ blocks: [NewBlock], under parent: NotionID, parentIsPage: Bool, position: AppendPosition, author: JSONValue,
                now: Date, _ s: inout WorkspaceState) -> [NotionID] {
        let time = NotionTime.minute(now)
        func create(_ block: NewBlock, parent: JSONValue) -> NotionID {
            let id = s.ids.next(.block)
            let json: JSONValue = [
                "object": "block", "id": .string(id.rawValue), "parent": parent, "created_time": .string(time),
                "last_edited_time": .string(time), "created_by": author, "last_edited_by": author, "in_trash": false,
                "type": .string(block.type), .init(stringLiteral: block.type): block.payload,
            ]
            s.content.blocks[id] = json
            let childIDs = block.children.map { create($0, parent: ["type": "block_id", "block_id": .string(id.rawValue)]) }
            if !childIDs.isEmpty { s.content.children[id] = childIDs }
            return id
        }
        let parentRef: JSONValue = parentIsPage
            ? ["type": "page_id", "page_id": .string(parent.rawValue)] : ["type": "block_id", "block_id": .string(parent.rawValue)]
        let ids = blocks.map { create($0, parent: parentRef) }
        var list = s.content.children[parent] ?? []
        switch position {
        case .end: list.append(contentsOf: ids)
        case .start: list.insert(contentsOf: ids, at: 0)
        case .afterBlock(let after):
            let index = list.firstIndex(of: after).map { $0 + 1 } ?? list.count
            list.insert(contentsOf: ids, at: index)
        }
        s.content.children[parent] = list
        return ids
    }

    func author(_ s: WorkspaceState) -> JSONValue { ["object": "user", "id": s.content.bot["id"] ?? .null] }

    /// Marks a page or block whose content changed as edited now. A block's owning page is edited
    /// too, by the integration, as a page is whenever a block inside it changes.
    func touch(_ id: NotionID, _ now: Date, _ s: inout WorkspaceState) {
        let time = NotionTime.minute(now)
        if s.content.pages[id] != nil {
            s.content.pages[id]!.json["last_edited_time"] = .string(time)
            s.content.pages[id]!.json["last_edited_by"] = author(s)
        } else if s.content.blocks[id] != nil {
            s.content.blocks[id]!["last_edited_time"] = .string(time)
            s.content.markOwningPageEdited(ofBlock: id, time: time, by: author(s))
        }
    }

    func appendChildren(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "block_id")
        guard s.blockVisible(id), s.content.databases[id] == nil else { throw Self.notFound("block", id.rawValue, c) }
        if s.isTrashed(id) { throw NotionAPIError.archivedBlock }
        let parentType = s.content.blocks[id]?["type"]?.stringValue
        let width = s.content.blocks[id]?["table"]?["table_width"]?.intValue
        let request = try BlockRequests.appendChildren(body: c.body, version: c.version, lookup: StateLookup(state: s, now: c.now),
                                                       parentType: parentType, parentTableWidth: width)
        if case .afterBlock(let after) = request.position, !(s.content.children[id] ?? []).contains(after) {
            throw NotionAPIError.validation("Could not find block with ID: \(after.rawValue).")  // unverified wording
        }
        let ids = insert(request.children, under: id, parentIsPage: s.content.pages[id] != nil, position: request.position,
                         author: author(s), now: c.now, &s)
        attach(request.attachedUploads, &s)
        touch(id, c.now, &s)
        return Self.list(ids.map { s.renderBlock($0, c.shaping) }, next: nil, type: "block")
    }

    func attach(_ uploads: [NotionID], _ s: inout WorkspaceState) {
        for upload in uploads where s.content.fileUploads[upload] != nil {
            s.content.fileUploads[upload]!.json["expiry_time"] = .null
        }
    }

    func updateBlock(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "block_id")
        guard s.blockVisible(id) else { throw Self.notFound("block", id.rawValue, c) }
        if s.content.pages[id] != nil || s.content.databases[id] != nil {
            // A page or database addressed as a block: trash/restore and title.
            let inTrash = c.body["in_trash"]?.boolValue ?? c.body["archived"]?.boolValue
            if let inTrash { setTrash(id, inTrash, c.now, &s) }
            if let title = c.body["child_page"]?["title"]?.stringValue { s.content.pages[id]?.setTitle(title) }
            return s.renderBlock(id, c.shaping)
        }
        guard let type = s.content.blocks[id]?["type"]?.stringValue else { throw Self.notFound("block", id.rawValue, c) }
        let update = try BlockRequests.update(body: c.body, existingType: type, version: c.version, lookup: StateLookup(state: s, now: c.now),
                                              existingTableWidth: s.content.blocks[id]?["table"]?["table_width"]?.intValue)
        let trashed = s.isTrashed(id)
        if trashed && update.inTrash != false { throw NotionAPIError.archivedBlock }
        var block = s.content.blocks[id]!
        if let patch = update.payloadPatch?.objectValue {
            var payload = block[type]?.objectValue ?? [:]
            for (k, v) in patch { payload[k] = v }
            block[type] = .object(payload)
        }
        if let inTrash = update.inTrash { block["in_trash"] = .bool(inTrash) }
        block["last_edited_time"] = .string(NotionTime.minute(c.now))
        block["last_edited_by"] = author(s)
        s.content.blocks[id] = block
        s.content.markOwningPageEdited(ofBlock: id, time: NotionTime.minute(c.now), by: author(s))
        attach(update.attachedUploads, &s)
        return s.renderBlock(id, c.shaping)
    }

    func setTrash(_ id: NotionID, _ trashed: Bool, _ now: Date, _ s: inout WorkspaceState) {
        if s.content.pages[id] != nil {
            s.content.pages[id]!.json["in_trash"] = .bool(trashed)
        } else if s.content.databases[id] != nil {
            s.content.databases[id]!.json["in_trash"] = .bool(trashed)
            s.content.databases[id]!.json["last_edited_time"] = .string(NotionTime.millisecond(now))
        } else if s.content.blocks[id] != nil {
            s.content.blocks[id]!["in_trash"] = .bool(trashed)
            s.content.markOwningPageEdited(ofBlock: id, time: NotionTime.minute(now), by: author(s))
        }
    }

    func deleteBlock(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "block_id")
        guard s.blockVisible(id) else { throw Self.notFound("block", id.rawValue, c) }
        setTrash(id, true, c.now, &s)
        return s.renderBlock(id, c.shaping)
    }

    // MARK: Pages

    func retrievePage(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "page_id")
        guard s.pageVisible(id) else { throw Self.notFound("page", id.rawValue, c) }
        var page = s.renderPage(id, c.shaping)
        if let filter = c.query["filter_properties[]"] ?? c.query["filter_properties"], !filter.isEmpty {
            let wanted = Set(filter)
            let kept = (page["properties"]?.objectValue ?? [:]).filter { name, value in
                wanted.contains(name) || wanted.contains(value["id"]?.stringValue ?? "")
                    || wanted.contains(value["id"]?.stringValue?.removingPercentEncoding ?? "")
            }
            page["properties"] = .object(kept)
        }
        return page
    }

    func createPage(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let now = NotionTime.minute(c.now)
        let parent = try PageRequests.parent(body: c.body, version: c.version)
        var storedParent: JSONValue
        var schema: JSONValue?
        var parentPage: NotionID?
        var dataSource: NotionID?
        switch parent {
        case .page(let pid), .block(let pid):
            guard s.pageVisible(pid) else { throw Self.notFound("page", pid.rawValue, c) }
            storedParent = ["type": "page_id", "page_id": .string(pid.rawValue)]
            parentPage = pid
        case .database(let did), .dataSource(let did):
            var sid = did
            if case .database = parent {
                guard s.databaseVisible(did), let record = s.content.databases[did], let first = record.dataSourceIDs.first else {
                    throw Self.notFound("database", did.rawValue, c)
                }
                if record.dataSourceIDs.count > 1, c.version <= .v2022_06_28 { _ = try s.renderDatabase(did, c.shaping) }
                sid = first
            }
            guard s.dataSourceVisible(sid), let ds = s.content.dataSources[sid] else { throw Self.notFound("data source", sid.rawValue, c) }
            storedParent = ["type": "data_source_id", "data_source_id": .string(sid.rawValue), "database_id": ds["parent"]?["database_id"] ?? .null]
            schema = ds["properties"]
            dataSource = sid
        case .workspace:
            throw NotionAPIError.validation("body failed validation: body.parent.workspace should be not present, instead was `true`.")  // internal integrations cannot create workspace pages
        }
        let request = try PageRequests.create(body: c.body, version: c.version, schema: schema, lookup: StateLookup(state: s, now: c.now))
        if let parentPage, case .afterBlock(let after) = request.position, !(s.content.children[parentPage] ?? []).contains(after) {
            throw NotionAPIError.validation("Could not find block with ID: \(after.rawValue).")  // unverified wording, as for appends
        }
        if let dataSource { addOptions(request.newOptions, to: dataSource, &s) }
        let id = s.ids.next(.page)
        let title = (request.properties.values.first { $0["type"]?.stringValue == "title" })?["title"]?.plainText ?? ""
        let page: JSONValue = [
            "object": "page", "id": .string(id.rawValue), "created_time": .string(now), "last_edited_time": .string(now),
            "created_by": author(s), "last_edited_by": author(s), "cover": request.cover, "icon": request.icon,
            "parent": storedParent, "in_trash": false, "is_archived": false, "is_locked": false,
            "properties": .object(request.properties),
            "url": .string(WorkspaceSnapshot.pageURL(title: title, id: id, base: pageURLBase)), "public_url": nil,
        ]
        s.content.pages[id] = .init(json: page, shared: true)
        s.content.pageOrder.append(id)
        s.noteCreated(id)
        if let parentPage {
            // Among the parent's blocks where `position` says (a row of a data source has no place).
            var siblings = s.content.children[parentPage] ?? []
            switch request.position {
            case .start: siblings.insert(id, at: 0)
            case .afterBlock(let after): siblings.insert(id, at: (siblings.firstIndex(of: after) ?? siblings.count - 1) + 1)
            case .end: siblings.append(id)
            }
            s.content.children[parentPage] = siblings
        }
        s.mirrorDualRelations(ofPage: id, before: [:], time: now, author: author(s))
        _ = insert(request.children, under: id, parentIsPage: true, position: .end, author: author(s), now: c.now, &s)
        attach(request.attachedUploads, &s)
        return s.renderPage(id, c.shaping)
    }

    /// Select/multi-select options created by a write become part of the schema.
    func addOptions(_ options: [NewSelectOption], to sid: NotionID, _ s: inout WorkspaceState) {
        for new in options {
            guard var config = s.content.dataSources[sid]?["properties"]?[new.propertyName],
                  let type = config["type"]?.stringValue else { continue }
            var list = config[type]?["options"]?.arrayValue ?? []
            if !list.contains(where: { $0["name"] == new.option["name"] }) { list.append(new.option) }
            config[type]?["options"] = .array(list)
            s.content.dataSources[sid]?["properties"]?[new.propertyName] = config
        }
    }

    func updatePage(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "page_id")
        guard s.pageVisible(id), var record = s.content.pages[id] else { throw Self.notFound("page", id.rawValue, c) }
        let schema = s.schema(ofPage: record.json)
        let update = try PageRequests.update(body: c.body, version: c.version, schema: schema.isEmpty ? nil : .object(schema),
                                             lookup: StateLookup(state: s, now: c.now))
        if let sid = record.json["parent"]?["data_source_id"]?.idValue { addOptions(update.newOptions, to: sid, &s) }
        let before = record.json["properties"]?.objectValue ?? [:]
        var properties = before
        for (k, v) in update.properties { properties[k] = v }
        record.json["properties"] = .object(properties)
        if let icon = update.icon { record.json["icon"] = icon }
        if let cover = update.cover { record.json["cover"] = cover }
        if let trash = update.inTrash { record.json["in_trash"] = .bool(trash) }
        if let locked = update.isLocked { record.json["is_locked"] = .bool(locked) }
        record.json["last_edited_time"] = .string(NotionTime.minute(c.now))
        record.json["last_edited_by"] = author(s)
        s.content.pages[id] = record
        s.mirrorDualRelations(ofPage: id, before: before, time: NotionTime.minute(c.now), author: author(s))
        if update.eraseContent {
            for child in s.content.children[id] ?? [] where s.content.blocks[child] != nil { s.content.blocks[child]!["in_trash"] = true }
        }
        attach(update.attachedUploads, &s)
        return s.renderPage(id, c.shaping)
    }

    /// `POST /v1/pages/{page_id}/move`: re-parents a page under another page or into a data source.
    /// Its `child_page` block leaves the old parent's children and is appended to the new parent's.
    func movePage(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "page_id")
        let target = try PageRequests.move(body: c.body, version: c.version)
        guard s.pageVisible(id), var record = s.content.pages[id] else { throw Self.notFound("page", id.rawValue, c) }
        if s.isTrashed(id) { throw NotionAPIError.archivedBlock }
        let newParent: JSONValue
        var parentPage: NotionID?
        switch target {
        case .page(let pid):
            guard s.pageVisible(pid) else { throw Self.notFound("page", pid.rawValue, c) }
            // A page cannot move under itself or one of its descendants.
            var ancestor: NotionID? = pid
            var depth = 0
            while let current = ancestor, depth < 64 {
                if current == id {
                    throw NotionAPIError.validation("body failed validation: body.parent.page_id should not be the page or one of its descendants, instead was `\"\(pid.rawValue)\"`.")  // unverified wording
                }
                let parent = s.content.pages[current]?.json["parent"] ?? s.content.blocks[current]?["parent"]
                ancestor = parent?["page_id"]?.idValue ?? parent?["block_id"]?.idValue
                depth += 1
            }
            newParent = ["type": "page_id", "page_id": .string(pid.rawValue)]
            parentPage = pid
        case .dataSource(let sid):
            guard s.dataSourceVisible(sid), let ds = s.content.dataSources[sid] else { throw Self.notFound("data source", sid.rawValue, c) }
            newParent = ["type": "data_source_id", "data_source_id": .string(sid.rawValue), "database_id": ds["parent"]?["database_id"] ?? .null]
        default:
            throw NotionAPIError.validation("body failed validation: body.parent should be defined, instead was `undefined`.")
        }
        // Leave the old parent (page or block) …
        let old = record.json["parent"]
        if let oldParent = old?["page_id"]?.idValue ?? old?["block_id"]?.idValue {
            s.content.children[oldParent]?.removeAll { $0 == id }
        }
        // … and join the new one. A row moved out of a data source keeps only its title; a page moved
        // into one keeps its title under the schema's title property (other values start empty).
        var properties = record.json["properties"]?.objectValue ?? [:]
        let titleValue = properties.first { $0.value["type"]?.stringValue == "title" }?.value
            ?? ["id": "title", "type": "title", "title": []]
        if case .dataSource(let sid) = target {
            let schema = s.content.dataSources[sid]?["properties"]?.objectValue ?? [:]
            let titleName = schema.first { $0.value["type"]?.stringValue == "title" }?.key ?? "Name"
            if record.json["parent"]?["data_source_id"]?.idValue != sid {
                properties = [titleName: titleValue]
            }
        } else {
            properties = ["title": titleValue]
            properties["title"]?["id"] = "title"
        }
        record.json["properties"] = .object(properties)
        record.json["parent"] = newParent
        // Unverified: the recording moves a page within the minute it was created in.
        record.json["last_edited_time"] = .string(NotionTime.minute(c.now))
        record.json["last_edited_by"] = author(s)
        s.content.pages[id] = record
        if let parentPage { s.content.children[parentPage, default: []].append(id) }
        return s.renderPage(id, c.shaping)
    }

    func retrievePageProperty(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "page_id")
        guard s.pageVisible(id), let record = s.content.pages[id] else { throw Self.notFound("page", id.rawValue, c) }
        let wanted = c.params["property_id"] ?? ""
        let page = s.renderPage(id, c.shaping)
        // Uncapped values: the stored ones (the rendered page caps relations and people at 25).
        let stored = record.json["properties"]?.objectValue ?? [:]
        guard let (name, rendered) = (page["properties"]?.objectValue ?? [:]).first(where: { key, value in
            let pid = value["id"]?.stringValue ?? ""
            return pid == wanted || pid.removingPercentEncoding == wanted || key == wanted
        }) else {
            throw NotionAPIError(status: 404, code: "object_not_found", message: "Could not find property with ID: \(wanted).")  // unverified wording
        }
        let value = stored[name] ?? rendered
        let type = rendered["type"]?.stringValue ?? ""
        let pid = rendered["id"] ?? .string(wanted)
        guard ["title", "rich_text", "relation", "people", "rollup"].contains(type) else {
            return s.signFiles(["object": "property_item", "id": pid, "type": .string(type), .init(stringLiteral: type): rendered[type] ?? .null],
                               c.shaping)
        }
        var items: [(type: String, value: JSONValue)]
        var aggregate: JSONValue = [:]
        if type == "rollup" {
            // Reference §11 / Notion docs: a rollup answers a list. A "show original" (array) rollup lists
            // the rolled-up values flattened — one property item per rich text item, person or relation —
            // and its `property_item.rollup` carries an empty array; a calculated rollup (number, date, …)
            // has its aggregate there and no per-page items in the emulator (it stores only the result).
            let rollup = value["rollup"] ?? .null
            var flattened: [(type: String, value: JSONValue)] = []
            for element in rollup["array"]?.arrayValue ?? [] {
                guard let elementType = element["type"]?.stringValue else { continue }
                let inner = element[elementType] ?? .null
                if ["title", "rich_text", "people", "relation"].contains(elementType), let list = inner.arrayValue {
                    flattened += list.map { (elementType, elementType == "people" ? s.fullUser($0) : $0) }
                } else {
                    flattened.append((elementType, inner))
                }
            }
            items = flattened
            aggregate = rollup
            if rollup["type"]?.stringValue == "array" { aggregate["array"] = [] }
        } else {
            items = (value[type]?.arrayValue ?? []).map { (type, type == "people" ? s.fullUser($0) : $0) }
        }
        let size = try Self.pageSize(c, inBody: false)
        var start = 0
        if let cursor = try Self.startCursor(c, inBody: false) {
            guard let index = s.issuedCursors[cursor] else { throw NotionAPIError.invalidCursor(cursor) }
            start = index
        }
        start = min(start, items.count)
        let end = min(items.count, start + size)
        var next: String?
        if end < items.count {
            let cursor = s.requestIDs.next(.request).rawValue
            s.issuedCursors[cursor] = end
            next = cursor
        }
        let results: [JSONValue] = items[start..<end].map {
            s.signFiles(["object": "property_item", "id": pid, "type": .string($0.type), .init(stringLiteral: $0.type): $0.value], c.shaping)
        }
        return Self.list(results, next: next, type: "property_item",
                         typeObject: ["id": pid, "next_url": nil, "type": .string(type), .init(stringLiteral: type): aggregate])
    }
}
