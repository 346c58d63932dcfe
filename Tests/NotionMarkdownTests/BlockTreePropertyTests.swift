import Foundation
import Markdown
import NotionAPI
import NotionMarkdown
import NotionModel
import Testing

/// Random Notion block trees (lists nested at any depth, quotes, toggles, callouts, headings,
/// code, tables, columns, dividers) → Markdown → cmark-gfm → Markdown: the text is already in its
/// canonical form (nothing re-nests, merges or splits), and every word of the tree's text is in
/// cmark-gfm's rendering, in order.
@Suite struct BlockTreePropertyTests {
    typealias Random = SplitMix64

    static let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]

    static func text(_ random: inout Random, _ words: inout [String]) -> String {
        let word = words.isEmpty ? "w0" : random.pick(Self.words) + String(words.count)
        words.append(word)
        let decoration = random.pick(["", "", " *", " 1.", " #", " |", " <x>", " _"])
        return word + decoration
    }

    static func tree(_ random: inout Random, depth: Int, _ words: inout [String]) -> [Block] {
        (0..<random.int(1..<5)).map { _ -> Block in
            // Words are drawn in document order: a block's own text before its children's.
            let kind = random.int(0..<11)
            func rich() -> String { N.rich(N.text(text(&random, &words), random.pick(["", "b", "i", "c", "s", "u"]))) }
            func children() -> [Block] { depth < 3 && random.chance(35) ? tree(&random, depth: depth + 1, &words) : [] }
            switch kind {
            case 0: let r = rich(); return N.block("bulleted_list_item", "{\"rich_text\":\(r),\"color\":\"default\"}", children())
            case 1: let r = rich(); return N.block("numbered_list_item", "{\"rich_text\":\(r),\"color\":\"default\"}", children())
            case 2: let r = rich(); return N.block("to_do", "{\"rich_text\":\(r),\"checked\":\(random.chance(50)),\"color\":\"default\"}", children())
            case 3: let r = rich(); return N.block("quote", "{\"rich_text\":\(r),\"color\":\"default\"}", children())
            case 4: let r = rich(); return N.block("toggle", "{\"rich_text\":\(r),\"color\":\"default\"}", children())
            case 5:
                let r = rich()
                let color = random.pick(["gray_background", "red", "green_background"])
                return N.block("callout", "{\"rich_text\":\(r),\"icon\":{\"type\":\"emoji\",\"emoji\":\"💡\"},\"color\":\"\(color)\"}", children())
            case 6:
                let r = rich()
                let level = random.int(1..<5)
                let kids = children()
                return N.block("heading_\(level)", "{\"rich_text\":\(r),\"is_toggleable\":\(!kids.isEmpty),\"color\":\"default\"}", kids)
            case 7: return N.block("code", "{\"caption\":[],\"rich_text\":\(N.rich(N.text(text(&random, &words) + "\n```\n  indented"))),\"language\":\"plain text\"}")
            case 8:
                let header = random.chance(50)
                let rows = (0..<2).map { _ -> Block in
                    let a = text(&random, &words), b = text(&random, &words)
                    return N.block("table_row", "{\"cells\":[[\(N.text(a))],[\(N.text(b))]]}")
                }
                return N.block("table", "{\"table_width\":2,\"has_column_header\":\(header),\"has_row_header\":false}", rows)
            case 9:
                let first = [N.paragraph(N.text(text(&random, &words)))]
                let second = [N.paragraph(N.text(text(&random, &words)))]
                return N.block("column_list", "{}", [N.block("column", "{}", first), N.block("column", "{}", second)])
            default: let r = text(&random, &words); return N.paragraph(N.text(r), children: children())
            }
        }
    }

    @Test(arguments: 0..<4) func randomBlockTreesAreCanonicalAndKeepEveryWord(batch: Int) {
        var random = SplitMix64(seed: UInt64(batch) &* 104_729 &+ 17)
        let converter = NotionMarkdownConverter()
        for round in 0..<75 {
            var words: [String] = []
            let blocks = Self.tree(&random, depth: 0, &words)
            let markdown = MarkdownFormatter().format(converter.convert(blocks, resolver: StubResolver()).blocks)
            let again = MarkdownDocument.parse(markdown).formatted()
            guard again == markdown else {
                let a = markdown.split(separator: "\n", omittingEmptySubsequences: false), b = again.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                let context = { (lines: [Substring]) in lines[max(0, line - 3)..<min(lines.count, line + 3)].joined(separator: "\n") }
                Issue.record("batch \(batch) round \(round): not canonical at line \(line + 1)\n--- written\n\(context(a))\n--- read back\n\(context(b))")
                return
            }
            let html = CMark.html(markdown, options: [.unsafe])
            var cursor = html.startIndex
            for word in words {
                guard let found = html.range(of: word, range: cursor..<html.endIndex) else {
                    Issue.record("batch \(batch) round \(round): “\(word)” lost or out of order\n\(markdown)")
                    return
                }
                cursor = found.upperBound
            }
        }
    }
}
