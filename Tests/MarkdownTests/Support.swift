import Markdown

/// Format, parse again and render: what a reader of the formatted text sees.
func reformattedHTML(_ markdown: String) -> String {
    CMark.html(MarkdownDocument.parse(markdown).formatted())
}

/// Blocks with every list, quote, alert and footnote opened up, for "this kind occurs" checks.
func allBlocks(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
    blocks.flatMap { block -> [MarkdownBlock] in
        switch block {
        case .blockQuote(let children), .alert(_, let children), .footnoteDefinition(_, let children):
            return [block] + allBlocks(children)
        case .list(let list):
            return [block] + list.items.flatMap { allBlocks($0.blocks) }
        default:
            return [block]
        }
    }
}
