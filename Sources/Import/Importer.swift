import Export
import Foundation
import NotionAPI
import NotionModel

/// `import PATH --parent PAGE | --database ID`: Markdown files written to Notion as pages (or
/// database rows), idempotently.
///
/// Two phases, like `Restore`, so that every `local-page:` link can be resolved when it is
/// written (no second pass of patches is needed):
/// 1. **Skeleton**, parents first: every page not in the manifest is created with its title,
///    icon and cover (a page with child pages gets one anchor paragraph, and its children are
///    created after it in the order its Markdown links them, so they keep their place).
/// 2. **Content**: each new or changed file's blocks, placeholders resolved (`local-file:` →
///    uploads, `local-page:` → the imported pages), written in the segments between its child
///    pages; a changed file keeps the blocks whose draft did not change (see `update`).
///
/// The manifest (`ImportManifest`) is saved after every page: a create is recorded as `pending`
/// before it is sent, so a run that dies finds the page under its parent on the next run
/// instead of creating a second one; a page whose content was not finished has hash "" and its
/// unrecorded blocks are swept before it is written again.
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
    /// Synced originals written this run: the id their Markdown gave → the new block's id.
    var syncedIDs: [String: String] = [:]
    /// Where rows go: the data source (2025-09-03+) or the database.
    var rowParent: JSONValue = [:]
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
            let document = MarkdownImporter().read(String(decoding: data, as: UTF8.self), file: page.path)
            documents.append(Document(page: page, document: document, hash: SHA256.hex(data)))
        }
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

    /// `--dry-run`: what would be written, and the fewest requests it takes (creates and appends;
    /// an update's deletions are counted as its removed blocks).
    mutating func planOnly() {
        for document in documents where toWrite.contains(document.page.path) {
            let exists = manifest.pages[document.page.path]?.id != nil
            if exists { summary.updated.append(document.page.path) } else { summary.created.append(document.page.path) }
            let drafts = document.document.blocks.filter { !Self.isChild($0) }
            summary.plannedBlocks += drafts.reduce(0) { $0 + $1.count }
            summary.plannedRequests += (exists ? 0 : 1) + Self.minimumAppends(drafts)
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
    }

    /// Appends that learn every id: one per 100 children of the page and of every block with children.
    static func minimumAppends(_ drafts: [BlockDraft]) -> Int {
        func parents(_ drafts: [BlockDraft]) -> Int {
            drafts.reduce(0) { $0 + ($1.children.isEmpty ? 0 : ($1.children.count + 99) / 100) + parents($1.children) }
        }
        return (drafts.count + 99) / 100 + parents(drafts)
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
            throw ImportError(path: "--database \(id)", message: "cannot be read (\(error)): check the id and that the database is shared with the integration.")
        }
    }

    // MARK: Phase 1

    func save() throws(ImportError) { try manifest.save(to: manifestURL) }

    /// Children of `path` in the plan, in the order its Markdown links them (others after).
    func children(of path: String?) -> [Document] {
        let kids = documents.filter { $0.page.parent == path }
        guard let path, let parent = documents.first(where: { $0.page.path == path }) else { return kids }
        var order: [String: Int] = [:]
        for draft in parent.document.blocks { if let child = Self.childPath(draft, in: path), order[child] == nil { order[child] = order.count } }
        return kids.sorted { (order[$0.page.path] ?? Int.max, $0.page.path) < (order[$1.page.path] ?? Int.max, $1.page.path) }
    }

    mutating func skeleton() async throws(ImportError) {
        var queue = children(of: nil)
        while !queue.isEmpty {
            let document = queue.removeFirst()
            let kids = children(of: document.page.path)
            // Content before the first child page needs an anchor to be written after; a page with
            // none (a folder, or one that starts with a child page) does not: its children are
            // created first, in order.
            let kidPaths = Set(kids.map(\.page.path))
            let contentFirst = document.document.blocks.first.map { Self.childPath($0, in: document.page.path).map { !kidPaths.contains($0) } ?? true } ?? false
            try await ensurePage(document, anchored: !kids.isEmpty && contentFirst)
            queue += kids
        }
    }

    func parentJSON(of document: Document) -> JSONValue {
        if let parent = document.page.parent, let id = manifest.pages[parent]?.id { return ["type": "page_id", "page_id": .string(id)] }
        if case .database = target { return rowParent }
        return ["type": "page_id", "page_id": .string(target.id)]
    }

    /// The page of `document`: recorded, found after a crash, or created now.
    mutating func ensurePage(_ document: Document, anchored: Bool) async throws(ImportError) {
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
        if case .database = target, document.page.parent == nil {
            properties = rowProperties(document)
        } else {
            properties = ["title": ["title": [["type": "text", "text": ["content": .string(document.document.title)]]]]]
        }
        let icon = try await resolvedFile(document.document.icon, construct: "icon", file: path)
        let cover = try await resolvedFile(document.document.cover, construct: "cover", file: path)
        let anchor = anchored ? [BlockDraft("paragraph", ["rich_text": []])] : []
        let written: WrittenPage
        do {
            written = try await writer.createPage(parent: parent, properties: .object(properties), icon: icon, cover: cover, children: anchor)
        } catch {
            throw ImportError(path: path, message: "could not be created: \(error). Run the import again: it finds the page if Notion created it.")
        }
        let blocks = written.blocks.first?.id.map { [ImportManifest.Block(id: $0, hash: "anchor")] } ?? []
        manifest.pages[path] = ImportManifest.Page(id: written.id, hash: "", blocks: blocks)
        summary.pageIDs[path] = written.id
        summary.created.append(path)
        fresh.insert(path)
        try save()
    }

    /// A page titled `title` created under `parent` at or after `since` (a create whose answer was
    /// lost): its id, or nil when there is none.
    func findCreated(_ title: String, under parent: JSONValue, since: String, file: String) async throws(ImportError) -> String? {
        // Notion's times are to the minute.
        let minute = String(since.prefix(16))
        guard let parentID = parent["page_id"]?.stringValue else {
            // A row: the data source (or database) queried for rows of that title.
            let titleName = schema.first { $0.value["type"] == "title" }?.key ?? "title"
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
                throw ImportError(path: file, message: "was being created when the last run stopped, and querying the database for it failed: \(error)")
            }
        }
        do {
            for block in try await client.blockChildren(parentID).collect() where block["type"] == "child_page" {
                guard block["child_page"]?["title"]?.stringValue == title, let created = block["created_time"]?.stringValue,
                      String(created.prefix(16)) >= minute else { continue }
                return block["id"]?.stringValue
            }
        } catch {
            throw ImportError(path: file, message: "was being created when the last run stopped, and listing its parent failed: \(error)")
        }
        return nil
    }

    // MARK: Database rows

    /// The row's title and its front matter `properties` coerced to the schema; anything else is a warning.
    mutating func rowProperties(_ document: Document) -> [String: JSONValue] {
        let file = document.page.path
        var out: [String: JSONValue] = [:]
        let titleName = schema.first { $0.value["type"] == "title" }?.key ?? "title"
        out[titleName] = ["title": [["type": "text", "text": ["content": .string(document.document.title)]]]]
        let values = document.document.frontMatter?["properties"]?.objectValue ?? [:]
        for name in values.keys.sorted() {
            let value = values[name]!
            guard let property = schema[name], let type = property["type"]?.stringValue else {
                summary.warnings.append(ImportWarning(file: file, construct: "property \"\(name)\"",
                                                      message: "the database has no property of this name; the value is not written. Add it to the database or rename it in the front matter."))
                continue
            }
            if name == titleName { continue }
            if type == "relation", let relation = relationValue(value, file: file) {
                out[name] = ["relation": .array(relation.ids.map { ["id": .string($0)] })]
                if !relation.later.isEmpty { pendingRelations.append((file, name, relation.ids, relation.later)) }
                continue
            }
            if let coerced = Self.coerce(value, to: type, file: file, relative: { documentPath in
                manifest.pages[Self.resolve(documentPath, from: file)]?.id
            }) {
                out[name] = [type: coerced]
            } else if ["formula", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id", "button", "verification"].contains(type) {
                summary.warnings.append(ImportWarning(file: file, construct: "property \"\(name)\"",
                                                      message: "Notion computes \(type) values; the front matter's value is not written."))
            } else {
                summary.warnings.append(ImportWarning(file: file, construct: "property \"\(name)\"",
                                                      message: "\(String(decoding: value.data(), as: UTF8.self)) is not a \(type) value; it is not written. Write a \(type) value in the front matter."))
            }
        }
        return out
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
                throw ImportError(path: pending.file, message: "the relation \(pending.property) could not be set: \(error). Run the import again.")
            }
            summary.linksPatched += pending.later.count
        }
        pendingRelations = []
    }

    /// A front matter value in the request form of `type`, or nil when it does not fit.
    static func coerce(_ value: JSONValue, to type: String, file: String, relative: (String) -> String?) -> JSONValue? {
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
            let ids = list(value).compactMap { $0.stringValue ?? $0["id"]?.stringValue }
            return ids.count == list(value).count ? .array(ids.map { ["id": .string($0)] }) : nil
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
        let path = document.page.path
        guard let pageID = manifest.pages[path]?.id, var entry = manifest.pages[path] else { return }
        let drafts = missingFiles(document.document.blocks, file: path)
        let childIDs = Dictionary(children(of: path).compactMap { kid in manifest.pages[kid.page.path]?.id.map { (kid.page.path, $0) } },
                                  uniquingKeysWith: { a, _ in a })
        var anchor = entry.blocks.first { $0.hash == "anchor" }?.id
        // A page created by an earlier run that did not finish its content, or found after a lost
        // answer: what that run left is swept first.
        let unfinished = entry.hash == "" && (!fresh.contains(path) || summary.recovered.contains(path))
        if unfinished {
            anchor = try await sweep(pageID, anchor: anchor, hasChildren: !childIDs.isEmpty, file: path)
            entry.blocks = anchor.map { [ImportManifest.Block(id: $0, hash: "anchor")] } ?? []
        }
        // The title, icon, cover and properties, recorded as a pseudo-block (`header:` hash): an
        // existing page whose header changed is updated with one request.
        let header = headerHash(document)
        if !fresh.contains(path), entry.hash != "", !entry.blocks.contains(where: { $0.hash == header }) {
            try await updateHeader(document, pageID: pageID)
        }
        let old = entry.blocks.filter { $0.hash != "anchor" && !$0.hash.hasPrefix("header:") }
        var recorded: [ImportManifest.Block]
        if old.isEmpty {
            recorded = try await writeFresh(drafts, pageID: pageID, anchor: anchor, childIDs: childIDs, file: path)
            if entry.hash != "" { summary.updated.append(path) }
        } else {
            recorded = try await update(old, with: drafts, pageID: pageID, childIDs: childIDs, file: path)
            summary.updated.append(path)
        }
        if let anchor {
            do {
                _ = try await client.send(.blocksDelete, ["block_id": anchor])
            } catch {
                throw ImportError(path: path, message: "the import's anchor block \(anchor) could not be removed: \(error)")
            }
            recorded.removeAll { $0.id == anchor }
        }
        recorded.append(ImportManifest.Block(id: pageID, hash: header))
        manifest.pages[path] = ImportManifest.Page(id: pageID, hash: document.hash, blocks: recorded)
        try save()
    }

    func isRow(_ document: Document) -> Bool {
        if case .database = target, document.page.parent == nil { return true }
        return false
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
            ? rowProperties(document)
            : ["title": ["title": [["type": "text", "text": ["content": .string(document.document.title)]]]]]
        var body: JSONValue = ["properties": .object(properties)]
        if let icon = try await resolvedFile(document.document.icon, construct: "icon", file: path) { body["icon"] = icon }
        if let cover = try await resolvedFile(document.document.cover, construct: "cover", file: path) { body["cover"] = cover }
        do {
            _ = try await client.send(.pagesUpdate, ["page_id": pageID], body: body)
        } catch {
            throw ImportError(path: path, message: "its title, icon, cover or properties could not be updated: \(error). Run the import again.")
        }
        try await patchRelations()
    }

    /// Removes what an unfinished write left on the page (blocks not recorded, never child pages or
    /// databases) and returns the anchor to write after, when the page has child pages.
    mutating func sweep(_ pageID: String, anchor: String?, hasChildren: Bool, file: String) async throws(ImportError) -> String? {
        let listed: [JSONValue]
        do { listed = try await client.blockChildren(pageID).collect() } catch {
            throw ImportError(path: file, message: "listing the content of its page \(pageID) failed: \(error)")
        }
        var found = anchor.flatMap { id in listed.contains { $0["id"]?.stringValue == id } ? id : nil }
        if found == nil, hasChildren, let first = listed.first, first["type"] == "paragraph", first["paragraph"]?["rich_text"]?.arrayValue?.isEmpty == true {
            found = first["id"]?.stringValue
        }
        for block in listed {
            guard let id = block["id"]?.stringValue, id != found, block["type"] != "child_page", block["type"] != "child_database" else { continue }
            do { _ = try await client.send(.blocksDelete, ["block_id": id]) } catch {
                throw ImportError(path: file, message: "block \(id), left by an unfinished run, could not be removed: \(error)")
            }
            summary.blocksDeleted += 1
        }
        return found
    }

    /// All the drafts, in segments between the page's child pages (the first after the anchor).
    mutating func writeFresh(_ drafts: [BlockDraft], pageID: String, anchor: String?, childIDs: [String: String], file: String) async throws(ImportError) -> [ImportManifest.Block] {
        var segments: [(after: String?, drafts: [BlockDraft])] = [(anchor, [])]
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
    /// inserted after the block before them.
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
        if let first = drafts.first, matched[0] == nil, !Self.isChild(first), !matched.isEmpty {
            // Nothing to write after at the top (the API has no "start" here): the page's content is
            // written again, in order; child pages stay where they are, so content that stood
            // before them now follows them (reported).
            if old.contains(where: { $0.hash.hasPrefix("child:") }) {
                summary.warnings.append(ImportWarning(file: file, construct: "update",
                                                      message: "a block was added before the first one: the page's content is written again, after its child pages; move them in Notion if their place matters."))
            }
            matched = [:]
        }
        let keptOld = Set(matched.values)
        for (index, block) in old.enumerated() where !keptOld.contains(index) && !block.hash.hasPrefix("child:") {
            do { _ = try await client.send(.blocksDelete, ["block_id": block.id]) } catch {
                throw ImportError(path: file, message: "block \(block.id) (removed from the Markdown) could not be deleted: \(error)")
            }
            summary.blocksDeleted += 1
        }
        var recorded: [ImportManifest.Block] = []
        var previous: String?
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
                recorded.append(old[oldIndex])
                previous = old[oldIndex].id
                summary.blocksKept += old[oldIndex].count
            } else if Self.isChild(draft) {
                try await flush(&self)
                if let child = Self.childPath(draft, in: file), let id = childIDs[child] {
                    // Recorded, but not written after: a page already there stays where it is, and
                    // one created this run went to the end of its parent (pages cannot be moved in).
                    recorded.append(ImportManifest.Block(id: id, hash: Self.hash(draft)))
                    if fresh.contains(child) {
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
        do {
            let written = try await writer.append(resolved, to: pageID, after: after)
            summary.blocksWritten += written.reduce(0) { $0 + $1.knownIDs }
            recordSynced(drafts, written)
            return written
        } catch {
            throw ImportError(path: file, message: "content could not be written: \(error). Run the import again to finish it.")
        }
    }

    /// Remembers the new id of every synced original written, for the copies written after it.
    mutating func recordSynced(_ drafts: [BlockDraft], _ written: [WrittenBlock]) {
        for (draft, block) in zip(drafts, written) {
            if draft.type == "synced_block", let old = draft.source, let new = block.id {
                syncedIDs[old] = new
                summary.syncedBlocks[old] = new
            }
            recordSynced(draft.children, block.children)
        }
    }

    /// Copies of a synced original this run wrote point at the new original.
    func relinkSynced(_ drafts: [BlockDraft]) -> [BlockDraft] {
        drafts.map { draft in
            var draft = draft
            if draft.type == "synced_block", let old = draft.body["synced_from"]?["block_id"]?.stringValue, let new = syncedIDs[old] {
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
                do {
                    ids[placeholder] = try await uploader.upload(plan.root.appending(path: path), name: "\(file): \(raw)",
                                                                 filename: Self.originalName(path))
                } catch {
                    throw ImportError(path: file, message: "\(error)")
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
    static func originalName(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension
        let stem = (name as NSString).deletingPathExtension
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count > 1, let last = parts.last, last.count == 12, last.allSatisfy(\.isHexDigit), last == last.lowercased() else { return name }
        let base = parts.dropLast().joined(separator: "-")
        return ext.isEmpty ? base : base + "." + ext
    }

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
