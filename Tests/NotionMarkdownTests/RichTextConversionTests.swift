import Markdown
import NotionMarkdown
import NotionModel
import Testing

@Suite struct RichTextConversionTests {
    let converter = NotionMarkdownConverter()

    func markdown(_ items: [RichText], resolver: some ConversionResolver = StubResolver(), converter: NotionMarkdownConverter? = nil) -> String {
        let inlines = (converter ?? self.converter).inlines(items, resolver: resolver).inlines
        return MarkdownFormatter().format([.paragraph(inlines)])
    }

    @Test func annotationsMoveWhitespaceOutsideAndMergeNeighbours() {
        let items = N.richText(N.text("Hello ", "b"), N.text("bold ", "bi"), N.text("world", "b"), N.text(" and "), N.text("code", "c"))
        #expect(markdown(items) == "**Hello *bold* world** and `code`\n")
    }

    @Test func adjacentItemsWithEqualMarksShareMarkers() {
        let items = N.richText(N.text("a", "b"), N.text("b", "b"), N.text("c", "bs"))
        #expect(markdown(items) == "**ab~~c~~**\n")
    }

    @Test func plainTextIsEscapedToRenderAsWritten() {
        let items = N.richText(N.text("1. not a list *nor* _this_ [x] <b> | # `t` ~s~ \\"))
        let text = markdown(items)
        #expect(text == "1\\. not a list \\*nor\\* \\_this\\_ \\[x\\] \\<b\\> \\| \\# \\`t\\` \\~s\\~ \\\\\n")
        #expect(CMark.html(text) == "<p>1. not a list *nor* _this_ [x] &lt;b&gt; | # `t` ~s~ \\</p>\n")
    }

    @Test func underlineAndColoursAsHTMLOrDropped() {
        let items = N.richText(N.text("under", "u"), N.text(" "), N.text("red", color: "red"), N.text(" "), N.text("bg", "b", color: "yellow_background"))
        #expect(markdown(items) == "<u>under</u> <span data-color=\"red\">red</span> <span data-color=\"yellow_background\">**bg**</span>\n")
        let dropping = NotionMarkdownConverter(options: ConversionOptions(colors: .drop, underline: .drop))
        let converted = dropping.inlines(items, resolver: StubResolver())
        #expect(MarkdownFormatter().format([.paragraph(converted.inlines)]) == "under red **bg**\n")
        #expect(converted.warnings.map(\.kind) == [.droppedFormatting, .droppedFormatting, .droppedFormatting])
    }

    @Test func linksAndNotionLinksBecomeRelative() {
        let resolver = StubResolver(targets: [NotionID("ba9e0000-0000-8000-8000-000000000002")!: LinkTarget(href: "../guide.md", title: "Guide")])
        let items = N.richText(N.text("site", link: "https://example.com/a_b"), N.text(" "),
                               N.text("guide", "b", link: "/ba9e0000000080008000000000000002"), N.text(" "),
                               N.text("gone", link: "/ba9e0000000080008000000000000077"))
        let converted = converter.inlines(items, resolver: resolver)
        #expect(MarkdownFormatter().format([.paragraph(converted.inlines)])
            == "[site](https://example.com/a_b) [**guide**](../guide.md) [gone](https://www.notion.so/ba9e0000000080008000000000000077)\n")
        #expect(converted.warnings.map(\.kind) == [.unresolvedLink])
    }

    @Test func everyMentionKind() {
        let page = "ba9e0000-0000-8000-8000-000000000002"
        let resolver = StubResolver(targets: [NotionID(page)!: LinkTarget(href: "guide.md", title: "Guide")],
                                    users: [UserID(NotionID("00000000-0000-4000-8000-0000000000aa")!): "Ada"])
        let items = N.richText(
            N.mention("{\"type\":\"page\",\"page\":{\"id\":\"\(page)\"}}", plain: "Old title"), N.text(" "),
            N.mention("{\"type\":\"user\",\"user\":{\"object\":\"user\",\"id\":\"00000000-0000-4000-8000-0000000000aa\"}}", plain: "@Ada"), N.text(" "),
            N.mention("{\"type\":\"date\",\"date\":{\"start\":\"2025-03-14\",\"end\":\"2025-03-20\",\"time_zone\":null}}", plain: "2025-03-14 → 2025-03-20"), N.text(" "),
            N.mention("{\"type\":\"link_preview\",\"link_preview\":{\"url\":\"https://github.com/x\"}}", plain: "https://github.com/x"), N.text(" "),
            N.mention("{\"type\":\"template_mention\",\"template_mention\":{\"type\":\"template_mention_date\",\"template_mention_date\":\"today\"}}", plain: "@Today"), N.text(" "),
            N.mention("{\"type\":\"custom_emoji\",\"custom_emoji\":{\"id\":\"45ce454c-d427-4f53-9489-e5d0f3d1db6b\",\"name\":\"party\",\"url\":\"https://e.x/p.png\"}}", plain: ":party:")
        )
        #expect(markdown(items, resolver: resolver) == """
        [Guide](guide.md) <span data-mention="user" data-id="00000000-0000-4000-8000-0000000000aa">@Ada</span> \
        <time datetime="2025-03-14" data-end="2025-03-20">2025-03-14 → 2025-03-20</time> \
        <https://github.com/x> \
        <span data-mention="template" data-value="today">@Today</span> \
        <span data-mention="custom_emoji" data-id="45ce454c-d427-4f53-9489-e5d0f3d1db6b">:party:</span>

        """)
    }

    @Test func softLineBreaksAreHardBreaks() {
        #expect(markdown(N.richText(N.text("one\ntwo"))) == "one\\\ntwo\n")
    }

    @Test func emphasisNextToPunctuationStillParses() {
        // `**"quoted"**word` is not strong in CommonMark: the closing run is not right-flanking.
        let items = N.richText(N.text("\"quoted\"", "b"), N.text("word"))
        let text = markdown(items)
        #expect(CMark.html(text, options: [.unsafe]) == "<p><strong>&quot;quoted&quot;</strong>word</p>\n")
    }
}
