import Emulator
import Export
import Foundation
import Import
import Markdown
import NotionAPI
import NotionModel
import TestSupport
import Testing

/// Plain GFM that the exporter never writes (setext headings, indented code, `*` lists, nested
/// quotes, autolinked URLs, tables with alignment, footnotes, raw HTML), imported into a new page
/// and exported again: the Markdown Notion gives back, against `Golden/gfm-kitchen-sink.md`.
/// Every difference from the source is a normalization (same rendering) or a reported warning.
@Suite struct GFMImportTests {
    static let source = """
    Setext heading
    ==============

    Second level
    ------------

    A paragraph with *emphasis*, __strong__, ~~strike~~, `code`, a [link](https://example.com "with title"),
    an autolinked www.example.com, an <mailto:someone@example.com> and a hard  
    break.

    * star list
    * second
        * nested four spaces

    1) parenthesis list
    2) second

    Between.

        indented code
        block

    > outer quote
    > > inner quote

    | Left | Center | Right |
    |:-----|:------:|------:|
    | a    | b      | c     |

    Text with a footnote[^n].

    [^n]: The note.

    <div align="center">raw block</div>

    Inline <abbr title="x">abbr</abbr> stays text.

    - [ ] task
    - [x] done

    ---

    ![logo](https://example.com/logo.png)

    """

    @Test func plainGFMComesBackAsTheGoldenMarkdownWithWarnings() async throws {
        let document = MarkdownImporter().read(Self.source, file: "gfm.md")
        #expect(document.warnings.map(\.description) == [
            "gfm.md:7: link title: the title “with title” of a link to https://example.com has no place in Notion and is left out.",
            "gfm.md:26: table alignment: Notion tables have no column alignment; it is left out.",
            "gfm.md:30: footnote: footnote reference [^n] is kept as text: Notion has no footnotes.",
            "gfm.md:34: raw HTML: this HTML is not one of the forms notion-export writes; it is kept as a `markdown:raw` code block holding its source, which an export writes back verbatim.",
            "gfm.md:36: raw HTML: inline HTML <abbr title=\"x\"> is not one of the forms notion-export writes; it is kept as text.",
            "gfm.md:36: raw HTML: inline HTML </abbr> is not one of the forms notion-export writes; it is kept as text.",
            // cmark-gfm moves footnote definitions to the end of the document.
            "gfm.md:32: footnote: Notion has no footnotes; the definition of [^n] is kept as a `markdown:raw` code block holding its source, which an export writes back verbatim.",
        ])

        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let client = harness.client()
        let home = "ba9e0000-0000-8000-8000-000000000001"
        let page = try await client.send(.pagesCreate, body: [
            "parent": ["page_id": .string(home)], "properties": ["title": ["title": [["text": ["content": "GFM"]]]]]])
        let pageID = try #require(page["id"]?.stringValue)
        var writer = TestBlockWriter(client: client, page: { _, _ in .string(home) },
                                     file: { path in ["type": "external", "external": ["url": .string(path)]] },
                                     childPage: { _, _ in throw CancellationError() })
        try await writer.write(document.blocks, under: pageID)

        let out = try TemporaryFolder()
        defer { out.remove() }
        _ = try await MarkdownExport(fetcher: Fetcher(client: client)).run([.page(PageID(pageID)!)], into: out.url)
        let text = try String(contentsOf: out.url.appending(path: "gfm.md"), encoding: .utf8)
        try ImportGolden.check(MarkdownTreeWriter.body(of: text), "gfm-kitchen-sink.md")
    }
}
