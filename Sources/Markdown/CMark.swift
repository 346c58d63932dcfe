import CCmarkGFM
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The lock around the one libcmark-gfm call that touches process-global state. Its inline
/// special-character table is global, and `cmark_parser_finish` adds the extensions' characters
/// to it for its inline pass and removes them at the end (`process_inlines` in blocks.c), so two
/// unlocked finishes corrupt each other's output (toolchain.md §1.4: 8–16 % of concurrent parses
/// came out wrong). Nothing else reads or writes that table: creating a parser, attaching the
/// extensions, feeding it, walking and editing a document's own nodes, rendering and freeing run
/// on every core, outside the lock.
let cmarkLock = Mutex(())

/// The GFM extensions every parser attaches, found once. Registering the core extensions is a
/// non-atomic check-then-set, so it runs here, once: a global's initializer runs once whatever
/// the threads, and the registry is only read afterwards.
private struct GFMExtensions: @unchecked Sendable {
    let pointers: [OpaquePointer]

    static let shared: GFMExtensions = {
        cmark_gfm_core_extensions_ensure_registered()
        return GFMExtensions(pointers: CMark.extensionNames.compactMap { cmark_find_syntax_extension($0) })
    }()
}

/// GitHub-Flavored Markdown through libcmark-gfm: tables, strikethrough, autolinks, tag filter,
/// task lists and footnotes.
public enum CMark {
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    public struct Options: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// Keep raw HTML (with the tag filter applied) instead of replacing it with a comment.
        public static let unsafe = Options(rawValue: CMARK_OPT_UNSAFE)
        public static let footnotes = Options(rawValue: CMARK_OPT_FOOTNOTES)
    }

    /// Renders Markdown to HTML (parsed with the GFM extensions; only the parse's inline pass takes
    /// the process-wide lock).
    public static func html(_ markdown: String, options: Options = [.footnotes]) -> String {
        withDocument(markdown, options: options) { root, parser in renderHTML(root, parser, options) } ?? ""
    }

    /// Parses `markdown` with the GFM extensions and hands the root node (and the parser, whose
    /// extensions rendering needs) to `body`, which must copy out everything it keeps: both are
    /// freed when it returns. Nil when cmark-gfm cannot allocate.
    static func withDocument<T>(_ markdown: String, options: Options,
                                _ body: (_ root: OpaquePointer, _ parser: OpaquePointer) -> T) -> T? {
        guard let (root, parser) = parse(markdown, options: options) else { return nil }
        defer {
            cmark_node_free(root)
            cmark_parser_free(parser)
        }
        return body(root, parser)
    }

    /// A parser with the GFM extensions, fed `markdown` and finished; the caller frees both.
    /// Only the finish (the inline pass, which edits the global special-character table) holds
    /// `cmarkLock`.
    static func parse(_ markdown: String, options: Options) -> (root: OpaquePointer, parser: OpaquePointer)? {
        guard let parser = cmark_parser_new(options.rawValue) else { return nil }
        for ext in GFMExtensions.shared.pointers { cmark_parser_attach_syntax_extension(parser, ext) }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let root = cmarkLock.withLock({ _ in Finished(root: cmark_parser_finish(parser)) }).root else {
            cmark_parser_free(parser)
            return nil
        }
        return (root, parser)
    }

    /// A finished document's root, out of the lock (the document is this parse's own memory).
    private struct Finished: @unchecked Sendable {
        let root: OpaquePointer?
    }

    /// Calls `body` with every node below `root` (itself included) as the walk enters it, in
    /// document order.
    static func forEachNode(_ root: OpaquePointer, _ body: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
    }

    /// cmark-gfm's HTML of a parsed document. Only called inside `withDocument`.
    static func renderHTML(_ root: OpaquePointer, _ parser: OpaquePointer, _ options: Options) -> String {
        guard let rendered = cmark_render_html(root, options.rawValue, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

extension MarkdownDocument {
    /// Parses GitHub-Flavored Markdown (tables, strikethrough, autolinks, task lists, footnotes)
    /// into our tree. GitHub alerts (`> [!NOTE]` as the first line of a quote) become `.alert`.
    /// A node the tree has no case for becomes raw HTML plus a diagnostic.
    public static func parse(_ text: String) -> MarkdownDocument {
        var document = CMark.withDocument(text, options: [.footnotes]) { root, _ in
            var builder = TreeBuilder()
            let (blocks, map) = builder.document(root)
            return MarkdownDocument(blocks, sourceMap: map, diagnostics: builder.diagnostics)
        } ?? MarkdownDocument([])
        AlertRecognizer(source: text).apply(to: &document)
        return document
    }
}

/// Copies cmark's tree into ours.
private struct TreeBuilder {
    var diagnostics: [MarkdownDiagnostic] = []
    /// A footnote's label. cmark-gfm 0.29.0.gfm.6 has no getter for it (a reference's literal
    /// is its number, a definition's is empty, and inline source positions are unreliable), but
    /// its HTML renderer writes it into `#fn-label`, percent-encoded: read it back from there.
    mutating func footnoteLabel(_ node: OpaquePointer) -> String {
        if let rendered = cmark_render_html(node, CMARK_OPT_DEFAULT, nil) {
            defer { free(rendered) }
            let html = String(cString: rendered)
            for marker in ["href=\"#fn-", "id=\"fn-"] {
                if let start = html.firstRange(of: marker)?.upperBound, let end = html[start...].firstIndex(of: "\"") {
                    return Self.percentDecoded(html[start..<end])
                }
            }
        }
        diagnostics.append(MarkdownDiagnostic(position: Self.range(node).start, message: "footnote without a label"))
        return ""
    }

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else if byte == UInt8(ascii: "&"), utf8.starts(with: "amp;".utf8) {
                bytes.append(byte)
                utf8 = utf8.dropFirst(4)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// cmark's own name for the node type; extension nodes are known only by this string.
    /// Footnote nodes have none ("<unknown>"), so they are named here.
    static func typeName(_ node: OpaquePointer) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_FOOTNOTE_DEFINITION: "footnote_definition"
        case CMARK_NODE_FOOTNOTE_REFERENCE: "footnote_reference"
        default: cmark_node_get_type_string(node).map { String(cString: $0) } ?? "?"
        }
    }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func range(_ node: OpaquePointer) -> SourceRange {
        SourceRange(
            start: SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
            end: SourcePosition(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node))))
    }

    /// One open container node during the walk, collecting its finished children.
    struct Frame {
        let node: OpaquePointer
        let type: String
        var blocks: [MarkdownBlock] = []
        var maps: [SourceMap] = []
        var inlines: [MarkdownInline] = []
        var items: [MarkdownListItem] = []
        var cells: [[MarkdownInline]] = []
        var header: [[MarkdownInline]] = []
        var rows: [[[MarkdownInline]]] = []
    }

    enum Built {
        case block(MarkdownBlock, SourceMap)
        case inline(MarkdownInline)
        case item(MarkdownListItem, SourceMap)
        case row([[MarkdownInline]], header: Bool)
        case cell([MarkdownInline])
    }

    /// Node types cmark's iterator reports with an enter event only.
    static let leafTypes: Set<String> = ["text", "softbreak", "linebreak", "code", "html_inline", "html_block", "code_block", "thematic_break"]
    /// Containers whose children are inlines: an unknown node inside one becomes inline HTML.
    static let inlineContainers: Set<String> = ["paragraph", "heading", "table_cell", "emph", "strong", "strikethrough", "link", "image", "footnote_reference"]

    /// Walks the tree with cmark's enter/exit iterator, building each node on its exit event.
    mutating func document(_ root: OpaquePointer) -> ([MarkdownBlock], [SourceMap]) {
        guard let iterator = cmark_iter_new(root) else { return ([], []) }
        defer { cmark_iter_free(iterator) }
        var stack: [Frame] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = Self.typeName(node)
            if event == CMARK_EVENT_ENTER {
                if Self.leafTypes.contains(type), !stack.isEmpty {
                    Self.add(leaf(node, type: type), to: &stack[stack.count - 1])
                } else {
                    stack.append(Frame(node: node, type: type))
                }
            } else if event == CMARK_EVENT_EXIT, let frame = stack.popLast() {
                guard !stack.isEmpty else { return (frame.blocks, frame.maps) }
                let inInline = Self.inlineContainers.contains(stack[stack.count - 1].type)
                Self.add(build(frame, inInline: inInline), to: &stack[stack.count - 1])
            }
        }
        return stack.first.map { ($0.blocks, $0.maps) } ?? ([], [])
    }

    static func add(_ built: Built, to frame: inout Frame) {
        switch built {
        case .block(let block, let map):
            frame.blocks.append(block)
            frame.maps.append(map)
        case .inline(let inline):
            if case .text(let text) = inline {
                if text.isEmpty { return }
                if case .text(let previous)? = frame.inlines.last {
                    frame.inlines[frame.inlines.count - 1] = .text(previous + text)
                    return
                }
            }
            frame.inlines.append(inline)
        case .item(let item, let map):
            frame.items.append(item)
            frame.maps.append(map)
        case .row(let cells, let header):
            if header { frame.header = cells } else { frame.rows.append(cells) }
        case .cell(let cell):
            frame.cells.append(cell)
        }
    }

    func leaf(_ node: OpaquePointer, type: String) -> Built {
        switch type {
        case "text": .inline(.text(Self.literal(node)))
        case "softbreak": .inline(.softBreak)
        case "linebreak": .inline(.lineBreak)
        case "code": .inline(.code(Self.literal(node)))
        case "html_inline": .inline(.html(Self.literal(node)))
        case "html_block": .block(.htmlBlock(Self.literal(node)), SourceMap(range: Self.range(node)))
        case "code_block":
            .block(.codeBlock(info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "", text: Self.literal(node)),
                   SourceMap(range: Self.range(node)))
        default: .block(.thematicBreak, SourceMap(range: Self.range(node)))
        }
    }

    mutating func build(_ frame: Frame, inInline: Bool) -> Built {
        let node = frame.node
        let range = Self.range(node)
        switch frame.type {
        case "paragraph":
            return .block(.paragraph(frame.inlines), SourceMap(range: range))
        case "heading":
            return .block(.heading(level: Int(cmark_node_get_heading_level(node)), frame.inlines), SourceMap(range: range))
        case "block_quote":
            return .block(.blockQuote(frame.blocks), SourceMap(range: range, children: frame.maps))
        case "item", "tasklist":
            let checked: Bool? = frame.type == "tasklist" ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil
            return .item(MarkdownListItem(checked: checked, frame.blocks), SourceMap(range: range, children: frame.maps))
        case "list":
            let kind: MarkdownListKind = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                ? .ordered(start: Int(cmark_node_get_list_start(node))) : .bullet
            let list = MarkdownList(kind, tight: cmark_node_get_list_tight(node) != 0, items: frame.items)
            return .block(.list(list), SourceMap(range: range, children: frame.maps))
        case "table":
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [MarkdownTableAlignment] = []
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for index in 0..<columns {
                    switch UInt8(raw[index]) {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            return .block(.table(MarkdownTable(alignments: alignments, header: frame.header, rows: frame.rows)), SourceMap(range: range))
        case "table_header", "table_row":
            return .row(frame.cells, header: frame.type == "table_header" || cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_cell":
            return .cell(frame.inlines)
        case "footnote_definition":
            return .block(.footnoteDefinition(label: footnoteLabel(node), frame.blocks), SourceMap(range: range, children: frame.maps))
        case "emph": return .inline(.emphasis(frame.inlines))
        case "strong": return .inline(.strong(frame.inlines))
        case "strikethrough": return .inline(.strikethrough(frame.inlines))
        case "footnote_reference": return .inline(.footnoteReference(footnoteLabel(node)))
        case "link", "image":
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
            let children = frame.inlines
            if frame.type == "image" { return .inline(.image(source: destination, title: title, alt: children)) }
            if title.isEmpty, children.count == 1, case .text(let text) = children[0],
               text == destination || "mailto:" + text == destination {
                return .inline(.autolink(destination))
            }
            return .inline(.link(destination: destination, title: title, children))
        default:
            let kind = inInline ? "inline" : "block"
            diagnostics.append(MarkdownDiagnostic(position: range.start, message: "unsupported Markdown \(kind) '\(frame.type)' kept as raw HTML"))
            return inInline ? .inline(.html("<!-- unsupported: \(frame.type) -->"))
                : .block(.htmlBlock("<!-- unsupported: \(frame.type) -->\n"), SourceMap(range: range))
        }
    }
}
