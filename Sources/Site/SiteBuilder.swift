import Export
import Foundation
import Markdown
import Mustache
import NotionModel
import Synchronization

/// Stage `site`: a backup snapshot (fetched workspace, layout, canonical Markdown, assets) → every
/// file of the static site. Pure: the same snapshot, config and templates give the same bytes
/// (no clock: the feed's `updated` is the newest content date), and pages render in parallel.
public struct SiteBuilder: Sendable {
    public var config: SiteConfig
    public var templates: SiteTemplates

    public init(config: SiteConfig, templates: SiteTemplates) {
        self.config = config
        self.templates = templates
    }

    /// The site's files by path (relative to the output folder), the assets to copy (paths
    /// relative to the snapshot's folder, copied to the same path in the site), and warnings.
    public struct Output: Sendable {
        public var files: [String: Data] = [:]
        public var assets: [String] = []
        public var warnings: [String] = []
    }

    public func build(_ snapshot: BackupSnapshot) -> Output {
        let map = SiteMap(config: config, workspace: snapshot.workspace, layout: snapshot.layout)
        let markdown = Dictionary(snapshot.documents.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        var output = Output()

        // Bodies first (in parallel): the feed, search index and summaries need them.
        let ids = map.pages.keys.sorted { map.pages[$0]!.dir < map.pages[$1]!.dir }
        let bodies = ids.concurrentMap { id -> String in
            let page = map.pages[id]!
            guard page.kind != .database || !self.isPostList(page, map) else { return "" }
            guard let text = markdown[page.document] else { return "" }
            return PageHTML(document: page.document, dir: page.dir, map: map).render(markdown: text)
        }
        let body = Dictionary(uniqueKeysWithValues: zip(ids, bodies))
        let texts = bodies.concurrentMap { PageHTML.plainText($0) }
        let text = Dictionary(uniqueKeysWithValues: zip(ids, texts))
        // Summaries once per page: lists, the feed and the search index all show them.
        let summaries = Dictionary(uniqueKeysWithValues: zip(ids, zip(ids, texts).map { id, text in map.pages[id]?.summary ?? Context.summary(of: text) }))
        let assetPaths = snapshot.assets

        let context = Context(config: config, map: map, body: body, text: text, summaries: summaries, assets: assetPaths, templates: templates)
        // Every file that takes work, on every core: the site-wide files (tag pages list every
        // post, the feed carries whole posts) first, so none of them is left to run alone at the end.
        var jobs: [(path: String, make: @Sendable () -> Data)] = []
        let templates = templates
        if map.home == nil { jobs.append(("index.html", { Data(templates.render("index", context.index()).utf8) })) }
        var tagFiles: [String] = []
        if !map.tags.isEmpty {
            jobs.append(("tags/index.html", { Data(templates.render("tags", context.tagsPage()).utf8) }))
            tagFiles.append("tags/index.html")
            for (name, slug) in map.tagSlugs {
                jobs.append(("tags/\(slug)/index.html", { Data(templates.render("tag", context.tagPage(name)).utf8) }))
                tagFiles.append("tags/\(slug)/index.html")
            }
        }
        jobs.append(("404.html", { Data(templates.render("404", context.notFound()).utf8) }))
        if config.search {
            jobs.append(("search/index.html", { Data(templates.render("search", context.searchPage()).utf8) }))
            jobs.append(("search.json", { context.searchIndex() }))
        }
        jobs.append(("feed.xml", { Data(context.feed().utf8) }))
        let sitemapExtra = tagFiles
        jobs.append(("sitemap.xml", { Data(context.sitemap(extra: sitemapExtra).utf8) }))
        for id in ids {
            let page = map.pages[id]!
            let template = page.dir.isEmpty ? "index" : (page.kind == .database && self.isPostList(page, map) ? "list" : "page")
            jobs.append((page.dir + "index.html", { Data(templates.render(template, context.page(id)).utf8) }))
        }
        for (path, data) in jobs.concurrentMap({ ($0.path, $0.make()) }) { output.files[path] = data }
        output.files["robots.txt"] = Data("User-agent: *\nAllow: /\nSitemap: \(config.baseURL.absoluteString)sitemap.xml\n".utf8)
        for (path, data) in templates.staticFiles { output.files["static/" + path] = data }

        // Assets the pages link to (all of them: cheap to copy, and images in feeds need them).
        output.assets = Set(assetPaths.values).sorted()
        if map.pages.isEmpty { output.warnings.append("the site has no pages: check the roots in \(config.file.lastPathComponent)") }
        for root in config.roots where !map.pages.keys.contains(root.id) {
            output.warnings.append("root \(root.id) (\(root.kind == .page ? "page" : "database")) is not in the site: is it shared with the integration?")
        }
        return output
    }

    func isPostList(_ page: SiteMap.Page, _ map: SiteMap) -> Bool {
        page.kind == .database && config.roots.contains { $0.id == page.id && $0.posts }
    }
}

/// Sidebar entries and other fragments already rendered, shared by the pages rendering in parallel.
final class RenderCache: Sendable {
    struct Key: Hashable {
        var id: NotionID
        var url: String
        var open: Bool
        var current = false
    }

    /// Stands for an open entry's children while it is rendered once for all pages. It has `<`
    /// and `>`, so a template that escapes `children_html` does not show it as it is, and that
    /// entry is rendered page by page instead.
    static let marker = "<!--notion-export:children-->"

    private let entries = Mutex<[Key: String]>([:])
    private let fragments = Mutex<[String: String]>([:])

    /// A fragment rendered once per key.
    func fragment(_ key: String, render: () -> String) -> String {
        if let cached = fragments.withLock({ $0[key] }) { return cached }
        let html = render()
        fragments.withLock { $0[key] = html }
        return html
    }
    private let openEntries = Mutex<[Key: [String]?]>([:])

    func entry(_ key: Key, render: () -> String) -> String {
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let html = render()
        entries.withLock { $0[key] = html }
        return html
    }

    /// The entry's HTML split at the marker; nil when the marker is not in it as it is.
    func parts(_ key: Key, render: () -> String) -> [String]? {
        if let cached = openEntries.withLock({ $0[key] }) { return cached }
        let html = render()
        let parts = html.contains(Self.marker) ? html.components(separatedBy: Self.marker) : nil
        openEntries.withLock { $0[key] = parts }
        return parts
    }
}

/// Builds the template data of each page (plain dictionaries and arrays: what Mustache walks).
struct Context: @unchecked Sendable {
    let config: SiteConfig
    let map: SiteMap
    let body: [NotionID: String]
    let text: [NotionID: String]
    let summaries: [NotionID: String]
    let assets: [String: String]
    let templates: SiteTemplates
    let renderCache = RenderCache()
    /// Each post's index in `map.posts`.
    let postPosition: [NotionID: Int]

    init(config: SiteConfig, map: SiteMap, body: [NotionID: String], text: [NotionID: String], summaries: [NotionID: String],
         assets: [String: String], templates: SiteTemplates) {
        self.config = config
        self.map = map
        self.body = body
        self.text = text
        self.summaries = summaries
        self.assets = assets
        self.templates = templates
        postPosition = Dictionary(map.posts.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Pages

    func page(_ id: NotionID) -> [String: Any] {
        let page = map.pages[id]!
        var data = common(dir: page.dir, title: page.dir.isEmpty ? nil : page.title)
        var item = self.item(id, from: page.dir)
        item["content"] = body[id] ?? ""
        item["canonical"] = absolute(page.dir)
        item["is_post"] = page.kind == .post
        item["is_database"] = page.kind == .database
        let breadcrumbs = map.ancestors(of: id).map {
            ["title": map.pages[$0]!.title, "url": ExportLayout.percentEncoded(SiteMap.relative(from: page.dir, to: map.pages[$0]!.dir))]
        }
        item["breadcrumbs"] = breadcrumbs
        item["has_breadcrumbs"] = !breadcrumbs.isEmpty
        let children = page.children.filter { map.pages[$0]?.kind != .post }.map { self.item($0, from: page.dir) }
        item["children"] = children
        item["has_children"] = !children.isEmpty
        if let cover = page.cover, let key = AssetReference.key(for: cover), let path = assets[key] {
            item["cover"] = ExportLayout.percentEncoded(SiteMap.relative(from: page.dir, to: path))
            data["og_image"] = absolute(path)
        }
        // Previous and next: posts by date (previous is older), other pages among their siblings.
        if page.kind == .post {
            if let index = postPosition[id] {
                if index + 1 < map.posts.count { item["previous"] = self.item(map.posts[index + 1], from: page.dir) }
                if index > 0 { item["next"] = self.item(map.posts[index - 1], from: page.dir) }
            }
        } else {
            let siblings = (page.parent.flatMap { map.pages[$0]?.children } ?? map.top).filter { map.pages[$0]?.kind != .post }
            if let index = siblings.firstIndex(of: id) {
                if index > 0 { item["previous"] = self.item(siblings[index - 1], from: page.dir) }
                if index + 1 < siblings.count { item["next"] = self.item(siblings[index + 1], from: page.dir) }
            }
        }
        data["page"] = item
        data["nav_html"] = navHTML(current: id, from: page.dir)
        if page.kind == .database {
            data["posts"] = map.posts.filter { map.pages[$0]?.parent == id }.map { self.item($0, from: page.dir) }
        }
        if page.dir.isEmpty {
            data["posts"] = map.posts.prefix(config.indexPosts).map { self.item($0, from: "") }
        }
        data["has_posts"] = (data["posts"] as? [[String: Any]])?.isEmpty == false
        data["description"] = item["summary"]
        data["og_type"] = page.kind == .post ? "article" : "website"
        return data
    }

    /// The root page when no page root is mounted at the top: the newest posts and the sections.
    func index() -> [String: Any] {
        var data = common(dir: "", title: nil)
        data["page"] = ["title": config.title, "url": "./", "canonical": absolute(""), "content": "",
                        "children": map.top.map { self.item($0, from: "") }] as [String: Any]
        data["posts"] = map.posts.prefix(config.indexPosts).map { self.item($0, from: "") }
        data["has_posts"] = !map.posts.isEmpty
        data["nav_html"] = navHTML(current: nil, from: "")
        data["og_type"] = "website"
        return data
    }

    func tagsPage() -> [String: Any] {
        let dir = "tags/"
        var data = common(dir: dir, title: "Tags")
        data["tags"] = map.tags.keys.sorted { $0.lowercased() < $1.lowercased() }.map { tag(name: $0, from: dir) }
        data["page"] = ["title": "Tags", "url": "./", "canonical": absolute(dir)] as [String: Any]
        data["nav_html"] = navHTML(current: nil, from: dir)
        return data
    }

    func tagPage(_ name: String) -> [String: Any] {
        let dir = "tags/\(map.tagSlugs[name]!)/"
        var data = common(dir: dir, title: name)
        data["tag"] = tag(name: name, from: dir)
        data["posts"] = (map.tags[name] ?? []).map { self.item($0, from: dir) }
        data["page"] = ["title": name, "url": "./", "canonical": absolute(dir)] as [String: Any]
        data["all_tags"] = SiteMap.relative(from: dir, to: "tags/")
        data["nav_html"] = navHTML(current: nil, from: dir)
        return data
    }

    func searchPage() -> [String: Any] {
        let dir = "search/"
        var data = common(dir: dir, title: "Search")
        data["page"] = ["title": "Search", "url": "./", "canonical": absolute(dir)] as [String: Any]
        data["nav_html"] = navHTML(current: nil, from: dir)
        return data
    }

    /// Served at any missing path, so its links start from the site's absolute base path.
    func notFound() -> [String: Any] {
        let base = config.baseURL.path.hasSuffix("/") ? config.baseURL.path : config.baseURL.path + "/"
        var data = common(dir: "", title: "Page not found", root: base)
        data["page"] = ["title": "Page not found", "url": base, "canonical": absolute("404.html")] as [String: Any]
        data["nav_html"] = navHTML(current: nil, from: "", root: base)
        data["noindex"] = true
        return data
    }

    // MARK: Pieces

    func common(dir: String, title: String?, root: String? = nil) -> [String: Any] {
        let root = root ?? SiteMap.relative(from: dir, to: "")
        let prefix = root == "./" ? "" : root
        var data: [String: Any] = [
            "site": [
                "title": config.title, "description": config.description, "language": config.language,
                "base_url": config.baseURL.absoluteString, "author": config.author ?? "",
                "search": config.search, "has_tags": !map.tags.isEmpty,
                "tags_url": prefix + "tags/", "search_url": prefix + "search/", "feed_url": prefix + "feed.xml",
                "search_index_url": prefix + "search.json", "home_url": root,
            ] as [String: Any],
            "root": root,
            "static": prefix + "static/",
            "title": title.map { "\($0) · \(config.title)" } ?? config.title,
        ]
        // The header and footer see only `site`, `root` and `static`: each is rendered once per root.
        for (name, key) in [("site-header", "header_html"), ("site-footer", "footer_html")] where templates.has(name) {
            data[key] = renderCache.fragment(name + "\u{0}" + root) { templates.render(name, data.filter { $0.key != "title" }) }
        }
        return data
    }

    /// A page as a link, with what lists show (date, summary, tags).
    func item(_ id: NotionID, from dir: String) -> [String: Any] {
        let page = map.pages[id]!
        let item: [String: Any] = [
            "title": page.title, "url": ExportLayout.percentEncoded(SiteMap.relative(from: dir, to: page.dir)),
            "date": String(page.date.prefix(10)), "date_display": Self.displayDate(page.date), "updated": String(page.lastEdited.prefix(10)),
            "summary": summary(id),
            "tags": page.tags.map { tag(name: $0, from: dir) }, "has_tags": !page.tags.isEmpty,
            // Set even when empty: Mustache would look a missing key up in the enclosing context.
            "icon": page.icon ?? false,
        ]
        return item
    }

    func tag(name: String, from dir: String) -> [String: Any] {
        ["name": name, "url": ExportLayout.percentEncoded(SiteMap.relative(from: dir, to: "tags/\(map.tagSlugs[name] ?? FileName.slug(name))/")),
         "count": map.tags[name]?.count ?? 0]
    }

    func summary(_ id: NotionID) -> String { summaries[id] ?? "" }

    /// The start of a page's text: about 160 characters, cut at a word.
    static func summary(of text: String) -> String {
        var out = ""
        var count = 0  // out.count, kept as it grows
        var cut = false
        forEachWord(in: text) { word in
            let length = word.count
            if count + length > 160 {
                cut = true
                return false
            }
            if count > 0 {
                out += " "
                count += 1
            }
            out += word
            count += length
            return true
        }
        return cut ? out + "…" : out
    }

    /// The text with every run of whitespace made one space, cut after `limit` Unicode scalars.
    static func collapsingWhitespace(_ text: String, limit: Int) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count, limit * 4))
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                if lead < 0x80 {  // ASCII, most text: no decoding
                    if lead == 0x20 || (0x09...0x0D).contains(lead) {
                        pendingSpace = !out.isEmpty
                    } else {
                        if pendingSpace {
                            out.append(UInt8(ascii: " "))
                            count += 1
                            pendingSpace = false
                        }
                        guard count < limit else { break }
                        out.append(lead)
                        count += 1
                    }
                    i += 1
                    continue
                }
                let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                let end = min(i + length, bytes.count)
                var value = UInt32(lead < 0x80 ? lead : lead & (0xFF >> (length + 1)))
                for k in (i + 1)..<max(end, i + 1) { value = value << 6 | UInt32(bytes[k] & 0x3F) }
                if value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : Unicode.Scalar(value)?.properties.isWhitespace == true {
                    pendingSpace = !out.isEmpty
                    i = end
                    continue
                }
                if pendingSpace {
                    out.append(UInt8(ascii: " "))
                    count += 1
                    pendingSpace = false
                }
                guard count < limit else { break }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                count += 1
                i = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Calls `body` with each whitespace-separated word of `text` until it returns false; reads
    /// only as far as that.
    static func forEachWord(in text: String, _ body: (Substring) -> Bool) {
        var index = text.startIndex
        while let start = text[index...].firstIndex(where: { !$0.isWhitespace }) {
            let end = text[start...].firstIndex(where: \.isWhitespace) ?? text.endIndex
            guard body(text[start..<end]) else { return }
            index = end
        }
    }

    /// The sidebar's HTML: the top-level pages, opened along the way to the current page (at most
    /// 50 children shown per level, so a huge database does not put its every row on every page).
    /// Each entry is the `nav-item` template, its children's HTML inside it (`children_html`). A
    /// closed entry is the same wherever its URL is the same, so it is rendered once: siblings
    /// share most of their sidebar.
    func navHTML(current: NotionID?, from dir: String, root: String? = nil) -> String {
        let trail = Set(current.map { map.ancestors(of: $0) + [$0] } ?? [])
        var parentURLs: [NotionID: String] = [:]  // URLs of the open entries
        func node(_ id: NotionID, in parent: SiteMap.Page?) -> String {
            let page = map.pages[id]!
            let url: String
            if let root {
                url = root + ExportLayout.percentEncoded(page.dir)
            } else if let parent, let parentURL = parentURLs[parent.id], page.dir.hasPrefix(parent.dir), !trail.contains(id) {
                // A child's directory is its parent's plus a name: reuse the parent's URL.
                url = parentURL + ExportLayout.percentEncoded(String(page.dir.dropFirst(parent.dir.count)))
            } else {
                url = ExportLayout.percentEncoded(SiteMap.relative(from: dir, to: page.dir))
            }
            func entry() -> [String: Any] {
                // Every key set: the template sees only this entry.
                ["title": page.title, "url": url, "current": id == current, "open": false,
                 "children_html": "", "has_children": false, "more": false, "icon": page.icon ?? false]
            }
            guard trail.contains(id) else {
                return renderCache.entry(RenderCache.Key(id: id, url: url, open: false)) { templates.render("nav-item", entry()) }
            }
            parentURLs[id] = url == "./" ? "" : url
            let children = page.children.filter { map.pages[$0]?.kind != .post }
            let childrenHTML = children.prefix(50).map { node($0, in: page) }.joined()
            var open = entry()
            open["open"] = true
            open["has_children"] = !children.isEmpty
            if children.count > 50 { open["more"] = children.count - 50 }
            // An open entry is the same around its children wherever its URL is the same (and
            // whether it is the current page): rendered once, with a marker where they go.
            let key = RenderCache.Key(id: id, url: url, open: true, current: id == current)
            guard !childrenHTML.isEmpty else { return renderCache.entry(key) { templates.render("nav-item", open) } }
            let parts = renderCache.parts(key) {
                open["children_html"] = RenderCache.marker
                return templates.render("nav-item", open)
            }
            guard let parts else {
                open["children_html"] = childrenHTML
                return templates.render("nav-item", open)
            }
            return parts.joined(separator: childrenHTML)
        }
        return map.top.map { node($0, in: nil) }.joined()
    }

    func absolute(_ path: String) -> String { config.baseURL.absoluteString + ExportLayout.percentEncoded(path) }

    static func displayDate(_ date: String) -> String {
        let parts = date.prefix(10).split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month), let day = Int(parts[2]) else { return String(date.prefix(10)) }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(day) \(names[month - 1]) \(parts[0])"
    }

    // MARK: Machine-readable files

    /// `search.json`: one entry per page (title, URL from the site root, summary, tags, date and
    /// the first 2,000 characters of its text), read by `static/search.js`.
    func searchIndex() -> Data {
        let entries: [JSONValue] = map.pages.values.sorted { $0.dir < $1.dir }.concurrentMap { page in
            .object([
                "t": .string(page.title), "u": .string(ExportLayout.percentEncoded(page.dir)), "s": .string(summary(page.id)),
                "g": .array(page.tags.map(JSONValue.string)), "d": .string(String(page.date.prefix(10))),
                "x": .string(Self.collapsingWhitespace(text[page.id] ?? "", limit: 2000)),
            ])
        }
        return JSONValue.array(entries).data()
    }

    /// An Atom feed of the newest posts (the most recently edited pages when there are none),
    /// full content included, relative links resolved through `xml:base`.
    func feed() -> String {
        let ids = map.posts.isEmpty
            ? map.pages.values.sorted { ($0.lastEdited, $0.dir) > ($1.lastEdited, $1.dir) }.map(\.id)
            : map.posts
        let entries = ids.prefix(config.feedPosts).compactMap { map.pages[$0] }
        let updated = entries.map { Self.atomTime($0.kind == .post ? $0.date : $0.lastEdited) }.max() ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(x(config.language))">
        <title>\(x(config.title))</title>
        """
        if !config.description.isEmpty { xml += "\n<subtitle>\(x(config.description))</subtitle>" }
        xml += """

        <link href="\(x(absolute("")))"/>
        <link rel="self" href="\(x(absolute("feed.xml")))"/>
        <id>\(x(absolute("")))</id>
        <updated>\(updated)</updated>
        """
        if let author = config.author { xml += "\n<author><name>\(x(author))</name></author>" }
        xml += "\n<generator>notion-export</generator>"
        for page in entries {
            let url = absolute(page.dir)
            xml += """

            <entry xml:base="\(x(url))">
            <title>\(x(page.title))</title>
            <link href="\(x(url))"/>
            <id>\(x(url))</id>
            <published>\(Self.atomTime(page.date))</published>
            <updated>\(Self.atomTime(max(page.date, page.lastEdited)))</updated>
            <summary>\(x(summary(page.id)))</summary>
            """
            for tag in page.tags { xml += "\n<category term=\"\(x(tag))\"/>" }
            xml += "\n<content type=\"html\">\(x(body[page.id] ?? ""))</content>\n</entry>"
        }
        return xml + "\n</feed>\n"
    }

    /// Every page, the index and the tag pages, with the date each page was last edited.
    func sitemap(extra: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var rows: [(String, String?)] = map.pages.values.map { ($0.dir, String($0.lastEdited.prefix(10))) }
        if map.home == nil { rows.append(("", nil)) }
        rows += extra.map { (String($0.dropLast("index.html".count)), nil) }
        for (dir, date) in rows.sorted(by: { $0.0 < $1.0 }) {
            xml += "<url><loc>\(x(absolute(dir)))</loc>" + (date.map { $0.isEmpty ? "" : "<lastmod>\($0)</lastmod>" } ?? "") + "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// `2026-01-17` → `2026-01-17T00:00:00Z`; full times keep their zone (`+00:00` → `Z`).
    static func atomTime(_ time: String) -> String {
        if time.count == 10 { return time + "T00:00:00Z" }
        guard time.count >= 19 else { return "1970-01-01T00:00:00Z" }
        let seconds = String(time.prefix(19))
        let zone = time.dropFirst(19).drop { $0 == "." || $0.isNumber }
        return seconds + (zone.isEmpty || zone == "+00:00" || zone == "Z" ? "Z" : String(zone))
    }

    func x(_ text: String) -> String { CMark.escapeHTML(text) }
}
