@testable import Emulator
import Foundation
import NotionAPI
import NotionModel
import Testing

@Suite struct BlockRequestsLimitTests {
    let lookup = FakeLookup()

    func append(_ body: JSONValue, version: NotionVersion = .v2025_09_03) -> String? {
        failureMessage { () throws(ValidationFailure) in try BlockRequests.appendChildren(body: body, version: version, lookup: lookup) }
    }

    @Test func textContentAtAndOverLimitCountsUTF16WithEmojiAtBoundary() {
        // 1998 ASCII + one emoji (2 UTF-16 units) = 2000: accepted.
        let atLimit = String(repeating: "a", count: 1998) + "😀"
        #expect(append(["children": [paragraphRequest("ok"), paragraphRequest(atLimit)]]) == nil)
        // 1999 ASCII + emoji = 2001 units although only 2000 characters.
        let over = String(repeating: "a", count: 1999) + "😀"
        #expect(over.count == 2000)
        #expect(append(["children": [paragraphRequest("ok"), paragraphRequest(over)]])
            == "body failed validation: body.children[1].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.")
    }

    @Test func childrenCountAtAndOverLimit() {
        let hundred = JSONValue.array(Array(repeating: paragraphRequest("x"), count: 100))
        #expect(append(["children": hundred]) == nil)
        let hundredOne = JSONValue.array(Array(repeating: paragraphRequest("x"), count: 101))
        #expect(append(["children": hundredOne])
            == "body failed validation: body.children.length should be ≤ `100`, instead was `101`.")
    }

    @Test func richTextArrayOverLimit() {
        let items = JSONValue.array(Array(repeating: ["text": ["content": "x"]], count: 101))
        #expect(append(["children": [["paragraph": ["rich_text": items]]]])
            == "body failed validation: body.children[0].paragraph.rich_text.length should be ≤ `100`, instead was `101`.")
    }

    func bullet(_ text: String, children: [JSONValue]? = nil) -> JSONValue {
        var payload: JSONValue = ["rich_text": [["text": ["content": .string(text)]]]]
        if let children { payload["children"] = .array(children) }
        return ["object": "block", "bulleted_list_item": payload]
    }

    @Test func twoNestingLevelsAcceptedThirdRejected() {
        let twoLevels = bullet("a", children: [bullet("b", children: [bullet("c")])])
        #expect(append(["children": [twoLevels]]) == nil)
        let threeLevels = bullet("a", children: [bullet("b", children: [bullet("c", children: [bullet("d")])])])
        #expect(append(["children": [threeLevels]])
            == "body failed validation: body.children[0].bulleted_list_item.children[0].bulleted_list_item.children[0].bulleted_list_item.children should be not present, instead was `[{\"bulleted_list_item\":{\"rich_text\":[{\"t...`.")
    }

    @Test func thousandBlockElementsAcceptedThousandOneRejected() {
        // 100 top-level toggles with 9 children each = 1000 block elements.
        func toggle(_ childCount: Int) -> JSONValue {
            ["toggle": ["rich_text": [], "children": .array(Array(repeating: paragraphRequest("x"), count: childCount))]]
        }
        let thousand = JSONValue.array(Array(repeating: toggle(9), count: 100))
        #expect(append(["children": thousand]) == nil)
        var thousandOne = Array(repeating: toggle(9), count: 99)
        thousandOne.append(toggle(10))
        #expect(append(["children": .array(thousandOne)])
            == "body failed validation: body.children should have ≤ `1000` block elements in total, instead was `1001`.")
    }

    @Test func payloadOver500KBIsHTTP413() throws {
        #expect(throws: Never.self) { try RequestBody.checkSize(500_000) }
        do {
            try RequestBody.checkSize(500_001)
            Issue.record("expected 413")
        } catch {
            #expect(error.status == 413)
            #expect(error.isPayloadTooLarge)
            #expect(error.message == "Request body too large.")
        }
    }

    @Test func equationExpressionLimit() {
        let ok = String(repeating: "x", count: 1000)
        #expect(append(["children": [["equation": ["expression": .string(ok)]]]]) == nil)
        #expect(append(["children": [["equation": ["expression": .string(ok + "x")]]]])
            == "body failed validation: body.children[0].equation.expression.length should be ≤ `1000`, instead was `1001`.")
        #expect(append(["children": [["paragraph": ["rich_text": [["equation": ["expression": .string(ok + "x")]]]]]]])
            == "body failed validation: body.children[0].paragraph.rich_text[0].equation.expression.length should be ≤ `1000`, instead was `1001`.")
    }

    @Test func urlLimits() {
        let url = "https://example.com/" + String(repeating: "a", count: 1980)
        #expect(url.utf16.count == 2000)
        #expect(append(["children": [["bookmark": ["url": .string(url)]]]]) == nil)
        #expect(append(["children": [["bookmark": ["url": .string(url + "a")]]]])
            == "body failed validation: body.children[0].bookmark.url.length should be ≤ `2000`, instead was `2001`.")
        let link: JSONValue = ["children": [["paragraph": ["rich_text": [["text": ["content": "x", "link": ["url": .string(url + "a")]]]]]]]]
        #expect(append(link)
            == "body failed validation: body.children[0].paragraph.rich_text[0].text.link.url.length should be ≤ `2000`, instead was `2001`.")
        #expect(append(["children": [["image": ["external": ["url": .string(url + "a")]]]]])
            == "body failed validation: body.children[0].image.external.url.length should be ≤ `2000`, instead was `2001`.")
    }

    @Test func tableWidthAndRowCells() {
        func row(_ n: Int) -> JSONValue { ["table_row": ["cells": .array(Array(repeating: [["text": ["content": "c"]]], count: n))]] }
        #expect(append(["children": [["table": ["table_width": 2, "children": [row(2), row(2)]]]]]) == nil)
        #expect(append(["children": [["table": ["table_width": 2, "children": [row(2), row(3)]]]]])
            == "body failed validation: body.children[0].table.children[1].table_row.cells.length should be `2`, instead was `3`.")
        #expect(append(["children": [["table": ["table_width": 0, "children": [row(0)]]]]])
            == "body failed validation: body.children[0].table.table_width should be ≥ `1`, instead was `0`.")
        #expect(append(["children": [["table": ["table_width": 1]]]])
            == "body failed validation: body.children[0].table.children should be defined, instead was `undefined`.")
        // Appending rows to an existing table checks them against its width.
        #expect(failureMessage { () throws(ValidationFailure) in
            try BlockRequests.appendChildren(body: ["children": [row(3)]], version: .v2025_09_03, lookup: lookup,
                                             parentType: "table", parentTableWidth: 2)
        } == "body failed validation: body.children[0].table_row.cells.length should be `2`, instead was `3`.")
    }

    @Test func columnListNeedsTwoColumnsEachWithAChild() {
        let column: JSONValue = ["column": ["children": [paragraphRequest("x")]]]
        #expect(append(["children": [["column_list": ["children": [column, column]]]]]) == nil)
        #expect(append(["children": [["column_list": ["children": [column]]]]])
            == "body failed validation: body.children[0].column_list.children.length should be ≥ `2`, instead was `1`.")
        #expect(append(["children": [["column_list": ["children": [column, ["column": ["children": []]]]]]]])
            == "body failed validation: body.children[0].column_list.children[1].column.children.length should be ≥ `1`, instead was `0`.")
    }

    @Test func unknownCodeLanguage() {
        #expect(append(["children": [["code": ["rich_text": [], "language": "swift"]]]]) == nil)
        let message = append(["children": [["code": ["rich_text": [], "language": "swiftish"]]]])
        #expect(message?.hasPrefix("body failed validation: body.children[0].code.language should be `\"abap\"`, `\"abc\"`, ") == true)
        #expect(message?.hasSuffix(", `\"yaml\"`, or `\"java/c/c++/c#\"`, instead was `\"swiftish\"`.") == true)
        #expect(BlockRequests.codeLanguages.count == 90)
    }

    @Test func unknownKeys() {
        #expect(append(["children": [["paragraph": ["rich_text": []], "archived": false]]])
            == "body failed validation: body.children[0].archived should be not present, instead was `false`.")
        #expect(append(["children": [], "Notion-Version": "2025-09-03"])
            == "body failed validation: body.Notion-Version should be not present, instead was `\"2025-09-03\"`.")
        #expect(append(["children": [["paragraph": ["rich_text": [], "bold": true]]]])
            == "body failed validation: body.children[0].paragraph.bold should be not present, instead was `true`.")
    }

    @Test func missingChildren() {
        #expect(append([:]) == "body failed validation: body.children should be defined, instead was `undefined`.")
        #expect(append(["children": [["paragraph": [:]]]])
            == "body failed validation: body.children[0].paragraph.rich_text should be defined, instead was `undefined`.")
    }

    @Test func nonCreatableTypesRejected() {
        for type in ["child_page", "child_database", "link_preview", "unsupported", "meeting_notes", "transcription", "template"] {
            #expect(append(["children": [[type: ["title": "x"]]]])
                == "body failed validation: body.children[0].\(type) should be not present, instead was `{\"title\":\"x\"}`.")
        }
    }

    @Test func emptyStringsRejected() {
        #expect(append(["children": [["bookmark": ["url": ""]]]])
            == "body failed validation: body.children[0].bookmark.url should be populated, instead was `\"\"`.")
        #expect(append(["children": [["callout": ["rich_text": [], "icon": ["emoji": ""]]]]])
            == "body failed validation: body.children[0].callout.icon.emoji should be populated, instead was `\"\"`.")
    }

    @Test func richTextUnionFailure() {
        #expect(append(["children": [["paragraph": ["rich_text": [["annotations": ["bold": true]]]]]]])
            == """
            body failed validation. Fix one:
            body.children[0].paragraph.rich_text[0].text should be defined, instead was `undefined`.
            body.children[0].paragraph.rich_text[0].mention should be defined, instead was `undefined`.
            body.children[0].paragraph.rich_text[0].equation should be defined, instead was `undefined`.
            """)
    }

    @Test func positionAndDeprecatedAfter() throws {
        let id = "393abc1e-edcd-814b-a6f7-c1f9cf7a9d36"
        let start = try BlockRequests.appendChildren(body: ["children": [], "position": ["type": "start"]], version: .v2026_03_11, lookup: lookup)
        #expect(start.position == .start)
        let after = try BlockRequests.appendChildren(
            body: ["children": [], "position": ["type": "after_block", "after_block": ["id": .string(id)]]], version: .v2026_03_11, lookup: lookup)
        #expect(after.position == .afterBlock(NotionID(id)!))
        let legacy = try BlockRequests.appendChildren(body: ["children": [], "after": .string(id)], version: .v2025_09_03, lookup: lookup)
        #expect(legacy.position == .afterBlock(NotionID(id)!))
        let end = try BlockRequests.appendChildren(body: ["children": []], version: .v2025_09_03, lookup: lookup)
        #expect(end.position == .end)
        #expect(append(["children": [], "after": .string(id)], version: .v2026_03_11)
            == "body failed validation: body.after should be not present, instead was `\"\(id)\"`.")
        #expect(append(["children": [], "after": .string(id), "position": ["type": "start"]])
            == "body failed validation: body.after should be not present, instead was `\"\(id)\"`.")
        #expect(append(["children": [], "position": ["type": "middle"]])
            == "body failed validation: body.position.type should be `\"start\"`, `\"end\"`, or `\"after_block\"`, instead was `\"middle\"`.")
    }

    @Test func responseOnlyKeysTolerated() throws {
        let echoed: JSONValue = ["children": [[
            "object": "block", "type": "paragraph",
            "paragraph": ["rich_text": [textItem("hi")], "color": "default", "children": []],
            "children": [],
        ]]]
        let result = try BlockRequests.appendChildren(body: echoed, version: .v2026_03_11, lookup: lookup)
        #expect(result.children == [NewBlock(type: "paragraph", payload: ["rich_text": [textItem("hi")], "icon": nil, "color": "default"])])
    }
}
