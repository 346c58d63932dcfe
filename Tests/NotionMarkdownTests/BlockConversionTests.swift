import Markdown
import NotionMarkdown
import NotionModel
import Testing

/// One test per block family: tiny Notion input, the exact Markdown expected.
@Suite struct BlockConversionTests {
    let converter = NotionMarkdownConverter()

    @Test func paragraphsAndEmptyParagraphs() {
        let blocks = [N.paragraph(N.text("Hello ")), N.paragraph(), N.paragraph(N.text("world"))]
        #expect(converter.markdown(blocks) == "Hello\n\n<br>\n\nworld\n")
    }

    @Test func headingsOneToFour() {
        let blocks = (1...4).map { N.block("heading_\($0)", "{\"rich_text\":\(N.rich(N.text("Level \($0)"))),\"is_toggleable\":false,\"color\":\"default\"}") }
        #expect(converter.markdown(blocks) == "# Level 1\n\n## Level 2\n\n### Level 3\n\n#### Level 4\n")
    }

    @Test func toggleableHeadingKeepsItsChildrenInDetails() {
        let heading = N.block("heading_2", "{\"rich_text\":\(N.rich(N.text("FAQ "), N.text("now", "b"))),\"is_toggleable\":true,\"color\":\"default\"}",
                              [N.paragraph(N.text("Answer"))])
        #expect(converter.markdown([heading]) == "<details>\n<summary><h2>FAQ <strong>now</strong></h2></summary>\n\nAnswer\n\n</details>\n")
    }

    @Test func nestedListsNumberedFromTheirStart() {
        let blocks = [
            N.block("numbered_list_item", "{\"rich_text\":\(N.rich(N.text("one"))),\"color\":\"default\"}", [
                N.block("bulleted_list_item", "{\"rich_text\":\(N.rich(N.text("a"))),\"color\":\"default\"}", [
                    N.block("numbered_list_item", "{\"rich_text\":\(N.rich(N.text("deep"))),\"color\":\"default\"}"),
                    N.block("numbered_list_item", "{\"rich_text\":\(N.rich(N.text("deeper"))),\"color\":\"default\"}"),
                ]),
            ]),
            N.block("numbered_list_item", "{\"rich_text\":\(N.rich(N.text("two"))),\"color\":\"default\"}"),
            N.paragraph(N.text("between")),
            N.block("numbered_list_item", "{\"rich_text\":\(N.rich(N.text("again"))),\"color\":\"default\",\"list_start_index\":7}"),
        ]
        #expect(converter.markdown(blocks) == """
        1. one
           - a
             1. deep
             2. deeper
        2. two

        between

        7. again

        """)
    }

    @Test func toDosShareAListWithBullets() {
        let blocks = [
            N.block("to_do", "{\"rich_text\":\(N.rich(N.text("done"))),\"checked\":true,\"color\":\"default\"}"),
            N.block("to_do", "{\"rich_text\":\(N.rich(N.text("open"))),\"checked\":false,\"color\":\"default\"}", [
                N.block("to_do", "{\"rich_text\":\(N.rich(N.text("sub"))),\"checked\":false,\"color\":\"default\"}"),
            ]),
            N.block("bulleted_list_item", "{\"rich_text\":\(N.rich(N.text("plain"))),\"color\":\"default\"}"),
        ]
        #expect(converter.markdown(blocks) == "- [x] done\n- [ ] open\n  - [ ] sub\n- plain\n")
    }

    @Test func toggleIsDetails() {
        let toggle = N.block("toggle", "{\"rich_text\":\(N.rich(N.text("More <b>"))),\"color\":\"default\"}", [
            N.paragraph(N.text("Hidden *text*")),
            N.block("bulleted_list_item", "{\"rich_text\":\(N.rich(N.text("item"))),\"color\":\"default\"}"),
        ])
        #expect(converter.markdown([toggle]) == """
        <details>
        <summary>More &lt;b&gt;</summary>

        Hidden \\*text\\*

        - item

        </details>

        """)
    }

    @Test func toggleInsideAListMakesTheListLoose() {
        let item = N.block("bulleted_list_item", "{\"rich_text\":\(N.rich(N.text("item"))),\"color\":\"default\"}", [
            N.block("toggle", "{\"rich_text\":\(N.rich(N.text("T"))),\"color\":\"default\"}", [N.paragraph(N.text("inside"))]),
        ])
        let markdown = converter.markdown([item])
        #expect(markdown == "- item\n\n  <details>\n  <summary>T</summary>\n\n  inside\n\n  </details>\n")
        #expect(CMark.html(markdown, options: [.unsafe]).contains("<p>inside</p>"))
    }

    @Test func quoteWithChildren() {
        let quote = N.block("quote", "{\"rich_text\":\(N.rich(N.text("Said"))),\"color\":\"default\"}", [N.paragraph(N.text("and more"))])
        #expect(converter.markdown([quote]) == "> Said\n>\n> and more\n")
    }

    @Test func calloutAsAlertKeepsIconAndColour() {
        let callout = N.block("callout", """
        {"rich_text":\(N.rich(N.text("Careful"))),"icon":{"type":"emoji","emoji":"⚠️"},"color":"yellow_background"}
        """, [N.paragraph(N.text("details"))])
        #expect(converter.markdown([callout]) == """
        > [!WARNING]
        >
        > <!-- notion:callout icon="⚠️" color="yellow_background" -->
        >
        > Careful
        >
        > details

        """)
    }

    @Test func calloutAsHTML() {
        let converter = NotionMarkdownConverter(options: ConversionOptions(callouts: .html))
        let callout = N.block("callout", """
        {"rich_text":\(N.rich(N.text("Tip"))),"icon":{"type":"emoji","emoji":"💡"},"color":"gray_background"}
        """)
        #expect(converter.markdown([callout]) == "<aside data-callout data-icon=\"💡\" data-color=\"gray_background\">\n\nTip\n\n</aside>\n")
    }

    @Test func codeWithLanguageAndCaption() {
        let code = N.block("code", """
        {"caption":\(N.rich(N.text("The \"main\" file"))),"rich_text":\(N.rich(N.text("int main() {\n  return 0;\n}"))),"language":"c++"}
        """)
        #expect(converter.markdown([code]) == "```cpp caption=\"The \\\\\"main\\\\\" file\"\nint main() {\n  return 0;\n}\n```\n")
        let plain = N.block("code", "{\"caption\":[],\"rich_text\":\(N.rich(N.text("```"))),\"language\":\"plain text\"}")
        #expect(converter.markdown([plain]) == "````text\n```\n````\n")
    }

    @Test func aRawMarkdownCodeBlockIsWrittenBackVerbatim() {
        // The importer's carrier for HTML and footnotes it cannot map: the source comes back as it was.
        let raw = N.block("code", """
        {"caption":\(N.rich(N.text("markdown:raw"))),"rich_text":\(N.rich(N.text("<div class=\"x\">\n*kept*\n</div>"))),"language":"html"}
        """)
        #expect(converter.markdown([raw, N.paragraph(N.text("after"))]) == "<div class=\"x\">\n*kept*\n</div>\n\nafter\n")
        let captioned = N.block("code", "{\"caption\":\(N.rich(N.text("markdown:raw, not"))),\"rich_text\":\(N.rich(N.text("x"))),\"language\":\"html\"}")
        #expect(converter.markdown([captioned]) == "```html caption=\"markdown:raw, not\"\nx\n```\n")
    }

    @Test func equationsBlockAndInline() {
        let blocks = [
            N.block("equation", "{\"expression\":\"e^{i\\\\pi} + 1 = 0\"}"),
            N.paragraph(N.text("Area "), N.equation("\\pi r^2"), N.text(".")),
        ]
        #expect(converter.markdown(blocks) == "```math\ne^{i\\pi} + 1 = 0\n```\n\nArea $`\\pi r^2`$.\n")
    }

    @Test func dividerIsAThematicBreak() {
        #expect(converter.markdown([N.block("divider", "{}")]) == "***\n")
    }

    @Test func tableWithColumnHeaderEscapesPipesAndBreaks() {
        let row = { (cells: [String]) in
            N.block("table_row", "{\"cells\":[" + cells.map { "[" + N.text($0) + "]" }.joined(separator: ",") + "]}")
        }
        let table = N.block("table", "{\"table_width\":2,\"has_column_header\":true,\"has_row_header\":false}",
                            [row(["Name", "Value"]), row(["a|b", "line\nbreak"])])
        #expect(converter.markdown([table]) == "| Name | Value |\n| --- | --- |\n| a\\|b | line<br>break |\n")
    }

    @Test func tableWithoutColumnHeaderHasAnEmptyHeaderAndRowHeaderMarker() {
        let row = N.block("table_row", "{\"cells\":[[\(N.text("k"))],[\(N.text("v"))]]}")
        let table = N.block("table", "{\"table_width\":2,\"has_column_header\":false,\"has_row_header\":true}", [row])
        #expect(converter.markdown([table]) == "<!-- notion:table row-header -->\n\n|  |  |\n| --- | --- |\n| k | v |\n")
    }

    @Test func columnsKeepTheirWidths() {
        let columns = N.block("column_list", "{}", [
            N.block("column", "{\"width_ratio\":0.25}", [N.paragraph(N.text("left"))]),
            N.block("column", "{\"width_ratio\":0.75}", [N.paragraph(N.text("right"))]),
        ])
        #expect(converter.markdown([columns]) == """
        <div data-columns>

        <div data-column data-width="0.25">

        left

        </div>

        <div data-column data-width="0.75">

        right

        </div>

        </div>

        """)
    }

    @Test func mediaWithCaptionsAndLocalAssets() {
        let resolver = StubResolver(assets: ["https://files.example/space/abc/diagram.png": "assets/diagram-0123456789ab.png"])
        let blocks = [
            N.block("image", """
            {"caption":\(N.rich(N.text("The *plan*"))),"type":"file","file":{"url":"https://files.example/space/abc/diagram.png?X-Amz=1","expiry_time":"2025-01-01T01:00:00.000Z"}}
            """),
            N.block("video", "{\"caption\":[],\"type\":\"external\",\"external\":{\"url\":\"https://youtu.be/x\"}}"),
            N.block("file", "{\"caption\":[],\"type\":\"external\",\"external\":{\"url\":\"https://example.com/a%20b.zip\"},\"name\":\"Archive.zip\"}"),
            N.block("pdf", "{\"caption\":\(N.rich(N.text("Spec"))),\"type\":\"external\",\"external\":{\"url\":\"https://example.com/spec.pdf\"}}"),
            N.block("audio", "{\"caption\":[],\"type\":\"external\",\"external\":{\"url\":\"https://example.com/talk.mp3\"}}"),
        ]
        #expect(converter.markdown(blocks, resolver: resolver) == """
        ![The \\*plan\\*](assets/diagram-0123456789ab.png)

        [https\\://youtu.be/x](https://youtu.be/x "video")

        [Archive.zip](https://example.com/a%20b.zip "file")

        [Spec](https://example.com/spec.pdf "pdf")

        [https\\://example.com/talk.mp3](https://example.com/talk.mp3 "audio")

        """)
    }

    @Test func bookmarksEmbedsAndLinkPreviews() {
        let blocks = [
            N.block("bookmark", "{\"caption\":[],\"url\":\"https://example.com/\"}"),
            N.block("embed", "{\"caption\":\(N.rich(N.text("Map"))),\"url\":\"https://maps.example/x\"}"),
            N.block("link_preview", "{\"url\":\"https://github.com/a/b/pull/1\"}"),
        ]
        #expect(converter.markdown(blocks) == """
        [https\\://example.com/](https://example.com/ "bookmark")

        [Map](https://maps.example/x "embed")

        [https\\://github.com/a/b/pull/1](https://github.com/a/b/pull/1 "link_preview")

        """)
    }

    @Test func childPagesDatabasesAndLinksToPages() throws {
        let child = "ba9e0000-0000-8000-8000-000000000002"
        let database = "dbdb0000-0000-8000-8000-000000000001"
        let outside = "ba9e0000-0000-8000-8000-000000000099"
        let resolver = StubResolver(targets: [
            NotionID(child)!: LinkTarget(href: "home/child.md", title: "Child"),
            NotionID(database)!: LinkTarget(href: "home/blog.md", title: "Blog"),
        ])
        let blocks = [
            N.block("child_page", "{\"title\":\"Child\"}", id: child),
            N.block("child_database", "{\"title\":\"Blog\"}", id: database),
            N.block("link_to_page", "{\"type\":\"page_id\",\"page_id\":\"\(outside)\"}"),
        ]
        let converted = converter.convert(blocks, resolver: resolver)
        #expect(MarkdownFormatter().format(converted.blocks) == """
        [Child](home/child.md "child_page")

        [Blog](home/blog.md "child_database")

        [ba9e0000-0000-8000-8000-000000000099](https://www.notion.so/ba9e0000000080008000000000000099 "link_to_page")

        """)
        #expect(converted.warnings.map(\.kind) == [.unresolvedLink])
    }

    @Test func syncedBlocksAreMarked() {
        let original = N.block("synced_block", "{\"synced_from\":null}", id: "b10c0000-0000-4000-8000-00000000aaaa", [N.paragraph(N.text("shared"))])
        let reference = N.block("synced_block", "{\"synced_from\":{\"type\":\"block_id\",\"block_id\":\"b10c0000-0000-4000-8000-00000000aaaa\"}}",
                                [N.paragraph(N.text("shared"))])
        #expect(converter.markdown([original, reference]) == """
        <!-- notion:synced_block id="b10c0000-0000-4000-8000-00000000aaaa" -->

        shared

        <!-- /notion:synced_block -->

        <!-- notion:synced_block from="b10c0000-0000-4000-8000-00000000aaaa" -->

        shared

        <!-- /notion:synced_block -->

        """)
    }

    @Test func tableOfContentsListsHeadingsWithGitHubAnchors() {
        let blocks = [
            N.block("table_of_contents", "{\"color\":\"default\"}"),
            N.block("heading_1", "{\"rich_text\":\(N.rich(N.text("Intro!"))),\"is_toggleable\":false,\"color\":\"default\"}"),
            N.block("heading_2", "{\"rich_text\":\(N.rich(N.text("Part A"))),\"is_toggleable\":false,\"color\":\"default\"}"),
            N.block("heading_1", "{\"rich_text\":\(N.rich(N.text("Intro"))),\"is_toggleable\":false,\"color\":\"default\"}"),
        ]
        #expect(converter.markdown(blocks) == """
        <!-- notion:table_of_contents -->

        - [Intro!](#intro)
          - [Part A](#part-a)
        - [Intro](#intro-1)

        <!-- /notion:table_of_contents -->

        # Intro!

        ## Part A

        # Intro

        """)
    }

    @Test func breadcrumbLinksTheAncestors() {
        let context = DocumentContext(breadcrumb: [LinkTarget(href: "../home.md", title: "Home"), LinkTarget(href: "page.md", title: "Page")])
        #expect(converter.markdown([N.block("breadcrumb", "{}")], context: context) == """
        <!-- notion:breadcrumb -->

        [Home](../home.md) / [Page](page.md)

        <!-- /notion:breadcrumb -->

        """)
    }

    @Test func tabsAndMeetingNotes() {
        let tabs = N.block("tab", "{}", [
            N.paragraph(N.text("First"), children: [N.paragraph(N.text("one"))]),
            N.paragraph(N.text("Second \"tab\""), children: [N.paragraph(N.text("two"))]),
        ])
        let notes = N.block("meeting_notes", "{\"title\":\(N.rich(N.text("Standup"))),\"status\":\"notes_ready\"}", [N.paragraph(N.text("Notes"))])
        #expect(converter.markdown([tabs, notes]) == """
        <div data-tabs>

        <div data-tab data-title="First">

        one

        </div>

        <div data-tab data-title="Second &quot;tab&quot;">

        two

        </div>

        </div>

        <details data-meeting-notes>
        <summary>Standup</summary>

        Notes

        </details>

        """)
    }

    @Test func unsupportedAndUnknownBlocksBecomeVisiblePlaceholdersWithWarnings() {
        let unsupported = N.block("unsupported", "{\"block_type\":\"form\"}", id: "b10c0000-0000-4000-8000-0000000000f1")
        let unknown = N.block("hologram", "{\"beam\":true}", id: "b10c0000-0000-4000-8000-0000000000f2", [N.paragraph(N.text("kept"))])
        let converted = converter.convert([unsupported, unknown], resolver: StubResolver())
        #expect(MarkdownFormatter().format(converted.blocks) == """
        > [!WARNING]
        > Notion block `form` could not be exported (block b10c0000-0000-4000-8000-0000000000f1).

        > [!WARNING]
        > Notion block `hologram` could not be exported (block b10c0000-0000-4000-8000-0000000000f2).

        kept

        """)
        #expect(converted.warnings.map(\.description) == [
            "unsupported block (block b10c0000-0000-4000-8000-0000000000f1): Notion does not give the API the content of “form” blocks; a placeholder stands in.",
            "unknown block type (block b10c0000-0000-4000-8000-0000000000f2): this version of notion-export does not know “hologram” blocks; a placeholder stands in (the backup keeps its JSON).",
        ])
    }

    @Test func blockColourWrapsTheText() {
        #expect(converter.markdown([N.paragraph(N.text("Red"), color: "red_background")]) == "<span data-block-color=\"red_background\">Red</span>\n")
        let dropping = NotionMarkdownConverter(options: ConversionOptions(colors: .drop))
        let converted = dropping.convert([N.paragraph(N.text("Red"), color: "red")], resolver: StubResolver())
        #expect(MarkdownFormatter().format(converted.blocks) == "Red\n")
        #expect(converted.warnings.map(\.kind) == [.droppedFormatting])
    }

    @Test func overridesReplaceOmitOrFallBack() {
        let converter = NotionMarkdownConverter(overrides: [
            .divider: { _, _ in .replace([.paragraph([.text("§")])]) },
            .paragraph: { block, context in
                guard block.content.richText?.plainText == "secret" else { return .useDefault }
                return .omit
            },
            .quote: { block, context in .replace([.blockQuote([.paragraph(context.inlines(block.content.richText ?? []) + [.text("!")])])]) },
        ])
        let blocks = [
            N.block("divider", "{}"), N.paragraph(N.text("secret")), N.paragraph(N.text("public")),
            N.block("quote", "{\"rich_text\":\(N.rich(N.text("bold", "b"))),\"color\":\"default\"}"),
        ]
        let converted = converter.convert(blocks, resolver: StubResolver())
        #expect(MarkdownFormatter().format(converted.blocks) == "§\n\npublic\n\n> **bold**!\n")
        #expect(converted.warnings.map(\.kind) == [.omittedBlock])
    }
}
