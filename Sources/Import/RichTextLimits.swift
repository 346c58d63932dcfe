import NotionModel

/// Notion's request limits on rich text (notion-api.md §4): a text item's content is at most 2000
/// characters (UTF-16 units, as Notion counts them), an equation's expression at most 1000, and a
/// block holds at most 100 items.
enum RichTextLimits {
    static let textLength = 2000
    static let equationLength = 1000
    static let itemsPerBlock = 100

    /// Items within the per-item limits: long text split into consecutive items with the same
    /// marks, cut only between grapheme clusters (an emoji or a combined character is never
    /// broken); an over-long inline equation becomes its expression as code text.
    static func fitted(_ items: [RichItem], warn: (String, String) -> Void) -> [RichItem] {
        var out: [RichItem] = []
        for item in items {
            switch item.content {
            case .text(let text) where text.utf16.count > textLength:
                let pieces = split(text, limit: textLength)
                out += pieces.map { RichItem(content: .text($0), marks: item.marks) }
            case .equation(let expression) where expression.utf16.count > equationLength:
                warn("equation", "an inline equation of \(expression.utf16.count) characters is over Notion's 1000; it is kept as code text.")
                var marks = item.marks
                marks.code = true
                out += split(expression, limit: textLength).map { RichItem(content: .text($0), marks: marks) }
            default:
                out.append(item)
            }
        }
        return out
    }

    /// `text` in pieces of at most `limit` UTF-16 units, each ending on a grapheme boundary.
    static func split(_ text: String, limit: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var length = 0
        for character in text {
            let size = character.utf16.count
            if length + size > limit, !current.isEmpty {
                pieces.append(current)
                current = ""
                length = 0
            }
            current.append(character)
            length += size
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Groups of at most 100 items: one block each.
    static func chunks(_ items: [RichItem]) -> [[RichItem]] {
        guard items.count > itemsPerBlock else { return [items] }
        return stride(from: 0, to: items.count, by: itemsPerBlock).map { Array(items[$0..<min($0 + itemsPerBlock, items.count)]) }
    }
}
