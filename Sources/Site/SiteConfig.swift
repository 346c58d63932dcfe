import Export
import Foundation
import NotionModel

/// The site's JSON configuration (`site.example.json` documents every key). Paths are relative to
/// the config file's folder. `"$comment"` keys are allowed anywhere and ignored.
///
/// Reading is strict: an unknown key, a wrong type or a bad value is a `SiteConfigError` naming the
/// key (`roots[1].filter`) and what is expected, so a typo never silently changes a site.
public struct SiteConfig: Sendable, Hashable {
    public struct Root: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case page, database }
        public var kind: Kind
        /// The id or URL as written (parsed by the export's root parser).
        public var id: NotionID
        /// Where its pages go in the site, relative to the site root ("" for the top).
        public var path: String?
        /// Database roots: the data source query's filter and sorts, as Notion takes them.
        public var filter: JSONValue?
        public var sorts: JSONValue?
        /// Database roots: rows are posts (index, feed, tags, previous/next by date).
        public var posts: Bool
        /// Property names: the URL slug, the post date, tags (multi-select or select), summary.
        public var slug: String?
        public var date: String?
        public var tags: String?
        public var description: String?
    }

    public struct Notion: Sendable, Hashable {
        /// The environment variable holding the integration token.
        public var tokenEnvironment = "NOTION_TOKEN"
        /// Serve this emulator workspace in-process instead of calling Notion (the sample).
        public var emulatorWorkspace: URL?
        public var version: String?
    }

    public var title: String
    public var baseURL: URL
    public var language = "en"
    public var description = ""
    public var author: String?
    public var output: URL
    public var templates: URL
    /// The backup tree that makes rebuilds incremental (raw JSON and assets of everything fetched).
    public var cache: URL
    public var notion = Notion()
    public var roots: [Root]
    /// Newest posts on the index page.
    public var indexPosts = 10
    /// Entries in the Atom feed.
    public var feedPosts = 20
    public var search = true

    /// The config file's own location, for messages.
    public var file: URL

    public static let knownKeys = ["title", "base_url", "language", "description", "author", "output", "templates", "cache",
                                   "notion", "roots", "index_posts", "feed_posts", "search"]
    static let rootKeys = ["page", "database", "path", "filter", "sorts", "posts", "slug", "date", "tags", "description"]
    static let notionKeys = ["token_env", "emulator_workspace", "version"]

    /// Reads and checks a config file.
    public static func read(from file: URL) throws(SiteConfigError) -> SiteConfig {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw SiteConfigError(file: file.path, key: nil, message: "cannot be read (\(error.localizedDescription)): give the path of a site config such as site.example.json.")
        }
        let json: JSONValue
        do { json = try JSONValue(data: data) } catch {
            throw SiteConfigError(file: file.path, key: nil, message: "is not valid JSON: \(error)")
        }
        return try SiteConfig(json: json, file: file)
    }

    public init(json: JSONValue, file: URL) throws(SiteConfigError) {
        let reader = Reader(file: file)
        let folder = file.deletingLastPathComponent()
        let top = try reader.object(json, at: nil, keys: Self.knownKeys)
        self.file = file
        title = try reader.string(top["title"], at: "title", required: true) ?? ""
        let base = try reader.string(top["base_url"], at: "base_url", required: true) ?? ""
        guard var components = URLComponents(string: base), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              components.host?.isEmpty == false else {
            throw reader.error("base_url", "must be an absolute http(s) URL such as \"https://example.com/\", got \"\(base)\".")
        }
        if !components.path.hasSuffix("/") { components.path += "/" }
        baseURL = components.url!
        language = try reader.string(top["language"], at: "language") ?? "en"
        description = try reader.string(top["description"], at: "description") ?? ""
        author = try reader.string(top["author"], at: "author")
        func path(_ key: String, default value: String) throws(SiteConfigError) -> URL {
            let text = try reader.string(top[key], at: key) ?? value
            guard !text.isEmpty else { throw reader.error(key, "must not be empty.") }
            return URL(fileURLWithPath: text, relativeTo: folder).standardizedFileURL
        }
        output = try path("output", default: "_site")
        templates = try path("templates", default: "templates/default")
        cache = try path("cache", default: ".notion-export/site-cache")
        if let value = top["notion"] {
            let object = try reader.object(value, at: "notion", keys: Self.notionKeys)
            notion.tokenEnvironment = try reader.string(object["token_env"], at: "notion.token_env") ?? "NOTION_TOKEN"
            if let workspace = try reader.string(object["emulator_workspace"], at: "notion.emulator_workspace") {
                notion.emulatorWorkspace = URL(fileURLWithPath: workspace, relativeTo: folder).standardizedFileURL
            }
            notion.version = try reader.string(object["version"], at: "notion.version")
        }
        indexPosts = try reader.count(top["index_posts"], at: "index_posts") ?? 10
        feedPosts = try reader.count(top["feed_posts"], at: "feed_posts") ?? 20
        search = try reader.bool(top["search"], at: "search") ?? true

        guard case .array(let items)? = top["roots"], !items.isEmpty else {
            throw reader.error("roots", top["roots"] == nil
                ? "is missing: list the pages and databases to publish, e.g. [{\"page\": \"<id or URL>\", \"path\": \"\"}]."
                : "must be a non-empty array of {\"page\": …} or {\"database\": …} objects.")
        }
        var roots: [Root] = []
        for (index, item) in items.enumerated() {
            let at = "roots[\(index)]"
            let object = try reader.object(item, at: at, keys: Self.rootKeys)
            let page = try reader.string(object["page"], at: "\(at).page")
            let database = try reader.string(object["database"], at: "\(at).database")
            guard (page == nil) != (database == nil), let text = page ?? database else {
                throw reader.error(at, "must name exactly one of \"page\" or \"database\" (an id or a Notion URL).")
            }
            // The export's parsers, as for --page and --database: the same forms, the same errors.
            let id: NotionID
            do throws(ExportError) {
                id = page != nil ? try ExportRoot.page(parsing: text).id : try ExportRoot.database(parsing: text).id
            } catch {
                throw reader.error("\(at).\(page != nil ? "page" : "database")", "“\(text)” \(ExportRoot.detail(of: error))")
            }
            var root = Root(kind: page != nil ? .page : .database, id: id, posts: false)
            if let mount = try reader.string(object["path"], at: "\(at).path") {
                let parts = mount.split(separator: "/", omittingEmptySubsequences: true)
                guard parts.allSatisfy({ $0 != "." && $0 != ".." && !$0.contains("\\") }) else {
                    throw reader.error("\(at).path", "must be a relative path inside the site (no \"..\"), got \"\(mount)\".")
                }
                root.path = parts.joined(separator: "/")
            }
            if root.kind == .page {
                for key in ["filter", "sorts", "posts", "slug", "date", "tags", "description"] where object[key] != nil {
                    throw reader.error("\(at).\(key)", "applies to database roots only.")
                }
            } else {
                if let filter = object["filter"] {
                    guard case .object = filter else { throw reader.error("\(at).filter", "must be a Notion filter object, e.g. {\"property\": \"Status\", \"status\": {\"equals\": \"Published\"}}.") }
                    root.filter = filter
                }
                if let sorts = object["sorts"] {
                    guard case .array = sorts else { throw reader.error("\(at).sorts", "must be an array of Notion sorts, e.g. [{\"property\": \"Published\", \"direction\": \"descending\"}].") }
                    root.sorts = sorts
                }
                root.posts = try reader.bool(object["posts"], at: "\(at).posts") ?? false
                root.slug = try reader.string(object["slug"], at: "\(at).slug")
                root.date = try reader.string(object["date"], at: "\(at).date")
                root.tags = try reader.string(object["tags"], at: "\(at).tags")
                root.description = try reader.string(object["description"], at: "\(at).description")
            }
            roots.append(root)
        }
        self.roots = roots
    }

    /// Typed access with errors that name the key.
    struct Reader {
        let file: URL

        func error(_ key: String, _ message: String) -> SiteConfigError {
            SiteConfigError(file: file.path, key: key, message: message)
        }

        func object(_ value: JSONValue, at key: String?, keys: [String]) throws(SiteConfigError) -> [String: JSONValue] {
            guard case .object(let object) = value else {
                throw SiteConfigError(file: file.path, key: key, message: "must be a JSON object, got \(Self.kind(value)).")
            }
            for name in object.keys.sorted() where !keys.contains(name) && name != "$comment" {
                let place = key.map { "\($0).\(name)" } ?? name
                throw SiteConfigError(file: file.path, key: place, message: "is not a known key; known keys here: \(keys.joined(separator: ", ")).")
            }
            return object
        }

        func string(_ value: JSONValue?, at key: String, required: Bool = false) throws(SiteConfigError) -> String? {
            switch value {
            case .string(let text)?: return text
            case nil, .null?:
                if required { throw error(key, "is required (a string).") }
                return nil
            case let other?: throw error(key, "must be a string, got \(Self.kind(other)).")
            }
        }

        func bool(_ value: JSONValue?, at key: String) throws(SiteConfigError) -> Bool? {
            switch value {
            case .bool(let flag)?: return flag
            case nil, .null?: return nil
            case let other?: throw error(key, "must be true or false, got \(Self.kind(other)).")
            }
        }

        func count(_ value: JSONValue?, at key: String) throws(SiteConfigError) -> Int? {
            switch value {
            case .int(let number)? where number >= 0: return number
            case nil, .null?: return nil
            case let other?: throw error(key, "must be a whole number, 0 or more, got \(Self.kind(other)).")
            }
        }

        static func kind(_ value: JSONValue) -> String {
            switch value {
            case .null: "null"
            case .bool(let flag): "\(flag)"
            case .int(let number): "\(number)"
            case .double(let number): "\(number)"
            case .string(let text): "the string \"\(text)\""
            case .array: "an array"
            case .object: "an object"
            }
        }
    }
}

/// A config that cannot be used: which file, which key, and what is expected.
public struct SiteConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var key: String?
    public var message: String

    public init(file: String, key: String?, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        if let key { return "\(file): \(key) \(message)" }
        return "\(file) \(message)"
    }
}
