import Foundation
import NotionModel

/// What a token can reach, as a tree: every page, database and data source search returned,
/// each listed once under the nearest listed item it belongs to (`notion-export list`).
///
/// Items are in tree order: a root, then its children depth-first, siblings sorted by title
/// (case-insensitively), then id. So the list is deterministic, and `depth` with the order is the
/// tree.
public struct WorkspaceListing: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Comparable {
        case page
        case database
        case dataSource = "data_source"

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Why an item is a root.
    public enum RootReason: String, Sendable, Hashable {
        /// It sits at the top of the workspace.
        case workspace
        /// Its parent exists but is not shared with the integration (or is in the trash): the
        /// complete listing does not hold it.
        case parentNotShared = "parent_not_shared"
        /// The listing was filtered (query or kind) and its parent is not in it.
        case parentNotListed = "parent_not_listed"
    }

    public struct Item: Sendable, Hashable {
        public var kind: Kind
        public var id: NotionID
        /// Plain text; "" when Notion has none.
        public var title: String
        public var url: String
        /// As Notion gives it: minute precision for pages and data sources, milliseconds for
        /// database containers.
        public var lastEditedTime: String
        /// Notion's parent (for a database: the container's; for a data source: its database).
        public var parent: Parent
        /// The listed page or database holding it, for a page or database whose parent is a block
        /// (a column, a toggle): found by reading the block's ancestors.
        public var owner: NotionID?
        /// The item it is listed under; nil for roots.
        public var under: NotionID?
        /// Nil unless it is a root.
        public var rootReason: RootReason?
        public var depth: Int

        public init(kind: Kind, id: NotionID, title: String, url: String, lastEditedTime: String, parent: Parent, owner: NotionID? = nil) {
            self.kind = kind
            self.id = id
            self.title = title
            self.url = url
            self.lastEditedTime = lastEditedTime
            self.parent = parent
            self.owner = owner
            self.depth = 0
        }

        /// The id of the parent Notion names (nil for the workspace).
        public var parentID: NotionID? {
            switch parent {
            case .page(let id): id.id
            case .database(let id): id.id
            case .dataSource(let id, _): id.id
            case .block(let id): id.id
            case .workspace, .unknown: nil
            }
        }
    }

    /// In tree order.
    public var items: [Item]
    /// Whether a query or a kind filter left things out (roots are then not known to be unshared).
    public var filtered: Bool

    public var roots: [Item] { items.filter { $0.under == nil } }
    public func count(_ kind: Kind) -> Int { items.filter { $0.kind == kind }.count }
    /// Roots whose parent is not shared with the integration.
    public var unsharedParents: Int { items.filter { $0.rootReason == .parentNotShared }.count }

    /// Nests `found` (each id once; the first wins) by parent.
    public init(_ found: [Item], filtered: Bool) {
        self.filtered = filtered
        var byID: [NotionID: Item] = [:]
        for item in found where byID[item.id] == nil { byID[item.id] = item }
        var children: [NotionID: [NotionID]] = [:]
        var roots: [NotionID] = []
        for (id, item) in byID {
            var placed = item
            // A row names its data source and its database: the data source when it is listed.
            var candidates = [item.owner ?? item.parentID].compactMap { $0 }
            if case .dataSource(_, let database?) = item.parent { candidates.append(database.id) }
            if let parent = candidates.first(where: { byID[$0] != nil && $0 != id }) {
                placed.under = parent
                children[parent, default: []].append(id)
            } else {
                placed.rootReason = item.parent == .workspace ? .workspace : filtered ? .parentNotListed : .parentNotShared
                roots.append(id)
            }
            byID[id] = placed
        }
        func sorted(_ ids: [NotionID]) -> [NotionID] {
            ids.sorted { a, b in
                let x = byID[a]!, y = byID[b]!
                let (lx, ly) = (x.title.lowercased(), y.title.lowercased())
                if lx != ly { return lx < ly }
                if x.title != y.title { return x.title < y.title }
                return a < b
            }
        }
        var ordered: [Item] = []
        var visited: Set<NotionID> = []
        func visit(_ id: NotionID, depth: Int) {
            guard visited.insert(id).inserted else { return }
            var item = byID[id]!
            item.depth = depth
            ordered.append(item)
            for child in sorted(children[id] ?? []) { visit(child, depth: depth + 1) }
        }
        for root in sorted(roots) { visit(root, depth: 0) }
        // Parents that form a cycle (Notion never answers so) would hide their items: list them as roots.
        for id in sorted(Array(byID.keys.filter { !visited.contains($0) })) where !visited.contains(id) {
            byID[id]!.under = nil
            byID[id]!.rootReason = .parentNotListed
            visit(id, depth: 0)
        }
        items = ordered
    }
}
