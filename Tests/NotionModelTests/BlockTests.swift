import Foundation
import NotionModel
import Testing

@Suite struct BlockTests {
    typealias S = Sample
    static let hello = S.text("Hello")
    static let rt = "[\(hello)]"
    static let helloText = RichText.text("Hello")

    /// One small payload per block type in the reference.
    static let examples: [(type: String, payload: String)] = [
        ("paragraph", #"{"rich_text":\#(rt),"icon":null,"color":"default"}"#),
        ("heading_1", #"{"rich_text":\#(rt),"is_toggleable":false,"color":"default"}"#),
        ("heading_2", #"{"rich_text":\#(rt),"is_toggleable":true,"color":"blue_background"}"#),
        ("heading_3", #"{"rich_text":\#(rt),"is_toggleable":false,"color":"default"}"#),
        ("heading_4", #"{"rich_text":\#(rt),"is_toggleable":false,"color":"red"}"#),
        ("bulleted_list_item", #"{"rich_text":\#(rt),"color":"default"}"#),
        ("numbered_list_item", #"{"rich_text":\#(rt),"color":"default","list_start_index":3,"list_format":"roman"}"#),
        ("to_do", #"{"rich_text":\#(rt),"checked":true,"color":"default"}"#),
        ("toggle", #"{"rich_text":\#(rt),"color":"default"}"#),
        ("quote", #"{"rich_text":\#(rt),"color":"gray"}"#),
        ("callout", #"{"rich_text":\#(rt),"icon":{"type":"emoji","emoji":"💡"},"color":"gray_background"}"#),
        ("code", #"{"caption":[],"rich_text":\#(rt),"language":"c++"}"#),
        ("equation", #"{"expression":"e^{i\\pi}+1=0"}"#),
        ("divider", "{}"),
        ("breadcrumb", "{}"),
        ("table_of_contents", #"{"color":"default"}"#),
        ("table", #"{"table_width":2,"has_column_header":true,"has_row_header":false}"#),
        ("table_row", #"{"cells":[\#(rt),[]]}"#),
        ("column_list", "{}"),
        ("column", #"{"width_ratio":0.25}"#),
        ("image", #"{"caption":\#(rt),"type":"external","external":{"url":"https://example.com/a.png"}}"#),
        ("video", #"{"caption":[],"type":"external","external":{"url":"https://youtu.be/x"}}"#),
        ("audio", #"{"caption":[],"type":"file","file":{"url":"https://prod-files-secure.s3.us-west-2.amazonaws.com/a.mp3","expiry_time":"2026-07-04T10:08:00.000Z"}}"#),
        ("pdf", #"{"caption":[],"type":"external","external":{"url":"https://example.com/a.pdf"}}"#),
        ("file", #"{"caption":[],"type":"file","file":{"url":"https://prod-files-secure.s3.us-west-2.amazonaws.com/a.txt","expiry_time":"2026-07-04T10:08:00.000Z"},"name":"a.txt"}"#),
        ("bookmark", #"{"caption":[],"url":"https://example.com"}"#),
        ("embed", #"{"caption":[],"url":"https://example.com/embed"}"#),
        ("link_preview", #"{"url":"https://github.com/a/b/pull/1"}"#),
        ("link_to_page", #"{"type":"page_id","page_id":"\#(S.pageID)"}"#),
        ("child_page", #"{"title":"A page"}"#),
        ("child_database", #"{"title":"A database"}"#),
        ("synced_block", #"{"synced_from":null}"#),
        ("template", #"{"rich_text":\#(rt)}"#),
        ("tab", "{}"),
        ("meeting_notes", #"{"title":\#(rt),"status":"notes_ready","children":{"summary_block_id":"\#(S.blockID)","notes_block_id":"\#(S.blockID)","transcript_block_id":"\#(S.blockID)"},"calendar_event":{"start_time":"2026-07-04T09:00:00.000Z","end_time":"2026-07-04T10:00:00.000Z","attendees":[]},"recording":{"start_time":"2026-07-04T09:01:00.000Z","end_time":"2026-07-04T09:59:00.000Z"}}"#),
        ("transcription", #"{"title":\#(rt),"status":"transcription_not_started"}"#),
        ("unsupported", #"{"block_type":"form"}"#),
    ]

    @Test func examplesCoverEveryKnownType() {
        #expect(Set(Self.examples.map { BlockType(rawValue: $0.type) }) == Set(BlockType.known))
    }

    @Test(arguments: examples)
    func everyBlockTypeDecodesTypedAndRoundTrips(type: String, payload: String) throws {
        let block = try roundTrip(Block.self, S.block(type, payload))
        #expect(block.type.rawValue == type)
        #expect(block.type.isKnown)
        if case .unknown = block.content { Issue.record("\(type) decoded as .unknown") }
        #expect(block.id == BlockID(S.blockID))
        #expect(block.parent == .page(PageID(S.pageID)!))
        #expect(block.createdBy == .partial(UserID(S.userID)!))
        #expect(block.hasChildren == false)
        #expect(block.inTrash == false)
        #expect(block.archived == false)
        #expect(block.children.isEmpty)
        #expect(block.raw == (try JSONValue(string: S.block(type, payload))))
    }

    @Test func paragraph() throws {
        let block = try roundTrip(Block.self, S.block("paragraph", Self.examples[0].payload))
        #expect(block.content == .paragraph(TextBlock(richText: [Self.helloText], color: .default)))
        #expect(block.content.richText?.plainText == "Hello")
    }

    @Test func headings() throws {
        let h2 = try roundTrip(Block.self, S.block("heading_2", #"{"rich_text":\#(Self.rt),"is_toggleable":true,"color":"blue_background"}"#, hasChildren: true))
        #expect(h2.content == .heading2(Heading(richText: [Self.helloText], isToggleable: true, color: .blueBackground)))
        #expect(h2.hasChildren)
        let h4 = try roundTrip(Block.self, S.block("heading_4", #"{"rich_text":\#(Self.rt),"is_toggleable":false,"color":"red"}"#))
        #expect(h4.content == .heading4(Heading(richText: [Self.helloText], isToggleable: false, color: .red)))
        #expect(h4.type == .heading4)
    }

    @Test func numberedListItemAndToDo() throws {
        let item = try roundTrip(Block.self, S.block("numbered_list_item", #"{"rich_text":\#(Self.rt),"color":"default","list_start_index":3,"list_format":"roman"}"#))
        #expect(item.content == .numberedListItem(TextBlock(richText: [Self.helloText], listStartIndex: 3, listFormat: "roman")))
        let todo = try roundTrip(Block.self, S.block("to_do", #"{"rich_text":\#(Self.rt),"checked":true,"color":"default"}"#))
        #expect(todo.content == .toDo(ToDo(richText: [Self.helloText], checked: true)))
    }

    @Test func calloutCodeEquation() throws {
        let callout = try roundTrip(Block.self, S.block("callout", #"{"rich_text":[],"icon":{"type":"icon","icon":{"name":"snake","color":"purple"}},"color":"gray_background"}"#))
        #expect(callout.content == .callout(Callout(richText: [], icon: .native(name: "snake", color: .purple), color: .grayBackground)))
        let code = try roundTrip(Block.self, S.block("code", #"{"caption":[],"rich_text":\#(Self.rt),"language":"java/c/c++/c#"}"#))
        #expect(code.content == .code(Code(richText: [Self.helloText], language: "java/c/c++/c#", caption: [])))
        let equation = try roundTrip(Block.self, S.block("equation", #"{"expression":"x^2"}"#))
        #expect(equation.content == .equation(Equation(expression: "x^2")))
    }

    @Test func emptyPayloadBlocks() throws {
        #expect(try roundTrip(Block.self, S.block("divider", "{}")).content == .divider)
        #expect(try roundTrip(Block.self, S.block("breadcrumb", "{}")).content == .breadcrumb)
        #expect(try roundTrip(Block.self, S.block("column_list", "{}", hasChildren: true)).content == .columnList)
        #expect(try roundTrip(Block.self, S.block("tab", "{}", hasChildren: true)).content == .tab)
        #expect(try roundTrip(Block.self, S.block("table_of_contents", #"{"color":"default"}"#)).content == .tableOfContents(TableOfContents(color: .default)))
    }

    @Test func columns() throws {
        let column = try roundTrip(Block.self, S.block("column", #"{"width_ratio":0.25}"#, hasChildren: true))
        #expect(column.content == .column(Column(widthRatio: 0.25)))
        let plain = try roundTrip(Block.self, S.block("column", "{}", hasChildren: true))
        #expect(plain.content == .column(Column(widthRatio: nil)))
    }

    @Test func tableAndRows() throws {
        let table = try roundTrip(Block.self, S.block("table", #"{"table_width":2,"has_column_header":true,"has_row_header":false}"#, hasChildren: true))
        #expect(table.content == .table(Table(tableWidth: 2, hasColumnHeader: true, hasRowHeader: false)))
        let row = try roundTrip(Block.self, S.block("table_row", #"{"cells":[\#(Self.rt),[]]}"#))
        #expect(row.content == .tableRow(TableRow(cells: [[Self.helloText], []])))
    }

    @Test func media() throws {
        let image = try roundTrip(Block.self, S.block("image", #"{"caption":\#(Self.rt),"type":"external","external":{"url":"https://example.com/a.png"}}"#))
        #expect(image.content == .image(Media(file: .external(url: "https://example.com/a.png"), caption: [Self.helloText])))
        let file = try roundTrip(Block.self, S.block("file", #"{"caption":[],"type":"file","file":{"url":"https://s3/a.txt","expiry_time":"2026-07-04T10:08:00.000Z"},"name":"a.txt"}"#))
        #expect(file.content == .file(Media(file: .file(url: "https://s3/a.txt", expiryTime: "2026-07-04T10:08:00.000Z"), caption: [], name: "a.txt")))
        let pdf = try roundTrip(Block.self, S.block("pdf", #"{"caption":[],"type":"file_upload","file_upload":{"id":"\#(S.pageID)"}}"#))
        #expect(pdf.content == .pdf(Media(file: .fileUpload(id: S.id(S.pageID)))))
    }

    @Test func urlBlocks() throws {
        let bookmark = try roundTrip(Block.self, S.block("bookmark", #"{"caption":[],"url":"https://example.com"}"#))
        #expect(bookmark.content == .bookmark(Embed(url: "https://example.com")))
        let preview = try roundTrip(Block.self, S.block("link_preview", #"{"url":"https://github.com/a/b/pull/1"}"#))
        #expect(preview.content == .linkPreview(Embed(url: "https://github.com/a/b/pull/1", caption: nil)))
        let embed = try roundTrip(Block.self, S.block("embed", #"{"caption":[],"url":"https://example.com/e"}"#))
        #expect(embed.content == .embed(Embed(url: "https://example.com/e")))
    }

    @Test func linkToPageVariants() throws {
        let page = try roundTrip(Block.self, S.block("link_to_page", #"{"type":"page_id","page_id":"\#(S.pageID)"}"#))
        #expect(page.content == .linkToPage(.page(PageID(S.pageID)!)))
        let database = try roundTrip(Block.self, S.block("link_to_page", #"{"type":"database_id","database_id":"\#(S.databaseID)"}"#))
        #expect(database.content == .linkToPage(.database(DatabaseID(S.databaseID)!)))
        let comment = try roundTrip(Block.self, S.block("link_to_page", #"{"type":"comment_id","comment_id":"\#(S.blockID)"}"#))
        #expect(comment.content == .linkToPage(.comment(S.id(S.blockID))))
    }

    @Test func childPageAndDatabase() throws {
        let page = try roundTrip(Block.self, S.block("child_page", #"{"title":"A page"}"#, hasChildren: true))
        #expect(page.content == .childPage(Title("A page")))
        let database = try roundTrip(Block.self, S.block("child_database", #"{"title":"A database"}"#))
        #expect(database.content == .childDatabase(Title("A database")))
    }

    @Test func syncedBlocks() throws {
        let original = try roundTrip(Block.self, S.block("synced_block", #"{"synced_from":null}"#, hasChildren: true))
        #expect(original.content == .syncedBlock(SyncedBlock(syncedFrom: nil)))
        let duplicate = try roundTrip(Block.self, S.block("synced_block", #"{"synced_from":{"type":"block_id","block_id":"\#(S.pageID)"}}"#, hasChildren: true))
        #expect(duplicate.content == .syncedBlock(SyncedBlock(syncedFrom: BlockID(S.pageID))))
        if case .syncedBlock(let s) = duplicate.content { #expect(!s.isOriginal) }
    }

    @Test func meetingNotesAndTranscriptionStayDistinct() throws {
        let payload = #"{"title":\#(Self.rt),"status":"notes_ready","children":{"summary_block_id":"\#(S.blockID)"}}"#
        let notes = try roundTrip(Block.self, S.block("meeting_notes", payload))
        let expected = MeetingNotes(title: [Self.helloText], status: "notes_ready", children: .init(summaryBlockID: BlockID(S.blockID)))
        #expect(notes.content == .meetingNotes(expected))
        let transcription = try roundTrip(Block.self, S.block("transcription", payload))
        #expect(transcription.content == .transcription(expected))
        #expect(try JSONValue(encoding: transcription)["type"] == "transcription")
        #expect(try JSONValue(encoding: transcription)["transcription"] != nil)
        #expect(try JSONValue(encoding: transcription)["meeting_notes"] == nil)
    }

    @Test func templateAndUnsupported() throws {
        let template = try roundTrip(Block.self, S.block("template", #"{"rich_text":\#(Self.rt)}"#))
        #expect(template.content == .template(TextBlock(richText: [Self.helloText], color: nil)))
        let form = try roundTrip(Block.self, S.block("unsupported", #"{"block_type":"form"}"#))
        #expect(form.content == .unsupported(blockType: "form"))
        let old = try roundTrip(Block.self, S.block("unsupported", "{}"))
        #expect(old.content == .unsupported(blockType: nil))
    }

    @Test func unknownBlockTypeIsKeptVerbatim() throws {
        let json = S.block("ai_magic", #"{"x":[1,{"y":null}]}"#)
        let block = try roundTrip(Block.self, json)
        #expect(block.content == .unknown("ai_magic", ["x": [1, ["y": nil]]]))
        #expect(block.type == "ai_magic")
        #expect(!block.type.isKnown)
        // Identical, nulls included (not only equivalent).
        #expect(try JSONValue(encoding: block)["ai_magic"] == (try JSONValue(string: json))["ai_magic"])
    }

    @Test func childrenAndRawAreNotEncoded() throws {
        var block = try roundTrip(Block.self, S.block("toggle", #"{"rich_text":[],"color":"default"}"#, hasChildren: true))
        let child = try roundTrip(Block.self, S.block("divider", "{}"))
        block.children = [child]
        let encoded = try JSONValue(encoding: block)
        #expect(encoded["children"] == nil)
        #expect(encoded["raw"] == nil)
        #expect(block.raw != .null)
        // Equality ignores raw, but not children.
        var rebuilt = block
        rebuilt.raw = .null
        #expect(rebuilt == block)
        rebuilt.children = []
        #expect(rebuilt != block)
    }

    @Test func payloadKeyMustMatchType() {
        // `type` says paragraph, but there is no paragraph payload.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Block.self, from: Data(S.block("paragraph", "{}").replacingOccurrences(of: #""paragraph":{}"#, with: #""toggle":{}"#).utf8))
        }
    }

    @Test func roundTripCheckCanFail() throws {
        // A key the model does not know is lost by decode→encode; the checker must notice.
        withKnownIssue {
            try roundTrip(Block.self, S.block("divider", #"{"surprise":1}"#))
        }
    }
}
