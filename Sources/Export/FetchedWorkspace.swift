import Foundation
import NotionModel

/// Options of the database queries: Notion's own filter and sorts objects, sent as they are
/// (e.g. `{"property": "Status", "status": {"equals": "Published"}}` and
/// `[{"property": "Published", "direction": "descending"}]`).
public struct DatabaseQuery: Sendable, Hashable {
    public var filter: JSONValue?
    public var sorts: JSONValue?

    public init(filter: JSONValue? = nil, sorts: JSONValue? = nil) {
        self.filter = filter
        self.sorts = sorts
    }

    /// Every row, in the database's default order.
    public static let all = DatabaseQuery()
}

/// How to fetch: which query each database gets, and the page size of every list.
public struct FetchOptions: Sendable, Hashable {
    /// The query of databases and data sources without their own entry in `queries`.
    public var query: DatabaseQuery
    /// Queries by database or data source id.
    public var queries: [NotionID: DatabaseQuery]
    public var pageSize: Int
    /// Retrieve every database container (title, parent, `is_inline`, …) even when search
    /// returned its data sources, whose copies of those fields an export can live with: a
    /// backup keeps the container's own JSON. One request per database.
    public var retrieveDatabases: Bool

    public init(query: DatabaseQuery = .all, queries: [NotionID: DatabaseQuery] = [:], pageSize: Int = 100,
                retrieveDatabases: Bool = false) {
        self.query = query
        self.queries = queries
        self.pageSize = pageSize
        self.retrieveDatabases = retrieveDatabases
    }

    func query(for ids: NotionID?...) -> DatabaseQuery {
        for case let id? in ids { if let query = queries[id] { return query } }
        return query
    }
}

/// A page with its content: blocks in Notion's order, each with its children filled in (a synced
/// block reference carries its original's children).
///
/// A fetched page keeps its blocks in the fetch's `BlockSpool` and decodes them each time
/// `blocks` is read, so a workspace's block trees are never all in memory at once: a stage that
/// needs them reads them page by page (`let blocks = page.blocks`, once per page and stage); the
/// stages before rendering read the page's `digest` instead, made from one decoding.
public struct FetchedPage: Sendable, Hashable, Identifiable {
    public var page: Page
    public var id: PageID { page.id }
    /// Whether the page has any block (known without decoding them).
    public private(set) var hasBlocks: Bool
    private var storage: Storage
    private var digestBox = PageDigestBox()

    enum Storage: Sendable {
        case loaded([Block])
        case spooled(BlockSpool)
    }

    public init(page: Page, blocks: [Block]) {
        self.page = page
        self.hasBlocks = !blocks.isEmpty
        self.storage = .loaded(blocks)
    }

    /// A page whose blocks are in `spool` (already decoded once, so reading them cannot fail).
    public init(page: Page, spool: BlockSpool) {
        self.page = page
        self.hasBlocks = spool.hasItems(page.id.id)
        self.storage = .spooled(spool)
    }

    public var blocks: [Block] {
        get {
            switch storage {
            case .loaded(let blocks): return blocks
            case .spooled(let spool):
                do { return try spool.blocks(of: page.id.id) } catch {
                    fatalError("the blocks of page \(page.id) decoded when fetched and no longer do: \(error)")
                }
            }
        }
        set {
            storage = .loaded(newValue)
            hasBlocks = !newValue.isEmpty
            digestBox = PageDigestBox()
        }
    }

    /// The spool the blocks are read from, when they are not held in memory.
    public var spool: BlockSpool? {
        if case .spooled(let spool) = storage { return spool }
        return nil
    }

    /// What layout, users and assets need from the blocks, from one decoding of them (made on
    /// first use, shared by copies of this value).
    public var digest: PageDigest {
        digestBox.get { PageDigest(blocks) }
    }

    /// Makes the digest now, from blocks that may not decode: the error names the block.
    func makeDigest() throws(ExportError) {
        guard case .spooled(let spool) = storage else {
            _ = digest
            return
        }
        let blocks = try spool.blocks(of: page.id.id)
        _ = digestBox.get { PageDigest(blocks) }
    }

    public static func == (lhs: FetchedPage, rhs: FetchedPage) -> Bool {
        lhs.page == rhs.page && lhs.blocks == rhs.blocks
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(page)
        hasher.combine(blocks)
    }
}

/// A table of rows: a data source (2025-09-03+) with its database when it was retrieved, or a
/// database (2022-06-28), and its rows in the order the query returned them.
public struct FetchedTable: Sendable, Hashable, Identifiable {
    /// The queried object: the data source, or the database before 2025-09-03.
    public var id: NotionID
    public var database: Database?
    public var dataSource: DataSource?
    public var rows: [PageID]

    public init(id: NotionID, database: Database?, dataSource: DataSource?, rows: [PageID]) {
        self.id = id
        self.database = database
        self.dataSource = dataSource
        self.rows = rows
    }

    /// The database this table belongs to.
    public var databaseID: DatabaseID? {
        if let database { return database.id }
        if case .database(let id)? = dataSource?.parent { return id }
        return nil
    }
}

/// Everything the fetch read, independent of the order requests finished in: pages and tables
/// sorted by id, blocks and rows in Notion's order.
public struct FetchedWorkspace: Sendable, Hashable {
    public var pages: [FetchedPage]
    public var tables: [FetchedTable]
    public var issues: [FetchIssue]

    public init(pages: [FetchedPage], tables: [FetchedTable], issues: [FetchIssue]) {
        self.pages = pages
        self.tables = tables
        self.issues = issues
    }

    public func page(_ id: PageID) -> FetchedPage? { pages.first { $0.id == id } }
}
