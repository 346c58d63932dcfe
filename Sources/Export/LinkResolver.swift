import NotionMarkdown
import NotionModel

/// The `ConversionResolver` of one exported document: links to pages, databases and blocks of
/// the export become relative links, Notion URLs of pages outside it become canonical Notion URLs
/// (reported as unresolved), downloaded files are linked where the asset stage put them.
///
/// Cheap to create per document: the layout is shared (a class), the asset and user maps are
/// copy-on-write dictionaries that are never copied.
public struct LinkResolver: ConversionResolver {
    public let layout: ExportLayout
    /// The page or database being converted.
    public let document: NotionID
    /// Its output path; empty for a document outside the layout, whose links start at the top
    /// level (and never count as links to itself).
    let documentPath: String
    let assets: [String: String]
    let users: [UserID: String]

    /// - Parameters:
    ///   - assets: downloaded files by `AssetReference.key(for:)` → path relative to the output
    ///     folder (`assets/3f/diagram.png`).
    ///   - users: display names (`FetchedWorkspace.userNames`).
    public init(layout: ExportLayout, document: NotionID, assets: [String: String] = [:], users: [UserID: String] = [:]) {
        self.layout = layout
        self.document = document
        self.documentPath = layout.path(of: document) ?? ""
        self.assets = assets
        self.users = users
    }


    /// A page or database of the export, or the page holding a block (with the block's heading
    /// anchor when it is a heading there). Titles: the plain-text title, `Untitled` when empty.
    public func target(of id: NotionID) -> LinkTarget? {
        if let entry = layout.entry(id) {
            return LinkTarget(href: href(to: entry, block: nil), title: Self.display(entry.title))
        }
        let block = BlockID(id)
        guard let page = layout.page(containing: block), let entry = layout.entry(page.id) else { return nil }
        return LinkTarget(href: href(to: entry, block: block), title: Self.display(entry.title))
    }

    /// Notion links (`NotionLink`) to the export → relative links (`#anchor` for headings);
    /// Notion links elsewhere → `https://www.notion.so/<32 hex>[#<block>]`, unresolved; every
    /// other href unchanged.
    public func rewrite(href: String) -> (href: String, resolved: Bool) {
        guard let link = NotionLink(href: href) else { return (href, true) }
        if let entry = layout.entry(link.id) { return (self.href(to: entry, block: link.block), true) }
        // `/<block id>`: Notion names a block by its own id, too.
        if link.block == nil, let target = target(of: link.id) { return (target.href, true) }
        return (link.notionURL, false)
    }

    /// The downloaded copy of a file, relative to this document and percent-encoded; nil for
    /// files the asset map does not hold.
    public func asset(for file: FileObject) -> String? {
        guard let key = AssetReference.key(for: file), let path = assets[key] else { return nil }
        return ExportLayout.percentEncoded(ExportLayout.relativePath(fromDocument: documentPath, to: path))
    }

    public func userName(_ id: UserID) -> String? { users[id] }

    /// A link to an entry from this document, with the anchor of `block` when it is one of the
    /// entry's headings.
    func href(to entry: ExportLayout.Entry, block: BlockID?) -> String {
        let fragment = block.flatMap { entry.kind == .page ? layout.anchor(of: $0, in: PageID(entry.id)) : nil }
        return ExportLayout.link(fromDocument: documentPath, to: entry.path, fragment: fragment)
    }

    static func display(_ title: String) -> String { title.isEmpty ? "Untitled" : title }
}
