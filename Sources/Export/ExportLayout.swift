import NotionModel
import NotionMarkdown

/// Where every exported page and database goes in the output tree, computed from the workspace's
/// content alone (titles, ids and parents; never the order requests finished in).
///
/// Rules:
/// - A page is `<slug>.md`; its child pages and databases go in the folder `<slug>/` beside it,
///   so a page's path does not depend on whether it has children. A database is `<slug>.md` (its
///   table) with its rows in `<slug>/`; the rows of all its data sources share that folder, and
///   a data source's id names the database's file.
/// - The parent is the page or database the Notion parent names: a page, a database or data
///   source (rows), or the page holding a block (pages inside columns, toggles, …). A parent that
///   is not part of the export makes the page or database a root, at the top level.
/// - Slugs come from titles (`FileName.slug`: lowercase ASCII for Latin script, other scripts
///   kept, at most 80 bytes, `untitled` when empty). Siblings whose slugs are equal ignoring
///   case (macOS and Windows file systems ignore it) all get `-<last 8 hex digits of their id>`,
///   as does a slug that is a Windows device name (`con`, `lpt1`) or, at the top level, a name
///   the output tree keeps for itself (`assets`, `index`). Should two of those still collide,
///   they get the whole 32-digit id instead.
///
/// Immutable and `Sendable`: one layout serves every document's `LinkResolver`.
public final class ExportLayout: Sendable {
    /// What an entry is.
    public enum Kind: Sendable, Hashable {
        case page
        case database
    }

    /// An exported page or database.
    public struct Entry: Sendable, Hashable {
        public var id: NotionID
        public var kind: Kind
        /// The title as plain text (empty when Notion has none).
        public var title: String
        /// Relative to the output folder, `/`-separated: `acme-home/company.md`.
        public var path: String

        public init(id: NotionID, kind: Kind, title: String, path: String) {
            self.id = id
            self.kind = kind
            self.title = title
            self.path = path
        }

        /// The folder holding this entry's children (and a database's rows): the path without `.md`.
        public var folder: String { String(path.dropLast(3)) }
    }

    /// Names the output tree keeps at its top level: `assets/` holds downloaded files, `index` is
    /// left for a writer's own index page.
    public static let reservedTopLevelNames: Set<String> = ["assets", "index"]

    /// Every exported page and database, sorted by path.
    public let entries: [Entry]
    /// Entries by page or database id, and by data source id (the database's entry).
    let byID: [NotionID: Entry]
    /// Entries by path (the first in `entries` order, should two share one).
    let byPath: [String: Entry]
    /// The page each fetched block is in (a synced original's blocks: the page holding the original).
    let blockPages: [BlockID: PageID]
    /// GitHub's heading anchors per page.
    let anchors: [PageID: [BlockID: String]]

    /// The ids of `blocks` and their children in document order, not entering child pages and
    /// databases; a synced reference's children (copies of its original's) only with `copies`.
    static func index(_ blocks: [Block], copies: Bool, into ids: inout [BlockID]) {
        for block in blocks {
            switch block.content {
            case .childPage, .childDatabase:
                continue  // the block is the page or database itself
            case .syncedBlock(let synced) where synced.syncedFrom != nil && !copies:
                ids.append(block.id)
            default:
                ids.append(block.id)
                index(block.children, copies: copies, into: &ids)
            }
        }
    }

    public init(_ workspace: FetchedWorkspace) {
        let pages = workspace.pages.sorted { $0.id < $1.id }
        // Blocks → pages, originals first: a synced reference's children are copies with the
        // original's ids and belong to the original's page when it was fetched.
        // Each page's blocks are read once (on every core): the ids it holds itself, the ids its
        // synced references show, and its heading anchors.
        let indexed = pages.concurrentMap { page -> (own: [BlockID], shown: [BlockID], anchors: [BlockID: String]) in
            let digest = page.digest
            return (digest.own, digest.shown, digest.anchors)
        }
        var blockPages: [BlockID: PageID] = [:]
        for copies in [false, true] {
            for (page, ids) in zip(pages, indexed) {
                for id in copies ? ids.shown : ids.own where blockPages[id] == nil { blockPages[id] = page.id }
            }
        }
        var anchors: [PageID: [BlockID: String]] = [:]
        for (page, ids) in zip(pages, indexed) { anchors[page.id] = ids.anchors }

        // Nodes: pages and databases (tables grouped by the database they belong to).
        var nodes: [NotionID: Node] = [:]
        var databaseOf: [NotionID: NotionID] = [:]  // database and table (data source) ids → database id
        let tablesByDatabase = Dictionary(grouping: workspace.tables) { $0.databaseID?.id ?? $0.id }
        for (databaseID, tables) in tablesByDatabase {
            let tables = tables.sorted { $0.id < $1.id }
            let database = tables.lazy.compactMap(\.database).first
            let source = tables.lazy.compactMap(\.dataSource).first
            let title = (database?.title ?? source?.title ?? []).plainText
            let parent = database?.parent ?? tables.lazy.compactMap { $0.dataSource?.databaseParent }.first ?? .workspace
            nodes[databaseID] = Node(id: databaseID, kind: .database, title: title, parent: parent)
            databaseOf[databaseID] = databaseID
            for table in tables { databaseOf[table.id] = databaseID }
        }
        for page in pages where nodes[page.id.id] == nil {
            nodes[page.id.id] = Node(id: page.id.id, kind: .page, title: page.page.title?.plainText ?? "", parent: page.page.parent)
        }

        // Parents inside the export.
        func exported(_ parent: Parent) -> NotionID? {
            switch parent {
            case .page(let id): nodes[id.id]?.kind == .page ? id.id : nil
            case .database(let id): databaseOf[id.id]
            case .dataSource(let id, let databaseID): databaseOf[id.id] ?? databaseID.flatMap { databaseOf[$0.id] }
            case .block(let id): blockPages[id]?.id
            case .workspace, .unknown: nil
            }
        }
        var parentOf: [NotionID: NotionID] = [:]
        for node in nodes.values {
            if let parent = exported(node.parent), parent != node.id { parentOf[node.id] = parent }
        }
        Self.breakCycles(&parentOf)

        // Names, sibling group by sibling group.
        var groups: [NotionID?: [Node]] = [:]
        for node in nodes.values { groups[parentOf[node.id], default: []].append(node) }
        var names: [NotionID: String] = [:]
        for (parent, siblings) in groups {
            let reserved = parent == nil ? Self.reservedTopLevelNames : []
            names.merge(Self.names(for: siblings, reserved: reserved)) { a, _ in a }
        }

        // Paths: each folder is the parent's folder plus the name.
        var folders: [NotionID: String] = [:]
        func folder(_ id: NotionID) -> String {
            if let known = folders[id] { return known }
            let name = names[id] ?? FileName.untitled
            let result = parentOf[id].map { folder($0) + "/" + name } ?? name
            folders[id] = result
            return result
        }
        var entries: [Entry] = []
        for node in nodes.values {
            entries.append(Entry(id: node.id, kind: node.kind, title: node.title, path: folder(node.id) + ".md"))
        }
        entries.sort { ($0.path, $0.id) < ($1.path, $1.id) }
        var byID: [NotionID: Entry] = [:]
        for entry in entries { byID[entry.id] = entry }
        for (table, database) in databaseOf where byID[table] == nil { byID[table] = byID[database] }

        self.entries = entries
        self.byID = byID
        byPath = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.blockPages = blockPages
        self.anchors = anchors
    }

    struct Node {
        var id: NotionID
        var kind: Kind
        var title: String
        var parent: Parent
    }

    /// Parents cannot loop in Notion; should the data say otherwise, the smallest id of each
    /// loop becomes a root, whatever order the loop is met in.
    static func breakCycles(_ parentOf: inout [NotionID: NotionID]) {
        for start in parentOf.keys.sorted() {
            while true {
                var chain: [NotionID] = [start]
                var seen: Set<NotionID> = [start]
                var current = start
                var cycle: [NotionID]?
                while let parent = parentOf[current] {
                    if seen.contains(parent) {
                        cycle = Array(chain[(chain.firstIndex(of: parent) ?? 0)...])
                        break
                    }
                    chain.append(parent)
                    seen.insert(parent)
                    current = parent
                }
                guard let cycle, let smallest = cycle.min() else { break }
                parentOf[smallest] = nil
            }
        }
    }

    /// File name stems for one folder's entries (see the type's rules).
    static func names(for siblings: [Node], reserved: Set<String>) -> [NotionID: String] {
        let slugs = Dictionary(uniqueKeysWithValues: siblings.map { ($0.id, FileName.slug($0.title)) })
        var counts: [String: Int] = [:]
        for slug in slugs.values { counts[slug.lowercased(), default: 0] += 1 }
        func isTaken(_ slug: String) -> Bool {
            let key = slug.lowercased()
            return (counts[key] ?? 0) > 1 || reserved.contains(key) || FileName.isWindowsDeviceName(key)
        }
        var names: [NotionID: String] = [:]
        for (id, slug) in slugs { names[id] = isTaken(slug) ? slug + "-" + String(id.compact.suffix(8)) : slug }
        // A suffixed name can meet another title's slug (`a-12345678`), or two ids can share
        // their last 8 digits: those take the whole id, then a counter in id order.
        for width in [32, 0] {
            var owners: [String: [NotionID]] = [:]
            for (id, name) in names { owners[name.lowercased(), default: []].append(id) }
            let clashing = owners.values.filter { $0.count > 1 }.flatMap { $0 }.sorted()
            guard !clashing.isEmpty else { break }
            if width == 32 {
                for id in clashing { names[id] = (slugs[id] ?? FileName.untitled) + "-" + id.compact }
            } else {
                var used = Set(names.values.map { $0.lowercased() })
                for id in clashing.dropFirst() {
                    var n = 2
                    let base = names[id] ?? FileName.untitled
                    while used.contains("\(base)-\(n)".lowercased()) { n += 1 }
                    names[id] = "\(base)-\(n)"
                    used.insert("\(base)-\(n)".lowercased())
                }
            }
        }
        return names
    }

    // MARK: Lookups

    /// The entry of a page or database (a data source id gives its database's entry).
    public func entry(_ id: NotionID) -> Entry? { byID[id] }

    /// The entry whose document is at a path (`acme-home/company.md`).
    public func entry(atPath path: String) -> Entry? { byPath[path] }

    /// The output path of a page or database (or a data source's database), relative to the
    /// output folder: `acme-home/marketing/blog.md`.
    public func path(of id: NotionID) -> String? { byID[id]?.path }

    /// The exported page a block is in; nil when no fetched page holds it.
    public func page(containing block: BlockID) -> PageID? { blockPages[block] }

    /// GitHub's anchor for a heading of a page (`#anchor` without `#`); nil for other blocks,
    /// toggleable headings (written as `<details>`), and headings without text.
    public func anchor(of block: BlockID, in page: PageID) -> String? {
        guard let anchor = anchors[page]?[block], !anchor.isEmpty else { return nil }
        return anchor
    }

    /// A link from one exported document to another, ready for a Markdown link destination:
    /// relative (`../blog/post.md`), percent-encoded where a URL needs it, with `#fragment`
    /// (encoded the same way). A link to a fragment of the same document is `#fragment` alone.
    /// Nil when either is not part of the export.
    public func relativeLink(from document: NotionID, to target: NotionID, fragment: String? = nil) -> String? {
        guard let from = path(of: document), let to = path(of: target) else { return nil }
        return Self.link(fromDocument: from, to: to, fragment: fragment)
    }

    /// A link between two output paths (see `relativeLink`).
    static func link(fromDocument from: String, to: String, fragment: String?) -> String {
        let suffix = fragment.flatMap { $0.isEmpty ? nil : "#" + percentEncoded($0) } ?? ""
        if from == to, !suffix.isEmpty { return suffix }
        return percentEncoded(relativePath(fromDocument: from, to: to)) + suffix
    }

    /// The path of a file (both relative to the output folder, e.g. `assets/ab/diagram.png`) as
    /// seen from a document (`acme/company/team.md`): `../../assets/ab/diagram.png`. Not
    /// percent-encoded (`LinkResolver.asset(for:)` encodes it for a link).
    public func relativePath(fromDocument document: String, to file: String) -> String {
        Self.relativePath(fromDocument: document, to: file)
    }

    static func relativePath(fromDocument document: String, to file: String) -> String {
        let folder = document.split(separator: "/").dropLast()
        let target = file.split(separator: "/")
        var common = 0
        while common < folder.count, common < target.count - 1, folder[folder.startIndex + common] == target[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: folder.count - common)
        return (ups + target[common...].map(String.init)).joined(separator: "/")
    }

    /// A relative path or fragment made safe for a URL: ASCII outside the unreserved set and
    /// sub-delimiters (space, `%`, `#`, `?`, `:`, `"`, `<`, `>`, `[`, `]`, `\`, `^`, `` ` ``, `{`,
    /// `|`, `}`, controls) and non-ASCII spaces and controls are percent-encoded as UTF-8; letters
    /// of other scripts stay readable. Parentheses stay: the Markdown formatter escapes them.
    public static func percentEncoded(_ text: String) -> String {
        if text.utf8.allSatisfy({ allowedByte[Int($0)] }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII ? allowedASCII.contains(UInt8(scalar.value)) : !needsEncoding(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { out += "%" + hex(byte) }
            }
        }
        return out
    }

    static let allowedASCII: Set<UInt8> = Set(
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=@/".utf8))
    /// `allowedASCII` by byte value (a non-ASCII byte is never allowed as it is).
    static let allowedByte: [Bool] = (0..<256).map { allowedASCII.contains(UInt8($0)) }

    static func needsEncoding(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
