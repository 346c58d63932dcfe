import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif

/// HTML for a web page from canonical Markdown: cmark-gfm's renderer with raw HTML kept (the
/// converter's fixed forms: `<details>`, `<aside data-callout>`, `<span data-color>`), the tag
/// filter on, and a pass over cmark's tree first that
/// - gives every link and image URL to `url` (the site maps `.md` links to pages, and drops
///   unsafe schemes),
/// - gives every raw HTML literal to `rawHTML` (for the URLs inside it),
/// - wraps a paragraph that holds only an image in `<figure>` with its caption (the alt text) as
///   `<figcaption>`,
/// - puts a player before a paragraph that holds only a `"video"` or `"audio"` link.
public struct SiteHTMLTransform: Sendable {
    public var url: @Sendable (_ url: String, _ isImage: Bool) -> String
    public var rawHTML: @Sendable (String) -> String

    public init(url: @escaping @Sendable (_ url: String, _ isImage: Bool) -> String,
                rawHTML: @escaping @Sendable (String) -> String = { $0 }) {
        self.url = url
        self.rawHTML = rawHTML
    }
}

extension CMark {
    /// The document is parsed and its URLs and raw HTML collected, mapped by `transform`, then
    /// rewritten and rendered. Pages render in parallel; only each parse's inline pass takes turns
    /// (`cmarkLock`).
    public static func html(_ markdown: String, transform: SiteHTMLTransform) -> String {
        let options: Options = [.footnotes, .unsafe]
        guard let parsed = Parsed(markdown, options: options) else { return "" }
        defer { parsed.free() }
        var urls: [URLKey: String] = [:]
        for key in parsed.urls where urls[key] == nil { urls[key] = transform.url(key.url, key.isImage) }
        var literals: [String: String] = [:]
        for literal in parsed.literals where literals[literal] == nil { literals[literal] = transform.rawHTML(literal) }
        rewrite(parsed.root, urls: urls, literals: literals)
        return renderHTML(parsed.root, parsed.parser, options)
    }

    /// A parsed document (its nodes are its own memory), with the link and image URLs and raw
    /// HTML literals it contains.
    private struct Parsed: @unchecked Sendable {
        let root: OpaquePointer
        let parser: OpaquePointer
        var urls: [URLKey] = []
        var literals: [String] = []

        init?(_ markdown: String, options: Options) {
            guard let (root, parser) = CMark.parse(markdown, options: options) else { return nil }
            self.root = root
            self.parser = parser
            var urls: [URLKey] = []
            var literals: [String] = []
            CMark.forEachNode(root) { node in
                switch cmark_node_get_type(node) {
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    urls.append(URLKey(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE))
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: literals.append(cmark_node_get_literal(node).map { String(cString: $0) } ?? "")
                default: break
                }
            }
            self.urls = urls
            self.literals = literals
        }

        func free() {
            cmark_node_free(root)
            cmark_parser_free(parser)
        }
    }

    /// A link's or an image's URL (a transform may map the two differently).
    private struct URLKey: Hashable {
        var url: String
        var isImage: Bool
    }

    private static func rewrite(_ root: OpaquePointer, urls: [URLKey: String], literals: [String: String]) {
        var figures: [(paragraph: OpaquePointer, caption: String)] = []
        var players: [(paragraph: OpaquePointer, tag: String, src: String)] = []
        forEachNode(root) { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let mapped = urls[URLKey(url: url, isImage: isImage)] ?? url
                if mapped != url { cmark_node_set_url(node, mapped) }
                guard let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH,
                      cmark_node_first_child(parent) == node, cmark_node_last_child(parent) == node else { return }
                if isImage {
                    figures.append((parent, plainText(node)))
                } else {
                    let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
                    if title == "video" || title == "audio" { players.append((parent, title, mapped)) }
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                if let mapped = literals[literal], mapped != literal { cmark_node_set_literal(node, mapped) }
            default:
                break
            }
        }
        for (paragraph, caption) in figures {
            insert("<figure>", before: paragraph)
            insert(caption.isEmpty ? "</figure>" : "<figcaption>\(escapeHTML(caption))</figcaption>\n</figure>", after: paragraph)
        }
        for (paragraph, tag, src) in players {
            insert("<\(tag) controls preload=\"metadata\" src=\"\(escapeHTML(src))\"></\(tag)>", before: paragraph)
        }
    }

    private static func insert(_ html: String, before node: OpaquePointer) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        cmark_node_set_literal(block, html + "\n")
        cmark_node_insert_before(node, block)
    }

    private static func insert(_ html: String, after node: OpaquePointer) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        cmark_node_set_literal(block, html + "\n")
        cmark_node_insert_after(node, block)
    }

    /// The text of a node's descendants (an image's alt text).
    private static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        forEachNode(node) { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// `&`, `<`, `>` and `"` as entities: safe in text and in double-quoted attributes.
    public static func escapeHTML(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
