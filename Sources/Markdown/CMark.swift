import CCmarkGFM
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The one lock around every call into libcmark-gfm. The library keeps process-global state (the
/// inline special-character table that extensions edit during a parse), so unlocked concurrent
/// parses corrupt each other's output; see toolchain.md §1.4. Registering the core extensions is a
/// non-atomic check-then-set, so it runs once, here.
let cmarkLock: Mutex<Void> = {
    cmark_gfm_core_extensions_ensure_registered()
    return Mutex(())
}()

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

    /// Renders Markdown to HTML. Every parse and render happens under the process-wide lock, and
    /// the C strings are copied into Swift strings before the lock is released.
    public static func html(_ markdown: String, options: Options = [.footnotes]) -> String {
        cmarkLock.withLock { _ in
            guard let parser = cmark_parser_new(options.rawValue) else { return "" }
            defer { cmark_parser_free(parser) }
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
            }
            var text = markdown
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            guard let root = cmark_parser_finish(parser) else { return "" }
            defer { cmark_node_free(root) }
            guard let rendered = cmark_render_html(root, options.rawValue, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }
}

extension MarkdownDocument {
    /// Parses GitHub-Flavored Markdown (tables, strikethrough, autolinks, task lists, footnotes)
    /// into our tree. GitHub alerts (`> [!NOTE]` as the first line of a quote) become `.alert`.
    /// A node the tree has no case for becomes raw HTML plus a diagnostic.
    public static func parse(_ text: String) -> MarkdownDocument {
        var document = cmarkLock.withLock { _ in
            guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { return MarkdownDocument([]) }
            defer { cmark_parser_free(parser) }
            for name in CMark.extensionNames {
                if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
            }
            var source = text
            source.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            guard let root = cmark_parser_finish(parser) else { return MarkdownDocument([]) }
            defer { cmark_node_free(root) }
            var builder = TreeBuilder()
            let (blocks, map) = builder.blocks(in: root)
            return MarkdownDocument(blocks, sourceMap: map, diagnostics: builder.diagnostics)
        }
        AlertRecognizer(source: text).apply(to: &document)
        return document
    }
}

/// Copies cmark's tree into ours. Only called under `cmarkLock`.
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

    static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
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

    mutating func blocks(in node: OpaquePointer) -> ([MarkdownBlock], [SourceMap]) {
        var blocks: [MarkdownBlock] = []
        var maps: [SourceMap] = []
        for child in Self.children(node) {
            let (block, map) = block(child)
            blocks.append(block)
            maps.append(map)
        }
        return (blocks, maps)
    }

    mutating func block(_ node: OpaquePointer) -> (MarkdownBlock, SourceMap) {
        let range = Self.range(node)
        let type = Self.typeName(node)
        switch type {
        case "paragraph":
            return (.paragraph(inlines(in: node)), SourceMap(range: range))
        case "heading":
            return (.heading(level: Int(cmark_node_get_heading_level(node)), inlines(in: node)), SourceMap(range: range))
        case "thematic_break":
            return (.thematicBreak, SourceMap(range: range))
        case "block_quote":
            let (children, maps) = blocks(in: node)
            return (.blockQuote(children), SourceMap(range: range, children: maps))
        case "list":
            let kind: MarkdownListKind = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                ? .ordered(start: Int(cmark_node_get_list_start(node))) : .bullet
            var items: [MarkdownListItem] = []
            var maps: [SourceMap] = []
            for item in Self.children(node) {
                let checked: Bool? = Self.typeName(item) == "tasklist"
                    ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
                let (children, childMaps) = blocks(in: item)
                items.append(MarkdownListItem(checked: checked, children))
                maps.append(SourceMap(range: Self.range(item), children: childMaps))
            }
            let list = MarkdownList(kind, tight: cmark_node_get_list_tight(node) != 0, items: items)
            return (.list(list), SourceMap(range: range, children: maps))
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return (.codeBlock(info: info, text: Self.literal(node)), SourceMap(range: range))
        case "html_block":
            return (.htmlBlock(Self.literal(node)), SourceMap(range: range))
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
            var header: [[MarkdownInline]] = []
            var rows: [[[MarkdownInline]]] = []
            for row in Self.children(node) {
                let cells = Self.children(row).map { inlines(in: $0) }
                if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
            }
            return (.table(MarkdownTable(alignments: alignments, header: header, rows: rows)), SourceMap(range: range))
        case "footnote_definition":
            let (children, maps) = blocks(in: node)
            return (.footnoteDefinition(label: footnoteLabel(node), children), SourceMap(range: range, children: maps))
        default:
            diagnostics.append(MarkdownDiagnostic(position: range.start, message: "unsupported Markdown block '\(type)' kept as raw HTML"))
            return (.htmlBlock("<!-- unsupported: \(type) -->\n"), SourceMap(range: range))
        }
    }

    mutating func inlines(in node: OpaquePointer) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for child in Self.children(node) {
            let inline = inline(child)
            if case .text(let text) = inline, text.isEmpty { continue }
            if case .text(let next) = inline, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else {
                result.append(inline)
            }
        }
        return result
    }

    mutating func inline(_ node: OpaquePointer) -> MarkdownInline {
        let type = Self.typeName(node)
        switch type {
        case "text": return .text(Self.literal(node))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        case "code": return .code(Self.literal(node))
        case "html_inline": return .html(Self.literal(node))
        case "emph": return .emphasis(inlines(in: node))
        case "strong": return .strong(inlines(in: node))
        case "strikethrough": return .strikethrough(inlines(in: node))
        case "footnote_reference": return .footnoteReference(footnoteLabel(node))
        case "link", "image":
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
            let children = inlines(in: node)
            if type == "image" { return .image(source: destination, title: title, alt: children) }
            if title.isEmpty, children.count == 1, case .text(let text) = children[0],
               text == destination || "mailto:" + text == destination {
                return .autolink(destination)
            }
            return .link(destination: destination, title: title, children)
        default:
            diagnostics.append(MarkdownDiagnostic(
                position: SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
                message: "unsupported Markdown inline '\(type)' kept as raw HTML"))
            return .html("<!-- unsupported: \(type) -->")
        }
    }
}
