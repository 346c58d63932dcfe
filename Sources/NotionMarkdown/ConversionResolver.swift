import NotionModel

/// Where a link from the document being converted goes: a path relative to that document (with
/// a `#fragment` when the link names a block), and the target's title for link text.
public struct LinkTarget: Sendable, Hashable {
    public var href: String
    public var title: String

    public init(href: String, title: String) {
        self.href = href
        self.title = title
    }
}

/// What the converter needs to know about the rest of the export while it converts one
/// document. Each document gets its own resolver, so relative paths start at that document.
public protocol ConversionResolver: Sendable {
    /// The exported document of a page or database (or the page holding a block), as seen from
    /// the current document; nil when it is not part of the export.
    func target(of id: NotionID) -> LinkTarget?

    /// A link as the document should write it: hrefs that point at an exported Notion page
    /// (any notion.so / notion.site URL form, `/<id>` paths, block anchors) become relative
    /// links; every other href comes back unchanged. `resolved` is false for a Notion page that
    /// is not part of the export (kept as its Notion URL, listed as unresolved).
    func rewrite(href: String) -> (href: String, resolved: Bool)

    /// The downloaded copy of a Notion-hosted file, relative to the current document; nil keeps
    /// the file's URL (external files, files not downloaded).
    func asset(for file: FileObject) -> String?

    /// A user's display name when the mention itself does not carry it.
    func userName(_ id: UserID) -> String?
}

/// A resolver that knows nothing: links keep their URLs, files their URLs. For converting a
/// single document in isolation (tests, previews).
public struct StandaloneResolver: ConversionResolver {
    public init() {}
    public func target(of id: NotionID) -> LinkTarget? { nil }
    public func rewrite(href: String) -> (href: String, resolved: Bool) { (href, true) }
    public func asset(for file: FileObject) -> String? { nil }
    public func userName(_ id: UserID) -> String? { nil }
}
