import Foundation
import NotionAPI
import NotionMarkdown
import NotionModel
import Synchronization

/// What `notion-export list` asks search for.
public struct ListingFilter: Sendable, Hashable {
    /// Search's `query`: Notion matches it against titles (loosely).
    public var query: String?
    /// Pages only, databases (and data sources) only, or both (nil).
    public var only: WorkspaceListing.Kind?

    public init(query: String? = nil, only: WorkspaceListing.Kind? = nil) {
        self.query = query
        self.only = only
    }

    public var isFiltered: Bool { query != nil || only != nil }
}

extension Fetcher {
    /// Everything the token can reach (or what the filter keeps), as a tree.
    ///
    /// Requests: search, one per 100 results (`page_size` 100), and only what search cannot give:
    /// - from 2025-09-03 search returns data sources, not their database containers; the
    ///   container's own title, URL and time cost one `GET /v1/databases/{id}` per database
    ///   (concurrently), even when it has several data sources;
    /// - a page or database whose parent is a block (inside a column or a toggle) is nested under
    ///   the page holding that block, found with `GET /v1/blocks/{id}` once per distinct block up
    ///   the chain. Pages whose parent is a page, a database or a data source cost nothing more.
    public func list(_ filter: ListingFilter = ListingFilter()) async throws(ExportError) -> WorkspaceListing {
        let dataSources = client.options.version.hasDataSources
        var body: JSONValue? = nil
        switch filter.only {
        case .page?: body = ["property": "object", "value": "page"]
        case .database?, .dataSource?: body = ["property": "object", "value": .string(dataSources ? "data_source" : "database")]
        case nil: break
        }
        let results = try await collect(client.search(query: filter.query, filter: body, pageSize: options.pageSize),
                                        stage: .discover, subject: "search")
        var items: [WorkspaceListing.Item] = []
        var sources: [DataSource] = []
        for object in results {
            switch object["object"]?.stringValue {
            case "page":
                let page = try decode(Page.self, object, stage: .discover)
                items.append(.init(kind: .page, id: page.id.id, title: page.title?.plainText ?? "", url: page.url,
                                   lastEditedTime: page.lastEditedTime, parent: page.parent))
            case "data_source":
                let source = try decode(DataSource.self, object, stage: .discover)
                sources.append(source)
                items.append(.init(kind: .dataSource, id: source.id.id, title: source.title.plainText, url: source.url ?? source.id.id.notionURL,
                                   lastEditedTime: source.lastEditedTime, parent: source.parent))
            case "database":
                let database = try decode(Database.self, object, stage: .discover)
                items.append(Self.item(database))
            default:
                continue
            }
        }
        items += try await containers(of: sources)
        return WorkspaceListing(try await withOwners(items), filtered: filter.isFiltered)
    }

    static func item(_ database: Database) -> WorkspaceListing.Item {
        .init(kind: .database, id: database.id.id, title: database.title.plainText, url: database.url ?? database.id.id.notionURL,
              lastEditedTime: database.lastEditedTime, parent: database.parent)
    }

    /// The database containers of data sources: one read per database. One that cannot be read
    /// is listed from its first data source (its title, its `database_parent`).
    func containers(of sources: [DataSource]) async throws(ExportError) -> [WorkspaceListing.Item] {
        var firstSource: [DatabaseID: DataSource] = [:]
        for source in sources {
            guard case .database(let id) = source.parent, firstSource[id] == nil else { continue }
            firstSource[id] = source
        }
        let byDatabase = firstSource
        let found = Mutex<[WorkspaceListing.Item]>([])
        try await forEach(Array(byDatabase.keys)) { (id: DatabaseID) throws(ExportError) in
            let item: WorkspaceListing.Item
            do throws(ExportError) {
                item = Self.item(try await retrieve(Database.self, .databasesRetrieve, ["database_id": id.rawValue], .database(id.rawValue),
                                                    stage: .discover))
            } catch let error where error.isNotFound {
                let source = byDatabase[id]!
                item = .init(kind: .database, id: id.id, title: source.title.plainText, url: id.id.notionURL,
                             lastEditedTime: source.lastEditedTime, parent: source.databaseParent ?? .workspace)
            }
            found.withLock { $0.append(item) }
        }
        return found.withLock { $0 }
    }

    /// Items whose parent is a block, with the page or database holding that block (read up the
    /// chain of blocks, each block once). A block that cannot be read leaves the item a root.
    func withOwners(_ items: [WorkspaceListing.Item]) async throws(ExportError) -> [WorkspaceListing.Item] {
        let blocks = Set(items.compactMap { item -> BlockID? in if case .block(let id) = item.parent { id } else { nil } })
        guard !blocks.isEmpty else { return items }
        let parents = BlockParents()
        let owners = Mutex<[NotionID: NotionID]>([:])
        try await forEach(blocks.sorted()) { (start: BlockID) throws(ExportError) in
            var block = start.id
            var seen: Set<NotionID> = []
            while seen.insert(block).inserted, let up = try await blockParent(block, parents) {
                switch up {
                case .block(let next): block = next.id; continue
                case .page(let id): owners.withLock { $0[start.id] = id.id }
                case .database(let id): owners.withLock { $0[start.id] = id.id }
                case .dataSource(let id, _): owners.withLock { $0[start.id] = id.id }
                case .workspace, .unknown: break
                }
                break
            }
        }
        let found = owners.withLock { $0 }
        return items.map { item in
            guard case .block(let id) = item.parent else { return item }
            var item = item
            item.owner = found[id.id]
            return item
        }
    }

    /// Blocks' parents read so far (nil: the block cannot be read).
    final class BlockParents: Sendable {
        let known = Mutex<[NotionID: Parent?]>([:])
    }

    func blockParent(_ block: NotionID, _ cache: BlockParents) async throws(ExportError) -> Parent? {
        if let known = cache.known.withLock({ $0[block] }) { return known }
        let found: Parent?
        do throws(ExportError) {
            found = try await retrieve(Block.self, .blocksRetrieve, ["block_id": block.rawValue], .block(block.rawValue), stage: .discover).parent
        } catch let error where error.isNotFound {
            found = nil
        }
        cache.known.withLock { $0[block] = .some(found) }
        return found
    }
}
