import Foundation
import Markdown
import NotionModel

/// One rich-text item to send, before it becomes request JSON: its content, annotations and link.
struct RichItem: Hashable {
    enum Content: Hashable {
        case text(String)
        /// The mention object of the request (`{"type": "user", "user": {"id": …}}`).
        case mention(JSONValue)
        case equation(String)
    }

    struct Marks: Hashable {
        var bold = false
        var italic = false
        var strikethrough = false
        var underline = false
        var code = false
        var color = "default"
        var link: String?
    }

    var content: Content
    var marks: Marks

    /// Request form: `{"type": "text", "text": {"content", "link"?}, "annotations"?}`; only
    /// annotations that differ from Notion's defaults are sent, so requests stay readable.
    var request: JSONValue {
        var object: [String: JSONValue] = [:]
        switch content {
        case .text(let text):
            var body: [String: JSONValue] = ["content": .string(text)]
            if let link = marks.link { body["link"] = ["url": .string(link)] }
            object["type"] = "text"
            object["text"] = .object(body)
        case .mention(let mention):
            object["type"] = "mention"
            object["mention"] = mention
        case .equation(let expression):
            object["type"] = "equation"
            object["equation"] = ["expression": .string(expression)]
        }
        var annotations: [String: JSONValue] = [:]
        if marks.bold { annotations["bold"] = true }
        if marks.italic { annotations["italic"] = true }
        if marks.strikethrough { annotations["strikethrough"] = true }
        if marks.underline { annotations["underline"] = true }
        if marks.code { annotations["code"] = true }
        if marks.color != "default" { annotations["color"] = .string(marks.color) }
        if !annotations.isEmpty { object["annotations"] = .object(annotations) }
        return .object(object)
    }
}

/// Markdown inlines → rich-text items: the exact inverse of `RichTextConversion` (marks, the HTML
/// forms for colour, underline, mentions and dates, `$`…`$` math, hard breaks as `\n`), plus all
/// of GFM. What rich text cannot hold is kept as its source text and reported.
struct RichTextReader {
    /// Where the text is, for warnings.
    var file: String
    var line: Int?
    var warnings: [ImportWarning] = []

    private var marks = RichItem.Marks()
    private var items: [RichItem] = []
    /// The HTML elements open at this point, innermost last, with what they changed.
    private var open: [(name: String, effect: Effect)] = []

    private enum Effect {
        /// The marks to restore when the element closes.
        case marks(RichItem.Marks)
        /// A mention whose text is being collected (`<span data-mention>`, `<time>`): the text inside
        /// is Notion's to render, so it is not sent.
        case mention(JSONValue, RichItem.Marks, text: String)
    }

    private var mentionDepth: Int { open.filter { if case .mention = $0.effect { true } else { false } }.count }

    init(file: String, line: Int?) {
        self.file = file
        self.line = line
    }

    /// The items of `inlines`, adjacent equal-looking runs merged.
    mutating func read(_ inlines: [MarkdownInline]) -> [RichItem] {
        items = []
        marks = RichItem.Marks()
        open = []
        visit(inlines)
        if !open.isEmpty {
            warn("HTML", "an inline HTML element (<\(open.map(\.name).joined(separator: ">, <"))>) is not closed; its formatting runs to the end of the text.")
        }
        return Self.merged(items)
    }

    /// A `<summary>`'s HTML (cmark's rendering of the summary inlines) as rich text.
    mutating func read(html: String) -> [RichItem] {
        read(HTMLText.inlines(html).map { token in
            switch token {
            case .tag(let tag): HTMLTag(tag)?.name == "br" ? .lineBreak : .html(tag)
            case .text(let text): .text(text)
            }
        })
    }

    mutating func warn(_ construct: String, _ message: String) {
        warnings.append(ImportWarning(file: file, line: line, construct: construct, message: message))
    }

    // MARK: Walk

    private mutating func visit(_ inlines: [MarkdownInline]) {
        var index = inlines.startIndex
        while index < inlines.endIndex {
            // `$`expression`$`: GitHub's inline math, what the exporter writes for an equation.
            if index + 2 < inlines.endIndex, case .text(let before) = inlines[index], before.hasSuffix("$"),
               case .code(let expression) = inlines[index + 1], case .text(let after) = inlines[index + 2], after.hasPrefix("$") {
                text(String(before.dropLast()))
                equation(expression)
                if after.count > 1 { text(String(after.dropFirst())) }
                index += 3
                continue
            }
            visit(inlines[index])
            index += 1
        }
    }

    private mutating func visit(_ inline: MarkdownInline) {
        switch inline {
        case .text(let text): self.text(text)
        case .softBreak: text(" ")
        case .lineBreak: text("\n")
        case .code(let code): with({ $0.code = true }) { $0.text(code) }
        case .emphasis(let children): with({ $0.italic = true }) { $0.visit(children) }
        case .strong(let children): with({ $0.bold = true }) { $0.visit(children) }
        case .strikethrough(let children): with({ $0.strikethrough = true }) { $0.visit(children) }
        case .link(let destination, let title, let children):
            if !title.isEmpty { warn("link title", "the title “\(title)” of a link to \(destination) has no place in Notion and is left out.") }
            let url = link(destination, text: Self.plainText(children))
            with({ $0.link = url ?? $0.link }) { $0.visit(children) }
        case .autolink(let destination):
            let shown = destination.hasPrefix("mailto:") ? String(destination.dropFirst(7)) : destination
            let url = link(destination, text: shown)
            with({ $0.link = url ?? $0.link }) { $0.text(shown) }
        case .image(let source, _, let alt):
            warn("image", "an image inside text (\(source)) cannot be an image in Notion rich text; its description is kept as a link.")
            let url = link(source, text: Self.plainText(alt))
            with({ $0.link = url ?? $0.link }) { $0.visit(alt.isEmpty ? [.text(source)] : alt) }
        case .html(let html): self.html(html)
        case .footnoteReference(let label):
            warn("footnote", "footnote reference [^\(label)] is kept as text: Notion has no footnotes.")
            text("[^\(label)]")
        }
    }

    private mutating func with(_ change: (inout RichItem.Marks) -> Void, _ body: (inout Self) -> Void) {
        let saved = marks
        change(&marks)
        body(&self)
        marks = saved
    }

    private mutating func text(_ text: String) {
        guard !text.isEmpty else { return }
        if let index = open.lastIndex(where: { if case .mention = $0.effect { true } else { false } }) {
            // Inside a mention: Notion renders the text; it only names a custom emoji.
            if case .mention(let mention, let saved, let collected) = open[index].effect {
                open[index].effect = .mention(mention, saved, text: collected + text)
            }
            return
        }
        items.append(RichItem(content: .text(text), marks: marks))
    }

    private mutating func equation(_ expression: String) {
        if mentionDepth > 0 { return }
        var equationMarks = marks
        equationMarks.code = false
        items.append(RichItem(content: .equation(expression), marks: equationMarks))
    }

    // MARK: HTML

    /// The dialect's inline HTML: `<span data-color>`, `<u>`, `<strong>`/`<em>`/`<del>`/`<code>`/`<a>`
    /// (the formatter's fallbacks and cmark's summary HTML), mentions and `<time>`. Any other HTML
    /// is kept as its source text, with a warning.
    private mutating func html(_ html: String) {
        if html.hasPrefix("<!--") {
            warn("HTML comment", "the comment \(html) is kept as text.")
            text(html)
            return
        }
        guard let tag = HTMLTag(html) else { return raw(html) }
        if tag.closing {
            guard let index = open.lastIndex(where: { $0.name == tag.name }) else { return raw(html) }
            let element = open.remove(at: index)
            switch element.effect {
            case .marks(let saved): marks = saved
            case .mention(var mention, let saved, let text):
                marks = saved
                // A custom emoji's name (`:shipit:`) goes with its id: Notion shows it as the text.
                if mention["type"] == "custom_emoji", text.count > 2, text.hasPrefix(":"), text.hasSuffix(":"),
                   case .object(var emoji)? = mention["custom_emoji"] {
                    emoji["name"] = .string(String(text.dropFirst().dropLast()))
                    mention["custom_emoji"] = .object(emoji)
                }
                if mentionDepth == 0 { items.append(RichItem(content: .mention(mention), marks: marks)) }
            }
            return
        }
        if tag.name == "br" { return text("\n") }
        let saved = marks
        switch tag.name {
        case "u": marks.underline = true
        case "strong", "b": marks.bold = true
        case "em", "i": marks.italic = true
        case "del", "s": marks.strikethrough = true
        case "code": marks.code = true
        case "a":
            guard let href = tag["href"] else { return raw(html) }
            marks.link = link(href, text: href) ?? marks.link
        case "time":
            guard let start = tag["datetime"] else { return raw(html) }
            var date: [String: JSONValue] = ["start": .string(start)]
            if let end = tag["data-end"] { date["end"] = .string(end) }
            if let zone = tag["data-time-zone"] { date["time_zone"] = .string(zone) }
            open.append((tag.name, .mention(["type": "date", "date": .object(date)], saved, text: "")))
            return
        case "span":
            if let color = tag["data-color"], Self.colors.contains(color) {
                marks.color = color
            } else if let kind = tag["data-mention"], let mention = mention(kind, tag) {
                open.append((tag.name, .mention(mention, saved, text: "")))
                return
            } else {
                return raw(html)
            }
        default:
            return raw(html)
        }
        open.append((tag.name, .marks(saved)))
    }

    private mutating func mention(_ kind: String, _ tag: HTMLTag) -> JSONValue? {
        switch kind {
        case "user":
            guard let id = tag["data-id"] else { return nil }
            return ["type": "user", "user": ["id": .string(id)]]
        case "custom_emoji":
            guard let id = tag["data-id"] else { return nil }
            return ["type": "custom_emoji", "custom_emoji": ["id": .string(id)]]
        case "template":
            switch tag["data-value"] {
            case "me": return ["type": "template_mention", "template_mention": ["type": "template_mention_user", "template_mention_user": "me"]]
            case let value?: return ["type": "template_mention", "template_mention": ["type": "template_mention_date", "template_mention_date": .string(value)]]
            case nil: return nil
            }
        default:
            return nil
        }
    }

    private mutating func raw(_ html: String) {
        warn("raw HTML", "inline HTML \(html) is not one of the forms notion-export writes; it is kept as text.")
        text(html)
    }

    static let colors: Set<String> = {
        let names = ["gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red"]
        return Set(["default"] + names + names.map { $0 + "_background" })
    }()

    // MARK: Links

    /// A link destination as Notion can hold it: http(s) and other absolute URLs as they are, a
    /// relative `.md` path as `local-page:` (the writer resolves it), nil (text kept, warning) for
    /// what rich text cannot link to: in-page anchors, local files, invalid or over-long URLs.
    mutating func link(_ destination: String, text: String) -> String? {
        switch LinkDestination(destination) {
        case .external(let url):
            if url.utf16.count > 2000 {
                warn("URL", "the link on “\(text)” is \(url.utf16.count) characters long (Notion allows 2000); the text is kept without the link.")
                return nil
            }
            return url
        case .page(let path): return "local-page:" + path
        case .file(let path):
            warn("link", "the link on “\(text)” points at the local file \(path), which rich text cannot hold; the text is kept without the link.")
            return nil
        case .anchor:
            warn("link", "the link on “\(text)” points at \(destination) in the same page; Notion has no in-page links, so the text is kept without the link.")
            return nil
        case .invalid:
            warn("URL", "the link on “\(text)” has the invalid URL \(destination); the text is kept without the link.")
            return nil
        }
    }

    // MARK: Helpers

    static func plainText(_ inlines: [MarkdownInline]) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let text), .code(let text): text
            case .softBreak: " "
            case .lineBreak: "\n"
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c): plainText(c)
            case .image(_, _, let alt): plainText(alt)
            case .autolink(let url): url
            case .html, .footnoteReference: ""
            }
        }.joined()
    }

    /// Adjacent text items with the same marks become one item: fewer items, and the split at
    /// 2000 characters then cuts only where it must.
    static func merged(_ items: [RichItem]) -> [RichItem] {
        var out: [RichItem] = []
        for item in items {
            if case .text(let text) = item.content, let last = out.last, last.marks == item.marks, case .text(let previous) = last.content {
                out[out.count - 1].content = .text(previous + text)
            } else {
                out.append(item)
            }
        }
        return out
    }
}

/// Where a Markdown link or image source points.
enum LinkDestination: Equatable {
    case external(String)
    /// Another Markdown file of the import (percent-decoded path, `#fragment` kept).
    case page(String)
    /// A local file (percent-decoded path).
    case file(String)
    case anchor
    case invalid

    init(_ destination: String) {
        if destination.hasPrefix("#") { self = .anchor; return }
        if let colon = destination.firstIndex(of: ":"), Self.isScheme(destination[..<colon]) {
            let scheme = destination[..<colon].lowercased()
            if scheme == "http" || scheme == "https" {
                let host = destination[destination.index(after: colon)...].dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                guard destination[destination.index(after: colon)...].hasPrefix("//"), !host.isEmpty,
                      !destination.contains(" ") else { self = .invalid; return }
            }
            self = .external(destination)
            return
        }
        guard !destination.isEmpty, !destination.hasPrefix("//") else { self = .invalid; return }
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        if path.lowercased().hasSuffix(".md") {
            self = .page(parts.count > 1 ? path + "#" + parts[1] : path)
        } else {
            self = .file(path)
        }
    }

    static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter, text.count > 1 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
