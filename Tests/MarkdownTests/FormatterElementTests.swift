import Markdown
import Testing

/// One tiny input per node kind, with its exact canonical text.
@Suite struct FormatterElementTests {
    func format(_ blocks: MarkdownBlock...) -> String { MarkdownFormatter().format(blocks) }
    func inline(_ inlines: MarkdownInline...) -> String { MarkdownFormatter().format([.paragraph(inlines)]) }

    @Test func paragraph() { #expect(format(.paragraph([.text("Hello")])) == "Hello\n") }
    @Test func headings() {
        #expect(format(.heading(level: 1, [.text("One")])) == "# One\n")
        #expect(format(.heading(level: 6, [.text("Six")])) == "###### Six\n")
    }
    @Test func thematicBreak() { #expect(format(.thematicBreak) == "***\n") }
    @Test func blockQuote() {
        #expect(format(.blockQuote([.paragraph([.text("a")]), .paragraph([.text("b")])])) == "> a\n>\n> b\n")
    }
    @Test func bulletList() {
        let list = MarkdownList(.bullet, items: [MarkdownListItem([.paragraph([.text("a")])]), MarkdownListItem([.paragraph([.text("b")])])])
        #expect(format(.list(list)) == "- a\n- b\n")
    }
    @Test func orderedListNumbersFromStart() {
        let items = (0..<3).map { MarkdownListItem([.paragraph([.text("x\($0)")])]) }
        #expect(format(.list(MarkdownList(.ordered(start: 8), items: items))) == "8. x0\n9. x1\n10. x2\n")
    }
    @Test func looseListWithContinuationAlignedUnderMarker() {
        let list = MarkdownList(.ordered(start: 1), tight: false, items: [
            MarkdownListItem([.paragraph([.text("a")]), .paragraph([.text("b")])]),
            MarkdownListItem([.paragraph([.text("c")])]),
        ])
        #expect(format(.list(list)) == "1. a\n\n   b\n\n2. c\n")
    }
    @Test func nestedList() {
        let inner = MarkdownList(.bullet, items: [MarkdownListItem([.paragraph([.text("b")])])])
        let outer = MarkdownList(.bullet, items: [MarkdownListItem([.paragraph([.text("a")]), .list(inner)])])
        #expect(format(.list(outer)) == "- a\n  - b\n")
    }
    @Test func orderedListNotStartingAtOneCannotInterruptAParagraph() {
        let inner = MarkdownList(.ordered(start: 2), items: [MarkdownListItem([.paragraph([.text("b")])])])
        let outer = MarkdownList(.bullet, items: [MarkdownListItem([.paragraph([.text("a")]), .list(inner)])])
        #expect(format(.list(outer)) == "- a\n\n  2. b\n")
    }
    @Test func taskItems() {
        let list = MarkdownList(.bullet, items: [
            MarkdownListItem(checked: true, [.paragraph([.text("done")])]),
            MarkdownListItem(checked: false, [.paragraph([.text("todo")])]),
        ])
        #expect(format(.list(list)) == "- [x] done\n- [ ] todo\n")
    }
    @Test func emptyListItem() {
        #expect(format(.list(MarkdownList(.bullet, items: [MarkdownListItem([])]))) == "-\n")
    }
    @Test func adjacentListsStaySeparate() {
        let list = MarkdownList(.bullet, items: [MarkdownListItem([.paragraph([.text("a")])])])
        #expect(format(.list(list), .list(list)) == "- a\n\n<!-- -->\n\n- a\n")
    }
    @Test func codeBlock() {
        #expect(format(.codeBlock(info: "swift", text: "let x = 1\n")) == "```swift\nlet x = 1\n```\n")
    }
    @Test func codeBlockFenceOutgrowsBackticksInside() {
        #expect(format(.codeBlock(info: "", text: "````\n")) == "`````\n````\n`````\n")
    }
    @Test func codeBlockInfoWithBacktickUsesTildes() {
        #expect(format(.codeBlock(info: "a`b", text: "x\n")) == "~~~a`b\nx\n~~~\n")
    }
    @Test func htmlBlock() { #expect(format(.htmlBlock("<div>\nx\n</div>\n")) == "<div>\nx\n</div>\n") }
    @Test func table() {
        let table = MarkdownTable(alignments: [.none, .left, .center, .right],
                                  header: [[.text("a")], [.text("b")], [.text("c")], [.text("d")]],
                                  rows: [[[.text("1")], [.text("x|y")], [.code("p|q")], []]])
        #expect(format(.table(table)) == "| a | b | c | d |\n| --- | :-- | :-: | --: |\n| 1 | x\\|y | `p\\|q` |  |\n")
    }
    @Test func alignedTable() {
        let table = MarkdownTable(alignments: [.right, .none], header: [[.text("a")], [.text("long one")]], rows: [[[.text("1")], [.text("2")]]])
        #expect(MarkdownFormatter(.init(tableStyle: .aligned)).format([.table(table)])
            == "| a   | long one |\n| --: | -------- |\n| 1   | 2        |\n")
    }
    @Test func tableCellLineBreak() {
        let table = MarkdownTable(alignments: [.none], header: [[.text("a"), .lineBreak, .text("b")]], rows: [])
        #expect(format(.table(table)) == "| a<br>b |\n| --- |\n")
    }
    @Test func footnoteDefinition() {
        #expect(format(.footnoteDefinition(label: "1", [.paragraph([.text("a")]), .paragraph([.text("b")])])) == "[^1]: a\n\n    b\n")
    }
    @Test func alerts() {
        #expect(format(.alert(.warning, [.paragraph([.text("Hot.")])])) == "> [!WARNING]\n> Hot.\n")
        #expect(format(.alert(.note, [.codeBlock(info: "", text: "x\n")])) == "> [!NOTE]\n>\n> ```\n> x\n> ```\n")
        #expect(format(.alert(.tip, [])) == "> [!TIP]\n")
    }

    @Test func text() { #expect(inline(.text("plain")) == "plain\n") }
    @Test func softBreak() { #expect(inline(.text("a"), .softBreak, .text("b")) == "a\nb\n") }
    @Test func lineBreak() { #expect(inline(.text("a"), .lineBreak, .text("b")) == "a\\\nb\n") }
    @Test func codeSpans() {
        #expect(inline(.code("x")) == "`x`\n")
        #expect(inline(.code("a`b")) == "``a`b``\n")
        #expect(inline(.code("`a")) == "`` `a ``\n")
        #expect(inline(.code(" a ")) == "`  a  `\n")
    }
    @Test func emphasisStrongStrikethrough() {
        #expect(inline(.emphasis([.text("a")])) == "*a*\n")
        #expect(inline(.strong([.text("a")])) == "**a**\n")
        #expect(inline(.strikethrough([.text("a")])) == "~~a~~\n")
    }
    @Test func nestedEmphasisAtAnEdgeUsesUnderscores() {
        #expect(inline(.emphasis([.emphasis([.text("a")])])) == "*_a_*\n")
        #expect(inline(.strong([.emphasis([.text("a")])])) == "**_a_**\n")
        // `**_a_b**` would not close `_` inside a word (and `***a*b**` is fragile): HTML.
        #expect(inline(.strong([.emphasis([.text("a")]), .text("b")])) == "**<em>a</em>b**\n")
        #expect(inline(.strong([.text("b "), .emphasis([.text("a")])])) == "**b _a_**\n")
        // Where no delimiter can flank, an HTML element renders the same.
        #expect(inline(.strong([.text("\"q\"")]), .text("w")) == "<strong>\"q\"</strong>w\n")
        #expect(inline(.emphasis([.text("a"), .emphasis([.text("b")]), .text("c")])) == "*a*b*c*\n")
    }
    @Test func bangBeforeALinkIsEscaped() {
        #expect(inline(.text("!"), .link(destination: "u", title: "", [.text("t")])) == "\\![t](u)\n")
    }
    @Test func whitespaceMovesOutsideEmphasis() {
        #expect(inline(.text("x"), .strong([.text(" bold ")]), .text("y")) == "x **bold** y\n")
        #expect(inline(.text("x"), .emphasis([.text("  ")]), .text("y")) == "x  y\n")
        #expect(inline(.text("x"), .strikethrough([]), .text("y")) == "xy\n")
    }
    @Test func links() {
        #expect(inline(.link(destination: "https://a.b/c", title: "", [.text("t")])) == "[t](https://a.b/c)\n")
        #expect(inline(.link(destination: "a b", title: "T \"q\"", [.text("t")])) == "[t](<a b> \"T \\\"q\\\"\")\n")
        #expect(inline(.link(destination: "a)b", title: "", [.text("t")])) == "[t](<a)b>)\n")
        #expect(inline(.link(destination: "a(b)", title: "", [.text("t")])) == "[t](a\\(b\\))\n")
        #expect(inline(.link(destination: "", title: "", [.text("t")])) == "[t](<>)\n")
    }
    @Test func image() {
        #expect(inline(.image(source: "i.png", title: "T", alt: [.text("alt")])) == "![alt](i.png \"T\")\n")
    }
    @Test func autolinks() {
        #expect(inline(.autolink("https://example.com")) == "<https://example.com>\n")
        #expect(inline(.autolink("mailto:a@b.co")) == "<a@b.co>\n")
        #expect(inline(.autolink("not a uri")) == "[not a uri](<not a uri>)\n")
    }
    @Test func inlineHTML() { #expect(inline(.text("a"), .html("<b>"), .text("c")) == "a<b>c\n") }
    @Test func footnoteReference() { #expect(inline(.text("a"), .footnoteReference("n1")) == "a[^n1]\n") }
}
