import Export
import Foundation
import NotionAPI
import NotionMarkdown
import NotionModel

/// `import PATH --parent PAGE | --database ID`: Markdown files written to Notion as pages (or
/// database rows), idempotently.
///
/// Two phases, like `Restore`, so that every `local-page:` link can be resolved when it is
/// written (no second pass of patches is needed):
/// 1. **Skeleton**, parents first: every page not in the manifest is created with its title,
///    icon and cover, its child pages after it in the order its Markdown links them.
/// 2. **Content**: each new or changed file's blocks, placeholders resolved (`local-file:` →
///    uploads, `local-page:` → the imported pages), written in the segments between its child
///    pages (the first with `position: start`, before them); a changed file keeps the blocks
///    whose draft did not change (see `update`).
///
/// The manifest (`ImportManifest`) is saved after every page: a create is recorded as `pending`
/// before it is sent, so a run that dies finds the page under its parent on the next run
/// instead of creating a second one; a page whose content was not finished has hash "" and its
/// unrecorded blocks are swept before it is written again. A synced original's new id is saved as
/// soon as its append returns (`ImportManifest.synced`): copies in pages written by a later run
/// point at it, though that run does not write the original again.
public struct Importer: Sendable {
    public enum Target: Sendable, Hashable {
        /// Pages go under this page.
        case page(String)
        /// Each file becomes a row of this database (its first data source from 2025-09-03).
        case database(String)

        public var id: String {
            switch self {
            case .page(let id), .database(let id): id
            }
        }
    }

    public var client: NotionClient
    public var source: URL
    public var target: Target
    /// The state folder (`.notion-export/import` by default) the manifest lives in.
    public var state: URL
    public var dryRun: Bool
    /// The time recorded for `pending` creates (injected by tests).
    public var now: @Sendable () -> Date

    public init(client: NotionClient, source: URL, target: Target, state: URL, dryRun: Bool = false,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.source = source
        self.target = target
        self.state = state
        self.dryRun = dryRun
        self.now = now
    }

    public struct Summary: Sendable, Hashable {
        public var created: [String] = []
        public var updated: [String] = []
        public var unchanged: [String] = []
        /// Pages found under their parent after a run died between their create and its record.
        public var recovered: [String] = []
        public var blocksWritten = 0
        public var blocksKept = 0
        public var blocksDeleted = 0
        public var uploads = 0
        /// Links set after their target was created: relations between rows of a `--database`
        /// import (block links never need it: the skeleton creates every page first).
        public var linksPatched = 0
        /// Databases created from database documents (`notion_object: database`).
        public var databases = 0
        /// `--dry-run`: blocks and requests the run would write and make (a lower bound for updates).
        public var plannedBlocks = 0
        public var plannedRequests = 0
        /// Path → page id.
        public var pageIDs: [String: String] = [:]
        /// Synced originals written: the id their Markdown named → the new block's.
        public var syncedBlocks: [String: String] = [:]
        public var warnings: [ImportWarning] = []
        public var manifest: URL?
    }

    /// One plan page, read.
    struct Document {
        var page: ImportPlan.Page
        var document: ImportDocument
        var hash: String
    }

    /// Whether a run would write anything (a file new or changed since the manifest): local
    /// work only, so an unchanged tree costs no request at all.
    public func hasWork() throws(ImportError) -> Bool {
        let plan = try ImportPlan.scan(source)
        let manifestURL = ImportManifest.url(in: state, root: plan.root, parent: target.id)
        var engine = ImportEngine(client: client, plan: plan, target: target, manifestURL: manifestURL, now: now,
                                  manifest: try ImportManifest.load(from: manifestURL, parent: target.id))
        try engine.read()
        return !engine.toWrite.isEmpty
    }

    public func run() async throws(ImportError) -> Summary {
        let plan = try ImportPlan.scan(source)
        let manifestURL = ImportManifest.url(in: state, root: plan.root, parent: target.id)
        var engine = ImportEngine(client: client, plan: plan, target: target, manifestURL: manifestURL, now: now,
                                  manifest: try ImportManifest.load(from: manifestURL, parent: target.id))
        engine.summary.manifest = manifestURL
        try engine.read()
        if dryRun {
            engine.planOnly()
            return engine.summary
        }
        try await engine.prepareTarget()
        try await engine.skeleton()
        try await engine.patchRelations()
        try await engine.content()
        return engine.summary
    }
}

/// The import's state and writes (one per run).
struct ImportEngine {
    let client: NotionClient
    let plan: ImportPlan
    let target: Importer.Target
    let manifestURL: URL
    let now: @Sendable () -> Date
    var manifest: ImportManifest
    var summary = Importer.Summary()
    var documents: [Document] = []
    /// Pages whose content must be written this run (new, changed or unfinished).
    var toWrite: Set<String> = []
    /// Pages created (or recovered) this run.
    var fresh: Set<String> = []
    var schema: [String: JSONValue] = [:]
    /// Relations to rows created after the row naming them: set once every row exists.
    var pendingRelations: [(file: String, property: String, ids: [String], later: [String])] = []
    /// Where rows go: the data source (2025-09-03+) or the database.
    var rowParent: JSONValue = [:]
    /// Database documents' schemas, by path.
    var databaseSchemas: [String: DatabaseSchema] = [:]
    /// Dual relations' other sides ("path\0property"): added and filled by Notion (`pairDualRelations`).
    var syncedSides: Set<String> = []
    /// Database → databases whose rows are created before its own.
    var rowsFirst: [String: Set<String>] = [:]
    /// Databases created whose relations and rollups are not added yet.
    var unlinked: [String] = []
    /// The workspace's people by name, for people values written by name (loaded when needed).
    var userIDs: [String: String] = [:]
    /// Property warnings given (once per database and property).
    var reportedProperties: Set<String> = []
    /// Pages created this run at their place among an existing parent's blocks (`position`).
    var placed: Set<String> = []
    let writer: BlockWriter
    let uploader: FileUploader

    typealias Document = Importer.Document

    init(client: NotionClient, plan: ImportPlan, target: Importer.Target, manifestURL: URL, now: @escaping @Sendable () -> Date, manifest: ImportManifest) {
        self.client = client
        self.plan = plan
        self.target = target
        self.manifestURL = manifestURL
        self.now = now
        self.manifest = manifest
        writer = BlockWriter(client: client)
        uploader = FileUploader(client: client)
    }

    // MARK: Reading

    mutating func read() throws(ImportError) {
        // A folder with no Markdown file anywhere in it (an export's `assets/`) holds files the
        // documents upload, not pages.
        let documentPaths = plan.pages.filter { !$0.isFolder }.map(\.path)
        for page in plan.pages {
            if page.isFolder {
                guard documentPaths.contains(where: { $0.hasPrefix(page.path + "/") }) else { continue }
                let hash = SHA256.hex(Data("folder:\(page.fallbackTitle)".utf8))
                documents.append(Document(page: page, document: ImportDocument(title: page.fallbackTitle), hash: hash))
                continue
            }
            let url = plan.root.appending(path: page.path)
            guard let data = try? Data(contentsOf: url) else {
                throw ImportError(path: url.path, message: "cannot be read: check that it exists and is readable.")
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                // Decoding would replace the bytes with U+FFFD: text lost without a word.
                let line = data.split(separator: 0x0A, omittingEmptySubsequences: false).firstIndex { String(validating: $0, as: UTF8.self) == nil }
                throw ImportError(path: url.path + ":" + String((line ?? 0) + 1),
                                  message: "is not valid UTF-8 (nothing was imported from it): save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8) and rerun.")
            }
            var document = MarkdownImporter().read(text, file: page.path)
            if document.frontMatter?["notion_object"] == "database" {
                // What the body's table says is the rows' to say: only the front matter's warnings count.
                let body = MarkdownTreeWriter.body(of: text)
                document.warnings = MarkdownImporter().read(String(text.dropLast(body.count)), file: page.path).warnings
                // A database: its table is the rows' files; what is written is its own fields and schema.
                let schema = DatabaseSchema(document.frontMatter, file: page.path)
                databaseSchemas[page.path] = schema
                summary.warnings += schema.warnings
                let header: JSONValue = ["title": .string(document.title), "description": document.description ?? .null, "icon": document.icon ?? .null,
                                         "cover": document.cover ?? .null, "is_inline": document.frontMatter?["is_inline"] ?? .null,
                                         "schema": document.frontMatter?["schema"] ?? .null]
                documents.append(Document(page: page, document: document, hash: SHA256.hex(header.data())))
                continue
            }
            // Local files by content: a file whose bytes change changes the drafts using it (and so
            // the page's hash and the block's), though the Markdown does not.
            let (hashed, fileHashes) = withContentHashes(document, file: page.path)
            documents.append(Document(page: page, document: hashed, hash: SHA256.hex(data + Data(fileHashes.joined(separator: ",").utf8))))
        }
        pairDualRelations()
        for document in documents {
            summary.warnings += document.document.warnings
            if !isRow(document), let properties = document.document.frontMatter?["properties"]?.objectValue, !properties.isEmpty {
                summary.warnings.append(ImportWarning(file: document.page.path, construct: "properties",
                                                      message: "\(properties.keys.sorted().joined(separator: ", ")): front matter properties are written to database rows only (--database); this page keeps its title."))
            }
            let entry = manifest.pages[document.page.path]
            if entry?.id != nil, entry?.hash == document.hash {
                summary.unchanged.append(document.page.path)
            } else {
                toWrite.insert(document.page.path)
            }
        }
    }

    /// `local-file:<path>` placeholders (blocks, icon, cover) as `local-file:<path>#<content hash>`
    /// (the fragment is dropped when the path is resolved), and the hashes in document order.
    func withContentHashes(_ document: ImportDocument, file: String) -> (ImportDocument, [String]) {
        var document = document
        var hashes: [String] = []
        var known: [String: String] = [:]
        func hashed(_ placeholder: String) -> String? {
            guard placeholder.hasPrefix("local-file:") else { return nil }
            if let done = known[placeholder] { return done }
            let path = Self.resolve(String(placeholder.dropFirst("local-file:".count)), from: file)
            guard let data = try? Data(contentsOf: plan.root.appending(path: path)) else { return nil }
            let hash = String(SHA256.hex(data).prefix(16))
            hashes.append(hash)
            known[placeholder] = placeholder + "#" + hash
            return known[placeholder]
        }
        document.blocks = Placeholders.resolve(document.blocks, hashed).drafts
        document.icon = document.icon.map { Placeholders.resolve([BlockDraft("x", $0)], hashed).drafts[0].body }
        document.cover = document.cover.map { Placeholders.resolve([BlockDraft("x", $0)], hashed).drafts[0].body }
        return (document, hashes)
    }

    /// `--dry-run`: what would be written, and the fewest requests it takes (creates and appends;
    /// an update's deletions are counted as its removed blocks).
    mutating func planOnly() {
        for document in documents where toWrite.contains(document.page.path) {
            let exists = manifest.pages[document.page.path]?.id != nil
            if exists { summary.updated.append(document.page.path) } else { summary.created.append(document.page.path) }
            if isDatabase(document) {
                // The create, and one update for its relations and rollups.
                let schema = databaseSchemas[document.page.path]
                let linked = (schema?.relations.keys.contains { !syncedSides.contains(document.page.path + "\u{0}" + $0) } ?? false) || schema?.rollups.isEmpty == false
                summary.plannedRequests += 1 + (linked && !exists ? 1 : 0)
                continue
            }
            let drafts = document.document.blocks.filter { !Self.isChild($0) }
            summary.plannedBlocks += drafts.reduce(0) { $0 + $1.count }
            summary.plannedRequests += (exists ? 0 : 1) + Self.minimumAppends(document.document.blocks)
        }
        var files: Set<String> = []
        for document in documents where toWrite.contains(document.page.path) {
            for placeholder in Placeholders.collect(in: document.document.blocks) + [document.document.icon, document.document.cover].compactMap({ $0?["file_upload"]?["id"]?.stringValue })
            where placeholder.hasPrefix("local-file:") {
                files.insert(Self.resolve(String(placeholder.dropFirst("local-file:".count)), from: document.page.path))
            }
        }
        summary.uploads = files.count
        // users/me once, then a create and a send per distinct file.
        summary.plannedRequests += files.isEmpty ? 0 : 1 + 2 * files.count
        // The workspace's people, once, when rows name people.
        if needsPeople { summary.plannedRequests += 1 }
    }

    /// Appends that learn every id: one per 100 children of the page and of every block with children.
    /// (The page's own content is written in segments between its child pages, each its own appends.)
    static func minimumAppends(_ drafts: [BlockDraft]) -> Int {
        func parents(_ drafts: [BlockDraft]) -> Int {
            drafts.reduce(0) { $0 + ($1.children.isEmpty ? 0 : ($1.children.count + 99) / 100) + parents($1.children) }
        }
        var segments: [Int] = [0]
        for draft in drafts { if isChild(draft) { segments.append(0) } else { segments[segments.count - 1] += 1 } }
        return segments.reduce(0) { $0 + ($1 + 99) / 100 } + parents(drafts.filter { !isChild($0) })
    }

    static func isChild(_ draft: BlockDraft) -> Bool { draft.type == "child_page" || draft.type == "child_database" }

    /// A path the Markdown wrote (relative to the file `from`) as a path relative to the root.
    static func resolve(_ raw: String, from file: String) -> String {
        let path = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? raw
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The plan path a child draft names, when it is one of the import's files.
    static func childPath(_ draft: BlockDraft, in file: String) -> String? {
        guard isChild(draft), let id = draft.body["page_id"]?.stringValue ?? draft.body["database_id"]?.stringValue,
              id.hasPrefix("local-page:") else { return nil }
        return resolve(String(id.dropFirst("local-page:".count)), from: file)
    }

    /// SHA-256 of a draft's request JSON without children; child pages are marked so an update
    /// never deletes them.
    static func hash(_ draft: BlockDraft) -> String {
        let hex = SHA256.hex(draft.request(nesting: 0).data())
        return isChild(draft) ? "child:" + hex : hex
    }

    /// A hash of the whole subtree, to match drafts with recorded blocks.
    static func treeHash(_ hash: String, _ children: [String]) -> String {
        children.isEmpty ? hash : SHA256.hex(Data((hash + "(" + children.joined(separator: ",") + ")").utf8))
    }

    static func treeHash(_ draft: BlockDraft) -> String { treeHash(hash(draft), draft.children.map(treeHash)) }
    static func treeHash(_ block: ImportManifest.Block) -> String { treeHash(block.hash, block.children.map(treeHash)) }

    // MARK: Target

    /// For `--database`: the schema rows are written against, and where rows go.
    mutating func prepareTarget() async throws(ImportError) {
        try await loadTargetSchema()
        guard needsPeople else { return }
        do {
            for user in try await client.users().collect() {
                guard let id = user["id"]?.stringValue, let name = user["name"]?.stringValue, userIDs[name] == nil else { continue }
                userIDs[name] = id
            }
        } catch {
            throw ImportError(path: plan.root.path, message: "listing the workspace's people (rows name people by name) failed: \(error)", cause: error)
        }
    }

    mutating func loadTargetSchema() async throws(ImportError) {
        guard case .database(let id) = target else { return }
        do {
            let database = try await client.send(.databasesRetrieve, ["database_id": id])
            if let source = database["data_sources"]?[0]?["id"]?.stringValue, client.options.version >= .v2025_09_03 {
                let dataSource = try await client.send(.dataSourcesRetrieve, ["data_source_id": source])
                schema = dataSource["properties"]?.objectValue ?? [:]
                rowParent = ["type": "data_source_id", "data_source_id": .string(source)]
            } else {
                schema = database["properties"]?.objectValue ?? [:]
                rowParent = ["type": "database_id", "database_id": .string(id)]
            }
        } catch {
            throw ImportError(path: "--database \(id)", message: "cannot be read (\(error)): check the id and that the database is shared with the integration.", cause: error)
        }
    }

    // MARK: Phase 1

    func save() throws(ImportError) { try manifest.save(to: manifestURL) }

    /// Children of `path` in the plan, in the order its Markdown links them (others after).
    func children(of path: String?) -> [Document] {
        let kids = documents.filter { $0.page.parent == path }
        guard let path, let parent = documents.first(where: { $0.page.path == path }) else { return kids }
        var order: [String: Int] = [:]
        if databaseSchemas[path] != nil {
            // Rows in their table's order.
            for row in Self.tableOrder(parent.document.blocks, file: path) where order[row] == nil { order[row] = order.count }
        }
        for draft in parent.document.blocks { if let child = Self.childPath(draft, in: path), order[child] == nil { order[child] = order.count } }
        return kids.sorted { (order[$0.page.path] ?? Int.max, $0.page.path) < (order[$1.page.path] ?? Int.max, $1.page.path) }
    }

    /// Pages and databases first (parents before children); then the databases' relations and
    /// rollups, which name other databases; then their rows (see `rowCreationOrder`), so a row
    /// is created with its values; then what is under the rows, the same way.
    mutating func skeleton() async throws(ImportError) {
        var pages = children(of: nil).filter { !isRow($0) }
        var rows = children(of: nil).filter { isRow($0) }
        var databases: [String] = []
        while !pages.isEmpty || !rows.isEmpty || !databases.isEmpty {
            while !pages.isEmpty {
                let document = pages.removeFirst()
                if isDatabase(document) {
                    try await ensureDatabase(document)
                    databases.append(document.page.path)
                    continue
                }
                try await ensurePage(document)
                pages += children(of: document.page.path)
            }
            try await linkDatabases()
            for database in rowCreationOrder(databases) { rows += children(of: database) }
            databases = []
            for document in rows {
                try await ensurePage(document)
                pages += children(of: document.page.path)
            }
            rows = []
        }
    }


    func parentJSON(of document: Document) -> JSONValue {
        if let database = databasePath(of: document), let source = manifest.pages[database]?.dataSource {
            return splitsDatabases ? ["type": "data_source_id", "data_source_id": .string(source)] : ["type": "database_id", "database_id": .string(source)]
        }
        if let parent = document.page.parent, let id = manifest.pages[parent]?.id { return ["type": "page_id", "page_id": .string(id)] }
        if case .database = target { return rowParent }
        return ["type": "page_id", "page_id": .string(target.id)]
    }

    /// The page of `document`: recorded, found after a crash, or created now.
    mutating func ensurePage(_ document: Document) async throws(ImportError) {
        let path = document.page.path
        if let id = manifest.pages[path]?.id {
            summary.pageIDs[path] = id
            return
        }
        let parent = parentJSON(of: document)
        if let pending = manifest.pages[path]?.pending, let id = try await findCreated(document.document.title, under: parent, since: pending, file: path) {
            manifest.pages[path] = ImportManifest.Page(id: id, hash: "")
            summary.pageIDs[path] = id
            summary.recovered.append(path)
            fresh.insert(path)
            try save()
            return
        }
        let time = ISO8601DateFormatter().string(from: now())
        manifest.pages[path] = ImportManifest.Page(pending: time, hash: "")
        try save()
        var properties: [String: JSONValue] = [:]
        if isRow(document) {
            properties = try await resolvedProperties(rowProperties(document, creating: true), file: path)
        } else {
            properties = ["title": ["title": [["type": "text", "text": ["content": .string(document.document.title)]]]]]
        }
        let icon = try await resolvedFile(document.document.icon, construct: "icon", file: path)
        let cover = try await resolvedFile(document.document.cover, construct: "cover", file: path)
        let position = self.position(of: document)
        if position != nil { placed.insert(path) }
        let written: WrittenPage
        do {
            written = try await writer.createPage(parent: parent, properties: .object(properties), icon: icon, cover: cover,
                                                  position: position, children: [])
        } catch {
            throw ImportError(path: path, message: "could not be created: \(error). Run the import again: it finds the page if Notion created it.", cause: error)
        }
        manifest.pages[path] = ImportManifest.Page(id: written.id, hash: "")
        summary.pageIDs[path] = written.id
        summary.created.append(path)
        fresh.insert(path)
        try save()
    }

    /// Where a page new under an already imported page goes: after the block before its link in
    /// the parent's Markdown (a block kept from the last run, or a child page), or at the start.
    /// Nil (the end) under a page created this run: its content is written around its children.
    func position(of document: Document) -> JSONValue? {
        guard let parentPath = document.page.parent, !fresh.contains(parentPath), let entry = manifest.pages[parentPath], entry.id != nil,
              entry.hash != "", databaseSchemas[parentPath] == nil, let parent = documents.first(where: { $0.page.path == parentPath }),
              let index = parent.document.blocks.firstIndex(where: { Self.childPath($0, in: parentPath) == document.page.path }) else { return nil }
        let kept = Dictionary(entry.blocks.filter { !$0.hash.hasPrefix("header:") }.map { (Self.treeHash($0), $0.id) }, uniquingKeysWith: { a, _ in a })
        for draft in parent.document.blocks[..<index].reversed() {
            if let child = Self.childPath(draft, in: parentPath), let id = manifest.pages[child]?.id {
                return ["type": "after_block", "after_block": ["id": .string(id)]]
            }
            if let id = kept[Self.treeHash(draft)] { return ["type": "after_block", "after_block": ["id": .string(id)]] }
        }
        return ["type": "page_start"]
    }

    /// A page titled `title` created under `parent` at or after `since` (a create whose answer was
    /// lost): its id, or nil when there is none.
    func findCreated(_ title: String, type: String = "child_page", under parent: JSONValue, since: String, file: String) async throws(ImportError) -> String? {
        // Notion's times are to the minute.
        let minute = String(since.prefix(16))
        guard let parentID = parent["page_id"]?.stringValue else {
            // A row: the data source (or database) queried for rows of that title.
            let titleName = rowSchema(parent: parent).titleName
            let filter: JSONValue = ["property": .string(titleName), "title": ["equals": .string(title)]]
            do {
                let rows: [JSONValue]
                if let source = parent["data_source_id"]?.stringValue {
                    rows = try await client.queryDataSource(source, filter: filter).collect()
                } else if let database = parent["database_id"]?.stringValue {
                    rows = try await client.paginate(.databasesQuery, ["database_id": database], body: ["filter": filter]).collect()
                } else {
                    return nil
                }
                return rows.first { String($0["created_time"]?.stringValue?.prefix(16) ?? "") >= minute }?["id"]?.stringValue
            } catch {
                throw ImportError(path: file, message: "was being created when the last run stopped, and querying the database for it failed: \(error)", cause: error)
            }
        }
        do {
            for block in try await client.blockChildren(parentID).collect() where block["type"] == .string(type) {
                guard block[type]?["title"]?.stringValue == title, let created = block["created_time"]?.stringValue,
                      String(created.prefix(16)) >= minute else { continue }
                return block["id"]?.stringValue
            }
        } catch {
            throw ImportError(path: file, message: "was being created when the last run stopped, and listing its parent failed: \(error)", cause: error)
        }
        return nil
    }

    // MARK: Database rows

    /// The property types and title property rows of `document`'s database have: an imported
    /// database document's schema, or the `--database` target's.
    func rowSchema(of document: Document) -> (types: [String: String], titleName: String, database: String?) {
        if let database = databasePath(of: document), let schema = databaseSchemas[database] {
            return (schema.types, schema.titleName, database)
        }
        let types = schema.compactMapValues { $0["type"]?.stringValue }
        return (types, types.first { $0.value == "title" }?.key ?? "title", nil)
    }

    /// The same, for rows created under `parent` (a data source or database).
    func rowSchema(parent: JSONValue) -> (types: [String: String], titleName: String, database: String?) {
        let id = parent["data_source_id"]?.stringValue ?? parent["database_id"]?.stringValue
        if let (path, _) = manifest.pages.first(where: { $0.value.dataSource == id && databaseSchemas[$0.key] != nil }), let schema = databaseSchemas[path] {
            return (schema.types, schema.titleName, path)
        }
        let types = schema.compactMapValues { $0["type"]?.stringValue }
        return (types, types.first { $0.value == "title" }?.key ?? "title", nil)
    }

    /// Whether any row written this run names people (their ids are looked up by name, with one
    /// listing of users).
    var needsPeople: Bool {
        documents.contains { document in
            guard isRow(document), toWrite.contains(document.page.path), let values = document.document.frontMatter?["properties"]?.objectValue else { return false }
            let types = rowSchema(of: document).types
            return values.contains { types[$0.key] == "people" && $0.value.arrayValue?.isEmpty == false }
        }
    }

    /// The row's title and its front matter `properties` coerced to the schema; anything else is a
    /// warning (once per database and property). `creating`: the other side of a dual relation is
    /// left to Notion (`syncedSides`).
    mutating func rowProperties(_ document: Document, creating: Bool = false) -> [String: JSONValue] {
        let file = document.page.path
        var out: [String: JSONValue] = [:]
        let (types, titleName, database) = rowSchema(of: document)
        out[titleName] = ["title": [["type": "text", "text": ["content": .string(document.document.title)]]]]
        let values = document.document.frontMatter?["properties"]?.objectValue ?? [:]
        func warn(_ name: String, _ kind: String, _ message: String) {
            guard reportedProperties.insert((database ?? "") + "\u{0}" + name + "\u{0}" + kind).inserted else { return }
            summary.warnings.append(ImportWarning(file: database ?? file, construct: "property \"\(name)\"", message: message))
        }
        for name in values.keys.sorted() {
            let value = values[name]!
            guard let type = types[name] else {
                warn(name, "missing", "the database has no property of this name; the value is not written. Add it to the database or rename it in the front matter.")
                continue
            }
            if name == titleName { continue }
            if creating, let database, syncedSides.contains(database + "\u{0}" + name) { continue }
            if type == "relation", let relation = relationValue(value, file: file) {
                out[name] = ["relation": .array(relation.ids.map { ["id": .string($0)] })]
                if !relation.later.isEmpty { pendingRelations.append((file, name, relation.ids, relation.later)) }
                continue
            }
            if type == "rich_text", let text = value.stringValue {
                let read = MarkdownImporter.richText(markdown: text, file: file)
                out[name] = ["rich_text": read.items]
                summary.warnings += read.warnings
                continue
            }
            var unknownPeople: [String] = []
            if let coerced = Self.coerce(value, to: type, file: file, relative: { documentPath in
                manifest.pages[Self.resolve(documentPath, from: file)]?.id
            }, person: { name in
                if let id = NotionID(parsing: name) { return id.rawValue }
                if let id = userIDs[name] { return id }
                unknownPeople.append(name)
                return nil
            }) {
                out[name] = [type: coerced]
                if !unknownPeople.isEmpty {
                    summary.warnings.append(ImportWarning(file: file, construct: "property \"\(name)\"",
                                                          message: "\(unknownPeople.joined(separator: ", ")): no member of this workspace has this name; left out."))
                }
            } else if RestoreProperties.computed.contains(type) {
                warn(name, "computed", "Notion computes \(type) values; the front matter's values are not written.")
            } else {
                summary.warnings.append(ImportWarning(file: file, construct: "property \"\(name)\"",
                                                      message: "\(String(decoding: value.data(), as: UTF8.self)) is not a \(type) value; it is not written. Write a \(type) value in the front matter."))
            }
        }
        return out
    }

    /// Row values with their files uploaded.
    mutating func resolvedProperties(_ properties: [String: JSONValue], file: String) async throws(ImportError) -> [String: JSONValue] {
        guard Placeholders.collect(in: [BlockDraft("x", .object(properties))]).contains(where: { $0.hasPrefix("local-file:") }) else { return properties }
        return try await resolve([BlockDraft("x", .object(properties))], file: file).first?.body.objectValue ?? properties
    }

    /// Relation targets by id or by the path of a row of this import; rows not created yet are
    /// `later` (set after all rows exist). Nil when an item is neither.
    func relationValue(_ value: JSONValue, file: String) -> (ids: [String], later: [String])? {
        var ids: [String] = [], later: [String] = []
        for item in value.arrayValue ?? (value == .null ? [] : [value]) {
            guard let raw = item.stringValue ?? item["id"]?.stringValue else { return nil }
            if let id = NotionID(parsing: raw) { ids.append(id.rawValue); continue }
            let path = Self.resolve(raw, from: file)
            if let id = manifest.pages[path]?.id { ids.append(id) } else if documents.contains(where: { $0.page.path == path }) { later.append(path) } else { return nil }
        }
        return (ids, later)
    }

    /// The second pass: relations to rows created after the rows naming them.
    mutating func patchRelations() async throws(ImportError) {
        for pending in pendingRelations {
            guard let page = manifest.pages[pending.file]?.id else { continue }
            let ids = pending.ids + pending.later.compactMap { manifest.pages[$0]?.id }
            do {
                _ = try await client.send(.pagesUpdate, ["page_id": page],
                                          body: ["properties": [pending.property: ["relation": .array(ids.map { ["id": .string($0)] })]]])
            } catch {
                throw ImportError(path: pending.file, message: "the relation \(pending.property) could not be set: \(error). Run the import again.", cause: error)
            }
            summary.linksPatched += pending.later.count
        }
        pendingRelations = []
    }

    /// A front matter value in the request form of `type`, or nil when it does not fit.
    static func coerce(_ value: JSONValue, to type: String, file: String, relative: (String) -> String?,
                       person: (String) -> String? = { NotionID(parsing: $0)?.rawValue }) -> JSONValue? {
        func text(_ value: JSONValue) -> String? {
            switch value {
            case .string(let s): s
            case .int(let i): String(i)
            case .double(let d): String(d)
            case .bool(let b): String(b)
            default: nil
            }
        }
        func list(_ value: JSONValue) -> [JSONValue] { value.arrayValue ?? (value == .null ? [] : [value]) }
        switch type {
        case "rich_text":
            return text(value).map { [["type": "text", "text": ["content": .string($0)]]] }
        case "number":
            switch value {
            case .int, .double, .null: return value
            case .string(let s): return Double(s).map { .double($0) }
            default: return nil
            }
        case "checkbox":
            if case .bool = value { return value }
            return nil
        case "select", "status":
            if value == .null { return .null }
            return text(value).map { ["name": .string($0)] }
        case "multi_select":
            let names = list(value).compactMap(text)
            return names.count == list(value).count ? .array(names.map { ["name": .string($0)] }) : nil
        case "date":
            if let start = value.stringValue { return ["start": .string(start)] }
            if let start = value["start"]?.stringValue { return ["start": .string(start), "end": value["end"] ?? .null] }
            return value == .null ? .null : nil
        case "url", "email", "phone_number":
            if value == .null { return .null }
            return value.stringValue.map(JSONValue.string)
        case "people":
            // By id or by name; names no member has are left out (the caller reports them).
            let items = list(value).compactMap { $0.stringValue ?? $0["id"]?.stringValue }
            guard items.count == list(value).count else { return nil }
            return .array(items.compactMap(person).map { ["id": .string($0)] })
        case "files":
            // A location (a URL, or a local path uploaded as it is imported), or `{name, url}`.
            var out: [JSONValue] = []
            for item in list(value) {
                guard let location = item.stringValue ?? item["url"]?.stringValue else { return nil }
                let name = item["name"]?.stringValue ?? FileName.original(ofLocation: location)
                if location.contains("://") {
                    out.append(["name": .string(name), "type": "external", "external": ["url": .string(location)]])
                } else {
                    out.append(["name": .string(name), "type": "file_upload", "file_upload": ["id": .string("local-file:" + location)]])
                }
            }
            return .array(out)
        case "relation":
            var out: [JSONValue] = []
            for item in list(value) {
                guard let raw = item.stringValue ?? item["id"]?.stringValue else { return nil }
                if let id = NotionID(parsing: raw) { out.append(["id": .string(id.rawValue)]) } else if let id = relative(raw) { out.append(["id": .string(id)]) } else { return nil }
            }
            return .array(out)
        default:
            return nil
        }
    }

    // MARK: Phase 2

    mutating func content() async throws(ImportError) {
        for document in documents where toWrite.contains(document.page.path) {
            try await write(document)
        }
        summary.uploads = uploader.uploadCount
    }

    /// Drafts with the page's own child pages left as they are (their blocks are the pages).
    mutating func write(_ document: Document) async throws(ImportError) {
        if isDatabase(document) {
            try await updateDatabase(document)
            return
        }
        let path = document.page.path
        guard let pageID = manifest.pages[path]?.id, var entry = manifest.pages[path] else { return }
        let drafts = missingFiles(document.document.blocks, file: path)
        let childIDs = Dictionary(children(of: path).compactMap { kid in manifest.pages[kid.page.path]?.id.map { (kid.page.path, $0) } },
                                  uniquingKeysWith: { a, _ in a })
        // A page created by an earlier run that did not finish its content, or found after a lost
        // answer: what that run left is swept first.
        let unfinished = entry.hash == "" && (!fresh.contains(path) || summary.recovered.contains(path))
        if unfinished {
            try await sweep(pageID, file: path)
            entry.blocks = []
        }
        // The title, icon, cover and properties, recorded as a pseudo-block (`header:` hash): an
        // existing page whose header changed is updated with one request.
        let header = headerHash(document)
        if !fresh.contains(path), entry.hash != "", !entry.blocks.contains(where: { $0.hash == header }) {
            try await updateHeader(document, pageID: pageID)
        }
        let old = entry.blocks.filter { !$0.hash.hasPrefix("header:") }
        // This page's originals are written again (or kept, and recorded again, by `update`):
        // until then, a copy must not point at the block an earlier run wrote for one of them
        // (swept, or deleted by the update), but name the Markdown's id as in a first run.
        forgetSynced(drafts)
        var recorded: [ImportManifest.Block]
        if old.isEmpty {
            recorded = try await writeFresh(drafts, pageID: pageID, childIDs: childIDs, file: path)
            if entry.hash != "" { summary.updated.append(path) }
        } else {
            recorded = try await update(old, with: drafts, pageID: pageID, childIDs: childIDs, file: path)
            summary.updated.append(path)
        }
        recorded.append(ImportManifest.Block(id: pageID, hash: header))
        manifest.pages[path] = ImportManifest.Page(id: pageID, hash: document.hash, blocks: recorded)
        try save()
    }

    func isRow(_ document: Document) -> Bool {
        if case .database = target, document.page.parent == nil { return true }
        return databasePath(of: document) != nil
    }

    func headerHash(_ document: Document) -> String {
        let header: JSONValue = ["title": .string(document.document.title), "icon": document.document.icon ?? .null,
                                 "cover": document.document.cover ?? .null,
                                 "properties": isRow(document) ? (document.document.frontMatter?["properties"] ?? .null) : .null]
        return "header:" + SHA256.hex(header.data())
    }

    /// `pages.update` of a changed title, icon, cover or row properties.
    mutating func updateHeader(_ document: Document, pageID: String) async throws(ImportError) {
        let path = document.page.path
        let properties: [String: JSONValue] = isRow(document)
            ? try await resolvedProperties(rowProperties(document), file: path)
            : ["title": ["title": [["type": "text", "text": ["content": .string(document.document.title)]]]]]
        var body: JSONValue = ["properties": .object(properties)]
        if let icon = try await resolvedFile(document.document.icon, construct: "icon", file: path) { body["icon"] = icon }
        if let cover = try await resolvedFile(document.document.cover, construct: "cover", file: path) { body["cover"] = cover }
        do {
            _ = try await client.send(.pagesUpdate, ["page_id": pageID], body: body)
        } catch {
            throw ImportError(path: path, message: "its title, icon, cover or properties could not be updated: \(error). Run the import again.", cause: error)
        }
        try await patchRelations()
    }

    /// Removes what an unfinished write left on the page (never child pages or databases).
    mutating func sweep(_ pageID: String, file: String) async throws(ImportError) {
        let listed: [JSONValue]
        do { listed = try await client.blockChildren(pageID).collect() } catch {
            throw ImportError(path: file, message: "listing the content of its page \(pageID) failed: \(error)", cause: error)
        }
        for block in listed {
            guard let id = block["id"]?.stringValue, block["type"] != "child_page", block["type"] != "child_database" else { continue }
            do { _ = try await client.send(.blocksDelete, ["block_id": id]) } catch {
                throw ImportError(path: file, message: "block \(id), left by an unfinished run, could not be removed: \(error)", cause: error)
            }
            summary.blocksDeleted += 1
        }
    }

    /// All the drafts, in segments between the page's child pages (the first at the start).
    mutating func writeFresh(_ drafts: [BlockDraft], pageID: String, childIDs: [String: String], file: String) async throws(ImportError) -> [ImportManifest.Block] {
        // Content before the first child page goes at the start: the child pages are there already.
        var segments: [(after: String?, drafts: [BlockDraft])] = [(childIDs.isEmpty ? nil : BlockWriter.start, [])]
        var recorded: [ImportManifest.Block] = []
        var order: [(segment: Int, index: Int)?] = []  // per draft: where its written block is
        var childBlocks: [Int: ImportManifest.Block] = [:]
        for (index, draft) in drafts.enumerated() {
            if Self.isChild(draft) {
                if let child = Self.childPath(draft, in: file), let id = childIDs[child] {
                    segments.append((id, []))
                    childBlocks[index] = ImportManifest.Block(id: id, hash: Self.hash(draft))
                    order.append(nil)
                    continue
                }
                summary.warnings.append(ImportWarning(file: file, construct: draft.type,
                                                      message: "\(draft.body["title"]?.stringValue ?? "a child page") is not a page of this import under this one: written as its title."))
                segments[segments.count - 1].drafts.append(BlockDraft("paragraph", ["rich_text": [["type": "text", "text": ["content": .string(draft.body["title"]?.stringValue ?? "")]]]]))
                order.append((segments.count - 1, segments[segments.count - 1].drafts.count - 1))
                continue
            }
            segments[segments.count - 1].drafts.append(draft)
            order.append((segments.count - 1, segments[segments.count - 1].drafts.count - 1))
        }
        var written: [[WrittenBlock]] = []
        for (after, segment) in segments {
            written.append(segment.isEmpty ? [] : try await append(segment, to: pageID, after: after, file: file))
        }
        for (index, place) in order.enumerated() {
            if let place {
                recorded.append(Self.record(segments[place.segment].drafts[place.index], written[place.segment][place.index]))
            } else if let child = childBlocks[index] {
                recorded.append(child)
            }
        }
        return recorded
    }

    static func record(_ draft: BlockDraft, _ block: WrittenBlock) -> ImportManifest.Block {
        ImportManifest.Block(id: block.id ?? "", hash: hash(draft), children: zip(draft.children, block.children).map { record($0, $1) })
    }

    /// A changed file: the recorded blocks that match the new drafts in order (the longest common
    /// sequence of whole subtrees) stay; the others are deleted (never child pages); new drafts are
    /// inserted after the block before them (at the start before the first).
    mutating func update(_ old: [ImportManifest.Block], with drafts: [BlockDraft], pageID: String, childIDs: [String: String], file: String) async throws(ImportError) -> [ImportManifest.Block] {
        let a = old.map(Self.treeHash), b = drafts.map(Self.treeHash)
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var matched: [Int: Int] = [:]  // new index → old index
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { matched[j] = i; i += 1; j += 1 } else if lcs[i + 1][j] >= lcs[i][j + 1] { i += 1 } else { j += 1 }
        }
        let keptOld = Set(matched.values)
        for (index, block) in old.enumerated() where !keptOld.contains(index) && !block.hash.hasPrefix("child:") {
            do { _ = try await client.send(.blocksDelete, ["block_id": block.id]) } catch {
                throw ImportError(path: file, message: "block \(block.id) (removed from the Markdown) could not be deleted: \(error)", cause: error)
            }
            summary.blocksDeleted += 1
        }
        var recorded: [ImportManifest.Block] = []
        // New blocks before the first kept one go at the start.
        var previous: String? = BlockWriter.start
        var run: [BlockDraft] = []
        func flush(_ engine: inout ImportEngine) async throws(ImportError) {
            guard !run.isEmpty else { return }
            let written = try await engine.append(run, to: pageID, after: previous, file: file)
            for (draft, block) in zip(run, written) { recorded.append(Self.record(draft, block)) }
            previous = written.last?.id ?? previous
            run = []
        }
        for (index, draft) in drafts.enumerated() {
            if let oldIndex = matched[index] {
                try await flush(&self)
                keepSynced(draft, old[oldIndex])
                recorded.append(old[oldIndex])
                previous = old[oldIndex].id
                summary.blocksKept += old[oldIndex].count
            } else if Self.isChild(draft) {
                try await flush(&self)
                if let child = Self.childPath(draft, in: file), let id = childIDs[child] {
                    // Recorded, but not written after: a page already there stays where it is, and
                    // one created this run went to the end of its parent (pages cannot be moved in).
                    recorded.append(ImportManifest.Block(id: id, hash: Self.hash(draft)))
                    if fresh.contains(child) && !placed.contains(child) {
                        summary.warnings.append(ImportWarning(file: file, construct: draft.type,
                                                              message: "\(draft.body["title"]?.stringValue ?? child) is new and was added at the end of this page, not where the Markdown links it: move it in Notion if its place matters."))
                    }
                } else {
                    summary.warnings.append(ImportWarning(file: file, construct: draft.type,
                                                          message: "\(draft.body["title"]?.stringValue ?? "a child page") is not a page of this import under this one: not written."))
                }
            } else {
                run.append(draft)
            }
        }
        try await flush(&self)
        return recorded
    }

    /// Resolves and writes drafts; the ids come back as a tree parallel to them.
    mutating func append(_ drafts: [BlockDraft], to pageID: String, after: String?, file: String) async throws(ImportError) -> [WrittenBlock] {
        let resolved = try await resolve(drafts, file: file)
        let written: [WrittenBlock]
        do {
            written = try await writer.append(resolved, to: pageID, after: after)
        } catch {
            throw ImportError(path: file, message: "content could not be written: \(error). Run the import again to finish it.", cause: error)
        }
        summary.blocksWritten += written.reduce(0) { $0 + $1.knownIDs }
        // Saved now: a run killed later in this page leaves it unfinished (written again, the
        // original anew), one killed after it leaves copies to write that need the new id.
        if recordSynced(drafts, written) { try save() }
        return written
    }

    /// Remembers the new id of every synced original written, for the copies written after it
    /// (this run's and, once the manifest is saved, a later run's). Whether one was new.
    mutating func recordSynced(_ drafts: [BlockDraft], _ written: [WrittenBlock]) -> Bool {
        var changed = false
        for (draft, block) in zip(drafts, written) {
            if draft.type == "synced_block", let old = draft.source, let new = block.id {
                summary.syncedBlocks[old] = new
                if manifest.synced[old] != new {
                    manifest.synced[old] = new
                    changed = true
                }
            }
            if recordSynced(draft.children, block.children) { changed = true }
        }
        return changed
    }

    /// Forgets the synced originals among `drafts` (a page about to be written).
    mutating func forgetSynced(_ drafts: [BlockDraft]) {
        for draft in drafts {
            if draft.type == "synced_block", let old = draft.source { manifest.synced[old] = nil }
            forgetSynced(draft.children)
        }
    }

    /// Remembers the synced originals in a block an update keeps (its subtree is the draft's).
    mutating func keepSynced(_ draft: BlockDraft, _ block: ImportManifest.Block) {
        if draft.type == "synced_block", let old = draft.source, !block.id.isEmpty { manifest.synced[old] = block.id }
        for (child, kept) in zip(draft.children, block.children) { keepSynced(child, kept) }
    }

    /// Copies of a synced original written before them (this run or an earlier one) point at the
    /// new original.
    func relinkSynced(_ drafts: [BlockDraft]) -> [BlockDraft] {
        drafts.map { draft in
            var draft = draft
            if draft.type == "synced_block", let old = draft.body["synced_from"]?["block_id"]?.stringValue, let new = manifest.synced[old] {
                draft.body = ["synced_from": ["type": "block_id", "block_id": .string(new)]]
            }
            draft.children = relinkSynced(draft.children)
            return draft
        }
    }

    // MARK: Placeholders

    /// Blocks whose `local-file:` is missing become a callout saying so (never dropped silently).
    mutating func missingFiles(_ drafts: [BlockDraft], file: String) -> [BlockDraft] {
        drafts.map { draft in
            if let placeholder = draft.body["file_upload"]?["id"]?.stringValue, placeholder.hasPrefix("local-file:") {
                let raw = String(placeholder.dropFirst("local-file:".count))
                let path = Self.resolve(raw, from: file)
                if !FileManager.default.fileExists(atPath: plan.root.appending(path: path).path) {
                    summary.warnings.append(ImportWarning(file: file, construct: "\(draft.type) file",
                                                          message: "\(raw) does not exist: written as a callout naming it. Put the file there and import again."))
                    return BlockDraft("callout", ["rich_text": [["type": "text", "text": ["content": .string("Missing file: \(raw)")]]],
                                                  "icon": ["type": "emoji", "emoji": "⚠️"], "color": "default"])
                }
            }
            var draft = draft
            draft.children = missingFiles(draft.children, file: file)
            return draft
        }
    }

    /// An icon or cover with its upload sent; a missing file is left out with a warning.
    mutating func resolvedFile(_ json: JSONValue?, construct: String, file: String) async throws(ImportError) -> JSONValue? {
        guard let json else { return nil }
        if let placeholder = json["file_upload"]?["id"]?.stringValue, placeholder.hasPrefix("local-file:") {
            let raw = String(placeholder.dropFirst("local-file:".count))
            if !FileManager.default.fileExists(atPath: plan.root.appending(path: Self.resolve(raw, from: file)).path) {
                summary.warnings.append(ImportWarning(file: file, construct: construct, message: "\(raw) does not exist: the page has no \(construct)."))
                return nil
            }
        }
        return try await resolve([BlockDraft("x", json)], file: file).first?.body
    }

    /// Drafts with files uploaded and links to imported pages resolved; links to files that are not
    /// pages of the import lose their link (a warning names them).
    mutating func resolve(_ drafts: [BlockDraft], file: String) async throws(ImportError) -> [BlockDraft] {
        var ids: [String: String] = [:]
        for placeholder in Placeholders.collect(in: drafts) {
            if placeholder.hasPrefix("local-file:") {
                let raw = String(placeholder.dropFirst("local-file:".count))
                let path = Self.resolve(raw, from: file)
                let shown = raw.split(separator: "#", maxSplits: 1).first.map(String.init) ?? raw
                do {
                    ids[placeholder] = try await uploader.upload(plan.root.appending(path: path), name: "\(file): \(shown)",
                                                                 filename: Self.originalName(path))
                } catch {
                    throw ImportError(path: file, message: "\(error)", cause: error)
                }
            } else if placeholder.hasPrefix("local-page:") {
                let path = Self.resolve(String(placeholder.dropFirst("local-page:".count)), from: file)
                if let id = manifest.pages[path]?.id { ids[placeholder] = id }
            }
        }
        var missing: [String] = []
        func map(_ value: JSONValue, key: String?) -> JSONValue {
            switch value {
            case .string(let text) where key.map(Placeholders.keys.contains) == true && Placeholders.isPlaceholder(text):
                if let new = Self.resolveValue(key, text, ids) { return .string(new) }
                if !missing.contains(text) { missing.append(text) }
                return value
            case .array(let items):
                return .array(items.map { item -> JSONValue in
                    // A rich text link to a file that is not an imported page: the text stays, unlinked.
                    if let url = item["text"]?["link"]?["url"]?.stringValue, url.hasPrefix("local-page:"), ids[url] == nil {
                        if !missing.contains(url) { missing.append(url) }
                        var item = item
                        item["text"]?["link"] = .null
                        return item
                    }
                    if item["type"] == "mention", let id = item["mention"]?["page"]?["id"]?.stringValue, id.hasPrefix("local-page:"), ids[id] == nil {
                        if !missing.contains(id) { missing.append(id) }
                        return ["type": "text", "text": ["content": .string(String(id.dropFirst("local-page:".count)))], "annotations": item["annotations"] ?? [:]]
                    }
                    return map(item, key: nil)
                })
            case .object(let fields): return .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key, map($0.value, key: $0.key)) }))
            default: return value
            }
        }
        func walk(_ drafts: [BlockDraft]) -> [BlockDraft] {
            drafts.map { draft in
                if draft.type == "link_to_page", let id = draft.body["page_id"]?.stringValue ?? draft.body["database_id"]?.stringValue,
                   id.hasPrefix("local-page:"), ids[id] == nil {
                    if !missing.contains(id) { missing.append(id) }
                    return BlockDraft("paragraph", ["rich_text": [["type": "text", "text": ["content": .string(String(id.dropFirst("local-page:".count)))]]]])
                }
                return BlockDraft(draft.type, map(draft.body, key: nil), children: walk(draft.children), source: draft.source)
            }
        }
        let out = walk(relinkSynced(drafts))
        if !missing.isEmpty {
            summary.warnings.append(ImportWarning(file: file, construct: "link",
                                                  message: "links to \(missing.map { String($0.drop { $0 != ":" }.dropFirst()) }.joined(separator: ", ")), which are not pages of this import: kept as text without the link."))
        }
        return out
    }

    /// The name a file is uploaded under: an exported asset's (`logo-53c49386b8ab.png`) without the
    /// content hash the export added, which a later export would add again.
    static func originalName(_ path: String) -> String { FileName.original(ofLocation: path) }

    /// A resolved placeholder: a page's URL under `url`, its id elsewhere.
    static func resolveValue(_ key: String?, _ placeholder: String, _ ids: [String: String]) -> String? {
        guard let id = ids[placeholder] else { return nil }
        if placeholder.hasPrefix("local-page:"), key == "url" { return NotionID(id).map { NotionLink(id: $0).notionURL } ?? id }
        return id
    }
}

extension ImportManifest.Block {
    /// Blocks of this tree, this one included.
    var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
}
