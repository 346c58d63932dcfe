import Export
import Foundation
import NotionAPI
import NotionModel

/// `restore BACKUP --parent PAGE`: recreates a backup tree's pages, databases, rows and content
/// under a page, from the raw JSON the backup keeps beside each Markdown file.
///
/// Three phases, so that every reference can be resolved when it is written:
/// 1. **Skeleton**, top-down: every page and database is created empty (a database with its
///    schema, a row with its values), so every new id is known. A page's children are created in
///    the order its content names them: Notion adds each at the end, so they stand in order.
/// 2. **Content**: each page's blocks, resolved (`restore-id:` → new ids, `local-file:` → uploads
///    of the backed-up assets), are appended in the segments between its children (the first at
///    the start, `position: start`), so child pages keep their place among the blocks.
/// 3. **Links**: relation and rollup properties (their target data sources now exist), then the
///    rows' relation values.
///
/// Ids change (Notion gives new ones); what the API cannot recreate is reported, never dropped
/// silently (see `RestoreDrafts`, `RestoreProperties`). A synced block that shows another
/// page's original is restored as a synced block of its own with the same content.
public struct Restore: Sendable {
    public var client: NotionClient
    public var backup: URL
    public var parent: String

    public init(client: NotionClient, backup: URL, parent: String) {
        self.client = client
        self.backup = backup
        self.parent = parent
    }

    public struct Summary: Sendable, Hashable {
        public var pages = 0
        public var databases = 0
        public var blocks = 0
        public var files = 0
        /// Old id → new id, for pages, databases and data sources.
        public var ids: [String: String] = [:]
        public var warnings: [ImportWarning] = []
    }

    /// One backup document: a page (with its blocks) or a database (with its data sources).
    struct Document {
        var path: String
        var json: JSONValue
        var id: String
        var parent: String?
        var isDatabase: Bool
        var dataSources: [String] { (json["data_sources"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } }
    }

    public func run() async throws(RestoreError) -> Summary {
        let documents = try loadDocuments()
        let assets = try loadAssets()
        // The parent first: a page that is not shared fails the run before anything is written.
        do {
            _ = try await client.send(.pagesRetrieve, ["page_id": parent])
        } catch {
            throw RestoreError(path: parent, message: "cannot be restored under: \(error)", cause: error)
        }
        var state = RestoreState(client: client, backup: backup, assets: assets, version: client.options.version)
        state.users = try await workspaceUsers()
        // Which documents sit under which: a page or database under a page (or a block of it), a
        // row under its database (named by database or data source).
        var databaseOfSource: [String: String] = [:]
        for document in documents where document.isDatabase { for source in document.dataSources { databaseOfSource[source] = document.id } }
        let byID = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var blockOwner: [String: String] = [:]  // block id → the page whose content holds it
        for document in documents where !document.isDatabase {
            func walk(_ blocks: [JSONValue]) {
                for block in blocks {
                    if let id = block["id"]?.stringValue { blockOwner[id] = document.id; state.rawBlocks[id] = block }
                    walk(block["children"]?.arrayValue ?? [])
                }
            }
            walk(document.json["blocks"]?.arrayValue ?? [])
        }
        func owner(_ document: Document) -> String? {
            guard let parent = document.parent else { return nil }
            if let database = databaseOfSource[parent] { return database }
            if byID[parent] != nil { return parent }
            return blockOwner[parent]
        }
        var children: [String: [Document]] = [:]
        var roots: [Document] = []
        for document in documents {
            if let owner = owner(document) { children[owner, default: []].append(document) } else { roots.append(document) }
        }

        // 1. Skeleton.
        var queue: [Document] = roots.sorted { $0.path < $1.path }
        var contentOrder: [Document] = []
        while !queue.isEmpty {
            let document = queue.removeFirst()
            let kids = state.ordered(children[document.id] ?? [], in: document)
            // A row goes under its data source (or database), as recreated; anything else under
            // its page, or the restore's parent for the backup's top level.
            let isRow = document.parent.map { databaseOfSource[$0] != nil || byID[$0]?.isDatabase == true } == true
            let newParent: String
            if isRow, let old = document.parent, let new = state.summary.ids[old] {
                newParent = new
            } else if let owner = owner(document), let new = state.summary.ids[owner] {
                newParent = new
            } else {
                newParent = parent
            }
            try await state.create(document, under: newParent, parentIsDatabase: isRow)
            contentOrder.append(document)
            queue += kids
        }

        // 2. Content, in creation order (parents before children).
        for document in contentOrder where !document.isDatabase {
            try await state.writeContent(document, children: state.ordered(children[document.id] ?? [], in: document))
        }

        // 3. Links.
        try await state.writeLinks()
        return state.summary
    }

    // MARK: Reading the backup

    func loadDocuments() throws(RestoreError) -> [Document] {
        let files: [String]
        do {
            files = try BackupFiles.json(in: backup)
        } catch {
            throw RestoreError(path: backup.path, message: "cannot be read (\(error.localizedDescription)): give the folder a `notion-export backup` wrote.")
        }
        var documents: [Document] = []
        for path in files {
            guard let data = try? Data(contentsOf: backup.appending(path: path)), let json = try? JSONValue(data: data) else {
                throw RestoreError(path: backup.appending(path: path).path, message: "is not valid JSON: restore it from the backup's git history or run the backup again.")
            }
            if let page = json["page"], let id = page["id"]?.stringValue {
                documents.append(Document(path: path, json: json, id: id, parent: Self.parentID(page["parent"]), isDatabase: false))
            } else if let database = json["database"] ?? json["data_sources"]?[0], let id = json["database"]?["id"]?.stringValue ?? database["id"]?.stringValue {
                let parent = json["database"]?["parent"] ?? json["data_sources"]?[0]?["database_parent"]
                documents.append(Document(path: path, json: json, id: id, parent: Self.parentID(parent), isDatabase: true))
            }
        }
        guard !documents.isEmpty else {
            throw RestoreError(path: backup.path, message: "holds no backup documents (page or database JSON): give the folder a `notion-export backup` wrote.")
        }
        return documents
    }

    /// The people of the workspace written to (one paginated list): mentions and people values
    /// of anyone else cannot be written there.
    func workspaceUsers() async throws(RestoreError) -> Set<String> {
        do {
            return Set(try await client.users().collect().compactMap { $0["id"]?.stringValue })
        } catch {
            throw RestoreError(path: backup.path, message: "cannot be restored: listing the workspace's users failed: \(error)", cause: error)
        }
    }

    static func parentID(_ parent: JSONValue?) -> String? {
        guard let parent, let type = parent["type"]?.stringValue, type != "workspace" else { return nil }
        return parent[type]?.stringValue
    }

    func loadAssets() throws(RestoreError) -> [String: String] {
        let url = backup.appending(path: ".notion-export/assets.json")
        guard let data = try? Data(contentsOf: url) else { return [:] }
        guard let json = try? JSONValue(data: data) else {
            throw RestoreError(path: url.path, message: "is not valid JSON: hosted files cannot be matched to their copies; run the backup again.")
        }
        return (json["assets"]?.objectValue ?? [:]).compactMapValues { $0["path"]?.stringValue }
    }
}

/// The JSON documents of a backup tree (its state folder left out), sorted.
enum BackupFiles {
    static func json(in root: URL) throws -> [String] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        let base = root.standardizedFileURL.path + "/"
        var out: [String] = []
        for case let url as URL in walker where url.pathExtension == "json" {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            if path.hasPrefix(".") || path.contains("/.") { continue }
            out.append(path)
        }
        return out.sorted()
    }
}

/// What a restore has done so far, and the writes themselves.
struct RestoreState {
    let client: NotionClient
    let backup: URL
    let assets: [String: String]
    let version: NotionVersion
    let writer: BlockWriter
    let uploader: FileUploader
    var summary = Restore.Summary()
    /// Every block of the backup by id (synced originals are copied from here).
    var rawBlocks: [String: JSONValue] = [:]
    /// The people of the workspace written to.
    var users: Set<String>?
    /// The property reader of each database's rows (by the rows' parent id).
    var rowProperties: [String: RestoreProperties] = [:]
    /// Text of page and database mentions by old id (shown when the target is not restored).
    var mentionTexts: [String: String] = [:]
    /// Rows whose relation values wait for phase 3: new page id → values.
    var pendingRelations: [(page: String, values: [String: JSONValue], file: String, source: String)] = []
    /// Linked schema (relations, rollups) waiting for phase 3: (new data source or database id, properties, file).
    var pendingSchema: [(id: String, properties: [String: JSONValue], file: String)] = []

    init(client: NotionClient, backup: URL, assets: [String: String], version: NotionVersion) {
        self.client = client
        self.backup = backup
        self.assets = assets
        self.version = version
        originalNames = Dictionary(assets.map { ($0.value, String($0.key.split(separator: "/").last ?? "")) }, uniquingKeysWith: { a, _ in a })
        writer = BlockWriter(client: client)
        uploader = FileUploader(client: client)
    }

    var splitsDatabases: Bool { version >= .v2025_09_03 }

    /// A backed-up asset's path → the name the file had in Notion (the last part of its stable id).
    let originalNames: [String: String]

    /// The backed-up copy of a hosted file, by the stable id the backup gives it.
    var assetLookup: (String) -> String? {
        let assets = self.assets
        return { assets[$0] }
    }

    /// A document's children in the order its content names them (child_page / child_database
    /// blocks at the top level), then any others by path.
    func ordered(_ kids: [Restore.Document], in document: Restore.Document) -> [Restore.Document] {
        if document.isDatabase {
            // Rows in the order the backup's table of them lists them (Notion's order when it was
            // taken), so the restored database lists them the same way.
            let position = rowOrder(of: document)
            return kids.sorted { (position[$0.path] ?? Int.max, $0.path) < (position[$1.path] ?? Int.max, $1.path) }
        }
        let order = Dictionary((document.json["blocks"]?.arrayValue ?? []).enumerated().compactMap { index, block in
            block["id"]?.stringValue.map { ($0, index) }
        }, uniquingKeysWith: { a, _ in a })
        return kids.sorted { (order[$0.id] ?? Int.max, $0.path) < (order[$1.id] ?? Int.max, $1.path) }
    }

    /// A database document's rows by position in its Markdown table (`blog.md` links each row's
    /// file in order): row document path → index.
    func rowOrder(of document: Restore.Document) -> [String: Int] {
        let markdown = String(document.path.dropLast(".json".count)) + ".md"
        guard let data = try? Data(contentsOf: backup.appending(path: markdown)) else { return [:] }
        let text = String(decoding: data, as: UTF8.self)
        let folder = (document.path as NSString).deletingLastPathComponent
        var order: [String: Int] = [:]
        var rest = Substring(text)
        while let open = rest.firstRange(of: "](") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(where: { $0 == ")" || $0 == " " }) else { break }
            let target = String(rest[..<close]).removingPercentEncoding ?? String(rest[..<close])
            guard target.hasSuffix(".md"), !target.contains("://") else { continue }
            let path = (folder.isEmpty ? "" : folder + "/") + target.dropLast(".md".count) + ".json"
            if order[path] == nil { order[path] = order.count }
        }
        return order
    }

    // MARK: Phase 1

    mutating func create(_ document: Restore.Document, under parent: String, parentIsDatabase: Bool) async throws(RestoreError) {
        if document.isDatabase {
            try await createDatabase(document, under: parent)
            return
        }
        let page = document.json["page"] ?? [:]
        // One reader per database, so each property's warning is given once, not once per row.
        let table = document.parent ?? ""
        var properties = rowProperties[table] ?? RestoreProperties(file: document.path, asset: assetLookup)
        properties.users = users
        properties.file = document.path
        let known = properties.warnings.count
        var values = properties.values(page["properties"]?.objectValue ?? [:])
        let relations = values.filter { $0.value["relation"] != nil }
        for key in relations.keys { values.removeValue(forKey: key) }
        summary.warnings += properties.warnings.dropFirst(known)
        rowProperties[table] = properties
        let parentJSON: JSONValue
        if parentIsDatabase {
            parentJSON = splitsDatabases ? ["type": "data_source_id", "data_source_id": .string(parent)] : ["type": "database_id", "database_id": .string(parent)]
        } else {
            parentJSON = ["type": "page_id", "page_id": .string(parent)]
        }
        let icon = try await resolved(page["icon"].flatMap { RestoreDrafts(file: document.path, asset: assetLookup).icon($0) }, file: document.path)
        let cover = try await resolved(page["cover"].flatMap { RestoreDrafts(file: document.path, asset: assetLookup).file($0.objectValue ?? [:]) }.map(JSONValue.object), file: document.path)
        let valuesJSON = try await resolved(JSONValue.object(values), file: document.path) ?? [:]
        do {
            let written = try await writer.createPage(parent: parentJSON, properties: valuesJSON, icon: icon, cover: cover, children: [])
            summary.ids[document.id] = written.id
            summary.pages += 1
            if !relations.isEmpty { pendingRelations.append((written.id, relations, document.path, parent)) }
        } catch {
            throw RestoreError(path: document.path, message: "could not be created: \(error)", cause: error)
        }
    }

    mutating func createDatabase(_ document: Restore.Document, under parent: String) async throws(RestoreError) {
        let database = document.json["database"] ?? [:]
        let sources = document.json["data_sources"]?.arrayValue ?? []
        var properties = RestoreProperties(file: document.path, asset: assetLookup)
        properties.users = users
        let (base, linked) = properties.schema(sources.first?["properties"]?.objectValue ?? [:])
        if sources.count > 1 {
            properties.file = document.path
            summary.warnings.append(ImportWarning(file: document.path, construct: "data sources",
                                                  message: "the database has \(sources.count) data sources; the first is restored with its rows, the others' rows go into it."))
        }
        summary.warnings += properties.warnings
        var body: JSONValue = ["parent": ["type": "page_id", "page_id": .string(parent)],
                               "title": RestoreDrafts.requestRichText(database["title"] ?? sources.first?["title"] ?? []),
                               "is_inline": database["is_inline"] ?? false]
        if let description = database["description"], description.arrayValue?.isEmpty == false { body["description"] = RestoreDrafts.requestRichText(description) }
        let drafts = RestoreDrafts(file: document.path, asset: assetLookup)
        if let icon = try await resolved((database["icon"] ?? sources.first?["icon"]).flatMap { drafts.icon($0) }, file: document.path) { body["icon"] = icon }
        if let cover = try await resolved(database["cover"].flatMap { drafts.file($0.objectValue ?? [:]) }.map(JSONValue.object), file: document.path) { body["cover"] = cover }
        if splitsDatabases {
            body["initial_data_source"] = ["properties": .object(base)]
        } else {
            body["properties"] = .object(base)
        }
        let created: JSONValue
        do {
            created = try await client.send(.databasesCreate, body: body)
        } catch {
            throw RestoreError(path: document.path, message: "could not be created: \(error)", cause: error)
        }
        guard let id = created["id"]?.stringValue else {
            throw RestoreError(path: document.path, message: "could not be created: Notion's answer has no id.")
        }
        summary.ids[document.id] = id
        summary.databases += 1
        // Rows are created under the data source (2025-09-03 and later) or the database.
        let newSource = created["data_sources"]?[0]?["id"]?.stringValue ?? id
        for source in document.dataSources { summary.ids[source] = splitsDatabases ? newSource : id }
        if !linked.isEmpty { pendingSchema.append((splitsDatabases ? newSource : id, linked, document.path)) }
    }

    // MARK: Phase 2

    mutating func writeContent(_ document: Restore.Document, children: [Restore.Document]) async throws(RestoreError) {
        guard let pageID = summary.ids[document.id] else { return }
        var restore = RestoreDrafts(file: document.path, asset: assetLookup)
        restore.users = users
        var drafts = restore.drafts(document.json["blocks"]?.arrayValue ?? [])
        summary.warnings += restore.warnings
        mentionTexts.merge(restore.mentionTexts) { a, _ in a }
        drafts = copySyncedReferences(drafts, file: document.path)
        // Segments between the page's own child pages and databases (created in phase 1).
        let kidIDs = Set(children.map(\.id))
        // Content before the first child goes at the start: the children are there already.
        var segments: [(after: String?, drafts: [BlockDraft])] = [(kidIDs.isEmpty ? nil : BlockWriter.start, [])]
        for draft in drafts {
            if draft.type == "child_page" || draft.type == "child_database" {
                let old = String(draft.body["id"]?.stringValue?.dropFirst(RestoreDrafts.placeholderID.count) ?? "")
                if kidIDs.contains(old), let new = summary.ids[old] {
                    segments.append((new, []))
                } else {
                    summary.warnings.append(ImportWarning(file: document.path, construct: draft.type,
                                                          message: "\(draft.body["title"]?.stringValue ?? "a child") is not in the backup: not restored."))
                }
                continue
            }
            segments[segments.count - 1].drafts.append(draft)
        }
        for (after, segment) in segments where !segment.isEmpty {
            let resolved = try await resolve(segment, file: document.path)
            do {
                let written = try await writer.append(resolved, to: pageID, after: after)
                summary.blocks += written.reduce(0) { $0 + $1.knownIDs }
                recordBlockIDs(resolved, written)
            } catch {
                throw RestoreError(path: document.path, message: "content could not be written: \(error)", cause: error)
            }
        }
    }

    /// Old block id → new, for every block written (synced references find their original here).
    mutating func recordBlockIDs(_ drafts: [BlockDraft], _ written: [WrittenBlock]) {
        for (draft, block) in zip(drafts, written) {
            if let old = draft.source, let new = block.id { summary.ids[old] = new }
            recordBlockIDs(draft.children, block.children)
        }
    }

    /// A synced block showing an original: it points at the original's new block when that is
    /// written already (pages are written parents first); otherwise it becomes a synced block of
    /// its own with the original's content.
    mutating func copySyncedReferences(_ drafts: [BlockDraft], file: String) -> [BlockDraft] {
        drafts.map { draft in
            var draft = draft
            if draft.type == "synced_block", let source = draft.body["synced_from"]?["block_id"]?.stringValue {
                let old = String(source.dropFirst(RestoreDrafts.placeholderID.count))
                if summary.ids[old] != nil { return draft }
                var restore = RestoreDrafts(file: file, asset: assetLookup)
                restore.users = users
                let content = restore.drafts(rawBlocks[old]?["children"]?.arrayValue ?? [])
                summary.warnings.append(ImportWarning(file: file, construct: "synced block",
                                                      message: "a copy of synced block \(old) is restored as its own synced block (\(content.count) blocks)."))
                return BlockDraft("synced_block", ["synced_from": .null], children: content)
            }
            draft.children = copySyncedReferences(draft.children, file: file)
            return draft
        }
    }

    // MARK: Phase 3

    mutating func writeLinks() async throws(RestoreError) {
        // A dual relation is created from one side: Notion adds the other (named as the backup names
        // it). "data source\0property" of the sides Notion adds.
        var added: Set<String> = []
        // "data source\0property" of each dual relation created → the property Notion fills.
        var fills: [String: String] = [:]
        for (id, properties, file) in pendingSchema {
            var properties = (try await resolved(.object(properties), file: file))?.objectValue ?? [:]
            for (name, property) in properties where added.contains(id + "\u{0}" + name) && property["relation"] != nil {
                properties.removeValue(forKey: name)
            }
            for (name, property) in properties {
                guard let relation = property["relation"], relation["type"] == "dual_property",
                      let target = relation["data_source_id"]?.stringValue ?? relation["database_id"]?.stringValue,
                      let synced = relation["dual_property"]?["synced_property_name"]?.stringValue else { continue }
                added.insert(target + "\u{0}" + synced)
                fills[id + "\u{0}" + name] = synced
            }
            guard !properties.isEmpty else { continue }
            let body: JSONValue = ["properties": .object(properties)]
            do {
                if splitsDatabases {
                    _ = try await client.send(.dataSourcesUpdate, ["data_source_id": id], body: body)
                } else {
                    _ = try await client.send(.databasesUpdate, ["database_id": id], body: body)
                }
            } catch {
                throw RestoreError(path: file, message: "relations and rollups could not be added: \(error)", cause: error)
            }
        }
        // Values: the created side of each dual relation row by row; Notion appends each row to the
        // other side's lists ("page\0property" → ids, as mirrored). The other side is written only
        // where that does not give the backup's list.
        var mirrored: [String: [String]] = [:]
        var otherSides: [(page: String, name: String, value: JSONValue, file: String)] = []
        for (page, values, file, source) in pendingRelations {
            var send: [String: JSONValue] = [:]
            for (name, value) in (try await resolved(.object(values), file: file))?.objectValue ?? [:] {
                if added.contains(source + "\u{0}" + name) {
                    otherSides.append((page, name, value, file))
                    continue
                }
                send[name] = value
                if let synced = fills[source + "\u{0}" + name] {
                    for id in Self.relationIDs(value) { mirrored[id + "\u{0}" + synced, default: []].append(page) }
                }
            }
            if !send.isEmpty { try await setRelations(send, of: page, file: file) }
        }
        for (page, name, value, file) in otherSides where mirrored[page + "\u{0}" + name] ?? [] != Self.relationIDs(value) {
            try await setRelations([name: value], of: page, file: file)
        }
    }

    static func relationIDs(_ value: JSONValue) -> [String] {
        value["relation"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    func setRelations(_ values: [String: JSONValue], of page: String, file: String) async throws(RestoreError) {
        do {
            _ = try await client.send(.pagesUpdate, ["page_id": page], body: ["properties": .object(values)])
        } catch {
            throw RestoreError(path: file, message: "relations could not be set: \(error)", cause: error)
        }
    }

    // MARK: Placeholders

    /// Drafts with every placeholder resolved: files uploaded, ids mapped. What cannot be
    /// resolved (a page outside the backup) is replaced by its nearest safe form and reported.
    mutating func resolve(_ drafts: [BlockDraft], file: String) async throws(RestoreError) -> [BlockDraft] {
        var map: [String: String] = [:]
        for placeholder in Placeholders.collect(in: drafts) { map[placeholder] = try await value(of: placeholder, file: file) }
        var (resolved, unresolved) = Placeholders.resolve(drafts) { map[$0] }
        if !unresolved.isEmpty {
            let ids = unresolved.map { String($0.dropFirst(RestoreDrafts.placeholderID.count)) }
            summary.warnings.append(ImportWarning(file: file, construct: "link",
                                                  message: "mentions pages outside the backup (\(ids.joined(separator: ", "))): kept as links to where they are."))
            resolved = Self.unlinking(resolved, unresolved: Set(unresolved), texts: mentionTexts)
        }
        return resolved
    }

    mutating func resolved(_ json: JSONValue?, file: String) async throws(RestoreError) -> JSONValue? {
        guard let json else { return nil }
        let drafts = try await resolve([BlockDraft("x", json)], file: file)
        return drafts.first?.body
    }

    mutating func value(of placeholder: String, file: String) async throws(RestoreError) -> String? {
        if placeholder.hasPrefix("local-file:") {
            let path = String(placeholder.dropFirst("local-file:".count))
            do {
                // Under the file's own name (the backup's adds a content hash, which a backup of the
                // restored pages would add again).
                let id = try await uploader.upload(backup.appending(path: path), name: path, filename: originalNames[path])
                summary.files = uploader.uploadCount
                return id
            } catch {
                throw RestoreError(path: file, message: "\(error)", cause: error)
            }
        }
        if placeholder.hasPrefix(RestoreDrafts.placeholderID) {
            return summary.ids[String(placeholder.dropFirst(RestoreDrafts.placeholderID.count))]
        }
        if placeholder.hasPrefix(RestoreDrafts.urlPlaceholder) {
            // The recreated page's URL; a page outside the backup keeps its own (it still exists).
            let url = String(placeholder.dropFirst(RestoreDrafts.urlPlaceholder.count))
            guard let link = NotionLink(href: url), let new = summary.ids[link.id.rawValue].flatMap({ NotionID($0) }) else { return url }
            return NotionLink(id: new).notionURL
        }
        return nil
    }

    /// Mentions of pages and databases the restore did not recreate (outside the backup, or not
    /// shared when it was made) become their text, linked to where they still are; a
    /// `link_to_page` to one becomes a paragraph with that link.
    static func unlinking(_ drafts: [BlockDraft], unresolved: Set<String>, texts: [String: String]) -> [BlockDraft] {
        func oldURL(_ placeholder: String) -> String? {
            NotionID(String(placeholder.dropFirst(RestoreDrafts.placeholderID.count)))?.notionURL
        }
        func fix(_ value: JSONValue) -> JSONValue {
            switch value {
            case .array(let items):
                return .array(items.map { item -> JSONValue in
                    guard item["type"] == "mention", let mention = item["mention"], let kind = mention["type"]?.stringValue,
                          let id = mention[kind]?["id"]?.stringValue, unresolved.contains(id) else { return fix(item) }
                    let old = String(id.dropFirst(RestoreDrafts.placeholderID.count))
                    let url = oldURL(id)
                    return ["type": "text", "text": ["content": .string(texts[old] ?? url ?? old), "link": url.map { ["url": .string($0)] } ?? .null],
                            "annotations": item["annotations"] ?? [:]]
                })
            case .object(let fields): return .object(fields.mapValues(fix))
            default: return value
            }
        }
        return drafts.map { draft in
            if draft.type == "link_to_page", let target = draft.body["page_id"]?.stringValue ?? draft.body["database_id"]?.stringValue, unresolved.contains(target) {
                let url = oldURL(target) ?? target
                return BlockDraft("paragraph", ["rich_text": [["type": "text", "text": ["content": .string(url), "link": ["url": .string(url)]]]]])
            }
            return BlockDraft(draft.type, fix(draft.body), children: unlinking(draft.children, unresolved: unresolved, texts: texts))
        }
    }
}

public struct RestoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// Notion's answer, when that is what stopped the restore (its status decides the exit code).
    public var notion: NotionError?

    public init(path: String, message: String, cause: (any Error)? = nil) {
        self.path = path
        self.message = message
        notion = ImportError.notionError(in: cause)
    }

    public var description: String { "\(path) \(message)" }
}
