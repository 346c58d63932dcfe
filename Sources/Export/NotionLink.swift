import NotionMarkdown
import NotionModel

/// A link to a Notion page or database (and maybe a block in it), read from an href.
///
/// Recognized forms (ids dashed or as 32 hex digits, in any case):
/// - Notion's own internal links: `/<id>`, `/<id>#<block id>`, `/<Title>-<id>?pvs=25`;
/// - `https://www.notion.so/<workspace>/<Title>-<id>`, `https://notion.so/<id>?v=<view>`,
///   `https://<workspace>.notion.site/<Title>-<id>`, `https://app.notion.com/p/<id>`, also with
///   `http:`, the desktop app's `notion:` scheme, or no scheme at all (`notion.so/<id>`);
/// - a page opened as a peek over a database view, `…/<database id>?v=<view>&p=<page id>`,
///   names the page;
/// - `#<block id>` anchors name a block; other anchors and queries (`pvs`, `v`) are ignored.
///
/// Hosts are checked: only `notion.so`, `notion.site` and `notion.com` and their subdomains (not
/// `api.notion.com`); a 32-hex path segment on any other host is not a Notion link.
public struct NotionLink: Hashable, Sendable, CustomStringConvertible {
    /// The page or database the link names (possibly a data source, or a block for `/<block id>`).
    public var id: NotionID
    /// The block named by a `#<block id>` anchor.
    public var block: BlockID?

    public init(id: NotionID, block: BlockID? = nil) {
        self.id = id
        self.block = block
    }

    /// Reads an href; nil when it is not a link to a Notion page (other sites, mail, files,
    /// relative links, Notion URLs without an id such as `https://www.notion.so/pricing`).
    public init?(href: String) {
        var text = Substring(href.trimmingCharacters(in: .whitespacesAndNewlines))
        var fragment: Substring?
        if let hash = text.firstIndex(of: "#") {
            fragment = text[text.index(after: hash)...]
            text = text[..<hash]
        }
        var query: Substring?
        if let question = text.firstIndex(of: "?") {
            query = text[text.index(after: question)...]
            text = text[..<question]
        }
        let path: Substring
        if text.hasPrefix("/") {
            // Notion's internal form; `//host/…` is a scheme-relative URL.
            guard !text.hasPrefix("//") else { return nil }
            path = text
        } else {
            var rest = text
            if let colon = rest.firstIndex(of: ":") {
                let scheme = rest[..<colon].lowercased()
                guard ["https", "http", "notion"].contains(scheme) else { return nil }
                rest = rest[rest.index(after: colon)...]
                guard rest.hasPrefix("//") else { return nil }
                rest = rest.dropFirst(2)
            }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            guard Self.isNotionHost(rest[..<slash]) else { return nil }
            path = rest[slash...]
        }
        // A peek (`?p=<page id>`) over a database view opens that page.
        let peek = query.flatMap { Self.parameter("p", in: $0) }.flatMap { NotionID($0) }
        guard let id = peek ?? Self.trailingID(of: path) else { return nil }
        self.id = id
        block = fragment.flatMap { NotionID(String($0)) }.map(BlockID.init)
    }

    /// `notion.so`, `notion.site`, `notion.com` and their subdomains, except the API's host.
    /// User info and ports (`user@host:443`) are not part of the check.
    static func isNotionHost(_ authority: Substring) -> Bool {
        var host = authority
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        var name = host.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        guard name != "api.notion.com" else { return false }
        return ["notion.so", "notion.site", "notion.com"].contains { name == $0 || name.hasSuffix("." + $0) }
    }

    /// The id that ends the path's last segment: `<id>` or `<Title>-<id>`.
    static func trailingID(of path: Substring) -> NotionID? {
        var trimmed = path
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let last = trimmed.split(separator: "/").last else { return nil }
        return NotionID(parsing: String(last))
    }

    /// The value of `name=` in a query string.
    static func parameter(_ name: String, in query: Substring) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }

    /// The link as a canonical Notion URL: `https://www.notion.so/<32 hex>`, with
    /// `#<block 32 hex>` when it names a block (no workspace, title or query).
    public var notionURL: String {
        id.notionURL + (block.map { "#" + $0.id.compact } ?? "")
    }

    public var description: String { notionURL }
}
