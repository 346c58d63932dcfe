import Foundation
import NotionModel
import Synchronization

/// The mutable state behind a `Workspace`: the content plus the id generators and issued cursors.
struct WorkspaceState: Sendable {
    var content: WorkspaceSnapshot
    var ids: IDGenerator
    var requestIDs: IDGenerator
    /// Opaque cursors issued for data source queries and property items, with the index they resume at.
    var issuedCursors: [String: Int] = [:]
    /// Order in which pages, databases and data sources were created through the API (search
    /// breaks ties of equal minute-truncated timestamps with it).
    var creationSequence: [NotionID: Int] = [:]
    /// File uploads in `external_url` mode whose import has not finished yet: Notion imports
    /// asynchronously, so the create response says `pending` and any later request sees `uploaded`.
    var pendingImports: [NotionID] = []
    /// OAuth authorization codes not yet exchanged, and the grants (access tokens) issued.
    var oauth = OAuthState()

    mutating func noteCreated(_ id: NotionID) { creationSequence[id] = creationSequence.count }

    /// Creation rank: loaded objects by their position in the snapshot, API-created ones after all of them.
    func creationRank(_ id: NotionID, loadedIndex: Int) -> Int {
        if let sequence = creationSequence[id] { return (1 << 40) + sequence }
        return loadedIndex
    }
}

/// An emulated Notion workspace: pages, blocks (with ordered children), databases, data sources,
/// comments, users, file uploads and file bytes. Thread-safe (a class behind a `Mutex`). The
/// handler reads and mutates it; tests and benchmarks use the in-process API below.
public final class Workspace: Sendable {
    let state: Mutex<WorkspaceState>
    /// The injected clock: every timestamp the emulator writes comes from here.
    public let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - snapshot: the content (from `WorkspaceLoader.load(from:tokens:)` or built in code).
    ///   - seed: seed of the deterministic id generator for created objects.
    ///   - clock: the time source (inject a fixed or stepping clock in tests).
    public init(snapshot: WorkspaceSnapshot, seed: UInt64 = 1, clock: @escaping @Sendable () -> Date = { Date() }) {
        state = Mutex(WorkspaceState(content: snapshot, ids: IDGenerator(seed: seed),
                                     requestIDs: IDGenerator(seed: seed ^ 0x5EED_0000_0000_0001)))
        self.clock = clock
    }

    /// Loads a workspace folder or a backup tree; `tokens` are bearer tokens accepted besides the
    /// folder's own (see `WorkspaceLoader.load(from:tokens:)`).
    public convenience init(contentsOf folder: URL, tokens: [String] = [], seed: UInt64 = 1,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws(WorkspaceLoadError) {
        self.init(snapshot: try WorkspaceLoader.load(from: folder, tokens: tokens), seed: seed, clock: clock)
    }

    func withState<R: Sendable>(_ body: (inout WorkspaceState) throws -> R) rethrows -> R {
        try state.withLock { state in try body(&state) }
    }

    // MARK: In-process read API

    public struct Counts: Hashable, Sendable {
        public var pages: Int
        public var blocks: Int
        public var databases: Int
        public var dataSources: Int
        public var comments: Int
        public var users: Int
        public var fileUploads: Int
        public var files: Int
    }

    public var counts: Counts {
        withState { s in
            let c = s.content
            return Counts(pages: c.pages.count, blocks: c.blocks.count, databases: c.databases.count,
                          dataSources: c.dataSources.count, comments: c.comments.count, users: c.users.count + 1,
                          fileUploads: c.fileUploads.count, files: c.files.count)
        }
    }

    /// The stored JSON (2025-09-03 shape, no `archived`, file urls unsigned) of any object by id:
    /// page, block, database container, data source, comment or file upload. Nil when unknown.
    public func storedJSON(_ id: NotionID) -> JSONValue? {
        withState { s in
            let c = s.content
            return c.pages[id]?.json ?? c.blocks[id] ?? c.databases[id]?.json ?? c.dataSources[id] ?? c.comments[id]
                ?? c.fileUploads[id]?.json
        }
    }

    /// Ordered ids of the children of a page or block, including trashed ones and child pages/databases.
    public func childIDs(of id: NotionID) -> [NotionID] {
        withState { $0.content.children[id] ?? [] }
    }

    /// A copy of the current content.
    public var snapshot: WorkspaceSnapshot { withState { $0.content } }

    // MARK: In-process mutation API (between test runs; not through HTTP)

    public enum MutationError: Error, Hashable, Sendable {
        case notFound(NotionID)
        case invalid(String)
    }

    private func now() -> String { NotionTime.minute(clock()) }

    /// Replaces the type payload of a block (or merges keys into it when `merge` is true) and
    /// bumps its `last_edited_time` and its owning page's.
    public func editBlock(_ id: NotionID, payload: JSONValue, merge: Bool = false) throws(MutationError) {
        let time = now()
        try state.withLock { s throws(MutationError) in
            guard var block = s.content.blocks[id], let type = block["type"]?.stringValue else { throw .notFound(id) }
            if merge, case .object(let new) = payload, case .object(var old) = block[type] ?? .object([:]) {
                for (k, v) in new { old[k] = v }
                block[type] = .object(old)
            } else {
                block[type] = payload
            }
            block["last_edited_time"] = .string(time)
            s.content.blocks[id] = block
            s.content.markOwningPageEdited(ofBlock: id, time: time)
        }
    }

    /// Renames a page (its title property) and bumps `last_edited_time`.
    public func renamePage(_ id: NotionID, title: String) throws(MutationError) {
        let time = now()
        try state.withLock { s throws(MutationError) in
            guard var record = s.content.pages[id] else { throw .notFound(id) }
            record.setTitle(title)
            record.json["last_edited_time"] = .string(time)
            s.content.pages[id] = record
        }
    }

    /// Moves a page under another page (appended at the end of the new parent's content).
    public func movePage(_ id: NotionID, toPage parent: NotionID) throws(MutationError) {
        let time = now()
        try state.withLock { s throws(MutationError) in
            guard var record = s.content.pages[id] else { throw .notFound(id) }
            guard s.content.pages[parent] != nil else { throw .notFound(parent) }
            if let old = record.json["parent"]?["page_id"]?.idValue {
                s.content.children[old]?.removeAll { $0 == id }
            }
            record.json["parent"] = ["type": "page_id", "page_id": .string(parent.rawValue)]
            record.json["last_edited_time"] = .string(time)
            s.content.pages[id] = record
            s.content.children[parent, default: []].append(id)
        }
    }

    /// Moves a page, block or database to the trash or restores it. A block's owning page is
    /// edited too.
    public func setTrashed(_ id: NotionID, _ trashed: Bool) throws(MutationError) {
        let time = now()
        try state.withLock { s throws(MutationError) in
            if var record = s.content.pages[id] {
                record.json["in_trash"] = .bool(trashed)
                record.json["last_edited_time"] = .string(time)
                s.content.pages[id] = record
            } else if var block = s.content.blocks[id] {
                block["in_trash"] = .bool(trashed)
                block["last_edited_time"] = .string(time)
                s.content.blocks[id] = block
                s.content.markOwningPageEdited(ofBlock: id, time: time)
            } else if var record = s.content.databases[id] {
                record.json["in_trash"] = .bool(trashed)
                s.content.databases[id] = record
            } else {
                throw .notFound(id)
            }
        }
    }

    /// Sets whether a page or database is shared with the integration.
    public func setShared(_ id: NotionID, _ shared: Bool) throws(MutationError) {
        try state.withLock { s throws(MutationError) in
            if s.content.pages[id] != nil { s.content.pages[id]!.shared = shared }
            else if s.content.databases[id] != nil { s.content.databases[id]!.shared = shared }
            else { throw .notFound(id) }
        }
    }

    /// Arbitrary direct edit of the content (escape hatch for tests).
    public func mutate(_ body: (inout WorkspaceSnapshot) -> Void) {
        state.withLock { s in body(&s.content) }
    }
}

extension Workspace {
    /// The fewest requests that read everything the integration can see: search pages for every
    /// page and data source, one children list per page (more past `pageSize`), one per block that
    /// has children (synced-block references excluded: their children are the original's), and
    /// one query page per data source's rows. Exporters are measured against it.
    public func minimumReadRequests(pageSize: Int = 100) -> Int {
        let minimum = minimumRequests(pageSize: pageSize)
        return minimum.discovery - minimum.databases + minimum.pages.values.reduce(0, +)
    }

    /// The parts of `minimumReadRequests`, for benchmarks of incremental runs: what discovery
    /// costs (search pages, query pages of every data source, and one read per database, which
    /// a backup makes to keep the database's title and schema), the databases among it, and what
    /// reading each visible page's block tree costs (the page's children lists and those of every
    /// block below it, child pages and databases excluded: they are pages of their own).
    public func minimumRequests(pageSize: Int = 100) -> MinimumRequests {
        func pages(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }
        return withState { state in
            let content = state.content
            let visiblePages = content.pages.keys.filter { state.pageVisible($0) && !state.isTrashed($0) }
            let visibleSources = content.dataSources.keys.filter { state.dataSourceVisible($0) }
            let visibleDatabases = Set(visibleSources.compactMap { content.dataSources[$0]?["parent"]?["database_id"]?.idValue })
            var discovery = pages(visiblePages.count + visibleSources.count) + visibleDatabases.count
            var rows: [String: Int] = [:]
            for id in visiblePages {
                if let source = content.pages[id]?.json["parent"]?["data_source_id"]?.stringValue { rows[source, default: 0] += 1 }
            }
            for id in visibleSources { discovery += pages(rows[id.rawValue] ?? 0) }
            // Blocks' children lists, charged to the page that holds them.
            func blockLists(_ id: NotionID) -> Int {
                guard let block = content.blocks[id] else { return 0 }  // a child page or database
                if block["type"] == "synced_block", let from = block["synced_block"]?["synced_from"], from != .null { return 0 }
                let children = state.visibleChildren(id)
                guard !children.isEmpty else { return 0 }
                return pages(children.count) + children.reduce(0) { $0 + blockLists($1) }
            }
            var perPage: [NotionID: Int] = [:]
            for id in visiblePages {
                let children = state.visibleChildren(id)
                perPage[id] = pages(children.count) + children.reduce(0) { $0 + blockLists($1) }
            }
            return MinimumRequests(discovery: discovery, databases: visibleDatabases.count, pages: perPage)
        }
    }
}

/// `Workspace.minimumRequests`: a full read is `discovery - databases` plus every page's part; an
/// incremental backup that finds `k` pages changed needs `discovery` plus those pages' parts.
public struct MinimumRequests: Sendable {
    /// Search pages, data source query pages and one read per database.
    public var discovery: Int
    /// Databases with a visible data source (each read once by a backup, from 2025-09-03).
    public var databases: Int
    /// Per visible page: the children lists of its block tree.
    public var pages: [NotionID: Int]
}
