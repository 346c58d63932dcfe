import Markdown
import Testing

@Suite struct ParserTests {
    @Test func buildsTypedTree() {
        let document = MarkdownDocument.parse("""
        # Title

        Some *em* **strong** ~~gone~~ `code` [link](https://a.b "T") ![img](i.png) <https://x.y> <b>hi</b>\\
        next[^n]

        1. [x] done
        2. [ ] todo

        | a | b |
        |:--|--:|
        | 1 | 2 |

        [^n]: The note.

        """)
        #expect(document.blocks == [
            .heading(level: 1, [.text("Title")]),
            .paragraph([
                .text("Some "), .emphasis([.text("em")]), .text(" "), .strong([.text("strong")]), .text(" "),
                .strikethrough([.text("gone")]), .text(" "), .code("code"), .text(" "),
                .link(destination: "https://a.b", title: "T", [.text("link")]), .text(" "),
                .image(source: "i.png", title: "", alt: [.text("img")]), .text(" "), .autolink("https://x.y"), .text(" "),
                .html("<b>"), .text("hi"), .html("</b>"), .lineBreak, .text("next"), .footnoteReference("n"),
            ]),
            .list(MarkdownList(.ordered(start: 1), items: [
                MarkdownListItem(checked: true, [.paragraph([.text("done")])]),
                MarkdownListItem(checked: false, [.paragraph([.text("todo")])]),
            ])),
            .table(MarkdownTable(alignments: [.left, .right], header: [[.text("a")], [.text("b")]], rows: [[[.text("1")], [.text("2")]]])),
            .footnoteDefinition(label: "n", [.paragraph([.text("The note.")])]),
        ])
        #expect(document.diagnostics.isEmpty)
    }

    @Test func keepsSourcePositions() {
        let document = MarkdownDocument.parse("para\n\n- a\n\n  b\n- c\n\n> q\n")
        #expect(document.sourceMap.count == 3)
        #expect(document.sourceMap[0].range?.start == SourcePosition(line: 1, column: 1))
        #expect(document.sourceMap[1].children[0].children[1].range?.start == SourcePosition(line: 5, column: 3))
        #expect(document.sourceMap[1].children[1].range?.start == SourcePosition(line: 6, column: 1))
        #expect(document.sourceMap[2].children[0].range?.description == "8:3-8:3")
    }

    @Test func recognizesAlerts() {
        let document = MarkdownDocument.parse("> [!Tip]\n> Use it.\n\n> [!CAUTION]\n>\n> - a\n\n> \\[!NOTE]\n> text\n\n> [!OTHER]\n> x\n")
        #expect(document.blocks == [
            .alert(.tip, [.paragraph([.text("Use it.")])]),
            .alert(.caution, [.list(MarkdownList(.bullet, items: [MarkdownListItem([.paragraph([.text("a")])])]))]),
            .blockQuote([.paragraph([.text("[!NOTE]"), .softBreak, .text("text")])]),
            .blockQuote([.paragraph([.text("[!OTHER]"), .softBreak, .text("x")])]),
        ])
        #expect(document.sourceMap[1].children.count == 1)
    }

    @Test func alertsNestInsideListsAndQuotes() {
        let document = MarkdownDocument.parse("- > [!NOTE]\n  > n\n")
        #expect(document.blocks == [.list(MarkdownList(.bullet, items: [MarkdownListItem([.alert(.note, [.paragraph([.text("n")])])])]))])
    }

    @Test(arguments: ["1", "note-2", "é", "a&b", "x_y"]) func footnoteLabelsSurvive(_ label: String) {
        let document = MarkdownDocument.parse("a[^\(label)]\n\n[^\(label)]: b\n")
        #expect(document.blocks == [.paragraph([.text("a"), .footnoteReference(label)]), .footnoteDefinition(label: label, [.paragraph([.text("b")])])])
        #expect(document.html() == CMark.html("a[^\(label)]\n\n[^\(label)]: b\n"))
    }

    @Test func emailAndBareURLAutolinks() {
        let document = MarkdownDocument.parse("a@b.co and https://x.y and www.x.y\n")
        #expect(document.blocks == [.paragraph([
            .autolink("mailto:a@b.co"), .text(" and "), .autolink("https://x.y"), .text(" and "),
            .link(destination: "http://www.x.y", title: "", [.text("www.x.y")]),
        ])])
    }

    @Test func htmlMatchesCMark() {
        let source = "# T\n\n> [!NOTE]\n> x\n\n| a |\n|---|\n| b |\n"
        #expect(MarkdownDocument.parse(source).html() == CMark.html(source))
    }
}
