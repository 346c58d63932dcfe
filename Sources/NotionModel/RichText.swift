/// One rich-text item (response form): common fields plus a `kind`.
public struct RichText: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `text: {content, link: {url} | null}`; `link` is the URL.
        case text(content: String, link: String?)
        case mention(Mention)
        case equation(expression: String)
        /// A rich-text type this build does not know; the payload under its type key, verbatim.
        case unknown(type: String, JSONValue)
    }

    public var kind: Kind
    public var plainText: String
    public var href: String?
    public var annotations: Annotations

    public init(kind: Kind, plainText: String, href: String? = nil, annotations: Annotations = .plain) {
        self.kind = kind
        self.plainText = plainText
        self.href = href
        self.annotations = annotations
    }

    /// A plain text item as Notion returns it (`plain_text` = content, `href` = link).
    public static func text(_ content: String, link: String? = nil, annotations: Annotations = .plain) -> RichText {
        RichText(kind: .text(content: content, link: link), plainText: content, href: link, annotations: annotations)
    }

    /// The `type` string.
    public var type: String {
        switch kind {
        case .text: "text"
        case .mention: "mention"
        case .equation: "equation"
        case .unknown(let type, _): type
        }
    }
}

extension [RichText] {
    /// The concatenated `plain_text` of all items.
    public var plainText: String { map(\.plainText).joined() }
}
