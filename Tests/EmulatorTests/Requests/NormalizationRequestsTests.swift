@testable import Emulator
import Foundation
import NotionAPI
import NotionModel
import Testing

@Suite struct NormalizationRequestsTests {
    let lookup = FakeLookup()

    func one(_ block: JSONValue, version: NotionVersion = .v2025_09_03) throws -> NewBlock {
        let result = try BlockRequests.appendChildren(body: ["children": [block]], version: version, lookup: lookup)
        return result.children[0]
    }

    /// Recorded: test_blocks_children_create.yaml (2025-09-03).
    @Test func paragraphMatchesRecording() throws {
        let block = try one(json(#"{"paragraph":{"rich_text":[{"text":{"content":"I'm a paragraph."}}]}}"#))
        #expect(block.payload == json(#"{"rich_text":[{"type":"text","text":{"content":"I'm a paragraph.","link":null},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"I'm a paragraph.","href":null}],"icon":null,"color":"default"}"#))
    }

    /// Recorded: test_blocks_update.yaml — partial annotations fill with defaults.
    @Test func updateMatchesRecording() throws {
        let update = try BlockRequests.update(
            body: json(#"{"paragraph":{"rich_text":[{"text":{"content":"I'm an updated paragraph."},"annotations":{"bold":true,"color":"red_background"}}]}}"#),
            existingType: "paragraph", version: .v2025_09_03, lookup: lookup)
        #expect(update.payloadPatch == ["rich_text": [textItem("I'm an updated paragraph.", bold: true, color: "red_background")]])
        #expect(update.inTrash == nil)
    }

    @Test func updateRules() {
        #expect(failureMessage { () throws(ValidationFailure) in
            try BlockRequests.update(body: ["heading_1": ["rich_text": []]], existingType: "paragraph", version: .v2025_09_03, lookup: lookup)
        } == "body failed validation: body.heading_1 should be not present, instead was `{\"rich_text\":[]}`.")
        #expect(failureMessage { () throws(ValidationFailure) in
            try BlockRequests.update(body: ["archived": true], existingType: "paragraph", version: .v2026_03_11, lookup: lookup)
        } == "body failed validation: body.archived should be not present, instead was `true`.")
        #expect(failureMessage { () throws(ValidationFailure) in
            try BlockRequests.update(body: ["table": ["table_width": 3]], existingType: "table", version: .v2025_09_03, lookup: lookup)
        } == "body failed validation: body.table.table_width should be not present, instead was `3`.")
        #expect((try? BlockRequests.update(body: ["archived": true], existingType: "paragraph", version: .v2025_09_03, lookup: lookup))?.inTrash == true)
    }

    /// Recorded: test_is_equation_rich_text_item_response.yaml and test_is_mention_rich_text_item_response.yaml.
    @Test func equationAndDateMentionMatchRecordings() throws {
        let equation = try one(json(#"{"paragraph":{"rich_text":[{"equation":{"expression":"E = mc^2"}}]}}"#))
        #expect(equation.payload["rich_text"] == json(#"[{"type":"equation","equation":{"expression":"E = mc^2"},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"E = mc^2","href":null}]"#))
        let date = try one(json(#"{"paragraph":{"rich_text":[{"mention":{"type":"date","date":{"start":"2022-12-16","end":null}}}]}}"#))
        #expect(date.payload["rich_text"] == json(#"[{"type":"mention","mention":{"type":"date","date":{"start":"2022-12-16","end":null,"time_zone":null}},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"2022-12-16","href":null}]"#))
    }

    func mention(_ mention: JSONValue) throws -> JSONValue {
        try RichTextRequests.normalizeItem(["mention": mention], path: "body.rich_text[0]", lookup: lookup)
    }

    @Test func mentions() throws {
        let page = try mention(["page": ["id": .string(FakeLookup.pageID.compact)]])
        #expect(page["mention"] == ["type": "page", "page": ["id": .string(FakeLookup.pageID.rawValue)]])
        #expect(page["plain_text"] == "Project Plan")
        #expect(page["href"] == "https://www.notion.so/393abc1eedcd8170aebfcf1d14057b30")
        let hidden = try mention(["type": "page", "page": ["id": .string(FakeLookup.hiddenPageID.rawValue)]])
        #expect(hidden["plain_text"] == "Untitled")
        let database = try mention(["database": ["id": .string(FakeLookup.databaseID.rawValue)]])
        #expect(database["plain_text"] == "Tasks")
        #expect(database["href"] == "https://www.notion.so/3d0982b9f95841d08437cf2e00981c7f")
        let user = try mention(["user": ["id": .string(FakeLookup.userID.rawValue)]])
        #expect(user["plain_text"] == "@Ada")
        #expect(user["mention"]?["user"]?["person"]?["email"] == "ada@example.com")
        #expect(user["href"] == .null)
        let range = try mention(["date": ["start": "2026-07-01", "end": "2026-07-03"]])
        #expect(range["plain_text"] == "2026-07-01 → 2026-07-03")
        let today = try mention(["template_mention": ["type": "template_mention_date", "template_mention_date": "today"]])
        #expect(today["mention"] == ["type": "template_mention", "template_mention": ["type": "template_mention_date", "template_mention_date": "today"]])
        #expect(today["plain_text"] == "@Today")
        let me = try mention(["template_mention": ["template_mention_user": "me"]])
        #expect(me["plain_text"] == "@Me")
        let emoji = try mention(["custom_emoji": ["id": "45ce454c-d427-4f53-9489-e5d0f3d1db6b", "name": "bufo"]])
        #expect(emoji["plain_text"] == ":bufo:")
        let preview = try mention(["link_preview": ["url": "https://github.com/x/y/pull/1"]])
        #expect(preview["plain_text"] == "https://github.com/x/y/pull/1")
        #expect(preview["href"] == "https://github.com/x/y/pull/1")
        let link = try mention(["link_mention": ["href": "https://example.com", "title": "Example"]])
        #expect(link["plain_text"] == "Example")
        #expect(link["href"] == "https://example.com")
        let text = try RichTextRequests.normalizeItem(["text": ["content": "x", "link": ["url": "https://a.b"]]], path: "p", lookup: lookup)
        #expect(text == textItem("x", link: "https://a.b"))
    }

    @Test(arguments: [
        (#"{"heading_2":{"rich_text":[]}}"#, #"{"rich_text":[],"is_toggleable":false,"color":"default"}"#),
        (#"{"heading_4":{"rich_text":[],"is_toggleable":true,"color":"blue"}}"#, #"{"rich_text":[],"is_toggleable":true,"color":"blue"}"#),
        (#"{"bulleted_list_item":{"rich_text":[]}}"#, #"{"rich_text":[],"color":"default"}"#),
        (#"{"numbered_list_item":{"rich_text":[],"list_start_index":3,"list_format":"roman"}}"#, #"{"rich_text":[],"color":"default","list_start_index":3,"list_format":"roman"}"#),
        (#"{"to_do":{"rich_text":[]}}"#, #"{"rich_text":[],"checked":false,"color":"default"}"#),
        (#"{"toggle":{"rich_text":[]}}"#, #"{"rich_text":[],"color":"default"}"#),
        (#"{"quote":{"rich_text":[],"color":"gray_background"}}"#, #"{"rich_text":[],"color":"gray_background"}"#),
        (#"{"callout":{"rich_text":[],"icon":{"emoji":"💡"}}}"#, #"{"rich_text":[],"icon":{"type":"emoji","emoji":"💡"},"color":"default"}"#),
        (#"{"callout":{"rich_text":[],"icon":{"type":"icon","icon":{"name":"snake"}}}}"#, #"{"rich_text":[],"icon":{"type":"icon","icon":{"name":"snake","color":"gray"}},"color":"default"}"#),
        (#"{"code":{"rich_text":[],"language":"plain text"}}"#, #"{"caption":[],"rich_text":[],"language":"plain text"}"#),
        (#"{"equation":{"expression":"x"}}"#, #"{"expression":"x"}"#),
        (#"{"divider":{}}"#, #"{}"#),
        (#"{"breadcrumb":{}}"#, #"{}"#),
        (#"{"table_of_contents":{}}"#, #"{"color":"default"}"#),
        (#"{"image":{"external":{"url":"https://x.y/a.png"}}}"#, #"{"caption":[],"type":"external","external":{"url":"https://x.y/a.png"}}"#),
        (#"{"video":{"type":"external","external":{"url":"https://x.y/v.mp4"}}}"#, #"{"caption":[],"type":"external","external":{"url":"https://x.y/v.mp4"}}"#),
        (#"{"audio":{"external":{"url":"https://x.y/a.mp3"}}}"#, #"{"caption":[],"type":"external","external":{"url":"https://x.y/a.mp3"}}"#),
        (#"{"pdf":{"external":{"url":"https://x.y/d.pdf"}}}"#, #"{"caption":[],"type":"external","external":{"url":"https://x.y/d.pdf"}}"#),
        (#"{"file":{"external":{"url":"https://x.y/f/report.docx"}}}"#, #"{"caption":[],"type":"external","external":{"url":"https://x.y/f/report.docx"},"name":"report.docx"}"#),
        (#"{"file":{"file_upload":{"id":"393abc1e-edcd-81cc-b617-00b2433488d0"}}}"#, #"{"caption":[],"type":"file","file":{"url":"/files/393abc1e-edcd-81cc-b617-00b2433488d0/notes.txt"},"name":"notes.txt"}"#),
        (#"{"bookmark":{"url":"https://x.y"}}"#, #"{"caption":[],"url":"https://x.y"}"#),
        (#"{"embed":{"url":"https://x.y"}}"#, #"{"caption":[],"url":"https://x.y"}"#),
        (#"{"link_to_page":{"page_id":"393abc1eedcd8170aebfcf1d14057b30"}}"#, #"{"type":"page_id","page_id":"393abc1e-edcd-8170-aebf-cf1d14057b30"}"#),
        (#"{"synced_block":{"synced_from":null,"children":[{"divider":{}}]}}"#, #"{"synced_from":null}"#),
        (#"{"synced_block":{"synced_from":{"block_id":"393abc1e-edcd-8170-aebf-cf1d14057b30"},"children":[]}}"#, #"{"synced_from":{"type":"block_id","block_id":"393abc1e-edcd-8170-aebf-cf1d14057b30"}}"#),
        (#"{"table":{"table_width":1,"has_column_header":true,"children":[{"table_row":{"cells":[[{"text":{"content":"c"}}]]}}]}}"#, #"{"table_width":1,"has_column_header":true,"has_row_header":false}"#),
        (#"{"column_list":{"children":[{"column":{"width_ratio":0.25,"children":[{"divider":{}}]}},{"column":{"children":[{"divider":{}}]}}]}}"#, #"{}"#),
    ])
    func blockPayloads(request: String, expected: String) throws {
        #expect(try one(json(request)).payload == json(expected))
    }

    @Test func nestedChildrenAndUploadsReported() throws {
        let result = try BlockRequests.appendChildren(body: json(#"""
            {"children":[{"column_list":{"children":[{"column":{"width_ratio":0.25,"children":[{"image":{"file_upload":{"id":"393abc1e-edcd-81cc-b617-00b2433488d0"}}}]}},{"column":{"children":[{"divider":{}}]}}]}}]}
            """#), version: .v2026_03_11, lookup: lookup)
        let columnList = result.children[0]
        #expect(columnList.children.map(\.type) == ["column", "column"])
        #expect(columnList.children[0].payload == ["width_ratio": 0.25])
        #expect(columnList.children[0].children[0].payload["file"] == ["url": "/files/393abc1e-edcd-81cc-b617-00b2433488d0/notes.txt"])
        #expect(result.attachedUploads == [FakeLookup.uploadID])
        let table = try one(json(#"{"table":{"table_width":2,"children":[{"table_row":{"cells":[[{"text":{"content":"a"}}],[]]}}]}}"#))
        #expect(table.children[0] == NewBlock(type: "table_row", payload: ["cells": [[textItem("a")], []]]))
    }

    @Test func unknownUploadRejected() {
        #expect(failureMessage { () throws(ValidationFailure) in
            try BlockRequests.appendChildren(body: ["children": [json(#"{"image":{"file_upload":{"id":"393abc1e-edcd-81cc-b617-00b2433488d1"}}}"#)]],
                                             version: .v2025_09_03, lookup: lookup)
        } == "Could not find file upload with ID: 393abc1e-edcd-81cc-b617-00b2433488d1.")
    }

    @Test func legacyTextKeyBeforeRichTextRename() throws {
        let block = try one(json(#"{"paragraph":{"text":[{"text":{"content":"old"}}]}}"#), version: .v2021_08_16)
        #expect(block.payload["rich_text"] == [textItem("old")])
    }
}
