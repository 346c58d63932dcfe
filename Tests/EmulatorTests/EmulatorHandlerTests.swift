import Foundation
import NotionAPI
import NotionModel
import Testing
@testable import Emulator

@Suite struct EmulatorErrorTests {
    @Test func missingVersion() async throws {
        let emu = try Emu()
        let reply = try await emu.send("GET", "/v1/users/me", version: nil)
        #expect(reply.status == 400)
        #expect(reply.bodyWithoutRequestID == parsed("""
            {"object":"error","status":400,"code":"missing_version","message":"Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`."}
            """))
        #expect(reply.json["request_id"]?.stringValue == reply.response.header("x-notion-request-id"))
        #expect(reply.response.header("Content-Type") == "application/json; charset=utf-8")
    }

    @Test func unknownVersionListsAcceptedOnes() async throws {
        let reply = try await Emu().send("GET", "/v1/users/me", version: "2024-01-01")
        #expect(reply.status == 400)
        #expect(reply.json["code"] == "validation_error")
        #expect(reply.json["message"]?.stringValue?.contains("`\"2026-03-11\"`") == true)
    }

    @Test func badToken() async throws {
        let reply = try await Emu().send("GET", "/v1/users", token: "ntn_wrong")
        #expect(reply.status == 401)
        #expect(reply.bodyWithoutRequestID == parsed(#"{"object":"error","status":401,"code":"unauthorized","message":"API token is invalid."}"#))
    }

    @Test func unknownRoute() async throws {
        let reply = try await Emu().send("GET", "/v1/invalid")
        #expect(reply.status == 400)
        #expect(reply.bodyWithoutRequestID == parsed(#"{"object":"error","status":400,"code":"invalid_request_url","message":"Invalid request URL."}"#))
    }

    @Test func dataSourcesAreGatedByVersion() async throws {
        let reply = try await Emu().send("GET", "/v1/data_sources/\(Fixture.dataSource)", version: "2022-06-28")
        #expect(reply.status == 400)
        #expect(reply.json["code"] == "invalid_request_url")
    }

    @Test func invalidPathUUID() async throws {
        let reply = try await Emu().send("GET", "/v1/pages/12345678-1234-1234-1234-123456789abc")
        #expect(reply.status == 400)
        #expect(reply.bodyWithoutRequestID == parsed(#"""
            {"object":"error","status":400,"code":"validation_error","message":"path failed validation: path.page_id should be a valid uuid, instead was `\"12345678-1234-1234-1234-123456789abc\"`."}
            """#))
    }

    @Test func unknownIDIsNotFoundWithIntegrationName() async throws {
        let emu = try Emu()
        let reply = try await emu.send("GET", "/v1/pages/00000000-0000-0000-0000-000000000000")
        #expect(reply.status == 404)
        #expect(reply.bodyWithoutRequestID == parsed(#"""
            {"object":"error","status":404,"code":"object_not_found","message":"Could not find page with ID: 00000000-0000-0000-0000-000000000000. Make sure the relevant pages and databases are shared with your integration \"notion-export test\".","additional_data":{"integration_id":"7775f3a3-893f-43fa-b625-460c61094c78"}}
            """#))
        // An unshared page is the same as a missing one.
        let hidden = try await emu.send("GET", "/v1/pages/\(Fixture.hidden)")
        #expect(hidden.status == 404)
        #expect(emu.handler.counters.count("pages.retrieve", status: 404) == 2)
    }

    @Test func invalidJSONBody() async throws {
        let reply = try await Emu().send("POST", "/v1/search", rawBody: Data("{nope".utf8), contentType: "application/json")
        #expect(reply.status == 400)
        #expect(reply.json["code"] == "invalid_json")
        #expect(reply.json["message"] == "Error parsing JSON body.")
    }
}

@Suite struct EmulatorBlockTests {
    @Test func childrenPaginationWithPageSizeTwo() async throws {
        let emu = try Emu()
        var seen: [String] = []
        var cursor: String?
        var calls = 0
        repeat {
            let query = "page_size=2" + (cursor.map { "&start_cursor=\($0)" } ?? "")
            let reply = try await emu.send("GET", "/v1/blocks/\(Fixture.root)/children?\(query)")
            #expect(reply.status == 200)
            #expect(reply.json["type"] == "block")
            #expect(reply.json["block"] == [:])
            let results = reply.json["results"]?.arrayValue ?? []
            #expect(results.count <= 2)
            seen += results.compactMap { $0["id"]?.stringValue }
            cursor = reply.json["next_cursor"]?.stringValue
            #expect(reply.json["has_more"]?.boolValue == (cursor != nil))
            if let cursor { #expect(cursor == Fixture.paragraphID(0).rawValue || NotionID(cursor) != nil) }
            calls += 1
        } while cursor != nil && calls < 10
        // 5 paragraphs, the image, the child page, then the database placed after the other blocks.
        #expect(seen.count == 8)
        #expect(seen[2] == Fixture.paragraphID(2).rawValue)
        #expect(seen[6] == Fixture.child.rawValue)
        #expect(seen[7] == Fixture.database.rawValue)
        #expect(calls == 4)
    }

    /// A long list with trashed blocks and unshared child pages among the children: every page of
    /// the listing holds exactly the shown children in order, the cursor is the next shown child,
    /// and a cursor naming a child that is not shown is refused.
    @Test func aLongListSkipsHiddenChildrenPageByPage() async throws {
        var snapshot = try Fixture.snapshot()
        var blocks: [JSONValue] = []
        for i in 0..<450 {
            if i % 97 == 5 {
                blocks.append(["id": .string(Fixture.rowID(1000 + i).rawValue), "type": "child_page"])
            } else {
                var block = Fixture.paragraph(1000 + i, "p\(i)")
                if i % 7 == 3 || i >= 430 { block["in_trash"] = true }
                blocks.append(block)
            }
        }
        let long = Fixture.rowID(999)
        try snapshot.addPage(["id": .string(long.rawValue), "parent": ["type": "workspace", "workspace": true],
                              "properties": Fixture.titleProperty("Long")], blocks: blocks)
        for i in stride(from: 5, to: 450, by: 97) {  // every other child page is unshared
            try snapshot.addPage(["id": .string(Fixture.rowID(1000 + i).rawValue), "parent": ["type": "page_id", "page_id": .string(long.rawValue)],
                                  "properties": Fixture.titleProperty("Child \(i)")], shared: (i / 97) % 2 == 0)
        }
        let emu = try Emu(snapshot: snapshot)
        let shown = (0..<450).filter { i in
            if i % 97 == 5 { return (i / 97) % 2 == 0 }
            return !(i % 7 == 3 || i >= 430)
        }.map { i in i % 97 == 5 ? Fixture.rowID(1000 + i).rawValue : Fixture.paragraphID(1000 + i).rawValue }
        #expect(shown.count == 368)
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let reply = try await emu.send("GET", "/v1/blocks/\(long)/children?page_size=100" + (cursor.map { "&start_cursor=\($0)" } ?? ""))
            #expect(reply.status == 200)
            let ids = reply.json["results"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            seen += ids
            cursor = reply.json["next_cursor"]?.stringValue
            #expect(reply.json["has_more"]?.boolValue == (cursor != nil))
            if let cursor { #expect(ids.count == 100 && shown.firstIndex(of: cursor) == seen.count) }
            pages += 1
        } while cursor != nil && pages < 10
        #expect(seen == shown)
        #expect(pages == 4)
        // The last shown children before the trashed tail end the list: no empty page follows.
        let trashed = Fixture.paragraphID(1003).rawValue
        let refused = try await emu.send("GET", "/v1/blocks/\(long)/children?start_cursor=\(trashed)")
        #expect(refused.status == 400)
        #expect(refused.json["message"]?.stringValue == "The start_cursor provided is invalid: \(trashed)")
        // has_children stops at the first shown child.
        let page = try await emu.send("GET", "/v1/blocks/\(long)")
        #expect(page.json["has_children"] == true)
    }

    @Test func cursorIsTheNextItemsID() async throws {
        let reply = try await Emu().send("GET", "/v1/blocks/\(Fixture.root)/children?page_size=2")
        #expect(reply.json["next_cursor"]?.stringValue == Fixture.paragraphID(2).rawValue)
    }

    @Test func badCursorAndPageSize() async throws {
        let emu = try Emu()
        let bad = try await emu.send("GET", "/v1/blocks/\(Fixture.root)/children?start_cursor=nonsense")
        #expect(bad.status == 400)
        #expect(bad.bodyWithoutRequestID == parsed(#"{"object":"error","status":400,"code":"validation_error","message":"The start_cursor provided is invalid: nonsense"}"#))
        let big = try await emu.send("GET", "/v1/blocks/\(Fixture.root)/children?page_size=101")
        #expect(big.status == 400)
        #expect(big.json["message"] == "query failed validation: query.page_size should be ≤ `100`, instead was `101`.")
        let bodyBig = try await emu.send("POST", "/v1/search", body: ["page_size": 101])
        #expect(bodyBig.json["message"] == "body failed validation: body.page_size should be ≤ `100`, instead was `101`.")
    }

    @Test func wronglyTypedCursorAndPageSize() async throws {
        let emu = try Emu()
        let word = try await emu.send("GET", "/v1/blocks/\(Fixture.root)/children?page_size=ten")
        #expect(word.bodyWithoutRequestID == parsed(#"""
            {"object":"error","status":400,"code":"validation_error","message":"query failed validation: query.page_size should be a number, instead was `\"ten\"`."}
            """#))
        let cursor = try await emu.send("POST", "/v1/search", body: ["start_cursor": 5])
        #expect(cursor.bodyWithoutRequestID == parsed(#"""
            {"object":"error","status":400,"code":"validation_error","message":"body failed validation: body.start_cursor should be a string or `undefined`, instead was `5`."}
            """#))
    }

    @Test func childPageAndDatabaseBlocks() async throws {
        let emu = try Emu()
        let page = try await emu.send("GET", "/v1/blocks/\(Fixture.child)")
        #expect(page.status == 200)
        #expect(page.json["type"] == "child_page")
        #expect(page.json["child_page"] == ["title": "Child Page"])
        #expect(page.json["has_children"] == true)
        #expect(page.json["archived"] == false)
        let db = try await emu.send("GET", "/v1/blocks/\(Fixture.database)")
        #expect(db.json["type"] == "child_database")
        #expect(db.json["child_database"] == ["title": "Tasks"])
    }

    @Test func appendWithPositionAndAfter() async throws {
        let emu = try Emu()
        func paragraph(_ text: String) -> JSONValue { ["paragraph": ["rich_text": [["text": ["content": .string(text)]]]]] }
        let start = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children",
                                       body: ["children": [paragraph("first")], "position": ["type": "start"]])
        #expect(start.status == 200)
        let created = start.json["results"]?[0]
        #expect(created?["paragraph"]?["rich_text"]?[0]?["plain_text"] == "first")
        #expect(created?["parent"] == ["type": "page_id", "page_id": .string(Fixture.root.rawValue)])
        #expect(created?["created_time"] == "2026-07-04T09:08:00.000Z")
        let after = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children",
                                       body: ["children": [paragraph("after p0")], "after": .string(Fixture.paragraphID(0).rawValue)])
        #expect(after.status == 200)
        let ids = emu.workspace.childIDs(of: Fixture.root)
        #expect(ids[0].rawValue == created?["id"]?.stringValue)
        #expect(ids[1] == Fixture.paragraphID(0))
        #expect(ids[2].rawValue == after.json["results"]?[0]?["id"]?.stringValue)
        // 2026-03-11 removed `after`; `position.after_block` replaces it.
        let old = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [paragraph("x")], "after": .string(Fixture.paragraphID(0).rawValue)], version: "2026-03-11")
        #expect(old.status == 400)
        #expect(old.json["code"] == "validation_error")
        let modern = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [paragraph("y")],
            "position": ["type": "after_block", "after_block": ["id": .string(Fixture.paragraphID(4).rawValue)]]], version: "2026-03-11")
        #expect(modern.status == 200)
        #expect(modern.json["results"]?[0]?["archived"] == nil)
        let list = emu.workspace.childIDs(of: Fixture.root)
        #expect(list[list.firstIndex(of: Fixture.paragraphID(4))! + 1].rawValue == modern.json["results"]?[0]?["id"]?.stringValue)
    }

    @Test func appendReturnsOnlyFirstLevelBlocks() async throws {
        let emu = try Emu()
        let body: JSONValue = ["children": [["toggle": ["rich_text": [["text": ["content": "t"]]],
                                                        "children": [["paragraph": ["rich_text": [["text": ["content": "inner"]]]]]]]]]]
        let reply = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: body)
        #expect(reply.status == 200)
        #expect(reply.json["results"]?.arrayValue?.count == 1)
        #expect(reply.json["results"]?[0]?["has_children"] == true)
    }

    @Test func trashSemantics() async throws {
        let emu = try Emu()
        let id = Fixture.paragraphID(1)
        let deleted = try await emu.send("DELETE", "/v1/blocks/\(id)")
        #expect(deleted.status == 200)
        #expect(deleted.json["in_trash"] == true)
        #expect(deleted.json["archived"] == true)
        let get = try await emu.send("GET", "/v1/blocks/\(id)")
        #expect(get.status == 200)
        #expect(get.json["in_trash"] == true)
        let list = try await emu.send("GET", "/v1/blocks/\(Fixture.root)/children")
        #expect(!(list.json["results"]?.arrayValue ?? []).contains { $0["id"]?.stringValue == id.rawValue })
        let edit = try await emu.send("PATCH", "/v1/blocks/\(id)", body: ["paragraph": ["rich_text": [["text": ["content": "x"]]]]])
        #expect(edit.status == 400)
        #expect(edit.bodyWithoutRequestID == parsed(#"{"object":"error","status":400,"code":"validation_error","message":"Can't edit block that is archived. You must unarchive the block before editing."}"#))
        let restore = try await emu.send("PATCH", "/v1/blocks/\(id)", body: ["archived": false])
        #expect(restore.status == 200)
        #expect(restore.json["in_trash"] == false)
        let again = try await emu.send("GET", "/v1/blocks/\(Fixture.root)/children")
        #expect((again.json["results"]?.arrayValue ?? []).contains { $0["id"]?.stringValue == id.rawValue })
    }

    @Test func hasChildrenReflectsOnlyLiveChildren() async throws {
        let emu = try Emu()
        _ = try await emu.send("DELETE", "/v1/blocks/\(Fixture.paragraphID(50))")
        let child = try await emu.send("GET", "/v1/blocks/\(Fixture.child)")
        #expect(child.json["has_children"] == false)
        // Deleting a page through the blocks endpoint answers a child_page block.
        let deleted = try await emu.send("DELETE", "/v1/blocks/\(Fixture.child)")
        #expect(deleted.json["type"] == "child_page")
        #expect(deleted.json["in_trash"] == true)
        let page = try await emu.send("GET", "/v1/pages/\(Fixture.child)")
        #expect(page.json["in_trash"] == true)
        #expect(page.json["archived"] == true)
        let restored = try await emu.send("PATCH", "/v1/pages/\(Fixture.child)", body: ["in_trash": false])
        #expect(restored.json["in_trash"] == false)
    }
}

@Suite struct EmulatorVersionTests {
    @Test func archivedAndTranscriptionByVersion() async throws {
        var snapshot = try Fixture.snapshot()
        let notes = NotionID("393abc1e-edcd-8555-a555-000000000001")!
        try snapshot.addPage(["id": .string(notes.rawValue), "parent": ["type": "workspace", "workspace": true],
                              "properties": Fixture.titleProperty("Meeting")],
                             blocks: [["id": "393abc1e-edcd-8555-a555-000000000002", "type": "transcription", "transcription": ["title": []]]])
        try snapshot.validate()
        let emu = try Emu(snapshot: snapshot)
        let v2025 = try await emu.send("GET", "/v1/blocks/393abc1e-edcd-8555-a555-000000000002")
        #expect(v2025.json["type"] == "transcription")
        #expect(v2025.json["archived"] == false)
        let v2026 = try await emu.send("GET", "/v1/blocks/393abc1e-edcd-8555-a555-000000000002", version: "2026-03-11")
        #expect(v2026.json["type"] == "meeting_notes")
        #expect(v2026.json["meeting_notes"] != nil)
        #expect(v2026.json["archived"] == nil)
        let page2026 = try await emu.send("GET", "/v1/pages/\(notes)", version: "2026-03-11")
        #expect(page2026.json["archived"] == nil)
        #expect(page2026.json["in_trash"] == false)
    }

    @Test func databaseShapesByVersion() async throws {
        let emu = try Emu()
        let modern = try await emu.send("GET", "/v1/databases/\(Fixture.database)")
        #expect(modern.json["data_sources"] == [["id": .string(Fixture.dataSource.rawValue), "name": "Tasks"]])
        #expect(modern.json["properties"] == nil)
        #expect(modern.json["created_time"] == "2026-01-05T10:00:00.000+00:00")
        let old = try await emu.send("GET", "/v1/databases/\(Fixture.database)", version: "2022-06-28")
        #expect(old.json["properties"]?["Name"]?["type"] == "title")
        #expect(old.json["data_sources"] == nil)
        #expect(old.json["created_by"] != nil)
        #expect(old.json["created_time"] == "2026-01-05T10:00:00.000Z")
        let row = try await emu.send("GET", "/v1/pages/\(Fixture.rowID(1))", version: "2022-06-28")
        #expect(row.json["parent"] == ["type": "database_id", "database_id": .string(Fixture.database.rawValue)])
        let search = try await emu.send("POST", "/v1/search", body: ["filter": ["property": "object", "value": "database"]], version: "2022-06-28")
        #expect(search.json["type"] == "page_or_database")
        #expect(search.json["results"]?[0]?["object"] == "database")
        let query = try await emu.send("POST", "/v1/databases/\(Fixture.database)/query", body: [:], version: "2022-06-28")
        #expect(query.status == 200)
        #expect(query.json["results"]?.arrayValue?.count == 3)
        let gone = try await emu.send("POST", "/v1/databases/\(Fixture.database)/query", body: [:])
        #expect(gone.json["code"] == "invalid_request_url")
    }

    @Test func multipleDataSourcesUnder2022() async throws {
        let emu = try Emu()
        let created = try await emu.send("POST", "/v1/data_sources", body: [
            "parent": ["type": "database_id", "database_id": .string(Fixture.database.rawValue)],
            "properties": ["Name": ["type": "title", "title": [:]]], "title": [["text": ["content": "Second"]]]])
        #expect(created.status == 200)
        let sid = try #require(created.json["id"]?.stringValue)
        #expect(sid.split(separator: "-")[4].hasPrefix("000b"))
        let old = try await emu.send("GET", "/v1/databases/\(Fixture.database)", version: "2022-06-28")
        #expect(old.status == 400)
        #expect(old.json["message"] == "Databases with multiple data sources are not supported in this API version.")
        #expect(old.json["additional_data"]?["error_type"] == "multiple_data_sources_for_database")
        #expect(old.json["additional_data"]?["child_data_source_ids"]?.arrayValue?.count == 2)
    }
}

@Suite struct EmulatorSearchAndQueryTests {
    @Test func searchFiltersSortsAndPaginates() async throws {
        let emu = try Emu()
        let pages = try await emu.send("POST", "/v1/search", body: ["filter": ["property": "object", "value": "page"]])
        let titles = (pages.json["results"]?.arrayValue ?? []).map { $0["object"]?.stringValue ?? "" }
        #expect(Set(titles) == ["page"])
        #expect(titles.count == 5)  // Home, Child Page, 3 rows; "Secret" is not shared
        #expect(pages.json["type"] == "page_or_data_source")
        let query = try await emu.send("POST", "/v1/search", body: ["query": "CHILD"])
        #expect(query.json["results"]?.arrayValue?.count == 1)
        let sources = try await emu.send("POST", "/v1/search", body: ["filter": ["property": "object", "value": "data_source"]])
        #expect(sources.json["results"]?[0]?["object"] == "data_source")
        let sorted = try await emu.send("POST", "/v1/search", body: ["sort": ["timestamp": "last_edited_time", "direction": "descending"],
                                                                      "filter": ["property": "object", "value": "page"]])
        #expect(sorted.json["results"]?[0]?["id"]?.stringValue == Fixture.child.rawValue)
        let first = try await emu.send("POST", "/v1/search", body: ["page_size": 2])
        let cursor = try #require(first.json["next_cursor"]?.stringValue)
        let second = try await emu.send("POST", "/v1/search", body: ["page_size": 2, "start_cursor": .string(cursor)])
        #expect(second.json["results"]?[0]?["id"]?.stringValue == cursor)
        let trashed = try await emu.send("DELETE", "/v1/blocks/\(Fixture.child)")
        #expect(trashed.status == 200)
        let after = try await emu.send("POST", "/v1/search", body: ["query": "child"])
        #expect(after.json["results"]?.arrayValue?.isEmpty == true)
    }

    @Test func dataSourceQueryPaginationAndFilter() async throws {
        let emu = try Emu()
        var ids: [String] = []
        var cursor: JSONValue = nil
        for _ in 0..<5 {
            let reply = try await emu.send("POST", "/v1/data_sources/\(Fixture.dataSource)/query",
                                           body: ["page_size": 1, "start_cursor": cursor])
            #expect(reply.status == 200)
            ids += (reply.json["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            guard let next = reply.json["next_cursor"]?.stringValue else { break }
            let parts = next.split(separator: ":")
            #expect(parts.count == 3 && parts[0] == "s")
            #expect(String(parts[2]) == Fixture.rowID(ids.count).rawValue)
            cursor = .string(next)
        }
        #expect(ids == (0..<3).map { Fixture.rowID($0).rawValue })
        let forged = try await emu.send("POST", "/v1/data_sources/\(Fixture.dataSource)/query",
                                        body: ["start_cursor": .string("s:00000000-0000-4000-8000-000000000000:\(Fixture.rowID(1))")])
        #expect(forged.status == 400)
        #expect(forged.json["code"] == "validation_error")
        let done = try await emu.send("POST", "/v1/data_sources/\(Fixture.dataSource)/query",
                                      body: ["filter": ["property": "Done", "checkbox": ["equals": true]],
                                             "sorts": [["property": "Name", "direction": "descending"]]])
        #expect(done.json["results"]?.arrayValue?.count == 1)
        #expect(done.json["results"]?[0]?["id"]?.stringValue == Fixture.rowID(1).rawValue)
    }

    @Test func relationsCappedAt25WithPropertyItemPagination() async throws {
        let emu = try Emu()
        let page = try await emu.send("GET", "/v1/pages/\(Fixture.rowID(0))")
        #expect(page.json["properties"]?["Related"]?["relation"]?.arrayValue?.count == 25)
        #expect(page.json["properties"]?["Related"]?["has_more"] == true)
        var all: [String] = []
        var query = "page_size=20"
        for _ in 0..<4 {
            let reply = try await emu.send("GET", "/v1/pages/\(Fixture.rowID(0))/properties/r%253D1?\(query)")
            #expect(reply.status == 200)
            #expect(reply.json["type"] == "property_item")
            #expect(reply.json["property_item"]?["type"] == "relation")
            all += (reply.json["results"]?.arrayValue ?? []).compactMap { $0["relation"]?["id"]?.stringValue }
            guard let next = reply.json["next_cursor"]?.stringValue else { break }
            query = "page_size=20&start_cursor=\(next)"
        }
        #expect(all.count == 30)
        let title = try await emu.send("GET", "/v1/pages/\(Fixture.rowID(0))/properties/title")
        #expect(title.json["results"]?[0]?["title"]?["plain_text"] == "Task 0")
        let checkbox = try await emu.send("GET", "/v1/pages/\(Fixture.rowID(1))/properties/d%253D1")
        #expect(checkbox.json["object"] == "property_item")
        #expect(checkbox.json["checkbox"] == true)
    }
}

@Suite struct EmulatorFileTests {
    @Test func signedFileURLServedThenExpires() async throws {
        let emu = try Emu()
        let block = try await emu.send("GET", "/v1/blocks/\(Fixture.paragraphID(90))")
        let urlText = try #require(block.json["image"]?["file"]?["url"]?.stringValue)
        #expect(urlText.hasPrefix("http://127.0.0.1:7777/files/"))
        #expect(urlText.contains("X-Amz-Expires=3600"))
        #expect(block.json["image"]?["file"]?["expiry_time"] == "2026-07-04T10:08:30.000Z")
        let url = try #require(URL(string: urlText))
        let ok = try await emu.handler.handle(HTTPRequest(method: "GET", url: url))
        #expect(ok.status == 200)
        #expect(ok.body == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(ok.header("Content-Type") == "image/png")
        let tampered = try await emu.handler.handle(HTTPRequest(method: "GET", url: URL(string: urlText.replacingOccurrences(of: "Signature=", with: "Signature=0"))!))
        #expect(tampered.status == 403)
        emu.clock.advance(3601)
        let expired = try await emu.handler.handle(HTTPRequest(method: "GET", url: url))
        #expect(expired.status == 403)
        let xml = String(decoding: expired.body, as: UTF8.self)
        #expect(xml.contains("<Code>AccessDenied</Code>"))
        #expect(xml.contains("Request has expired"))
    }

    @Test func uploadSendAndAttach() async throws {
        let emu = try Emu()
        let created = try await emu.send("POST", "/v1/file_uploads", body: ["mode": "single_part", "filename": "note.txt", "content_type": "text/plain"])
        #expect(created.status == 200)
        #expect(created.json["status"] == "pending")
        #expect(created.json["expiry_time"] == "2026-07-04T10:08:00.000Z")
        let id = try #require(created.json["id"]?.stringValue)
        #expect(id.split(separator: "-")[4].hasPrefix("00b2"))
        let boundary = "3aa5007ceb87a8f9ec889f0087d667e8"
        let multipart = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\nContent-Type: text/plain\r\n\r\nThis is test file content\r\n--\(boundary)--\r\n"
        let sent = try await emu.send("POST", "/v1/file_uploads/\(id)/send", rawBody: Data(multipart.utf8),
                                      contentType: "multipart/form-data; boundary=\(boundary)")
        #expect(sent.status == 200)
        #expect(sent.json["status"] == "uploaded")
        #expect(sent.json["content_length"] == 25)
        #expect(sent.json["upload_url"] == nil)
        let append = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [["type": "file", "file": ["type": "file_upload", "file_upload": ["id": .string(id)]]]]])
        #expect(append.status == 200)
        let file = append.json["results"]?[0]?["file"]
        #expect(file?["type"] == "file")
        let url = try #require(file?["file"]?["url"]?.stringValue.flatMap(URL.init(string:)))
        let bytes = try await emu.handler.handle(HTTPRequest(method: "GET", url: url))
        #expect(String(decoding: bytes.body, as: UTF8.self) == "This is test file content")
        let upload = try await emu.send("GET", "/v1/file_uploads/\(id)")
        #expect(upload.json["expiry_time"] == .null)
        let list = try await emu.send("GET", "/v1/file_uploads?status=uploaded")
        #expect(list.json["results"]?.arrayValue?.count == 1)
        #expect(list.json["type"] == "file_upload")
    }
}

@Suite struct EmulatorPagesAndMiscTests {
    @Test func createPageUnderPageAndRow() async throws {
        let emu = try Emu()
        let created = try await emu.send("POST", "/v1/pages", body: [
            "parent": ["page_id": .string(Fixture.root.compact)],
            "properties": ["title": [["text": ["content": "Test 2026-07-04 11:08:26.829492"]]]], "children": []])
        #expect(created.status == 200)
        #expect(created.json["url"]?.stringValue?.hasPrefix("https://www.notion.so/Test-2026-07-04-11-08-26-829492-") == true)
        #expect(created.json["created_by"] == ["object": "user", "id": .string(Fixture.integrationID.rawValue)])
        let id = try #require(created.json["id"]?.idValue)
        #expect(emu.workspace.childIDs(of: Fixture.root).last == id)
        let row = try await emu.send("POST", "/v1/pages", body: [
            "parent": ["data_source_id": .string(Fixture.dataSource.rawValue)],
            "properties": ["Name": ["title": [["text": ["content": "New task"]]]], "Done": ["checkbox": true]]])
        #expect(row.status == 200)
        #expect(row.json["parent"]?["database_id"]?.stringValue == Fixture.database.rawValue)
        #expect(row.json["properties"]?["Done"]?["checkbox"] == true)
        #expect(row.json["properties"]?["Related"]?["has_more"] == false)
        let icon = try await emu.send("PATCH", "/v1/pages/\(id)", body: ["icon": ["type": "emoji", "emoji": "🛴"]])
        #expect(icon.json["icon"] == ["type": "emoji", "emoji": "🛴"])
    }

    @Test func deterministicIDs() async throws {
        func run() async throws -> [String] {
            let emu = try Emu(seed: 42)
            var ids: [String] = []
            for i in 0..<3 {
                let r = try await emu.send("POST", "/v1/pages", body: ["parent": ["page_id": .string(Fixture.root.rawValue)],
                                                                       "properties": ["title": [["text": ["content": .string("p\(i)")]]]]])
                ids.append(r.json["id"]?.stringValue ?? "")
                ids.append(r.json["request_id"]?.stringValue ?? "")
            }
            return ids
        }
        let a = try await run(), b = try await run()
        #expect(a == b)
        for id in stride(from: 0, to: a.count, by: 2) {
            let parts = a[id].split(separator: "-")
            #expect(parts[2].hasPrefix("8"))
            #expect("89ab".contains(parts[3].first!))
        }
    }

    @Test func usersCommentsAndEmojis() async throws {
        let emu = try Emu()
        let me = try await emu.send("GET", "/v1/users/me")
        #expect(me.json["type"] == "bot")
        let users = try await emu.send("GET", "/v1/users")
        #expect(users.json["results"]?.arrayValue?.count == 2)
        #expect(users.json["type"] == "user")
        let comment = try await emu.send("POST", "/v1/comments", body: [
            "parent": ["page_id": .string(Fixture.root.rawValue)], "rich_text": [["text": ["content": "This is a test comment."]]]])
        #expect(comment.status == 200)
        #expect(comment.json["display_name"] == ["type": "integration", "resolved_name": "notion-export test"])
        let list = try await emu.send("GET", "/v1/comments?block_id=\(Fixture.root)")
        #expect(list.json["results"]?.arrayValue?.count == 1)
        #expect(list.json["type"] == "comment")
        let emojis = try await emu.send("GET", "/v1/custom_emojis")
        #expect(emojis.bodyWithoutRequestID == parsed(#"{"object":"list","type":"custom_emoji","results":[],"has_more":false,"next_cursor":null}"#))
        let templates = try await emu.send("GET", "/v1/data_sources/\(Fixture.dataSource)/templates")
        #expect(templates.json == parsed(#"{"templates":[],"has_more":false,"next_cursor":null}"#))
    }

    @Test func inProcessMutations() async throws {
        let emu = try Emu()
        try emu.workspace.renamePage(Fixture.child, title: "Renamed")
        let block = try await emu.send("GET", "/v1/blocks/\(Fixture.child)")
        #expect(block.json["child_page"] == ["title": "Renamed"])
        try emu.workspace.editBlock(Fixture.paragraphID(0), payload: ["color": "red"], merge: true)
        #expect(emu.workspace.storedJSON(Fixture.paragraphID(0))?["paragraph"]?["color"] == "red")
        try emu.workspace.setTrashed(Fixture.paragraphID(3), true)
        let list = try await emu.send("GET", "/v1/blocks/\(Fixture.root)/children")
        #expect(list.json["results"]?.arrayValue?.count == 7)
        #expect(emu.workspace.counts.pages == 6)
    }

    @Test func childPageRenamedThroughBlocksEndpoint() async throws {
        let emu = try Emu()
        let edited = emu.workspace.storedJSON(Fixture.child)?["last_edited_time"]
        let reply = try await emu.send("PATCH", "/v1/blocks/\(Fixture.child)", body: ["child_page": ["title": "Via block"]])
        #expect(reply.json["child_page"] == ["title": "Via block"])
        let page = try await emu.send("GET", "/v1/pages/\(Fixture.child)")
        let title = page.json["properties"]?.objectValue?.values.first { $0["type"] == "title" }
        #expect(title?["title"]?[0]?["plain_text"] == "Via block")
        #expect(page.json["last_edited_time"] == edited)
    }
}
