import Foundation
import Markdown
import NotionMarkdown
import NotionModel
import Testing
import Yams

/// A resolver with fixed answers: exported pages (also reached by `/<id>` hrefs, which become
/// their Notion URL, unresolved, when not exported), downloaded files (by URL, with or without
/// the query), user names.
struct StubResolver: ConversionResolver {
    var targets: [NotionID: LinkTarget] = [:]
    var assets: [String: String] = [:]
    var users: [UserID: String] = [:]

    func target(of id: NotionID) -> LinkTarget? { targets[id] }
    func rewrite(href: String) -> (href: String, resolved: Bool) {
        guard href.hasPrefix("/"), let id = NotionID(parsing: String(href.dropFirst())) else { return (href, true) }
        if let target = targets[id] { return (target.href, true) }
        return (id.notionURL, false)
    }
    func asset(for file: FileObject) -> String? {
        guard let url = file.url else { return nil }
        return assets[url] ?? assets[String(url.split(separator: "?").first ?? "")]
    }
    func userName(_ id: UserID) -> String? { users[id] }
}

enum Sample {
    static let pageID = PageID("1f2e3d4c-0000-4000-8000-000000000001")!
    static let otherPageID = PageID("1f2e3d4c-0000-4000-8000-000000000002")!
    static let missingPageID = PageID("1f2e3d4c-0000-4000-8000-0000000000ff")!
    static let userID = UserID("aced0000-0000-8000-8000-000000000003")!
    static let unnamedUserID = UserID("aced0000-0000-8000-8000-000000000009")!
    static let dataSourceID = DataSourceID("d5d50000-0000-8000-8000-000000000001")!

    /// A database row with a title and `properties`.
    static func page(
        title: String = "Row", icon: Icon? = nil, cover: FileObject? = nil, _ properties: [String: PropertyValue.Value] = [:]
    ) -> Page {
        var all = properties.mapValues { PropertyValue(id: "x", $0) }
        all["Name"] = PropertyValue(id: "title", .title([.text(title)]))
        return Page(
            id: pageID, createdTime: "2026-01-05T10:00:00.000Z", lastEditedTime: "2026-01-06T11:30:00.000Z",
            createdBy: .partial(userID), lastEditedBy: .partial(userID), cover: cover, icon: icon,
            parent: .dataSource(dataSourceID, databaseID: nil), properties: all,
            url: "https://www.notion.so/Row-1f2e3d4c000040008000000000000001")
    }

    /// The keys every front matter starts with, for `page()`.
    static let header = """
        ---
        title: Row
        notion_id: 1f2e3d4c-0000-4000-8000-000000000001
        notion_url: https://www.notion.so/Row-1f2e3d4c000040008000000000000001
        created_time: 2026-01-05T10:00:00.000Z
        last_edited_time: 2026-01-06T11:30:00.000Z

        """

    static let resolver = StubResolver(
        targets: [otherPageID.id: LinkTarget(href: "../Other%20page.md", title: "Other page")],
        assets: ["https://files.example/secure/cover.png?X-Amz-Expires=3600": "assets/cover.png"],
        users: [unnamedUserID: "Resolved Name"])

    /// A small stand-in for the rich-text converter: `**bold**`, `*italic*`, `[text](link)`, and
    /// `@Title` for page mentions.
    static func markdown(_ items: [RichText]) -> String {
        items.map { item in
            var text = item.plainText
            if item.annotations.italic { text = "*\(text)*" }
            if item.annotations.bold { text = "**\(text)**" }
            if let href = item.href { text = "[\(text)](\(href))" }
            return text
        }.joined()
    }

    static func inlines(_ items: [RichText]) -> [MarkdownInline] {
        items.map { item in
            var inline = MarkdownInline.text(item.plainText)
            if item.annotations.bold { inline = .strong([inline]) }
            if let href = item.href { inline = .link(destination: href, title: "", [inline]) }
            return inline
        }
    }
}

/// A YAML value as a reader types it (plain scalars by the YAML 1.1 core rules, everything quoted
/// or in a block as a string), so that tests can check that a value reads back exactly.
indirect enum YAMLValue: Equatable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case null
    case timestamp(String)
    case list([YAMLValue])
    case map([Entry])

    struct Entry: Equatable {
        var key: String
        var value: YAMLValue
        init(_ key: String, _ value: YAMLValue) { self.key = key; self.value = value }
    }

    init(_ node: Node) throws {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { self = .string(scalar.string); return }
            switch Resolver.default.resolveTag(of: node) {
            case .str: self = .string(scalar.string)
            case .int: self = .int(try #require(Int.construct(from: scalar)))
            case .float: self = .float(try #require(Double.construct(from: scalar)))
            case .bool:
                guard let value = Bool.construct(from: scalar) else { throw YAMLValueError(reason: "not a bool: \(scalar.string)") }
                self = .bool(value)
            case .null: self = .null
            case .timestamp: self = .timestamp(scalar.string)
            case let other: throw YAMLValueError(reason: "unexpected tag \(other.rawValue) for \(scalar.string)")
            }
        case .sequence(let sequence): self = .list(try sequence.map(YAMLValue.init))
        case .mapping(let mapping):
            self = .map(try mapping.map { pair in
                guard case .string(let key) = try YAMLValue(pair.key) else { throw YAMLValueError(reason: "non-string key") }
                return Entry(key, try YAMLValue(pair.value))
            })
        case .alias: throw YAMLValueError(reason: "alias")
        }
    }

    /// The document between the `---` lines of a front matter block.
    init(frontMatter text: String) throws {
        guard text.hasPrefix("---\n"), text.hasSuffix("\n---\n") else { throw YAMLValueError(reason: "not a front matter block") }
        let body = String(text.dropFirst(4).dropLast(4))
        self = try YAMLValue(try #require(try Yams.compose(yaml: body)))
    }

    subscript(key: String) -> YAMLValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .int(let i): "\(i)"
        case .float(let d): "\(d)"
        case .bool(let b): "\(b)"
        case .null: "null"
        case .timestamp(let t): "@\(t)"
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

struct YAMLValueError: Error { var reason: String }
