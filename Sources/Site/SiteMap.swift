import Export
import Foundation
import NotionModel

/// Where every page of the site lives and how the pages hang together: pretty URLs (a page is
/// `<dir>/index.html`, linked as `<dir>/`), the hierarchy for navigation, posts (rows of post
/// databases, newest first) and tags.
///
/// Directories come from the export's layout (titles made safe), re-rooted under each root's
/// configured `path`; post rows take their slug property when they have one. Two pages never
/// share a directory (a later one gets its id's last 8 digits appended), and the site's own names
/// (`assets`, `static`, `tags`, `search`) are never a top-level page directory.
public struct SiteMap: Sendable {
    public struct Page: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case page, database, post }
        public var id: NotionID
        public var kind: Kind
        public var title: String
        /// The Markdown document this page renders (the export layout's path).
        public var document: String
        /// `""` for the site root, else `a/b/` (always ending in `/`).
        public var dir: String
        public var parent: NotionID?
        public var children: [NotionID] = []
        /// Posts: the date property (or creation) as `YYYY-MM-DD…`; pages: last edited time.
        public var date: String
        public var lastEdited: String
        public var tags: [String] = []
        public var summary: String?
        public var icon: String?
        public var cover: FileObject?
    }

    public static let reservedNames: Set<String> = ["assets", "static", "tags", "search", "index.html", "404.html",
                                                    "feed.xml", "sitemap.xml", "search.json", "robots.txt"]

    public private(set) var pages: [NotionID: Page] = [:]
    /// Top-level pages (no parent in the site), in root order.
    public private(set) var top: [NotionID] = []
    /// Post ids, newest first (then by title).
    public private(set) var posts: [NotionID] = []
    /// Tag name → post ids (newest first); tag slugs by name.
    public private(set) var tags: [String: [NotionID]] = [:]
    public private(set) var tagSlugs: [String: String] = [:]
    /// The page shown at the site root, if a page root is mounted there.
    public private(set) var home: NotionID?
    /// Pages by Markdown document path.
    public private(set) var byDocument: [String: NotionID] = [:]

    public init(config: SiteConfig, workspace: FetchedWorkspace, layout: ExportLayout) {
        let fetched = Dictionary(workspace.pages.map { ($0.id.id, $0) }, uniquingKeysWith: { a, _ in a })
        let objects = fetched.mapValues(\.page)
        var tableOf: [NotionID: FetchedTable] = [:]
        for table in workspace.tables { if let id = table.databaseID?.id, tableOf[id] == nil { tableOf[id] = table } }
        let rowsOf: [NotionID: [PageID]] = Dictionary(grouping: workspace.tables.compactMap { table in table.databaseID.map { ($0.id, table.rows) } },
                                                      by: \.0).mapValues { $0.flatMap(\.1) }

        // Roots: the folder each one claims in the layout and where it goes in the site.
        struct Mount { var folder: String; var document: String; var dir: String; var root: SiteConfig.Root }
        var mounts: [Mount] = []
        for root in config.roots {
            guard let entry = layout.entry(root.id) else { continue }
            let dir = root.path.map { $0.isEmpty ? "" : $0 + "/" } ?? (entry.folder.split(separator: "/").last.map { String($0) + "/" } ?? "")
            mounts.append(Mount(folder: entry.folder, document: entry.path, dir: dir, root: root))
        }
        // The most specific root claims an entry.
        func mount(of path: String) -> Mount? {
            mounts.filter { path == $0.document || path.hasPrefix($0.folder + "/") }.max { $0.folder.count < $1.folder.count }
        }
        let postRoots = Dictionary(mounts.filter { $0.root.kind == .database && $0.root.posts }.map { ($0.root.id, $0.root) },
                                   uniquingKeysWith: { a, _ in a })

        var taken: Set<String> = []
        func claim(_ wanted: String, id: NotionID) -> String {
            var dir = wanted
            let first = dir.split(separator: "/").first.map(String.init) ?? ""
            if taken.contains(dir) || (dir.split(separator: "/").count == 1 && Self.reservedNames.contains(first)) {
                dir = String(dir.dropLast()) + "-" + String(id.compact.suffix(8)) + "/"
            }
            taken.insert(dir)
            return dir
        }

        // Entries in path order: parents before children, so a child's directory starts from its parent's.
        var dirOfDocument: [String: String] = [:]
        for entry in layout.entries {
            guard let mount = mount(of: entry.path) else { continue }
            let kind: Page.Kind
            var wanted: String
            var parentID: NotionID?
            let parentDocument = entry.path.split(separator: "/").dropLast().joined(separator: "/") + ".md"
            if let parent = layout.entry(atPath: parentDocument)?.id, pages[parent] != nil { parentID = parent }
            if entry.path == mount.document {
                wanted = mount.dir
            } else {
                let parentDir = dirOfDocument[parentDocument] ?? mount.dir
                wanted = parentDir + (entry.path.split(separator: "/").last.map { String($0.dropLast(3)) } ?? "untitled") + "/"
            }
            let page = objects[entry.id]
            let parentPostRoot = parentID.flatMap { postRoots[$0] }
            if entry.kind == .database {
                kind = .database
            } else if parentPostRoot != nil {
                kind = .post
            } else {
                kind = .page
            }
            if let root = parentPostRoot, let page, let name = root.slug, let slug = page.properties[name].flatMap(Self.text), !slug.isEmpty {
                wanted = (dirOfDocument[parentDocument] ?? mount.dir) + FileName.slug(slug) + "/"
            }
            let dir = wanted.isEmpty && !taken.contains("") ? "" : claim(wanted, id: entry.id)
            if dir.isEmpty { taken.insert("") }
            dirOfDocument[entry.path] = dir
            var site = Page(id: entry.id, kind: kind, title: entry.title.isEmpty ? "Untitled" : entry.title, document: entry.path, dir: dir,
                            parent: parentID,
                            date: page?.lastEditedTime ?? "", lastEdited: page?.lastEditedTime ?? "")
            if let page {
                if case .emoji(let emoji)? = page.icon { site.icon = emoji }
                site.cover = page.cover
                if let root = parentPostRoot {
                    site.date = root.date.flatMap { page.properties[$0] }.flatMap(Self.date) ?? page.createdTime
                    site.tags = root.tags.flatMap { page.properties[$0] }.map(Self.names) ?? []
                    site.summary = root.description.flatMap { page.properties[$0] }.flatMap(Self.text).flatMap { $0.isEmpty ? nil : $0 }
                }
            } else if let table = tableOf[entry.id] {
                site.lastEdited = table.database?.lastEditedTime ?? table.dataSource?.lastEditedTime ?? ""
                site.date = site.lastEdited
                if case .emoji(let emoji)? = table.database?.icon ?? table.dataSource?.icon { site.icon = emoji }
                let description = (table.database?.description ?? table.dataSource?.description ?? []).plainText
                if !description.isEmpty { site.summary = description }
            }
            if dir.isEmpty { home = entry.id }
            pages[entry.id] = site
            byDocument[entry.path] = entry.id
        }

        // Children in Notion's order: a page's child pages and databases as its blocks name them,
        // a database's rows as its query returned them; anything else by title.
        var children: [NotionID: [NotionID]] = [:]
        for page in pages.values { if let parent = page.parent, pages[parent] != nil { children[parent, default: []].append(page.id) } }
        // Titles looked up once: reading `pages` inside the loop that assigns into it copied the
        // whole dictionary per parent (quadratic: a third of a 10,000-page build).
        let titles = pages.mapValues(\.title)
        // The blocks of each parent page, read once and on every core.
        let parentPages = children.keys.compactMap { fetched[$0] }
        let named = Dictionary(uniqueKeysWithValues: zip(parentPages.map(\.id.id), parentPages.concurrentMap { $0.digest.childObjects }))
        for (parent, ids) in children {
            var order: [NotionID: Int] = [:]
            if let objects = named[parent] {
                for (index, id) in objects.enumerated() where order[id] == nil { order[id] = index }
            } else if let rows = rowsOf[parent] {
                for (index, row) in rows.enumerated() { order[row.id] = index }
            }
            pages[parent]?.children = ids.sorted { a, b in
                let (x, y) = (order[a] ?? Int.max, order[b] ?? Int.max)
                if x != y { return x < y }
                return (titles[a]!, a.rawValue) < (titles[b]!, b.rawValue)
            }
        }
        top = mounts.compactMap { mount in
            let id = layout.entry(atPath: mount.document)?.id
            return id.flatMap { pages[$0]?.parent == nil ? $0 : nil }
        }
        var seenTop: Set<NotionID> = []
        top = top.filter { seenTop.insert($0).inserted }
        for page in pages.values.sorted(by: { $0.document < $1.document }) where page.parent == nil && !seenTop.contains(page.id) {
            top.append(page.id)
        }

        posts = pages.values.filter { $0.kind == .post }.sorted { a, b in
            a.date != b.date ? a.date > b.date : (a.title, a.id.rawValue) < (b.title, b.id.rawValue)
        }.map(\.id)
        for id in posts { for tag in pages[id]!.tags { tags[tag, default: []].append(id) } }
        var slugsTaken: Set<String> = []
        for name in tags.keys.sorted() {
            var slug = FileName.slug(name)
            while slugsTaken.contains(slug) { slug += "-1" }
            slugsTaken.insert(slug)
            tagSlugs[name] = slug
        }
    }

    static func text(_ value: PropertyValue) -> String? {
        switch value.value {
        case .title(let text), .richText(let text): text.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
        case .select(let option), .status(let option): option?.name
        case .url(let url): url
        default: nil
        }
    }

    static func date(_ value: PropertyValue) -> String? {
        switch value.value {
        case .date(let date): date?.start
        case .createdTime(let time), .lastEditedTime(let time): time
        default: nil
        }
    }

    static func names(_ value: PropertyValue) -> [String] {
        switch value.value {
        case .multiSelect(let options): options.map(\.name)
        case .select(let option), .status(let option): option.map { [$0.name] } ?? []
        default: []
        }
    }

    // MARK: Paths

    /// The ancestors of a page, outermost first.
    public func ancestors(of id: NotionID) -> [NotionID] {
        var chain: [NotionID] = []
        var current = pages[id]?.parent
        while let parent = current, !chain.contains(parent) {
            chain.insert(parent, at: 0)
            current = pages[parent]?.parent
        }
        return chain
    }

    /// A relative URL from a page directory (`a/b/`) to a site path (`c/`, `assets/x.png`, ``).
    public static func relative(from dir: String, to path: String) -> String {
        let slash = UInt8(ascii: "/")
        let from = Array(dir.utf8)
        let target = Array(path.utf8)
        // The usual shapes (`a/b/` or ``, a path without empty components) in one pass over the
        // bytes; anything else by components.
        func hasEmptyComponent(_ bytes: [UInt8]) -> Bool {
            bytes.first == slash || zip(bytes, bytes.dropFirst()).contains { $0 == slash && $1 == slash }
        }
        guard from.last ?? slash == slash, !hasEmptyComponent(from), !hasEmptyComponent(target) else {
            return relativeByComponents(from: dir, to: path)
        }
        var common = 0  // bytes of whole components (each ending in `/`) both start with
        var i = 0
        while i < from.count, i < target.count, from[i] == target[i] {
            if from[i] == slash { common = i + 1 }
            i += 1
        }
        let ups = from[common...].reduce(0) { $1 == slash ? $0 + 1 : $0 }
        if ups == 0, common == target.count { return "./" }
        var out: [UInt8] = []
        out.reserveCapacity(ups * 3 + target.count - common)
        for _ in 0..<ups { out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "."), slash]) }
        out.append(contentsOf: target[common...])
        return String(decoding: out, as: UTF8.self)
    }

    static func relativeByComponents(from dir: String, to path: String) -> String {
        let from = dir.split(separator: "/")
        let isDirectory = path.isEmpty || path.hasSuffix("/")
        var target = path.split(separator: "/")
        var common = 0
        while common < from.count, common < target.count - (isDirectory ? 0 : 1), from[common] == target[common] { common += 1 }
        target = Array(target[common...])
        let ups = Array(repeating: "..", count: from.count - common)
        let joined = (ups + target.map(String.init)).joined(separator: "/")
        if joined.isEmpty { return "./" }
        return isDirectory ? joined + "/" : joined
    }
}
