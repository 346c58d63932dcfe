import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// What `discover` found: the pages and tables to start the walk from, each already read once.
public struct Discovery: Sendable, Hashable {
    /// Pages found by search or named as roots, sorted by id.
    public var pages: [Page]
    /// Tables to query (rows still empty), sorted by id.
    public var tables: [FetchedTable]
    /// Databases already read (or known through their data sources): `child_database` blocks
    /// naming them are not retrieved again.
    public var databases: Set<DatabaseID>
    /// Pages already read (by search) that the walk does not start from but takes as they are
    /// when a block names them, instead of retrieving them again.
    public var knownPages: [PageID: Page]
    /// Tables search returned that the walk does not start from, by database: a
    /// `child_database` block naming one costs its query only, not a read of each data source.
    public var knownTables: [DatabaseID: [FetchedTable]]

    public init(pages: [Page], tables: [FetchedTable], databases: Set<DatabaseID>, knownPages: [PageID: Page] = [:],
                knownTables: [DatabaseID: [FetchedTable]] = [:]) {
        self.pages = pages
        self.tables = tables
        self.databases = databases
        self.knownPages = knownPages
        self.knownTables = knownTables
    }

    /// The walk from `roots` only (page and database ids), keeping everything else discovery
    /// read as known: what a run with named roots fetches when it searched the workspace too.
    public func restricted(to roots: Set<NotionID>) -> Discovery {
        let starts = pages.filter { roots.contains($0.id.id) }
        let tables = tables.filter { table in roots.contains(table.id) || table.databaseID.map { roots.contains($0.id) } == true }
        let kept = Set(tables.map(\.id))
        let others = Dictionary(grouping: self.tables.filter { !kept.contains($0.id) && $0.dataSource != nil && $0.databaseID != nil },
                                by: { $0.databaseID! })
        return Discovery(pages: starts, tables: tables, databases: Set(tables.compactMap(\.databaseID)),
                         knownPages: Dictionary(pages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                             .merging(knownPages) { first, _ in first },
                         knownTables: others.merging(knownTables) { first, _ in first })
    }
}

/// A page's content as an earlier run saved it, offered to the walk instead of listing it again.
public struct StoredPage: Sendable {
    /// The page object as saved (relations and people complete).
    public var page: Page
    /// Block lists by parent (the page, then blocks with children), blocks as the API returned them.
    public var lists: [NotionID: [JSONValue]]

    public init(page: Page, lists: [NotionID: [JSONValue]]) {
        self.page = page
        self.lists = lists
    }
}

/// Saved content the walk may reuse (a backup's previous run).
public protocol StoredContent: Sendable {
    /// The saved content of `page` (the object just read from Notion) when it is still current;
    /// nil to fetch it.
    func content(for page: Page) -> StoredPage?
}

/// A page whose content the walk has just completed (its own block lists; child pages follow).
public struct CompletedPage: Sendable {
    public var page: Page
    /// Its block lists; empty for a reused page (they are what was saved: nothing to save again).
    public var lists: [NotionID: [JSONValue]]
    /// Whether the content came from `StoredContent` rather than from Notion.
    public var reused: Bool
}

/// Reads a workspace through a `NotionClient`, in two stages: `discover` (roots → pages and
/// tables) and `fetchTree` (→ every block, child page, child database and row below them).
///
/// Every page, database, data source and list of block children is read once: `discover` claims
/// what search returned before the walk starts, so `child_page`, `child_database` and
/// `link_to_page` blocks naming them cost nothing, and rows that search already returned are not
/// read again. Synced block references are not listed (Notion would answer the original's
/// children again); their originals are listed once, after the walk, if the walk did not reach them.
///
/// Request count for the whole shared workspace (`.workspace` root) is exactly
/// `Workspace.minimumReadRequests()` plus one request per truncated property (`has_more`):
/// one search, one children list per page and per block with children, one query per data source
/// (per database before 2025-09-03). Databases are not retrieved then: the data sources search
/// returns carry the title, schema and parent a database export needs. Lists longer than the page
/// size cost one request per page of results on both sides.
public struct Fetcher: Sendable {
    public let client: NotionClient
    public let options: FetchOptions
    /// Called as pages, block lists and tables arrive (from several tasks at once).
    public let progress: (@Sendable (FetchProgress) -> Void)?
    /// Content saved by an earlier run, reused for pages it still holds current.
    public var stored: (any StoredContent)?
    /// Called once per page as soon as its own content is complete (from several tasks at once).
    public var completed: (@Sendable (CompletedPage) -> Void)?

    public init(client: NotionClient, options: FetchOptions = FetchOptions(), progress: (@Sendable (FetchProgress) -> Void)? = nil,
                stored: (any StoredContent)? = nil, completed: (@Sendable (CompletedPage) -> Void)? = nil) {
        self.client = client
        self.options = options
        self.progress = progress
        self.stored = stored
        self.completed = completed
    }

    /// Both stages.
    public func fetch(_ roots: [ExportRoot]) async throws(ExportError) -> FetchedWorkspace {
        try await fetchTree(try await discover(roots))
    }

    // MARK: Stage `discover`

    /// Roots → the pages and tables to walk. A root that cannot be read is an error naming it.
    public func discover(_ roots: [ExportRoot]) async throws(ExportError) -> Discovery {
        var pages: [PageID: Page] = [:]
        var tables: [NotionID: FetchedTable] = [:]
        var databases: Set<DatabaseID> = []
        func add(table: FetchedTable) {
            tables[table.id] = table
            if let id = table.databaseID { databases.insert(id) }
        }
        // The workspace first: page and database roots that search returned are not read again.
        let ordered = Set(roots).sorted { a, b in
            a == .workspace || b == .workspace ? a == .workspace && b != .workspace : a.description < b.description
        }
        for root in ordered {
            switch root {
            case .workspace:
                let results = try await collect(client.search(pageSize: options.pageSize), stage: .discover, subject: "search")
                for object in results {
                    switch object["object"]?.stringValue {
                    case "page":
                        let page = try decode(Page.self, object, stage: .discover)
                        pages[page.id] = page
                    case "data_source":
                        let source = try decode(DataSource.self, object, stage: .discover)
                        add(table: FetchedTable(id: source.id.id, database: nil, dataSource: source, rows: []))
                    case "database":
                        let database = try decode(Database.self, object, stage: .discover)
                        add(table: FetchedTable(id: database.id.id, database: database, dataSource: nil, rows: []))
                    default:
                        continue
                    }
                }
            case .page(let id) where pages[id] != nil || databases.contains(DatabaseID(id.id)):
                continue
            case .page(let id):
                do {
                    let page = try await retrieve(Page.self, .pagesRetrieve, ["page_id": id.rawValue], .page(id.rawValue), stage: .discover)
                    pages[page.id] = page
                } catch let error where error.isNotFound || error.isValidation {
                    // An id without a URL that says so may name a database: try it as one.
                    guard let found = try? await databaseTables(DatabaseID(id.id), stage: .discover) else { throw error }
                    databases.insert(DatabaseID(id.id))
                    found.forEach(add(table:))
                }
            case .database(let id) where databases.contains(id):
                continue
            case .database(let id):
                databases.insert(id)
                try await databaseTables(id, stage: .discover).forEach(add(table:))
            }
        }
        progress?(FetchProgress(stage: .discover, pages: pages.count, blockLists: 0, tables: tables.count))
        return Discovery(pages: pages.values.sorted { $0.id < $1.id },
                         tables: tables.values.sorted { $0.id < $1.id }, databases: databases)
    }

    /// A database and its tables: its data sources (2025-09-03+) or itself (before).
    func databaseTables(_ id: DatabaseID, stage: ExportStage) async throws(ExportError) -> [FetchedTable] {
        let database = try await retrieve(Database.self, .databasesRetrieve, ["database_id": id.rawValue], .database(id.rawValue), stage: stage)
        guard client.options.version.hasDataSources else {
            return [FetchedTable(id: id.id, database: database, dataSource: nil, rows: [])]
        }
        var tables: [FetchedTable] = []
        for reference in database.dataSources ?? [] {
            let source = try await retrieve(DataSource.self, .dataSourcesRetrieve, ["data_source_id": reference.id.rawValue],
                                            .dataSource(reference.id.rawValue), stage: stage)
            tables.append(FetchedTable(id: source.id.id, database: database, dataSource: source, rows: []))
        }
        return tables
    }

    // MARK: Stage `fetch tree`

    /// Discovery → every page's blocks, every table's rows, and the pages below them, fetched
    /// concurrently (the client's scheduler bounds how many requests are in flight). Targets that
    /// are unshared or deleted become `FetchIssue`s; other failures are errors.
    public func fetchTree(_ discovery: Discovery) async throws(ExportError) -> FetchedWorkspace {
        let state = try FetchState(progress: progress)
        state.claim(discovery)
        var tables = discovery.tables
        if options.retrieveDatabases { tables = try await withDatabases(tables, state) }
        // Pages and tables start together; each list fans out as soon as it arrives, so the
        // tree is read level by level as fast as the client's scheduler lets requests through.
        let starts = discovery.pages.map(WalkStart.page) + tables.map(WalkStart.table)
        try await forEach(starts) { (start: WalkStart) throws(ExportError) in
            switch start {
            case .page(let page): try await walk(page, state)
            case .table(let table): try await rows(of: table, state)
            }
        }
        // Synced originals the walk did not reach (outside the roots, or only referenced).
        while case let originals = state.unlistedSyncedOriginals(), !originals.isEmpty {
            try await forEach(originals) { (original: NotionID) throws(ExportError) in
                let found = try await listChildren(of: original, foundIn: "synced block reference to \(original)", state)
                try await follow(found, state)
            }
        }
        return try state.assemble()
    }

    enum WalkStart: Sendable {
        case page(Page)
        case table(FetchedTable)
    }

    /// A page or database a block names, followed once the block's page is complete.
    enum Reference: Sendable {
        case page(PageID, foundIn: String)
        case database(DatabaseID, foundIn: String)
    }

    /// Tables with their database container retrieved (once per database; one that cannot be
    /// read is reported and its tables keep what search gave).
    func withDatabases(_ tables: [FetchedTable], _ state: FetchState) async throws(ExportError) -> [FetchedTable] {
        let missing = Set(tables.filter { $0.database == nil }.compactMap(\.databaseID)).sorted()
        let found = Mutex<[DatabaseID: Database]>([:])
        try await forEach(missing) { (id: DatabaseID) throws(ExportError) in
            do throws(ExportError) {
                let database = try await retrieve(Database.self, .databasesRetrieve, ["database_id": id.rawValue], .database(id.rawValue),
                                                  stage: .fetchTree)
                found.withLock { $0[id] = database }
            } catch let error where error.isNotFound {
                state.report(error, subject: "database \(id)", foundIn: "search")
            }
        }
        let databases = found.withLock { $0 }
        return tables.map { table in
            var table = table
            if table.database == nil, let id = table.databaseID { table.database = databases[id] }
            if table.database != nil { state.store(table: table) }
            return table
        }
    }

    func walk(_ page: Page, _ state: FetchState) async throws(ExportError) {
        let saved = stored?.content(for: page)
        let page = try await completingProperties(of: page, saved: saved?.page)
        state.store(page)
        if let saved { state.preload(saved.lists) }
        let found = try await listChildren(of: page.id.id, foundIn: "page \(page.id)", state)
        // Its blocks could not be read (unshared or deleted since discovery listed it): the page is
        // reported and left out, not kept empty, which an incremental run would take as complete.
        if state.isUnreadable("block \(page.id.id)") { return state.drop(page.id) }
        if let completed {
            // A reused page's lists are read back from the spool only if someone needs them: nobody
            // saves what was just read from the saved backup.
            completed(CompletedPage(page: page, lists: saved == nil ? state.lists(of: page.id.id) : [:], reused: saved != nil))
        }
        try await follow(found, state)
    }

    /// Follows the pages and databases blocks named (each read once, whoever names it first).
    func follow(_ references: [Reference], _ state: FetchState) async throws(ExportError) {
        try await forEach(references) { (reference: Reference) throws(ExportError) in
            switch reference {
            case .page(let id, let foundIn): try await page(id, foundIn: foundIn, state)
            case .database(let id, let foundIn): try await database(id, foundIn: foundIn, state)
            }
        }
    }

    /// Lists a page's or block's children once (or takes a saved list), then the children of
    /// each child concurrently. Returns the pages and databases the blocks name, not yet followed.
    func listChildren(of parent: NotionID, foundIn: String, _ state: FetchState) async throws(ExportError) -> [Reference] {
        guard state.claimChildren(of: parent),
              let children = try await readChildren(of: parent, foundIn: foundIn, state) else { return [] }
        let found = Mutex<[Reference]>([])
        try await forEach(children) { (block: ListedBlock) throws(ExportError) in
            let references = try await visit(block, in: parent, state)
            if !references.isEmpty { found.withLock { $0 += references } }
        }
        return found.withLock { $0 }
    }

    /// Reads a list (or takes a saved one) into the spool and returns what the walk needs of each
    /// block: the list's JSON is not kept while the walk goes down (every page of a workspace is
    /// in flight at once, so what each one holds is multiplied by their number). Nil when the
    /// parent cannot be read (reported).
    func readChildren(of parent: NotionID, foundIn: String, _ state: FetchState) async throws(ExportError) -> [ListedBlock]? {
        let children: [JSONValue]
        let saved = state.preloaded(parent)
        if let saved {
            children = saved
        } else {
            do {
                children = try await collect(client.blockChildren(parent.rawValue, pageSize: options.pageSize), stage: .fetchTree,
                                             subject: "children of \(parent)")
            } catch let error where error.isNotFound {
                state.report(error, subject: "block \(parent)", foundIn: foundIn)
                return nil
            }
        }
        try state.store(children: children, of: parent, checked: saved == nil)
        return children.compactMap(ListedBlock.init)
    }

    /// What the walk follows from a block: its id and type, whether it has children, and the
    /// page, database or synced original it names.
    struct ListedBlock: Sendable {
        var id: NotionID
        var type: String
        var hasChildren: Bool
        var linkedPage: NotionID?
        var linkedDatabase: NotionID?
        var syncedFrom: NotionID?
        var isSyncedReference: Bool

        init?(_ block: JSONValue) {
            guard let id = block["id"].notionID, let type = block["type"]?.stringValue else { return nil }
            self.id = id
            self.type = type
            hasChildren = block["has_children"] == true
            linkedPage = block["link_to_page"]?["page_id"].notionID
            linkedDatabase = block["link_to_page"]?["database_id"].notionID
            isSyncedReference = type == "synced_block" && block["synced_block"]?["synced_from"]?["block_id"] != nil
            syncedFrom = block["synced_block"]?["synced_from"]?["block_id"].notionID
        }
    }

    func visit(_ block: ListedBlock, in parent: NotionID, _ state: FetchState) async throws(ExportError) -> [Reference] {
        let id = block.id
        let foundIn = "block \(id) in \(parent)"
        switch block.type {
        case "child_page":
            return [.page(PageID(id), foundIn: foundIn)]
        case "child_database":
            return [.database(DatabaseID(id), foundIn: foundIn)]
        case "link_to_page":
            if let target = block.linkedPage { return [.page(PageID(target), foundIn: foundIn)] }
            if let target = block.linkedDatabase { return [.database(DatabaseID(target), foundIn: foundIn)] }
            return []
        case "synced_block" where block.isSyncedReference:
            // A reference: its children are the original's, listed once under the original's id.
            if let original = block.syncedFrom { state.reference(syncedOriginal: original) }
            return []
        default:
            guard block.hasChildren else { return [] }
            return try await listChildren(of: id, foundIn: foundIn, state)
        }
    }

    /// A page named by a block: read once unless discovery or another block already claimed it
    /// (a page discovery already read is taken as it is).
    func page(_ id: PageID, foundIn: String, _ state: FetchState) async throws(ExportError) {
        state.note(reference: "page \(id)", foundIn: foundIn)
        guard state.claim(page: id) else { return }
        if let known = state.known(page: id) { return try await walk(known, state) }
        let page: Page
        do {
            page = try await retrieve(Page.self, .pagesRetrieve, ["page_id": id.rawValue], .page(id.rawValue), stage: .fetchTree)
        } catch let error where error.isNotFound {
            state.report(error, subject: "page \(id)", foundIn: foundIn)
            return
        }
        try await walk(page, state)
    }

    /// A database named by a block: read once, with its data sources, then its rows.
    func database(_ id: DatabaseID, foundIn: String, _ state: FetchState) async throws(ExportError) {
        state.note(reference: "database \(id)", foundIn: foundIn)
        guard state.claim(database: id) else { return }
        var tables: [FetchedTable]
        do {
            if let known = state.known(database: id) {
                // Search returned its data sources: only the container is read (when wanted).
                tables = known
                if options.retrieveDatabases {
                    let database = try await retrieve(Database.self, .databasesRetrieve, ["database_id": id.rawValue], .database(id.rawValue),
                                                      stage: .fetchTree)
                    for index in tables.indices { tables[index].database = database }
                }
                for table in tables { state.store(table: table) }
            } else {
                tables = try await databaseTables(id, stage: .fetchTree)
            }
        } catch let error where error.isNotFound {
            state.report(error, subject: "database \(id)", foundIn: foundIn)
            return
        }
        try await forEach(tables) { (table: FetchedTable) throws(ExportError) in
            guard state.claim(table: table.id) else { return }
            try await rows(of: table, state)
        }
    }

    /// Queries a table with its options and walks the rows no one has read yet.
    func rows(of table: FetchedTable, _ state: FetchState) async throws(ExportError) {
        let query = options.query(for: table.id, table.databaseID?.id)
        let list = table.dataSource != nil
            ? client.queryDataSource(table.id.rawValue, filter: query.filter, sorts: query.sorts, pageSize: options.pageSize)
            : client.queryDatabase(table.id.rawValue, filter: query.filter, sorts: query.sorts, pageSize: options.pageSize)
        let results: [JSONValue]
        do {
            results = try await collect(list, stage: .fetchTree, subject: "rows of \(table.id)")
        } catch let error where error.isNotFound {
            state.report(error, subject: "table \(table.id)", foundIn: table.databaseID.map { "database \($0)" } ?? "discovery")
            return
        }
        let rows = try results.map { row throws(ExportError) in try decode(Page.self, row, stage: .fetchTree) }
        var filled = table
        filled.rows = rows.map(\.id)
        state.store(table: filled)
        try await forEach(rows) { (row: Page) throws(ExportError) in
            guard state.claim(page: row.id) else { return }
            try await walk(row, state)
        }
    }

    /// Relations, people, titles and rich text longer than a page object holds (`has_more`)
    /// completed through the property item endpoint, one list per truncated property.
    /// A saved copy of the page (current: same `last_edited_time`) gives its complete values
    /// instead: editing a relation edits the page.
    func completingProperties(of page: Page, saved: Page? = nil) async throws(ExportError) -> Page {
        guard var properties = page.raw["properties"]?.objectValue else { return page }
        var changed = false
        for name in properties.keys.sorted() {
            guard var property = properties[name], property["has_more"] == true,
                  let propertyID = property["id"]?.stringValue, let type = property["type"]?.stringValue,
                  ["relation", "people", "title", "rich_text"].contains(type) else { continue }
            if let complete = saved?.raw["properties"]?[name], complete["has_more"] == false, complete["id"] == property["id"],
               complete[type]?.arrayValue?.prefix(property[type]?.arrayValue?.count ?? 0).elementsEqual(property[type]?.arrayValue ?? []) == true {
                properties[name] = complete
                changed = true
                continue
            }
            let items = try await collect(client.propertyItems(page: page.id.rawValue, property: propertyID, pageSize: options.pageSize),
                                          stage: .fetchTree, subject: "property “\(name)” of page \(page.id)")
            property[type] = .array(items.compactMap { $0[type] })
            property["has_more"] = false
            properties[name] = property
            changed = true
        }
        guard changed else { return page }
        var raw = page.raw
        raw["properties"] = .object(properties)
        return try decode(Page.self, raw, stage: .fetchTree)
    }

    // MARK: Helpers

    func retrieve<T: Decodable>(_ type: T.Type, _ endpoint: Endpoint, _ parameters: [String: String], _ subject: NotionSubject,
                                stage: ExportStage) async throws(ExportError) -> T {
        let object: JSONValue
        do {
            object = try await client.send(endpoint, parameters, subject: subject)
        } catch {
            throw ExportError(stage: stage, subject: "\(subject)", reason: .notion(error))
        }
        return try decode(type, object, stage: stage)
    }

    func collect(_ list: PaginatedResults, stage: ExportStage, subject: String) async throws(ExportError) -> [JSONValue] {
        do {
            return try await list.collect()
        } catch let error as NotionError {
            throw ExportError(stage: stage, subject: subject, reason: .notion(error))
        } catch {
            throw ExportError(stage: stage, subject: subject, reason: .undecodable("\(error)"))
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ object: JSONValue, stage: ExportStage) throws(ExportError) -> T {
        do {
            return try object.decode(type)
        } catch {
            let what = [object["object"]?.stringValue, object["id"]?.stringValue].compactMap { $0 }.joined(separator: " ")
            throw ExportError(stage: stage, subject: what.isEmpty ? "\(type)" : what, reason: .undecodable("\(error)"))
        }
    }

    /// How many items of one list `forEach` works on at once. Enough to keep the client's
    /// scheduler full (every item waits on requests), few enough that what each item holds while
    /// it waits (its task, its page, its pending request) does not grow with the workspace: a
    /// workspace search hands the walk every page at once.
    static let walkWidth = 64

    /// Runs `body` for every item, `walkWidth` at a time (the next starts as one finishes); the
    /// first error cancels the rest and is thrown.
    func forEach<Item: Sendable>(_ items: [Item], _ body: @escaping @Sendable (Item) async throws(ExportError) -> Void) async throws(ExportError) {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = items.startIndex
                while next < items.endIndex, next - items.startIndex < Self.walkWidth {
                    let item = items[next]
                    group.addTask { try await body(item) }
                    next += 1
                }
                while try await group.next() != nil {
                    guard next < items.endIndex else { continue }
                    let item = items[next]
                    group.addTask { try await body(item) }
                    next += 1
                }
            }
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError(stage: .fetchTree, subject: "the walk", reason: .undecodable("\(error)"))
        }
    }
}

extension JSONValue? {
    /// The id this string holds, if it is one.
    var notionID: NotionID? { self?.stringValue.flatMap { NotionID($0) } }
}

extension ExportError {
    /// Notion refused the id as the wrong kind of object (a database id sent to the pages endpoint).
    var isValidation: Bool {
        if case .notion(let error) = reason { return error.code == .validationError }
        return false
    }
}

/// What the walk has claimed and read so far. Claims happen before requests, so two paths to the
/// same object cost one read; the assembled result does not depend on which path won.
final class FetchState: Sendable {
    struct Contents {
        var claimedPages: Set<PageID> = []
        var knownPages: [PageID: Page] = [:]
        var knownTables: [DatabaseID: [FetchedTable]] = [:]
        var preloaded: [NotionID: [JSONValue]] = [:]
        var claimedDatabases: Set<DatabaseID> = []
        var claimedTables: Set<NotionID> = []
        var listedChildren: Set<NotionID> = []
        var syncedOriginals: Set<NotionID> = []
        var pages: [PageID: Page] = [:]
        var lists = 0
        var tables: [NotionID: FetchedTable] = [:]
        var issues: [String: FetchIssue] = [:]
        /// The first place (in id order) each page or database was named from.
        var firstReference: [String: String] = [:]
    }

    let contents = Mutex(Contents())
    let progress: (@Sendable (FetchProgress) -> Void)?
    /// Every block list read, on disk.
    let spool: BlockSpool

    init(progress: (@Sendable (FetchProgress) -> Void)?) throws(ExportError) {
        self.progress = progress
        self.spool = try BlockSpool()
    }

    /// Reports the counts so far (outside the lock).
    func reportProgress() {
        guard let progress else { return }
        let now = contents.withLock { c in
            FetchProgress(stage: .fetchTree, pages: c.pages.count, blockLists: c.lists,
                          tables: c.tables.values.filter { !$0.rows.isEmpty }.count)
        }
        progress(now)
    }

    func claim(_ discovery: Discovery) {
        contents.withLock { c in
            c.claimedPages.formUnion(discovery.pages.map(\.id))
            c.claimedDatabases.formUnion(discovery.databases)
            c.claimedTables.formUnion(discovery.tables.map(\.id))
            c.knownPages = discovery.knownPages
            c.knownTables = discovery.knownTables
            for table in discovery.tables { c.tables[table.id] = table }
        }
    }

    func claim(page id: PageID) -> Bool { contents.withLock { $0.claimedPages.insert(id).inserted } }
    func claim(database id: DatabaseID) -> Bool { contents.withLock { $0.claimedDatabases.insert(id).inserted } }
    func claim(table id: NotionID) -> Bool { contents.withLock { $0.claimedTables.insert(id).inserted } }
    func claimChildren(of id: NotionID) -> Bool { contents.withLock { $0.listedChildren.insert(id).inserted } }
    func known(page id: PageID) -> Page? { contents.withLock { $0.knownPages[id] } }
    func known(database id: DatabaseID) -> [FetchedTable]? { contents.withLock { $0.knownTables[id] } }

    /// Saved block lists, used instead of listing those parents.
    func preload(_ lists: [NotionID: [JSONValue]]) {
        contents.withLock { c in c.preloaded.merge(lists) { _, saved in saved } }
    }
    func preloaded(_ parent: NotionID) -> [JSONValue]? { contents.withLock { $0.preloaded.removeValue(forKey: parent) } }

    /// A page's own block lists: its children, theirs, and so on, not entering child pages and
    /// databases or synced references (their children are the original's).
    func lists(of page: NotionID) -> [NotionID: [JSONValue]] {
        var lists: [NotionID: [JSONValue]] = [:]
        var pending = [page]
        while let parent = pending.popLast() {
            guard lists[parent] == nil, let children = spool.list(of: parent) else { continue }
            lists[parent] = children
            for block in children {
                guard let id = block["id"].notionID, let type = block["type"]?.stringValue,
                      type != "child_page", type != "child_database",
                      !(type == "synced_block" && block["synced_block"]?["synced_from"]?["block_id"] != nil) else { continue }
                if spool.contains(id) { pending.append(id) }
            }
        }
        return lists
    }

    func store(_ page: Page) {
        contents.withLock { $0.pages[page.id] = page }
        reportProgress()
    }
    func drop(_ page: PageID) { _ = contents.withLock { $0.pages.removeValue(forKey: page) } }
    /// Whether an issue was reported about `subject` ("block …", "page …").
    func isUnreadable(_ subject: String) -> Bool { contents.withLock { $0.issues[subject] != nil } }
    /// Keeps a list in the spool, each block checked to decode (a block Notion sent in a shape
    /// this build cannot read is an error naming it, here rather than in a later stage). A list
    /// saved by an earlier run (`checked: false`) was checked when it was fetched; `assemble`
    /// decodes every page once anyway (its digest), which checks it again at no extra cost.
    func store(children: [JSONValue], of parent: NotionID, checked: Bool = true) throws(ExportError) {
        if checked {
            for json in children {
                do { _ = try json.decode(Block.self) } catch {
                    throw ExportError(stage: .fetchTree, subject: "block \(json["id"]?.stringValue ?? "?") in \(parent)",
                                      reason: .undecodable("\(error)"))
                }
            }
        }
        try spool.store(children, of: parent)
        contents.withLock { $0.lists += 1 }
        reportProgress()
    }
    func store(table: FetchedTable) {
        contents.withLock { $0.tables[table.id] = table }
        reportProgress()
    }
    func reference(syncedOriginal id: NotionID) { _ = contents.withLock { $0.syncedOriginals.insert(id) } }

    /// Synced originals whose children nobody listed yet, sorted.
    func unlistedSyncedOriginals() -> [NotionID] {
        contents.withLock { c in c.syncedOriginals.subtracting(c.listedChildren).sorted() }
    }

    /// Remembers where a target was named, keeping the smallest place: the one an issue about it
    /// names, whichever path reached it first.
    func note(reference subject: String, foundIn: String) {
        contents.withLock { c in
            if let existing = c.firstReference[subject], existing <= foundIn { return }
            c.firstReference[subject] = foundIn
        }
    }

    /// Records an unreadable target once (reports of the same target from several places keep
    /// the smallest `foundIn`, so the result does not depend on timing).
    func report(_ error: ExportError, subject: String, foundIn: String) {
        let message: String
        if case .notion(let notion) = error.reason { message = notion.description } else { message = error.description }
        let issue = FetchIssue(subject: subject, foundIn: foundIn, message: message)
        contents.withLock { c in
            if let existing = c.issues[subject], existing <= issue { return }
            c.issues[subject] = issue
        }
    }

    /// The fetched workspace: pages (their blocks in the spool, decoded when read), tables and
    /// issues, everything in a fixed order. Each page's blocks are decoded once here, on every
    /// core, for its digest (what the stages before rendering need): a block that does not decode
    /// (a saved file damaged since the run that saved it) is an error naming it, and no later
    /// reading of the blocks can fail.
    func assemble() throws(ExportError) -> FetchedWorkspace {
        let c = contents.withLock { $0 }
        let pages = c.pages.values.sorted { $0.id < $1.id }.map { FetchedPage(page: $0, spool: spool) }
        let failures = pages.concurrentMap { page -> ExportError? in
            do throws(ExportError) { try page.makeDigest() } catch { return error }
            return nil
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return FetchedWorkspace(pages: pages, tables: c.tables.values.sorted { $0.id < $1.id },
                                issues: c.issues.values.map { issue in
                                    var issue = issue
                                    if let first = c.firstReference[issue.subject], first < issue.foundIn { issue.foundIn = first }
                                    return issue
                                }.sorted())
    }
}
