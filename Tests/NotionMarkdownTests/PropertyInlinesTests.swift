import Foundation
import Markdown
import NotionMarkdown
import NotionModel
import Testing
import TestSupport

@Suite struct PropertyInlinesTests {
    typealias V = PropertyValue.Value

    static func cell(_ value: V, resolver: StubResolver = Sample.resolver) -> (inlines: [MarkdownInline], warnings: [ConversionWarning]) {
        PropertyInlines.cell(PropertyValue(id: "x", value), named: "Prop", resolver: resolver, richText: Sample.inlines)
    }

    static func expect(_ value: V, _ inlines: [MarkdownInline], sourceLocation: SourceLocation = #_sourceLocation) {
        let (actual, warnings) = cell(value)
        #expect(actual == inlines, sourceLocation: sourceLocation)
        #expect(warnings.isEmpty, sourceLocation: sourceLocation)
    }

    /// The row of a one-column table holding the cell, as the formatter writes it.
    static func row(_ inlines: [MarkdownInline]) -> String? {
        let table = MarkdownDocument([.table(MarkdownTable(alignments: [.none], header: [[.text("Prop")]], rows: [[inlines]]))])
        return table.formatted().split(separator: "\n").last.map(String.init)
    }

    /// The forms this type chooses, through the formatter: links, autolinks, check marks, and a
    /// pipe in rich text.
    @Test func cellsFormatAsTableRows() {
        let files = Self.cell(.files([NamedFile(name: "Style guide", file: .external(url: "https://acme.example/style-guide.pdf"))])).inlines
        #expect(Self.row(files) == "| [Style guide](https://acme.example/style-guide.pdf) |")
        #expect(Self.row(Self.cell(.relation([.init(Sample.otherPageID)], hasMore: nil)).inlines) == "| [Other page](../Other%20page.md) |")
        #expect(Self.row(Self.cell(.url("https://acme.example/a")).inlines) == "| <https://acme.example/a> |")
        #expect(Self.row(Self.cell(.email("jonas@acme.example")).inlines) == "| <jonas@acme.example> |")
        #expect(Self.row(Self.cell(.checkbox(true)).inlines) == "| ☑ |")
        #expect(Self.row(Self.cell(.checkbox(false)).inlines) == "| ☐ |")
        #expect(Self.row(Self.cell(.richText([.text("a | b")])).inlines) == "| a \\| b |")
        #expect(Self.row(Self.cell(.button).inlines) == "|  |")
    }

    @Test func titleAndRichText() {
        Self.expect(.richText([.text("Bold", annotations: Annotations(bold: true)), .text(" | plain")]),
                    [.strong([.text("Bold")]), .text(" | plain")])
        Self.expect(.title([.text("Row")]), [.text("Row")])
        Self.expect(.richText([]), [])
    }

    @Test func number() {
        Self.expect(.number(5), [.text("5")])
        Self.expect(.number(42.5), [.text("42.5")])
        Self.expect(.number(nil), [])
    }

    @Test func selectStatusMultiSelect() {
        Self.expect(.select(SelectOption(name: "Tech")), [.text("Tech")])
        Self.expect(.status(nil), [])
        Self.expect(.multiSelect([SelectOption(name: "Design"), SelectOption(name: "*Eng*")]), [.text("Design, *Eng*")])
    }

    @Test func date() {
        Self.expect(.date(DateValue(start: "2025-03-14")), [.text("2025-03-14")])
        Self.expect(.date(DateValue(start: "2025-03-14", end: "2025-03-20")), [.text("2025-03-14 → 2025-03-20")])
        Self.expect(.date(DateValue(start: "2025-03-14T09:00:00.000", timeZone: "Europe/Berlin")),
                    [.text("2025-03-14T09:00:00.000 (Europe/Berlin)")])
    }

    @Test func people() {
        let named = User(id: Sample.userID, type: "person", name: "Yuki Tanaka")
        Self.expect(.people([.user(named), .user(.partial(Sample.unnamedUserID)), .group(Group(id: NotionID("9a0b0000-0000-8000-8000-000000000001")!, name: "Platform"))]),
                    [.text("Yuki Tanaka, Resolved Name, Platform")])
    }

    @Test func files() {
        Self.expect(.files([
            NamedFile(name: "cover.png", file: .file(url: "https://files.example/secure/cover.png?X-Amz-Expires=3600", expiryTime: nil)),
            NamedFile(name: nil, file: .external(url: "https://acme.example/docs/guide.pdf?v=2")),
        ]), [
            .link(destination: "assets/cover.png", title: "", [.text("cover.png")]), .text(", "),
            .link(destination: "https://acme.example/docs/guide.pdf?v=2", title: "", [.text("guide.pdf")]),
        ])
    }

    @Test func notionHostedFileWithoutCopyLosesItsSignature() {
        Self.expect(.files([NamedFile(name: "a.png", file: .file(url: "https://files.example/a.png?X-Amz-Signature=abc", expiryTime: nil))]),
                    [.link(destination: "https://files.example/a.png", title: "", [.text("a.png")])])
    }

    @Test func truncatedRelationIsWarnedAbout() {
        let (inlines, warnings) = Self.cell(.relation([.init(Sample.otherPageID)], hasMore: true))
        #expect(inlines == [.link(destination: "../Other%20page.md", title: "", [.text("Other page")])])
        #expect(warnings.map(\.kind) == [.incompleteProperty])
    }

    @Test func checkbox() {
        Self.expect(.checkbox(true), [.text("☑")])
        Self.expect(.checkbox(false), [.text("☐")])
    }

    @Test func urlEmailPhone() {
        Self.expect(.url("https://acme.example/a"), [.autolink("https://acme.example/a")])
        Self.expect(.url("acme.example"), [.text("acme.example")])
        Self.expect(.email("jonas@acme.example"), [.autolink("mailto:jonas@acme.example")])
        Self.expect(.phoneNumber("+49 30 1234567"), [.text("+49 30 1234567")])
        Self.expect(.url(nil), [])
    }

    @Test func formula() {
        Self.expect(.formula(.string("⭐ Engineering")), [.text("⭐ Engineering")])
        Self.expect(.formula(.number(3)), [.text("3")])
        Self.expect(.formula(.boolean(true)), [.text("☑")])
        Self.expect(.formula(.date(DateValue(start: "2026-07-01"))), [.text("2026-07-01")])
        Self.expect(.formula(.boolean(nil)), [])
    }

    @Test func relation() {
        let (inlines, warnings) = Self.cell(.relation([.init(Sample.otherPageID), .init(Sample.missingPageID)], hasMore: false))
        #expect(inlines == [
            .link(destination: "../Other%20page.md", title: "", [.text("Other page")]), .text(", "),
            .autolink("https://www.notion.so/1f2e3d4c0000400080000000000000ff"),
        ])
        #expect(warnings.map(\.description) == [
            "unresolved link: property \"Prop\" relates to page 1f2e3d4c-0000-4000-8000-0000000000ff, which is not part of the export: kept as its Notion URL",
        ])
    }

    @Test func rollup() {
        Self.expect(.rollup(.init(function: "count", .number(28))), [.text("28")])
        Self.expect(.rollup(.init(function: "latest_date", .date(DateValue(start: "2026-01-10")))), [.text("2026-01-10")])
        Self.expect(.rollup(.init(function: "show_original", .array([
            PropertyValue(id: nil, .title([.text("Row A")])), PropertyValue(id: nil, .multiSelect([SelectOption(name: "x"), SelectOption(name: "y")])),
            PropertyValue(id: nil, .richText([])),
        ]))), [.text("Row A, x, y")])
        Self.expect(.rollup(.init(function: "median", .unsupported(.object([:])))), [])
        let incomplete = Self.cell(.rollup(.init(function: "sum", .incomplete(.object([:])))))
        #expect(incomplete.inlines.isEmpty)
        #expect(incomplete.warnings.map(\.kind) == [.incompleteProperty])
    }

    @Test func createdAndEdited() {
        Self.expect(.createdTime("2025-09-01T12:00:00.000Z"), [.text("2025-09-01T12:00:00.000Z")])
        Self.expect(.lastEditedBy(.partial(Sample.unnamedUserID)), [.text("Resolved Name")])
        Self.expect(.createdBy(.partial(UserID("aced0000-0000-8000-8000-0000000000ff")!)), [.text("aced0000-0000-8000-8000-0000000000ff")])
    }

    @Test func uniqueIDVerificationPlaceButton() {
        Self.expect(.uniqueID(.init(prefix: "TOP", number: 1)), [.text("TOP-1")])
        Self.expect(.uniqueID(.init(prefix: nil, number: 12)), [.text("12")])
        Self.expect(.verification(.init(state: "verified")), [.text("verified")])
        Self.expect(.place(.init(lat: 52.52, lon: 13.405, name: "Berlin office")), [.text("Berlin office")])
        Self.expect(.place(.init(lat: 52.52, lon: 13.405)), [.text("52.52, 13.405")])
        Self.expect(.button, [])
    }

    @Test func unknownTypeIsInlineJSONWithAWarning() {
        let (inlines, warnings) = Self.cell(.unknown(type: "ai_summary", .object(["text": .string("a|b")])))
        #expect(inlines == [.code(#"{"text":"a|b"}"#)])
        #expect(warnings.map(\.description) == [
            "unknown property type: property \"Prop\" has type `ai_summary`, which this build does not know: written as its raw JSON",
        ])
    }

    @Test func titleInlinesHaveNoLinks() {
        var page = Sample.page()
        page.properties["Name"] = PropertyValue(id: "title", .title([
            .text("Read ", annotations: Annotations(bold: true)), .text("this", link: "https://example.com"),
        ]))
        #expect(PropertyInlines.title(of: page, richText: Sample.inlines) == [.strong([.text("Read ")]), .text("this")])
        page.properties["Name"] = PropertyValue(id: "title", .title([]))
        #expect(PropertyInlines.title(of: page, richText: Sample.inlines) == [.text("Untitled")])
    }

    /// The sample workspace's "Engineering" topic row, cell by cell.
    @Test func sampleTopicRow() throws {
        let page = try FrontMatterTests.samplePage("pages/topics/engineering.json")
        var resolver = StubResolver()
        resolver.assets["files/images/architecture-diagram.png"] = "assets/architecture-diagram.png"
        var cells: [String: [MarkdownInline]] = [:]
        for (name, value) in page.properties where name != "Posts" {
            let (inlines, warnings) = PropertyInlines.cell(value, named: name, resolver: resolver, richText: Sample.inlines)
            #expect(warnings.isEmpty)
            cells[name] = inlines
        }
        #expect(cells == [
            "Name": [.text("Engineering")],
            "Area": [.text("Tech")],
            "Assets": [
                .link(destination: "assets/architecture-diagram.png", title: "", [.text("architecture-diagram.png")]), .text(", "),
                .link(destination: "https://acme.example/brand/style-guide.pdf", title: "", [.text("Style guide")]),
            ],
            "Created": [.text("2025-09-01T12:00:00.000Z")],
            "Created by": [.text("Yuki Tanaka")],
            "Display name": [.text("⭐ Engineering")],
            "Docs": [.autolink("https://acme.example/topics/engineering")],
            "Edited": [.text("2025-09-01T12:00:00.000Z")],
            "Featured": [.text("☑")],
            "Hotline": [.text("+49 30 1234567")],
            "Owner email": [.autolink("mailto:jonas.weber@acme.example")],
            "Post count": [.text("28")],
            "Topic ID": [.text("TOP-1")],
            "Weight": [.text("5")],
        ])
    }
}
