import NotionModel

/// One block to create, in Notion's request form.
///
/// `body` is the object under the type key (`{"rich_text": […], "color": "default"}` for a
/// paragraph), never with `children`: those are `children`, and `BlockWriter` decides how many
/// levels travel in one request.
///
/// Placeholders the importer resolves before anything is written:
/// - a local file: `{"type": "file_upload", "file_upload": {"id": "local-file:<path>"}}`, with the
///   path as the Markdown wrote it (percent-decoded, relative to the Markdown file);
/// - a link to another Markdown file of the import: a rich-text link, or a `link_to_page`, whose
///   URL is `local-page:<path>` or `local-page:<path>#<fragment>` (the same kind of path); a
///   `link_to_page` holds it as its id: `{"type": "page_id", "page_id": "local-page:<path>"}` (the
///   writer switches to `database_id` when the file is a database);
/// - a child page or database, which an append cannot create: `BlockDraft("child_page",
///   {"title": "…", "page_id": "local-page:<path>"})` or `("child_database", {"title": "…",
///   "database_id": "local-page:<path>"})`: the writer creates that file's page under this one,
///   at this position.
public struct BlockDraft: Sendable, Hashable {
    public var type: String
    public var body: JSONValue
    public var children: [BlockDraft]
    /// The block this draft recreates, when it comes from one (a restore): not sent, but kept so
    /// the new block's id can be matched to the old one.
    public var source: String?

    public init(_ type: String, _ body: JSONValue, children: [BlockDraft] = [], source: String? = nil) {
        self.type = type
        self.body = body
        self.children = children
        self.source = source
    }

    /// `{"object": "block", "type": t, t: body}` with `levels` levels of children nested inside
    /// `body` (0: none).
    public func request(nesting levels: Int) -> JSONValue {
        var body = self.body
        if levels > 0, !children.isEmpty, case .object(var fields) = body {
            fields["children"] = .array(children.map { $0.request(nesting: levels - 1) })
            body = .object(fields)
        }
        return .object(["object": "block", "type": .string(type), type: body])
    }

    /// The blocks of this tree, this one included.
    public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
}

/// Something the import could not carry exactly, per file and construct.
public struct ImportWarning: Sendable, Hashable, CustomStringConvertible {
    /// The Markdown file, relative to the import's root.
    public var file: String
    /// 1-based line in that file, when known.
    public var line: Int?
    /// What it is about: `heading level 5`, `footnote`, `raw HTML`, `code language`, `equation`,
    /// `URL`, `text length`, …
    public var construct: String
    /// What happened to it and how it is carried.
    public var message: String

    public init(file: String, line: Int? = nil, construct: String, message: String) {
        self.file = file
        self.line = line
        self.construct = construct
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(construct): \(message)" }
}

/// A Markdown document read for import: the page's title, front matter and blocks.
public struct ImportDocument: Sendable, Hashable {
    public var title: String
    /// The front matter as JSON (keys as written), nil when there is none.
    public var frontMatter: JSONValue?
    /// A database document's `description` in request form (rich text).
    public var description: JSONValue?
    /// Icon and cover in request form (`{"type": "emoji", "emoji": "💡"}`, `{"type": "external", …}`
    /// or a `local-file:` upload placeholder), from the front matter.
    public var icon: JSONValue?
    public var cover: JSONValue?
    public var blocks: [BlockDraft]
    public var warnings: [ImportWarning]

    public init(title: String, frontMatter: JSONValue? = nil, icon: JSONValue? = nil, cover: JSONValue? = nil,
                blocks: [BlockDraft] = [], warnings: [ImportWarning] = []) {
        self.title = title
        self.frontMatter = frontMatter
        self.icon = icon
        self.cover = cover
        self.blocks = blocks
        self.warnings = warnings
    }
}
