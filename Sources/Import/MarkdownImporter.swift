import Export
import Foundation
import Markdown
import NotionModel

/// Markdown → Notion blocks in request form: the exact inverse of the exporter's dialect
/// (docs/dialect.md), plus all of GFM. Pure: no I/O, no ids; links to other files and local
/// files stay `local-page:`/`local-file:` placeholders (see `BlockDraft`) for the writer.
///
/// Nothing is dropped silently: what Notion cannot hold exactly is carried as near as it can be
/// and reported as an `ImportWarning` with the file and line.
///
/// Placeholders for blocks the API cannot create by append (the writer creates them):
/// - `child_page`: `{"title": "…", "page_id": "local-page:<path>"}`: the page of that file,
///   created under this one at this position;
/// - `child_database`: `{"title": "…", "database_id": "local-page:<path>"}`.
public struct MarkdownImporter: Sendable {
    public init() {}

    /// The document of one Markdown file. `file` is its path relative to the import's root, for
    /// warnings (and the title when the front matter has none).
    public func read(_ text: String, file: String) -> ImportDocument {
        let body = MarkdownTreeWriter.body(of: text)
        let frontMatterText = String(decoding: text.utf8.prefix(text.utf8.count - body.utf8.count), as: UTF8.self)
        let offset = frontMatterText.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        var reader = DocumentReader(file: file, lineOffset: offset, source: body)
        var document = ImportDocument(title: Self.defaultTitle(file))
        if !frontMatterText.isEmpty { reader.frontMatter(frontMatterText, into: &document) }
        let markdown = MarkdownDocument.parse(body)
        for diagnostic in markdown.diagnostics {
            reader.warnings.append(ImportWarning(file: file, line: diagnostic.position.map { $0.line + offset },
                                                 construct: "Markdown", message: diagnostic.message))
        }
        document.blocks = reader.blocks(markdown.blocks, markdown.sourceMap)
        document.warnings = reader.warnings
        return document
    }

    /// A front matter text value as rich text (request form): its Markdown read when it has any
    /// character Markdown formats with, else the text as it is (the exporter writes text without
    /// formatting as it is, and formatted text as Markdown).
    public static func richText(markdown text: String, file: String) -> (items: JSONValue, warnings: [ImportWarning]) {
        guard text.contains(where: { "[*_`~<$\\".contains($0) }) else {
            return (.array(RichTextLimits.split(text, limit: RichTextLimits.textLength).map { RichItem(content: .text($0), marks: .init()).request }), [])
        }
        var reader = DocumentReader(file: file, lineOffset: 0, source: text)
        var inlines: [MarkdownInline] = []
        for block in MarkdownDocument.parse(text).blocks { if case .paragraph(let items) = block { inlines += items } }
        let items = reader.richTextJSON(inlines, nil, "a property value")
        return (items, reader.warnings)
    }

    static func defaultTitle(_ file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}

/// One file's reading: where it is (for warnings) and what went wrong so far.
struct DocumentReader {
    let file: String
    /// Lines before the body (the front matter), added to the parser's line numbers.
    let lineOffset: Int
    /// The body's lines, for constructs carried as their exact source (footnote definitions).
    let lines: [Substring]
    var warnings: [ImportWarning] = []
    /// Custom emoji ids by name, from the file's custom emoji mentions: an icon written by name
    /// (`icon=":shipit:"`) takes the id of a mention of the same emoji.
    let customEmojis: [String: String]

    init(file: String, lineOffset: Int, source: String) {
        self.file = file
        self.lineOffset = lineOffset
        self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var emojis: [String: String] = [:]
        let marker = "<span data-mention=\"custom_emoji\" data-id=\""
        for range in source.ranges(of: marker) {
            let rest = source[range.upperBound...]
            guard let quote = rest.firstIndex(of: "\""), rest[quote...].hasPrefix("\">:") else { continue }
            let name = rest[rest.index(quote, offsetBy: 3)...].prefix { $0 != ":" && $0 != "<" }
            if rest[rest.index(quote, offsetBy: 3 + name.count)...].hasPrefix(":</span>") { emojis[String(name)] = String(rest[..<quote]) }
        }
        customEmojis = emojis
    }

    func line(_ map: SourceMap?) -> Int? { map?.range.map { $0.start.line + lineOffset } }

    mutating func warn(_ map: SourceMap?, _ construct: String, _ message: String) {
        warnings.append(ImportWarning(file: file, line: line(map), construct: construct, message: message))
    }

    // MARK: Rich text

    /// Inlines → rich-text items within Notion's per-item limits, in groups of at most 100 (one
    /// block each).
    mutating func richText(_ inlines: [MarkdownInline], _ map: SourceMap?) -> [[RichItem]] {
        var reader = RichTextReader(file: file, line: line(map))
        let items = reader.read(Self.trimmed(inlines))
        warnings += reader.warnings
        return fit(items, map)
    }

    mutating func richText(html: String, _ map: SourceMap?) -> [[RichItem]] {
        var reader = RichTextReader(file: file, line: line(map))
        let items = reader.read(html: html)
        warnings += reader.warnings
        return fit(items, map)
    }

    mutating func fit(_ items: [RichItem], _ map: SourceMap?) -> [[RichItem]] {
        var fitted: [RichItem] = []
        let at = line(map)
        var notes: [ImportWarning] = []
        fitted = RichTextLimits.fitted(items) { construct, message in
            notes.append(ImportWarning(file: file, line: at, construct: construct, message: message))
        }
        warnings += notes
        return RichTextLimits.chunks(fitted)
    }

    /// One item list as JSON, for places that hold a single rich text (captions, cells).
    mutating func richTextJSON(_ inlines: [MarkdownInline], _ map: SourceMap?, _ what: String) -> JSONValue {
        let chunks = richText(inlines, map)
        if chunks.count > 1 { warn(map, "rich text", "\(what) has more than 100 rich-text items; only the first 100 are kept.") }
        return .array((chunks.first ?? []).map(\.request))
    }

    /// Spaces at a block's edges are dropped by the exporter and invisible in Notion.
    static func trimmed(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var inlines = inlines
        while let first = inlines.first, first == .softBreak { inlines.removeFirst() }
        while let last = inlines.last, last == .softBreak || last == .lineBreak { inlines.removeLast() }
        return inlines
    }

    /// Blocks of `type` holding `inlines`: one block, or several consecutive ones (with a warning)
    /// when the text has more than 100 rich-text items. Children go to the last.
    mutating func textBlocks(_ type: String, _ inlines: [MarkdownInline], _ extra: [String: JSONValue] = [:],
                             children: [BlockDraft] = [], _ map: SourceMap?) -> [BlockDraft] {
        textBlocks(type, richText(inlines, map), extra, children: children, map)
    }

    mutating func textBlocks(_ type: String, _ chunks: [[RichItem]], _ extra: [String: JSONValue] = [:],
                             children: [BlockDraft] = [], _ map: SourceMap?) -> [BlockDraft] {
        if chunks.count > 1 {
            warn(map, "rich text", "a \(type) has \(chunks.reduce(0) { $0 + $1.count }) rich-text items (Notion allows 100 per block); it is split into \(chunks.count) consecutive \(type) blocks.")
        }
        return chunks.enumerated().map { index, items in
            var body = extra
            body["rich_text"] = .array(items.map(\.request))
            return BlockDraft(type, .object(body), children: index == chunks.count - 1 ? children : [])
        }
    }

    // MARK: Blocks

    /// A block sequence. The dialect's HTML forms span several sibling blocks (an opening HTML
    /// block, Markdown, a closing one), so they are matched here, in order.
    mutating func blocks(_ blocks: [MarkdownBlock], _ maps: [SourceMap]) -> [BlockDraft] {
        let maps = maps.count == blocks.count ? maps : blocks.map { _ in SourceMap(range: nil) }
        var out: [BlockDraft] = []
        var index = 0
        while index < blocks.count {
            let map = maps[index]
            if case .htmlBlock(let html) = blocks[index] {
                index = htmlForm(html, blocks, maps, at: index, into: &out)
                continue
            }
            out += block(blocks[index], map)
            index += 1
        }
        return out
    }

    mutating func block(_ block: MarkdownBlock, _ map: SourceMap) -> [BlockDraft] {
        switch block {
        case .paragraph(let inlines):
            return paragraph(inlines, map)
        case .heading(let level, let inlines):
            if level > 4 { warn(map, "heading level \(level)", "Notion headings go to level 4; this one becomes a heading_4.") }
            let (content, color) = Self.blockColor(inlines)
            return textBlocks("heading_\(min(level, 4))", content, color.map { ["color": .string($0)] } ?? [:], map)
        case .thematicBreak:
            return [BlockDraft("divider", [:])]
        case .blockQuote(let children):
            let (chunks, color, rest, restMaps) = leadingText(children, map.children, map)
            return textBlocks("quote", chunks, color.map { ["color": .string($0)] } ?? [:], children: blocks(rest, restMaps), map)
        case .alert(let kind, let children):
            return alert(kind, children, map)
        case .list(let list):
            return self.list(list, map)
        case .codeBlock(let info, let text):
            return code(info: info, text: text, map)
        case .htmlBlock(let html):
            var out: [BlockDraft] = []
            _ = htmlForm(html, [block], [map], at: 0, into: &out)
            return out
        case .table(let table):
            return self.table(table, rowHeader: false, map)
        case .footnoteDefinition(let label, _):
            warn(map, "footnote", "Notion has no footnotes; the definition of [^\(label)] is kept as a `markdown:raw` code block holding its source, which an export writes back verbatim.")
            return [raw(source(map), language: "markdown")]
        }
    }

    /// A block's text and colour from its first paragraph, and the blocks after it (quotes,
    /// callouts: the exporter writes the text first, then the children).
    mutating func leadingText(_ children: [MarkdownBlock], _ maps: [SourceMap], _ map: SourceMap)
        -> (chunks: [[RichItem]], color: String?, rest: [MarkdownBlock], maps: [SourceMap]) {
        let maps = maps.count == children.count ? maps : children.map { _ in SourceMap(range: nil) }
        guard case .paragraph(let inlines)? = children.first, !Self.isMediaParagraph(inlines) else {
            return ([[]], nil, children, maps)
        }
        let (content, color) = Self.blockColor(inlines)
        return (richText(content, maps.first ?? map), color, Array(children.dropFirst()), Array(maps.dropFirst()))
    }

    // MARK: Paragraphs and media

    mutating func paragraph(_ inlines: [MarkdownInline], _ map: SourceMap) -> [BlockDraft] {
        let meaningful = Self.trimmed(inlines)
        if meaningful.count == 1 {
            switch meaningful[0] {
            case .image(let source, let title, let alt):
                if !title.isEmpty { warn(map, "image title", "the title “\(title)” of the image \(source) has no place in Notion and is left out.") }
                return media("image", source: source, label: alt, map)
            case .link(let destination, let title, let children) where Self.linkKinds.contains(title):
                return linkBlock(title, destination: destination, label: children, map)
            default: break
            }
        }
        let (content, color) = Self.blockColor(inlines)
        return textBlocks("paragraph", content, color.map { ["color": .string($0)] } ?? [:], map)
    }

    static let linkKinds: Set<String> = ["video", "audio", "pdf", "file", "bookmark", "embed", "link_preview", "child_page", "child_database", "link_to_page"]

    static func isMediaParagraph(_ inlines: [MarkdownInline]) -> Bool {
        let meaningful = trimmed(inlines)
        guard meaningful.count == 1 else { return false }
        switch meaningful[0] {
        case .image: return true
        case .link(_, let title, _): return linkKinds.contains(title)
        default: return false
        }
    }

    /// `<span data-block-color="…">…</span>` around a block's whole text: the block's colour.
    static func blockColor(_ inlines: [MarkdownInline]) -> ([MarkdownInline], String?) {
        let inlines = trimmed(inlines)
        guard inlines.count >= 2, case .html(let open) = inlines[0], case .html(let close) = inlines[inlines.count - 1],
              let tag = HTMLTag(open), tag.name == "span", !tag.closing, let color = tag["data-block-color"],
              RichTextReader.colors.contains(color), HTMLTag(close).map({ $0.closing && $0.name == "span" }) == true else { return (inlines, nil) }
        return (Array(inlines.dropFirst().dropLast()), color)
    }

    /// A file for a media block or an icon: external URL, or a `local-file:` upload placeholder.
    mutating func file(_ source: String, _ map: SourceMap?, _ what: String) -> JSONValue? {
        switch LinkDestination(source) {
        case .external(let url):
            guard url.utf16.count <= 2000 else {
                warn(map, "URL", "the \(what) URL is \(url.utf16.count) characters long (Notion allows 2000).")
                return nil
            }
            return ["type": "external", "external": ["url": .string(url)]]
        case .file(let path), .page(let path):
            return ["type": "file_upload", "file_upload": ["id": .string("local-file:" + path)]]
        case .anchor, .invalid:
            warn(map, "URL", "the \(what) source \(source) is not a URL or a file path.")
            return nil
        }
    }

    mutating func media(_ type: String, source: String, label: [MarkdownInline], name: String? = nil, _ map: SourceMap) -> [BlockDraft] {
        guard case .object(var body)? = file(source, map, type) else {
            return textBlocks("paragraph", label.isEmpty ? [.text(source)] : label, [:], map)
        }
        let caption = richTextJSON(label, map, "the caption of a \(type)")
        if caption != [] { body["caption"] = caption }
        if let name { body["name"] = .string(name) }
        return [BlockDraft(type, .object(body))]
    }

    /// `[label](destination "kind")` alone in a paragraph: the block of that kind.
    mutating func linkBlock(_ kind: String, destination: String, label: [MarkdownInline], _ map: SourceMap) -> [BlockDraft] {
        let text = RichTextReader.plainText(label)
        switch kind {
        case "video", "audio", "pdf", "file":
            // The exporter writes the caption, else the file's name, else its URL: a label that
            // is only the name or the URL is not a caption.
            let fileName = Self.fileName(destination)
            let isDefault = text == destination || text == fileName
            // A file block's label is its name when it has one: keep it as the name.
            if kind == "file", isDefault, text != destination {
                return media(kind, source: destination, label: [], name: text, map)
            }
            return media(kind, source: destination, label: isDefault ? [] : label, map)
        case "bookmark", "embed", "link_preview":
            var type = kind
            if kind == "link_preview" {
                warn(map, "link_preview", "Notion's API cannot create link previews; \(destination) becomes a bookmark.")
                type = "bookmark"
            }
            let url: String
            switch LinkDestination(destination) {
            case .external(let external) where external.utf16.count <= 2000: url = external
            case .page(let path): url = "local-page:" + path
            default:
                warn(map, "URL", "the \(type) URL \(destination) is not a URL Notion accepts; the link is kept as text.")
                return textBlocks("paragraph", label, [:], map)
            }
            var body: [String: JSONValue] = ["url": .string(url)]
            if text != destination {
                let caption = richTextJSON(label, map, "the caption of a \(type)")
                if caption != [] { body["caption"] = caption }
            }
            return [BlockDraft(type, .object(body))]
        default:
            return pageLink(kind, destination: destination, title: text, label: label, map)
        }
    }

    mutating func pageLink(_ kind: String, destination: String, title: String, label: [MarkdownInline], _ map: SourceMap) -> [BlockDraft] {
        let key = kind == "child_database" ? "database_id" : "page_id"
        let id: String
        switch LinkDestination(destination) {
        case .page(let path): id = "local-page:" + path
        case .external(let url) where Self.notionID(in: url) != nil: id = Self.notionID(in: url)!
        default:
            warn(map, kind, "\(destination) is neither a Markdown file of the import nor a Notion page; the link is kept as a paragraph.")
            return textBlocks("paragraph", [.link(destination: destination, title: "", label)], [:], map)
        }
        if kind == "link_to_page" { return [BlockDraft(kind, ["type": .string(key), key: .string(id)])] }
        return [BlockDraft(kind, ["title": .string(title), key: .string(id)])]
    }

    /// The page id at the end of a Notion URL (`…/Title-<32 hex>`, optionally with a query).
    static func notionID(in url: String) -> String? {
        guard url.contains("notion.so/") || url.contains("notion.site/") || url.contains("notion.com/") else { return nil }
        let path = url.split(separator: "?").first.map(String.init) ?? url
        let hex = String(path.split(separator: "#").first ?? "").suffix(32)
        guard hex.count == 32, hex.allSatisfy(\.isHexDigit), let id = NotionID(String(hex)) else { return nil }
        return id.rawValue
    }

    static func fileName(_ source: String) -> String {
        let path = source.split(separator: "?", maxSplits: 1).first.map(String.init) ?? source
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.removingPercentEncoding ?? last
    }

    // MARK: Lists

    mutating func list(_ list: MarkdownList, _ map: SourceMap) -> [BlockDraft] {
        var out: [BlockDraft] = []
        let maps = map.children.count == list.items.count ? map.children : list.items.map { _ in SourceMap(range: nil) }
        for (index, item) in list.items.enumerated() {
            let itemMap = maps[index]
            let (chunks, color, rest, restMaps) = leadingText(item.blocks, itemMap.children, itemMap)
            var extra: [String: JSONValue] = color.map { ["color": .string($0)] } ?? [:]
            let type: String
            if let checked = item.checked {
                type = "to_do"
                extra["checked"] = .bool(checked)
            } else if case .ordered(let start) = list.kind {
                type = "numbered_list_item"
                if index == 0, start != 1 { extra["list_start_index"] = .int(start) }
            } else {
                type = "bulleted_list_item"
            }
            out += textBlocks(type, chunks, extra, children: blocks(rest, restMaps), itemMap)
        }
        return out
    }

    // MARK: Alerts and callouts

    mutating func alert(_ kind: MarkdownAlertKind, _ children: [MarkdownBlock], _ map: SourceMap) -> [BlockDraft] {
        var children = children
        var maps = map.children.count == children.count ? map.children : children.map { _ in SourceMap(range: nil) }
        // `> [!NOTE]` and the text below it are one paragraph to cmark: the text starts a line later.
        if case .paragraph? = children.first, var first = maps.first?.range, first.start.line >= 1, first.start.line <= lines.count,
           lines[first.start.line - 1].contains("[!") {
            first.start.line += 1
            maps[0].range = first
        }
        var attributes: [String: String]?
        if case .htmlBlock(let html)? = children.first, let comment = HTMLTag.comment(html), comment.hasPrefix("notion:callout"),
           let tag = HTMLTag.directive(comment) {
            attributes = tag.attributes
            children.removeFirst()
            maps.removeFirst()
        }
        if attributes == nil, case .paragraph(let inlines)? = children.first, Self.isPlaceholder(inlines) {
            warn(map, "unsupported block", "the exporter's placeholder for a block Notion does not give the API is kept as a callout: there is nothing else to restore.")
        }
        let color = attributes?["color"] ?? Self.alertColors[kind]!
        let icon = attributes.map { iconValue($0, map) } ?? ["type": "emoji", "emoji": .string(Self.alertIcons[kind]!)]
        return callout(children, maps, color: color, icon: icon, map)
    }

    mutating func callout(_ children: [MarkdownBlock], _ maps: [SourceMap], color: String, icon: JSONValue?, _ map: SourceMap) -> [BlockDraft] {
        let (chunks, _, rest, restMaps) = leadingText(children, maps, map)
        var extra: [String: JSONValue] = ["color": .string(RichTextReader.colors.contains(color) ? color : "default")]
        if let icon { extra["icon"] = icon }
        return textBlocks("callout", chunks, extra, children: blocks(rest, restMaps), map)
    }

    static let alertColors: [MarkdownAlertKind: String] = [
        .note: "blue_background", .tip: "green_background", .important: "purple_background",
        .warning: "yellow_background", .caution: "red_background",
    ]
    static let alertIcons: [MarkdownAlertKind: String] = [.note: "ℹ️", .tip: "💡", .important: "❗", .warning: "⚠️", .caution: "🛑"]

    static func isPlaceholder(_ inlines: [MarkdownInline]) -> Bool {
        guard case .text(let text)? = inlines.first else { return false }
        return text == "Notion block " && inlines.count == 3
    }

    /// The callout icon of the dialect's attributes (`icon`, `icon-url`, `icon-upload`, `icon-color`).
    mutating func iconValue(_ attributes: [String: String], _ map: SourceMap?) -> JSONValue? {
        if let url = attributes["icon-url"] { return file(url, map, "icon") }
        if let id = attributes["icon-upload"] { return ["type": "file_upload", "file_upload": ["id": .string(id)]] }
        guard let icon = attributes["icon"] else { return nil }
        return iconValue(icon, color: attributes["icon-color"], map)
    }

    mutating func iconValue(_ icon: String, color: String?, _ map: SourceMap?) -> JSONValue? {
        if icon.hasPrefix("notion:") {
            var native: [String: JSONValue] = ["name": .string(String(icon.dropFirst(7)))]
            if let color { native["color"] = .string(color) }
            return ["type": "icon", "icon": .object(native)]
        }
        if icon.count > 2, icon.hasPrefix(":"), icon.hasSuffix(":") {
            let name = String(icon.dropFirst().dropLast())
            if let id = customEmojis[name] { return ["type": "custom_emoji", "custom_emoji": ["id": .string(id), "name": .string(name)]] }
            warn(map, "icon", "the custom emoji icon \(icon) is known only by name, and Notion needs its id (no mention of it in this file gives it); the icon is left out.")
            return nil
        }
        if icon.contains("/") || icon.contains(".") { return file(icon, map, "icon") }
        return ["type": "emoji", "emoji": .string(icon)]
    }

    // MARK: Code

    mutating func code(info: String, text: String, _ map: SourceMap) -> [BlockDraft] {
        var content = text
        if content.hasSuffix("\n") { content.removeLast() }
        let word = String(info.prefix { $0 != " " && $0 != "\t" })
        let rest = String(info.dropFirst(word.count)).trimmingSpaces
        if word == "math" {
            if content.utf16.count <= RichTextLimits.equationLength {
                if !rest.isEmpty { warn(map, "equation", "the fence info “\(rest)” after math has no place in Notion and is left out.") }
                return [BlockDraft("equation", ["expression": .string(content)])]
            }
            warn(map, "equation", "an equation of \(content.utf16.count) characters is over Notion's 1000; it becomes a LaTeX code block.")
            return codeBlocks(content, language: "latex", caption: nil, map)
        }
        var caption: [MarkdownInline]?
        if !rest.isEmpty {
            if let value = Self.captionValue(rest) {
                caption = MarkdownDocument.parse(value).blocks.first.flatMap { if case .paragraph(let inlines) = $0 { inlines } else { nil } } ?? []
            } else {
                warn(map, "code info", "the fence info “\(rest)” after the language has no place in Notion and is left out.")
            }
        }
        let language: String
        if let known = CodeLanguageAliases.language(for: word) {
            language = known
        } else {
            warn(map, "code language", "Notion does not know the language “\(word)”; the code block is plain text.")
            language = "plain text"
        }
        return codeBlocks(content, language: language, caption: caption, map)
    }

    /// `caption="…"` with `\\` and `\"` escaped, as the exporter writes it.
    static func captionValue(_ text: String) -> String? {
        guard text.hasPrefix("caption=\""), text.hasSuffix("\""), text.count >= 10 else { return nil }
        var out = ""
        var escaped = false
        for character in text.dropFirst(9).dropLast() {
            if escaped { out.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == "\"" { return nil }
            else { out.append(character) }
        }
        return escaped ? nil : out
    }

    mutating func codeBlocks(_ content: String, language: String, caption: [MarkdownInline]?, _ map: SourceMap) -> [BlockDraft] {
        let pieces = RichTextLimits.split(content, limit: RichTextLimits.textLength).map { RichItem(content: .text($0), marks: .init()) }
        var extra: [String: JSONValue] = ["language": .string(language)]
        if let caption { extra["caption"] = richTextJSON(caption, map, "a code caption") }
        return textBlocks("code", RichTextLimits.chunks(pieces), extra, map)
    }

    /// Raw Markdown or HTML, carried reversibly: a code block with the caption `markdown:raw`
    /// holding the exact source, which the exporter writes back as it is.
    mutating func raw(_ text: String, language: String) -> BlockDraft {
        var content = text
        while content.hasSuffix("\n") { content.removeLast() }
        var pieces = RichTextLimits.split(content, limit: RichTextLimits.textLength).map { RichItem(content: .text($0), marks: .init()).request }
        if pieces.count > RichTextLimits.itemsPerBlock {
            // Split blocks would be written back as separate raw pieces, with blank lines between.
            warnings.append(ImportWarning(file: file, line: nil, construct: "raw \(language)",
                                          message: "\(content.utf16.count) characters of raw source are more than one block holds (200,000); the rest is left out."))
            pieces = Array(pieces.prefix(RichTextLimits.itemsPerBlock))
        }
        return BlockDraft("code", ["rich_text": .array(pieces), "language": .string(language),
                                   "caption": [RichItem(content: .text(Self.rawCaption), marks: .init()).request]])
    }

    static let rawCaption = "markdown:raw"

    /// The exact source lines of a block.
    func source(_ map: SourceMap) -> String {
        guard let range = map.range, range.start.line >= 1, range.end.line <= lines.count, range.start.line <= range.end.line else { return "" }
        return lines[(range.start.line - 1)...(range.end.line - 1)].joined(separator: "\n")
    }

    // MARK: Tables

    mutating func table(_ table: MarkdownTable, rowHeader: Bool, _ map: SourceMap) -> [BlockDraft] {
        if table.alignments.contains(where: { $0 != .none }) {
            warn(map, "table alignment", "Notion tables have no column alignment; it is left out.")
        }
        let width = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
        let headerIsEmpty = table.header.allSatisfy { $0.isEmpty }
        let rows = (headerIsEmpty ? [] : [table.header]) + table.rows
        let drafts = rows.map { row -> BlockDraft in
            var cells = row.map { richTextJSON($0, map, "a table cell") }
            while cells.count < width { cells.append([]) }
            return BlockDraft("table_row", ["cells": .array(cells)])
        }
        guard !drafts.isEmpty else {
            warn(map, "table", "a table with only an empty header row has no rows for Notion; it is left out.")
            return []
        }
        return [BlockDraft("table", ["table_width": .int(width), "has_column_header": .bool(!headerIsEmpty), "has_row_header": .bool(rowHeader)],
                           children: drafts)]
    }
}
