import Markdown
import Testing

/// Plain text with Markdown-looking characters must come back, through cmark, as exactly that text.
@Suite struct EscapingTests {
    static let literals = [
        "*x*", "_x_", "**x**", "~~x~~", "# not a heading", "1. not a list", "1) not a list", "- not a list",
        "+ not a list", "* not a list", "[x]", "[x](y)", "![x](y)", "<div>", "<b>x</b>", "a | b", "\\", "a\\b",
        "`code`", "``", "&amp;", "&#42;", "&copy", "> not a quote", "=", "---", "***", "    not code",
        "```", "~~~", "[^1]", "[!NOTE]", "x  ", "http://example.com", "www.example.com", "a #b #", "2026. year",
        "tab\there", "<https://x.y>", "!", "a_b_c", "1.5", "[a]: /url", "<!-- x -->", "a*b", " ", "  x", "-1", "| a | b |", "x\\", "###### h",
    ]

    /// cmark's HTML for a paragraph holding exactly `text` (only `&`, `<`, `>`, `"` escaped).
    static func paragraphHTML(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return "<p>" + escaped + "</p>\n"
    }

    @Test(arguments: literals) func textRendersLiterally(_ literal: String) {
        let markdown = MarkdownFormatter().format([.paragraph([.text(literal)])])
        #expect(CMark.html(markdown) == Self.paragraphHTML(literal), "formatted as \(markdown)")
        #expect(MarkdownDocument.parse(markdown).blocks == [.paragraph([.text(literal)])])
    }

    @Test(arguments: literals) func textAfterASoftBreakRendersLiterally(_ literal: String) {
        let markdown = MarkdownFormatter().format([.paragraph([.text("a"), .softBreak, .text(literal)])])
        #expect(MarkdownDocument.parse(markdown).blocks == [.paragraph([.text("a"), .softBreak, .text(literal)])], "formatted as \(markdown)")
    }

    @Test(arguments: literals) func textInATableCellStaysInItsCell(_ literal: String) {
        let table = MarkdownTable(alignments: [.none, .none], header: [[.text(literal)], [.text("b")]], rows: [[[.text("c")], [.text(literal)]]])
        let markdown = MarkdownFormatter().format([.table(table)])
        #expect(MarkdownDocument.parse(markdown).blocks == [.table(table)], "formatted as \(markdown)")
    }

    @Test(arguments: literals) func textInAHeadingAndEmphasis(_ literal: String) {
        let blocks: [MarkdownBlock] = [.heading(level: 2, [.text(literal)]), .paragraph([.text("x "), .strong([.text("a" + literal + "b")])])]
        let markdown = MarkdownFormatter().format(blocks)
        #expect(MarkdownDocument.parse(markdown).blocks == blocks, "formatted as \(markdown)")
    }

    @Test(arguments: ["a b", "a(b", "a)b", "(a)", "a\\b", "a<b>", "a&amp;b", "a\"b", "", "a|b", "é"])
    func linkDestinationAndTitle(_ value: String) {
        let blocks: [MarkdownBlock] = [.paragraph([.link(destination: value, title: value, [.text("t")]),
                                                   .text(" "), .image(source: value, title: value, alt: [.text("i")])])]
        let markdown = MarkdownFormatter().format(blocks)
        #expect(MarkdownDocument.parse(markdown).blocks == blocks, "formatted as \(markdown)")
    }

    @Test(arguments: ["x", "a`b", "``", "`a`", " a ", "  ", "a|b", "\\", "*x*", "<b>"])
    func codeSpan(_ code: String) {
        let blocks: [MarkdownBlock] = [.paragraph([.text("x "), .code(code)])]
        let markdown = MarkdownFormatter().format(blocks)
        #expect(MarkdownDocument.parse(markdown).blocks == blocks, "formatted as \(markdown)")
        let table = MarkdownTable(alignments: [.none], header: [[.code(code)]], rows: [])
        let tableMarkdown = MarkdownFormatter().format([.table(table)])
        #expect(MarkdownDocument.parse(tableMarkdown).blocks == [.table(table)], "formatted as \(tableMarkdown)")
    }

    @Test func codeInfoString() {
        for info in ["swift", "a\\b", "&amp;", "x y"] {
            let blocks: [MarkdownBlock] = [.codeBlock(info: info, text: "```\n")]
            let markdown = MarkdownFormatter().format(blocks)
            #expect(MarkdownDocument.parse(markdown).blocks == blocks, "formatted as \(markdown)")
        }
    }
}
