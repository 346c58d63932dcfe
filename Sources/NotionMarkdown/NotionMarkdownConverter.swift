import Foundation
import Markdown
import NotionModel

/// The converted body of one document, with what could not be carried exactly.
public struct ConvertedDocument: Sendable, Hashable {
    public var blocks: [MarkdownBlock]
    public var warnings: [ConversionWarning]

    public init(blocks: [MarkdownBlock], warnings: [ConversionWarning]) {
        self.blocks = blocks
        self.warnings = warnings
    }
}

/// What a document knows about its place in the export, beyond its blocks.
public struct DocumentContext: Sendable, Hashable {
    /// The page's ancestors, outermost first, then the page itself: what a `breadcrumb` block shows.
    public var breadcrumb: [LinkTarget]

    public init(breadcrumb: [LinkTarget] = []) {
        self.breadcrumb = breadcrumb
    }
}

/// Notion blocks → the canonical Markdown AST (docs/dialect.md says what each block becomes and
/// why). One `switch` over `BlockContent` with no `default`: a new block type does not compile
/// until it has a conversion. Per-type overrides run first.
public struct NotionMarkdownConverter: Sendable {
    /// What an override decides for one block.
    public enum Override: Sendable {
        /// Use these blocks instead of the default conversion.
        case replace([MarkdownBlock])
        /// Fall back to the built-in conversion.
        case useDefault
        /// Leave the block out on purpose; recorded as a warning.
        case omit
    }

    /// Lets an override convert children and rich text with the full converter (overrides included).
    public struct OverrideContext {
        var conversion: Conversion
        public mutating func blocks(_ blocks: [Block]) -> [MarkdownBlock] { conversion.blocks(blocks) }
        public mutating func inlines(_ richText: [RichText]) -> [MarkdownInline] { conversion.inlines(richText) }
    }

    public typealias OverrideFunction = @Sendable (Block, inout OverrideContext) -> Override

    public var options: ConversionOptions
    public var overrides: [BlockType: OverrideFunction]

    public init(options: ConversionOptions = .init(), overrides: [BlockType: OverrideFunction] = [:]) {
        self.options = options
        self.overrides = overrides
    }

    /// A page's (or any block list's) blocks as Markdown.
    public func convert(_ blocks: [Block], resolver: some ConversionResolver, context: DocumentContext = .init()) -> ConvertedDocument {
        var conversion = Conversion(converter: self, resolver: resolver, context: context, document: blocks)
        let markdown = conversion.blocks(blocks)
        return ConvertedDocument(blocks: markdown, warnings: conversion.text.warnings)
    }

    /// Rich text on its own (titles, captions, property values).
    public func inlines(_ richText: [RichText], resolver: some ConversionResolver) -> (inlines: [MarkdownInline], warnings: [ConversionWarning]) {
        var text = RichTextConversion(options: options, resolver: resolver)
        let inlines = text.inlines(richText)
        return (inlines, text.warnings)
    }

    /// The Markdown headings of a page in document order, with their anchors: what a table of
    /// contents lists. Toggleable headings are HTML and have no anchor.
    static func headings(in blocks: [Block]) -> [(level: Int, text: [RichText], anchor: String)] {
        var anchors = HeadingAnchors()
        var out: [(Int, [RichText], String)] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block.content {
                case .heading1(let h) where h.isToggleable != true: out.append((1, h.richText, anchors.next(h.richText.plainText)))
                case .heading2(let h) where h.isToggleable != true: out.append((2, h.richText, anchors.next(h.richText.plainText)))
                case .heading3(let h) where h.isToggleable != true: out.append((3, h.richText, anchors.next(h.richText.plainText)))
                case .heading4(let h) where h.isToggleable != true: out.append((4, h.richText, anchors.next(h.richText.plainText)))
                case .childPage, .childDatabase: continue
                default: break
                }
                visit(block.children)
            }
        }
        visit(blocks)
        return out
    }
}

/// One document's conversion: the converter's settings plus the warnings gathered so far.
struct Conversion {
    let converter: NotionMarkdownConverter
    let context: DocumentContext
    /// The whole document's blocks: a table of contents lists their headings (found only then).
    let document: [Block]
    var text: RichTextConversion
    var options: ConversionOptions { converter.options }
    var resolver: any ConversionResolver { text.resolver }

    init(converter: NotionMarkdownConverter, resolver: any ConversionResolver, context: DocumentContext,
         document: [Block]) {
        self.converter = converter
        self.context = context
        self.document = document
        self.text = RichTextConversion(options: converter.options, resolver: resolver)
    }

    mutating func inlines(_ richText: [RichText]) -> [MarkdownInline] { text.inlines(richText) }

    /// The caption of a code block that holds raw Markdown to write back as it is.
    static let rawCaption = "markdown:raw"

    mutating func warn(_ kind: ConversionWarning.Kind, _ block: Block, _ message: String) {
        text.warnings.append(ConversionWarning(kind, blockID: block.id, message))
    }

    // MARK: Sequences

    /// Blocks in order. The API has no list container: adjacent list items are grouped into one
    /// list here (bulleted and to-do items share a list; numbered items form their own).
    mutating func blocks(_ blocks: [Block]) -> [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            if let ordered = Self.listKind(block) {
                var items: [MarkdownListItem] = []
                var start: Int?
                while index < blocks.count, Self.listKind(blocks[index]) == ordered {
                    let item = blocks[index]
                    if start == nil, case .numberedListItem(let payload) = item.content { start = payload.listStartIndex ?? 1 }
                    if let converted = overridden(item) {
                        // An override's blocks end the list: they are not list items.
                        if !items.isEmpty { out.append(.list(Self.list(ordered, start, items))); items = [] }
                        out += converted
                    } else {
                        items.append(listItem(item))
                    }
                    index += 1
                }
                if !items.isEmpty { out.append(.list(Self.list(ordered, start, items))) }
                continue
            }
            out += self.block(block)
            index += 1
        }
        return out
    }

    static func listKind(_ block: Block) -> Bool? {
        switch block.content {
        case .bulletedListItem, .toDo: false
        case .numberedListItem: true
        default: nil
        }
    }

    static func list(_ ordered: Bool, _ start: Int?, _ items: [MarkdownListItem]) -> MarkdownList {
        // Tight only when every item is its text plus nested lists: anything else (a second
        // paragraph, a table, code, an HTML block that would swallow the next line) needs blank
        // lines, and cmark-gfm reads a list with blank lines in an item as loose.
        let tight = items.allSatisfy { item in
            item.blocks.dropFirst().allSatisfy { if case .list = $0 { true } else { false } }
                && { if case .htmlBlock? = item.blocks.first { false } else { true } }()
        }
        return MarkdownList(ordered ? .ordered(start: start ?? 1) : .bullet, tight: tight, items: items)
    }

    mutating func listItem(_ block: Block) -> MarkdownListItem {
        text.blockID = block.id
        switch block.content {
        case .toDo(let toDo):
            return MarkdownListItem(checked: toDo.checked, [.paragraph(colored(inlines(toDo.richText), toDo.color))] + blocks(block.children))
        case .bulletedListItem(let item), .numberedListItem(let item):
            return MarkdownListItem([.paragraph(colored(inlines(item.richText), item.color))] + blocks(block.children))
        default:
            return MarkdownListItem(self.block(block))
        }
    }

    mutating func overridden(_ block: Block) -> [MarkdownBlock]? {
        guard let override = converter.overrides[block.type] else { return nil }
        var context = NotionMarkdownConverter.OverrideContext(conversion: self)
        let decision = override(block, &context)
        text.warnings = context.conversion.text.warnings
        switch decision {
        case .replace(let blocks): return blocks
        case .useDefault: return nil
        case .omit:
            warn(.omittedBlock, block, "a \(block.type.rawValue) block was left out by an override.")
            return []
        }
    }

    // MARK: One block

    mutating func block(_ block: Block) -> [MarkdownBlock] {
        if let replaced = overridden(block) { return replaced }
        text.blockID = block.id
        switch block.content {
        case .paragraph(let payload):
            let content = colored(inlines(payload.richText), payload.color)
            let paragraph: MarkdownBlock = content.isEmpty ? .htmlBlock("<br>") : .paragraph(content)
            return [paragraph] + blocks(block.children)
        case .heading1(let h): return heading(1, h, block)
        case .heading2(let h): return heading(2, h, block)
        case .heading3(let h): return heading(3, h, block)
        case .heading4(let h): return heading(4, h, block)
        case .bulletedListItem, .numberedListItem, .toDo:
            return [.list(Self.list(Self.listKind(block) == true, nil, [listItem(block)]))]
        case .toggle(let payload):
            return details(summary: colored(inlines(payload.richText), payload.color), attributes: [], block.children)
        case .quote(let payload):
            let content = colored(inlines(payload.richText), payload.color)
            return [.blockQuote((content.isEmpty ? [] : [.paragraph(content)]) + blocks(block.children))]
        case .callout(let callout):
            return self.callout(callout, block)
        case .code(let code):
            // What the importer could not map (raw HTML, footnote definitions) it carries as a
            // code block captioned `markdown:raw` holding the exact source: written back verbatim.
            if code.caption?.plainText == Self.rawCaption { return [.htmlBlock(code.richText.plainText)] }
            var info = CodeLanguage.infoWord(for: code.language)
            if let caption = code.caption, !caption.isEmpty {
                info += " caption=\"" + MarkdownFormatter().format(inlines(caption)).replacing("\n", with: " ").replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
            }
            return [.codeBlock(info: info, text: code.richText.plainText)]
        case .equation(let equation):
            return [.codeBlock(info: "math", text: equation.expression)]
        case .divider:
            return [.thematicBreak]
        case .breadcrumb:
            var links: [MarkdownInline] = []
            for (index, target) in context.breadcrumb.enumerated() {
                if index > 0 { links.append(.text(" / ")) }
                links.append(.link(destination: target.href, title: "", [.text(target.title)]))
            }
            return [.htmlBlock("<!-- notion:breadcrumb -->")] + (links.isEmpty ? [] : [.paragraph(links)])
                + [.htmlBlock("<!-- /notion:breadcrumb -->")]
        case .tableOfContents:
            return [.htmlBlock("<!-- notion:table_of_contents -->")] + tableOfContents() + [.htmlBlock("<!-- /notion:table_of_contents -->")]
        case .table(let table):
            return self.table(table, block)
        case .tableRow(let row):
            // A row outside a table (never sent by Notion): a one-row table keeps its cells.
            return [.table(MarkdownTable(alignments: row.cells.map { _ in .none }, header: row.cells.map { _ in [] },
                                         rows: [row.cells.map { inlines($0) }]))]
        case .columnList:
            var out: [MarkdownBlock] = [.htmlBlock("<div data-columns>")]
            for column in block.children {
                var attributes: [(String, String?)] = [("data-column", nil)]
                if case .column(let payload) = column.content, let ratio = payload.widthRatio {
                    attributes.append(("data-width", Self.number(ratio)))
                }
                let content: [MarkdownBlock]
                if case .column = column.content { content = blocks(column.children) } else { content = self.block(column) }
                out += [.htmlBlock("<div" + Self.flagAttributes(attributes) + ">")] + content + [.htmlBlock("</div>")]
            }
            return out + [.htmlBlock("</div>")]
        case .column(let payload):
            // A column outside a column list (never sent by Notion).
            let width: [(String, String?)] = payload.widthRatio.map { [("data-width", Self.number($0))] } ?? []
            return [.htmlBlock("<div" + Self.flagAttributes([("data-column", nil)] + width) + ">")] + blocks(block.children) + [.htmlBlock("</div>")]
        case .image(let media):
            guard let source = source(of: media.file, block) else { return [] }
            return [.paragraph([.image(source: source, title: "", alt: inlines(media.caption ?? []))])]
        case .video(let media): return fileLink(media, "video", block)
        case .audio(let media): return fileLink(media, "audio", block)
        case .pdf(let media): return fileLink(media, "pdf", block)
        case .file(let media): return fileLink(media, "file", block)
        case .bookmark(let embed): return embedLink(embed, "bookmark")
        case .embed(let embed): return embedLink(embed, "embed")
        case .linkPreview(let embed): return embedLink(embed, "link_preview")
        case .childPage(let title):
            return [pageLink(block.id.id, title.title, "child_page")] + blocks(block.children)
        case .childDatabase(let title):
            return [pageLink(block.id.id, title.title, "child_database")] + blocks(block.children)
        case .linkToPage(let link):
            switch link {
            case .page(let id): return [pageLink(id.id, nil, "link_to_page")]
            case .database(let id): return [pageLink(id.id, nil, "link_to_page")]
            case .comment, .unknown: return placeholder(block, "link_to_page to a \(link.type)")
            }
        case .syncedBlock(let synced):
            let marker = synced.syncedFrom.map { "from=\"\($0.rawValue)\"" } ?? "id=\"\(block.id.rawValue)\""
            return [.htmlBlock("<!-- notion:synced_block \(marker) -->")] + blocks(block.children) + [.htmlBlock("<!-- /notion:synced_block -->")]
        case .template(let payload):
            return details(summary: inlines(payload.richText), attributes: [("data-template", nil)], block.children)
        case .tab:
            var out: [MarkdownBlock] = [.htmlBlock("<div data-tabs>")]
            for tab in block.children {
                let title = tab.content.richText?.plainText ?? ""
                out += [.htmlBlock("<div" + Self.flagAttributes([("data-tab", nil), ("data-title", title)]) + ">")]
                    + blocks(tab.children) + [.htmlBlock("</div>")]
            }
            return out + [.htmlBlock("</div>")]
        case .meetingNotes(let notes), .transcription(let notes):
            return details(summary: inlines(notes.title ?? []), attributes: [("data-meeting-notes", nil)], block.children)
        case .unsupported(let type):
            let name = type ?? "unsupported"
            warn(.unsupportedBlock, block, "Notion does not give the API the content of “\(name)” blocks; a placeholder stands in.")
            return placeholder(name, block) + blocks(block.children)
        case .unknown(let type, _):
            warn(.unknownBlock, block, "this version of notion-export does not know “\(type.rawValue)” blocks; a placeholder stands in (the backup keeps its JSON).")
            return placeholder(type.rawValue, block) + blocks(block.children)
        }
    }

    // MARK: Families

    mutating func heading(_ level: Int, _ heading: Heading, _ block: Block) -> [MarkdownBlock] {
        let content = colored(inlines(heading.richText), heading.color)
        guard heading.isToggleable == true else { return [.heading(level: level, content)] + blocks(block.children) }
        let summary = "<h\(level)>" + Self.inlineHTML(content) + "</h\(level)>"
        return details(summaryHTML: summary, attributes: [], block.children)
    }

    mutating func details(summary: [MarkdownInline], attributes: [(String, String?)], _ children: [Block]) -> [MarkdownBlock] {
        details(summaryHTML: Self.inlineHTML(summary), attributes: attributes, children)
    }

    /// `<details>` + `<summary>` as one HTML block, the children as Markdown, `</details>`.
    mutating func details(summaryHTML: String, attributes: [(String, String?)], _ children: [Block]) -> [MarkdownBlock] {
        let open = "<details" + Self.flagAttributes(attributes) + ">\n<summary>" + summaryHTML + "</summary>"
        let content = blocks(children)
        if content.isEmpty { return [.htmlBlock(open + "\n</details>")] }
        return [.htmlBlock(open)] + content + [.htmlBlock("</details>")]
    }

    mutating func callout(_ callout: Callout, _ block: Block) -> [MarkdownBlock] {
        let color = callout.color ?? .default
        var attributes: [(String, String)] = []
        if let icon = callout.icon { attributes += iconAttributes(icon) }
        attributes.append(("color", color.rawValue))
        let content = MarkdownFormatter.trimmingWhitespace(inlines(callout.richText))
        let body: [MarkdownBlock] = (content.isEmpty ? [] : [.paragraph(content)]) + blocks(block.children)
        switch options.callouts {
        case .alert:
            let comment = "<!-- notion:callout" + RichTextConversion.attributes(attributes).replacing("--", with: "&#45;&#45;") + " -->"
            return [.alert(Self.alertKind(color), [.htmlBlock(comment)] + body)]
        case .html:
            let open = "<aside" + Self.flagAttributes([("data-callout", nil)] + attributes.map { ("data-" + $0.0, $0.1) }) + ">"
            return [.htmlBlock(open)] + body + [.htmlBlock("</aside>")]
        }
    }

    /// icon="💡" for emoji, icon=":name:" for custom emoji, icon-url for files, icon="notion:name" for native icons.
    mutating func iconAttributes(_ icon: Icon) -> [(String, String)] {
        switch icon {
        case .emoji(let emoji): return [("icon", emoji)]
        case .customEmoji(let emoji): return [("icon", ":\(emoji.name ?? emoji.id.rawValue):")]
        case .file(let url, let expiry):
            return [("icon-url", resolver.asset(for: .file(url: url, expiryTime: expiry)) ?? url)]
        case .external(let url): return [("icon-url", resolver.asset(for: .external(url: url)) ?? url)]
        case .native(let name, let color): return [("icon", "notion:\(name)")] + (color.map { [("icon-color", $0.rawValue)] } ?? [])
        case .fileUpload(let id): return [("icon-upload", id.rawValue)]
        case .unknown(let type, _): return [("icon-type", type)]
        }
    }

    static func alertKind(_ color: Color) -> MarkdownAlertKind {
        switch color.rawValue.replacing("_background", with: "") {
        case "red", "pink": .caution
        case "orange", "yellow", "brown": .warning
        case "green": .tip
        case "purple": .important
        default: .note
        }
    }

    mutating func table(_ table: Table, _ block: Block) -> [MarkdownBlock] {
        var rows: [[[MarkdownInline]]] = []
        for row in block.children {
            guard case .tableRow(let cells) = row.content else {
                warn(.unknownBlock, row, "a \(row.type.rawValue) block inside a table is exported after the table.")
                continue
            }
            text.blockID = row.id
            var converted = cells.cells.map { MarkdownFormatter.trimmingWhitespace(inlines($0)) }
            while converted.count < table.tableWidth { converted.append([]) }
            rows.append(converted)
        }
        let width = max(table.tableWidth, rows.map(\.count).max() ?? 0, 1)
        var header: [[MarkdownInline]] = Array(repeating: [], count: width)
        if table.hasColumnHeader, !rows.isEmpty { header = rows.removeFirst() }
        let markdown = MarkdownTable(alignments: Array(repeating: .none, count: width), header: header, rows: rows)
        let others = block.children.filter { if case .tableRow = $0.content { false } else { true } }
        return (table.hasRowHeader ? [.htmlBlock("<!-- notion:table row-header -->")] : []) + [.table(markdown)] + blocks(others)
    }

    mutating func tableOfContents() -> [MarkdownBlock] {
        let headings = NotionMarkdownConverter.headings(in: document)
        guard !headings.isEmpty else { return [] }
        // Nested by level: a heading deeper than the previous one starts a sub-list.
        struct Entry { var level: Int; var item: MarkdownListItem }
        func build(_ entries: ArraySlice<Entry>) -> MarkdownList {
            var items: [MarkdownListItem] = []
            var index = entries.startIndex
            while index < entries.endIndex {
                var item = entries[index].item
                let level = entries[index].level
                var end = index + 1
                while end < entries.endIndex, entries[end].level > level { end += 1 }
                if end > index + 1 { item.blocks.append(.list(build(entries[(index + 1)..<end]))) }
                items.append(item)
                index = end
            }
            return MarkdownList(.bullet, items: items)
        }
        var entries: [Entry] = []
        for heading in headings {
            let text = RichTextConversion(options: ConversionOptions(colors: .drop, underline: .drop), resolver: StandaloneResolver())
            let label = Self.plainInlines(heading.text, text)
            entries.append(Entry(level: heading.level, item: MarkdownListItem([.paragraph([.link(destination: "#" + heading.anchor, title: "", label)])])))
        }
        return [.list(build(entries[...]))]
    }

    /// A heading's text for a link label: formatting kept, links removed (a link cannot hold one).
    static func plainInlines(_ richText: [RichText], _ conversion: RichTextConversion) -> [MarkdownInline] {
        var conversion = conversion
        let stripped = richText.map { item -> RichText in
            var item = item
            item.href = nil
            if case .text(let content, _) = item.kind { item.kind = .text(content: content, link: nil) }
            if case .mention = item.kind { item = .text(item.plainText, annotations: item.annotations) }
            return item
        }
        return conversion.inlines(stripped)
    }

    // MARK: Links and files

    mutating func pageLink(_ id: NotionID, _ title: String?, _ kind: String) -> MarkdownBlock {
        let target = resolver.target(of: id)
        let label = target?.title ?? title ?? id.rawValue
        let href = text.link(to: id, fallbackTitle: label)
        return .paragraph([.link(destination: href, title: kind, [.text(label.isEmpty ? "Untitled" : label)])])
    }

    mutating func source(of file: FileObject, _ block: Block) -> String? {
        if let local = resolver.asset(for: file) { return local }
        if let url = file.url { return url }
        warn(.unknownBlock, block, "a \(block.type.rawValue) with a \(file.type) file has no URL to link; a placeholder stands in.")
        return nil
    }

    mutating func fileLink(_ media: Media, _ kind: String, _ block: Block) -> [MarkdownBlock] {
        guard let source = source(of: media.file, block) else { return placeholder(block, "\(kind) without a URL") }
        var label = inlines(media.caption ?? [])
        if label.isEmpty {
            // A hosted file's URL ends in its file name; an external URL says more as a whole.
            var name = media.name ?? ""
            if name.isEmpty, case .file(let url, _) = media.file { name = Self.fileName(url) }
            label = [.text(name.isEmpty ? (media.file.url ?? source) : name)]
        }
        return [.paragraph([.link(destination: source, title: kind, label)])] + blocks(block.children)
    }

    mutating func embedLink(_ embed: Embed, _ kind: String) -> [MarkdownBlock] {
        let href = text.rewrite(embed.url)
        var label = inlines(embed.caption ?? [])
        if label.isEmpty { label = [.text(embed.url)] }
        return [.paragraph([.link(destination: href, title: kind, label)])]
    }

    static func fileName(_ url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.removingPercentEncoding ?? last
    }

    // MARK: Placeholders

    mutating func placeholder(_ block: Block, _ what: String) -> [MarkdownBlock] {
        warn(.unknownBlock, block, "\(what) cannot be exported; a placeholder stands in.")
        return placeholder(what, block)
    }

    func placeholder(_ name: String, _ block: Block) -> [MarkdownBlock] {
        [.alert(.warning, [.paragraph([.text("Notion block "), .code(name), .text(" could not be exported (block \(block.id.rawValue)).")])])]
    }

    // MARK: Helpers

    /// A block colour as a span around the block's text (`data-block-color`), or nothing.
    mutating func colored(_ content: [MarkdownInline], _ color: Color?) -> [MarkdownInline] {
        // Spaces at a block's edges are invisible in Notion and would be entities in Markdown.
        let content = MarkdownFormatter.trimmingWhitespace(content)
        guard let color, color != .default, !content.isEmpty else { return content }
        guard options.colors == .html else {
            text.dropped("block colour \(color)")
            return content
        }
        return [.html("<span data-block-color=\"\(RichTextConversion.escapeAttribute(color.rawValue))\">")] + content + [.html("</span>")]
    }

    /// Attributes; one without a value is written as a bare flag (`data-columns`).
    static func flagAttributes(_ pairs: [(String, String?)]) -> String {
        pairs.map { name, value in
            value.map { " \(name)=\"\(RichTextConversion.escapeAttribute($0))\"" } ?? " \(name)"
        }.joined()
    }

    /// A ratio as the shortest decimal that reads back as the same double.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }


    /// Inlines rendered to HTML by cmark-gfm (summaries of `<details>`, which are raw HTML).
    static func inlineHTML(_ inlines: [MarkdownInline]) -> String {
        guard !inlines.isEmpty else { return "" }
        var html = CMark.html(MarkdownFormatter().format(inlines), options: [.unsafe])
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasPrefix("<p>") && html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html.replacing("\n", with: " ")
    }
}
