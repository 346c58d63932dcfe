/// What GitHub reads from the source that cmark-gfm 0.29 does not: block quotes whose first line
/// is `[!NOTE]` (or TIP, IMPORTANT, WARNING, CAUTION, any case) become `.alert`, and list items
/// in block quotes that start with `[ ]`/`[x]` become task items. The source decides: an escaped
/// `\[!NOTE]` or `\[x]` is text.
struct AlertRecognizer {
    let lines: [[UInt8]]

    init(source: String) {
        lines = source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    func apply(to document: inout MarkdownDocument) {
        let maps = document.sourceMap.count == document.blocks.count ? document.sourceMap : document.blocks.map { _ in SourceMap(range: nil) }
        for index in document.blocks.indices {
            var map = maps[index]
            document.blocks[index] = rewrite(document.blocks[index], map: &map)
            if index < document.sourceMap.count { document.sourceMap[index] = map }
        }
    }

    private func rewrite(_ block: MarkdownBlock, map: inout SourceMap) -> MarkdownBlock {
        func rewriteAll(_ blocks: [MarkdownBlock], _ maps: inout [SourceMap]) -> [MarkdownBlock] {
            if maps.count != blocks.count { maps = blocks.map { _ in SourceMap(range: nil) } }
            return blocks.indices.map { rewrite(blocks[$0], map: &maps[$0]) }
        }
        switch block {
        case .blockQuote(let children):
            var childMaps = map.children
            let rewritten = rewriteAll(children, &childMaps)
            map.children = childMaps
            guard case .paragraph(let inlines)? = rewritten.first, let firstMap = childMaps.first,
                  let kind = alertKind(inlines, at: firstMap.range) else { return .blockQuote(rewritten) }
            var rest = Array(inlines.dropFirst())
            if let first = rest.first, first == .softBreak || first == .lineBreak { rest.removeFirst() }
            if rest.isEmpty {
                map.children.removeFirst()
                return .alert(kind, Array(rewritten.dropFirst()))
            }
            return .alert(kind, [.paragraph(rest)] + rewritten.dropFirst())
        case .alert(let kind, let children):
            var childMaps = map.children
            let rewritten = rewriteAll(children, &childMaps)
            map.children = childMaps
            return .alert(kind, rewritten)
        case .footnoteDefinition(let label, let children):
            var childMaps = map.children
            let rewritten = rewriteAll(children, &childMaps)
            map.children = childMaps
            return .footnoteDefinition(label: label, rewritten)
        case .list(var list):
            if map.children.count != list.items.count { map.children = list.items.map { _ in SourceMap(range: nil) } }
            for index in list.items.indices {
                var childMaps = map.children[index].children
                list.items[index].blocks = rewriteAll(list.items[index].blocks, &childMaps)
                map.children[index].children = childMaps
                if list.items[index].checked == nil { recognizeTask(&list.items[index], firstMap: childMaps.first) }
            }
            return .list(list)
        case .paragraph, .heading, .thematicBreak, .codeBlock, .htmlBlock, .table:
            return block
        }
    }

    /// Debian's cmark-gfm 0.29 does not see task items inside block quotes (`> - [x] a`), which
    /// GitHub renders as tasks: an item whose first paragraph starts with an unescaped `[ ] `,
    /// `[x] ` or `[X] ` in the source is one.
    private func recognizeTask(_ item: inout MarkdownListItem, firstMap: SourceMap?) {
        guard case .paragraph(var inlines)? = item.blocks.first, case .text(let text)? = inlines.first,
              text.count > 4 || (text.count == 4 && inlines.count > 1), let range = firstMap?.range, range.start.line >= 1, range.start.line <= lines.count else { return }
        let prefix = text.prefix(4)
        guard prefix == "[ ] " || prefix == "[x] " || prefix == "[X] " else { return }
        let line = lines[range.start.line - 1]
        let start = range.start.column - 1
        guard start >= 0, start + 4 <= line.count, line[start] == UInt8(ascii: "["), line[start + 2] == UInt8(ascii: "]") else { return }
        if text.count == 4 { inlines.removeFirst() } else { inlines[0] = .text(String(text.dropFirst(4))) }
        item.checked = prefix != "[ ] "
        item.blocks[0] = .paragraph(inlines)
    }

    private func alertKind(_ inlines: [MarkdownInline], at range: SourceRange?) -> MarkdownAlertKind? {
        guard case .text(let text)? = inlines.first, text.hasPrefix("[!"), text.hasSuffix("]"),
              inlines.count == 1 || inlines[1] == .softBreak || inlines[1] == .lineBreak,
              let kind = MarkdownAlertKind(rawValue: String(text.dropFirst(2).dropLast()).lowercased()),
              let range, range.start.line >= 1, range.start.line <= lines.count else { return nil }
        let line = lines[range.start.line - 1]
        let start = range.start.column - 1
        guard start >= 0, start + 2 <= line.count else { return nil }
        return line[start] == UInt8(ascii: "[") && line[start + 1] == UInt8(ascii: "!") ? kind : nil
    }
}
