import Foundation
import NotionAPI
import NotionModel
import Testing
@testable import Emulator

/// A multipart/form-data body with a `file` part and optional extra text fields.
func formBody(file: String, filename: String, contentType: String = "text/plain", fields: [String: String] = [:],
              boundary: String = "3aa5007ceb87a8f9ec889f0087d667e8") -> (data: Data, contentType: String) {
    var text = ""
    for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
    return (Data(text.utf8), "multipart/form-data; boundary=\(boundary)")
}

extension Emu {
    /// Creates a page under `parent` and returns its id.
    func createPage(_ title: String, under parent: NotionID = Fixture.root) async throws -> String {
        let reply = try await send("POST", "/v1/pages", body: ["parent": ["page_id": .string(parent.rawValue)],
                                                              "properties": ["title": [["text": ["content": .string(title)]]]]])
        #expect(reply.status == 200)
        return try #require(reply.json["id"]?.stringValue)
    }

    /// Creates and sends a single-part text upload; returns its id.
    func uploadText(_ content: String, filename: String) async throws -> String {
        let created = try await send("POST", "/v1/file_uploads", body: ["filename": .string(filename)])
        let id = try #require(created.json["id"]?.stringValue)
        let form = formBody(file: content, filename: filename)
        let sent = try await send("POST", "/v1/file_uploads/\(id)/send", rawBody: form.data, contentType: form.contentType)
        #expect(sent.json["status"] == "uploaded")
        return id
    }
}

@Suite struct EmulatorSearchOrderTests {
    /// Recorded (v2022-06-28/test_iterate_paginated_api.yaml): five pages created in the same minute come
    /// back newest first, two per page.
    @Test func defaultOrderIsMostRecentlyEditedThenCreated() async throws {
        let emu = try Emu()
        var created: [String] = []
        for i in 0..<5 { created.append(try await emu.createPage("iterate \(i)")) }
        var seen: [[String]] = []
        var cursor: JSONValue = nil
        repeat {
            var body: JSONValue = ["query": "iterate", "page_size": 2]
            if cursor != nil { body["start_cursor"] = cursor }
            let reply = try await emu.send("POST", "/v1/search", body: body)
            #expect(reply.status == 200)
            seen.append((reply.json["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
            cursor = reply.json["next_cursor"] ?? nil
        } while cursor != nil && seen.count < 5
        #expect(seen == [[created[4], created[3]], [created[2], created[1]], [created[0]]])

        let ascending = try await emu.send("POST", "/v1/search", body: [
            "query": "iterate", "sort": ["timestamp": "last_edited_time", "direction": "ascending"]])
        #expect((ascending.json["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } == created)
        let descending = try await emu.send("POST", "/v1/search", body: [
            "query": "iterate", "sort": ["timestamp": "last_edited_time", "direction": "descending"]])
        #expect((descending.json["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } == created.reversed())

        // An edit a minute later moves the oldest page to the front.
        emu.clock.advance(60)
        let edited = try await emu.send("PATCH", "/v1/pages/\(created[0])", body: ["icon": ["emoji": "🛴"]])
        #expect(edited.json["last_edited_time"] == "2026-07-04T09:09:00.000Z")
        let after = try await emu.send("POST", "/v1/search", body: ["query": "iterate"])
        #expect((after.json["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
                == [created[0], created[4], created[3], created[2], created[1]])
    }
}

@Suite struct EmulatorUploadFidelityTests {
    /// Recorded (test_file_uploads_create_external.yaml): pending, upload_url, no file_import_result.
    @Test func externalURLUploadIsPendingThenImported() async throws {
        let emu = try Emu()
        let created = try await emu.send("POST", "/v1/file_uploads", body: [
            "mode": "external_url", "filename": "test_file.pdf",
            "external_url": "https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf"])
        #expect(created.status == 200)
        let id = try #require(created.json["id"]?.stringValue)
        #expect(created.bodyWithoutRequestID == parsed("""
            {"object":"file_upload","id":"\(id)","created_time":"2026-07-04T09:08:00.000Z",\
            "created_by":{"id":"\(Fixture.integrationID)","type":"bot"},"last_edited_time":"2026-07-04T09:08:00.000Z",\
            "expiry_time":"2026-07-04T10:08:00.000Z","upload_url":"http://127.0.0.1:7777/v1/file_uploads/\(id)/send",\
            "in_trash":false,"status":"pending","filename":"test_file.pdf","content_type":"application/pdf",\
            "content_length":null,"archived":false}
            """))

        emu.clock.advance(30)
        let later = try await emu.send("GET", "/v1/file_uploads/\(id)")
        #expect(later.bodyWithoutRequestID == parsed("""
            {"object":"file_upload","id":"\(id)","created_time":"2026-07-04T09:08:00.000Z",\
            "created_by":{"id":"\(Fixture.integrationID)","type":"bot"},"last_edited_time":"2026-07-04T09:09:00.000Z",\
            "expiry_time":"2026-07-04T10:08:00.000Z","in_trash":false,"status":"uploaded","filename":"test_file.pdf",\
            "content_type":"application/pdf","content_length":null,\
            "file_import_result":{"imported_time":"2026-07-04T09:09:00.000Z","type":"success","success":{}},"archived":false}
            """))

        // No bytes were fetched: attaching gives an external file object pointing at the source.
        let append = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [["type": "pdf", "pdf": ["type": "file_upload", "file_upload": ["id": .string(id)]]]]])
        #expect(append.status == 200)
        let pdf = append.json["results"]?[0]?["pdf"]
        #expect(pdf?["type"] == "external")
        #expect(pdf?["external"] == ["url": "https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf"])
        let attached = try await emu.send("GET", "/v1/file_uploads/\(id)")
        #expect(attached.json["expiry_time"] == .null)
    }

    @Test func externalURLUploadValidation() async throws {
        let emu = try Emu()
        let missing = try await emu.send("POST", "/v1/file_uploads", body: ["mode": "external_url", "filename": "a.pdf"])
        #expect(missing.status == 400)
        #expect(missing.json["message"] == "body failed validation: body.external_url should be defined, instead was `undefined`.")
        let mode = try await emu.send("POST", "/v1/file_uploads", body: ["mode": "chunked"])
        #expect(mode.json["message"]
                == "body failed validation: body.mode should be `\"single_part\"`, `\"multi_part\"`, or `\"external_url\"`, instead was `\"chunked\"`.")
    }

    @Test func multiPartUploadOutOfOrder() async throws {
        // Multi-part uploads are for paid workspaces (per-file cap over 5 MiB).
        var snapshot = try Fixture.snapshot()
        snapshot.bot["bot"]?["workspace_limits"] = ["max_file_upload_size_in_bytes": 1_073_741_824]
        let emu = try Emu(snapshot: snapshot)
        // Every part but the last is at least 5 MiB.
        let hello = String(repeating: "H", count: 5 * 1024 * 1024 - 6) + "Hello "
        let created = try await emu.send("POST", "/v1/file_uploads", body: [
            "mode": "multi_part", "filename": "big.txt", "number_of_parts": 2])
        #expect(created.status == 200)
        let id = try #require(created.json["id"]?.stringValue)
        #expect(created.json["status"] == "pending")
        #expect(created.json["number_of_parts"] == ["total": 2, "sent": 0])
        #expect(created.json["upload_url"] == .string("http://127.0.0.1:7777/v1/file_uploads/\(id)/send"))
        #expect(created.json["complete_url"] == .string("http://127.0.0.1:7777/v1/file_uploads/\(id)/complete"))
        #expect(created.json["content_type"] == "text/plain")

        let second = formBody(file: "World", filename: "big.txt", fields: ["part_number": "2"])
        let sent2 = try await emu.send("POST", "/v1/file_uploads/\(id)/send", rawBody: second.data, contentType: second.contentType)
        #expect(sent2.status == 200)
        #expect(sent2.json["status"] == "pending")
        #expect(sent2.json["number_of_parts"] == ["total": 2, "sent": 1])
        let early = try await emu.send("POST", "/v1/file_uploads/\(id)/complete")
        #expect(early.status == 400)
        #expect(early.json["code"] == "validation_error")
        let first = formBody(file: hello, filename: "big.txt", fields: ["part_number": "1"])
        let sent1 = try await emu.send("POST", "/v1/file_uploads/\(id)/send", rawBody: first.data, contentType: first.contentType)
        #expect(sent1.json["number_of_parts"] == ["total": 2, "sent": 2])

        let completed = try await emu.send("POST", "/v1/file_uploads/\(id)/complete")
        #expect(completed.status == 200)
        #expect(completed.json["status"] == "uploaded")
        #expect(completed.json["content_length"] == .int(hello.utf8.count + 5))
        #expect(completed.json["upload_url"] == nil)
        #expect(completed.json["complete_url"] == nil)
        let retrieved = try await emu.send("GET", "/v1/file_uploads/\(id)")
        #expect(retrieved.json["status"] == "uploaded")
        #expect(retrieved.json["content_length"] == .int(hello.utf8.count + 5))

        // The parts are joined in part order, not arrival order.
        let append = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [["type": "file", "file": ["type": "file_upload", "file_upload": ["id": .string(id)]]]]])
        let url = try #require(append.json["results"]?[0]?["file"]?["file"]?["url"]?.stringValue.flatMap(URL.init(string:)))
        let bytes = try await emu.handler.handle(HTTPRequest(method: "GET", url: url))
        #expect(String(decoding: bytes.body, as: UTF8.self) == hello + "World")
    }
}

@Suite struct EmulatorCommentAttachmentTests {
    @Test func upToThreeAttachments() async throws {
        let emu = try Emu()
        var uploads: [String] = []
        for (i, name) in ["a.png", "b.pdf", "c.txt", "d.txt"].enumerated() { uploads.append(try await emu.uploadText("file \(i)", filename: name)) }
        let attachments: [JSONValue] = uploads.map { ["file_upload_id": .string($0)] }
        let four = try await emu.send("POST", "/v1/comments", body: [
            "parent": ["page_id": .string(Fixture.root.rawValue)], "rich_text": [["text": ["content": "files"]]],
            "attachments": .array(attachments)])
        #expect(four.status == 400)
        #expect(four.bodyWithoutRequestID == parsed(#"{"object":"error","status":400,"code":"validation_error","message":"body failed validation: body.attachments.length should be ≤ `3`, instead was `4`."}"#))

        let three = try await emu.send("POST", "/v1/comments", body: [
            "parent": ["page_id": .string(Fixture.root.rawValue)], "rich_text": [["text": ["content": "files"]]],
            "attachments": .array(Array(attachments.prefix(3)))])
        #expect(three.status == 200)
        let items = three.json["attachments"]?.arrayValue ?? []
        #expect(items.map { $0["category"]?.stringValue } == ["image", "pdf", "productivity"])
        #expect(items.allSatisfy { $0["file"]?["expiry_time"]?.stringValue == "2026-07-04T10:08:30.000Z" })
        let url = try #require(items[1]["file"]?["url"]?.stringValue.flatMap(URL.init(string:)))
        let bytes = try await emu.handler.handle(HTTPRequest(method: "GET", url: url))
        #expect(String(decoding: bytes.body, as: UTF8.self) == "file 1")
        let upload = try await emu.send("GET", "/v1/file_uploads/\(uploads[0])")
        #expect(upload.json["expiry_time"] == .null)

        let unknown = try await emu.send("POST", "/v1/comments", body: [
            "parent": ["page_id": .string(Fixture.root.rawValue)], "rich_text": [["text": ["content": "x"]]],
            "attachments": [["file_upload_id": "393abc1e-edcd-8999-a999-00b200000999"]]])
        #expect(unknown.status == 400)
        #expect(unknown.json["message"] == "Could not find file upload with ID: 393abc1e-edcd-8999-a999-00b200000999.")
    }

    @Test func commentValidationAndUpdate() async throws {
        let emu = try Emu()
        let neither = try await emu.send("POST", "/v1/comments", body: ["rich_text": [["text": ["content": "x"]]]])
        #expect(neither.json["message"] == """
            body failed validation. Fix one:
            body.parent should be defined, instead was `undefined`.
            body.discussion_id should be defined, instead was `undefined`.
            """)
        let created = try await emu.send("POST", "/v1/comments", body: [
            "parent": ["page_id": .string(Fixture.root.rawValue)], "rich_text": [["text": ["content": "first"]]],
            "display_name": ["type": "custom", "custom": ["name": "Importer"]]])
        #expect(created.json["display_name"] == ["type": "custom", "resolved_name": "Importer"])
        let id = try #require(created.json["id"]?.stringValue)
        emu.clock.advance(60)
        let updated = try await emu.send("PATCH", "/v1/comments/\(id)", body: ["rich_text": [["text": ["content": "Updated comment."]]]])
        #expect(updated.json["rich_text"] == [Fixture.text("Updated comment.")])
        #expect(updated.json["last_edited_time"] == "2026-07-04T09:09:00.000Z")
        let extra = try await emu.send("PATCH", "/v1/comments/\(id)", body: ["rich_text": [], "parent": ["page_id": .string(Fixture.root.rawValue)]])
        #expect(extra.json["message"]?.stringValue?.hasPrefix("body failed validation: body.parent should be not present") == true)
    }
}

@Suite struct EmulatorMovePageTests {
    @Test func moveUnderAnotherPage() async throws {
        let emu = try Emu()
        let target = try await emu.createPage("Target Parent")
        let moving = try await emu.createPage("Moving Page")
        let targetID = try #require(NotionID(target)), movingID = try #require(NotionID(moving))
        #expect(emu.workspace.childIDs(of: Fixture.root).contains(movingID))
        emu.clock.advance(60)
        // Recorded (test_move_pages.yaml): `parent` without `type`, compact-or-dashed ids.
        let moved = try await emu.send("POST", "/v1/pages/\(moving)/move", body: ["parent": ["page_id": .string(target)]])
        #expect(moved.status == 200)
        #expect(moved.json["object"] == "page")
        #expect(moved.json["id"] == .string(moving))
        #expect(moved.json["parent"] == ["type": "page_id", "page_id": .string(target)])
        #expect(moved.json["properties"]?["title"]?["title"]?[0]?["plain_text"] == "Moving Page")
        #expect(moved.json["last_edited_time"] == "2026-07-04T09:09:00.000Z")
        #expect(!emu.workspace.childIDs(of: Fixture.root).contains(movingID))
        #expect(emu.workspace.childIDs(of: targetID) == [movingID])
        let block = try await emu.send("GET", "/v1/blocks/\(moving)")
        #expect(block.json["parent"] == ["type": "page_id", "page_id": .string(target)])
        let targetBlock = try await emu.send("GET", "/v1/blocks/\(target)")
        #expect(targetBlock.json["has_children"] == true)
        let children = try await emu.send("GET", "/v1/blocks/\(target)/children")
        #expect((children.json["results"]?.arrayValue ?? []).map { $0["id"] } == [.string(moving)])

        // Into a data source: the page becomes a row keeping its title under the schema's title property.
        let row = try await emu.send("POST", "/v1/pages/\(moving)/move", body: [
            "parent": ["type": "data_source_id", "data_source_id": .string(Fixture.dataSource.rawValue)]])
        #expect(row.status == 200)
        #expect(row.json["parent"] == ["type": "data_source_id", "data_source_id": .string(Fixture.dataSource.rawValue),
                                       "database_id": .string(Fixture.database.rawValue)])
        #expect(row.json["properties"]?["Name"]?["title"]?[0]?["plain_text"] == "Moving Page")
        #expect(row.json["properties"]?["Done"]?["checkbox"] == false)
        #expect(emu.workspace.childIDs(of: targetID).isEmpty)
        let query = try await emu.send("POST", "/v1/data_sources/\(Fixture.dataSource)/query", body: [:])
        #expect(query.json["results"]?.arrayValue?.count == 4)
    }

    @Test func moveValidationAndNotFound() async throws {
        let emu = try Emu()
        let moving = try await emu.createPage("Moving Page")
        let missing = try await emu.send("POST", "/v1/pages/\(moving)/move", body: [:])
        #expect(missing.status == 400)
        #expect(missing.bodyWithoutRequestID == parsed(#"{"object":"error","status":400,"code":"validation_error","message":"body failed validation: body.parent should be defined, instead was `undefined`."}"#))
        let database = try await emu.send("POST", "/v1/pages/\(moving)/move", body: ["parent": ["database_id": .string(Fixture.database.rawValue)]])
        #expect(database.json["message"] == """
            body failed validation. Fix one:
            body.parent.page_id should be defined, instead was `undefined`.
            body.parent.data_source_id should be defined, instead was `undefined`.
            """)
        let badType = try await emu.send("POST", "/v1/pages/\(moving)/move", body: ["parent": ["type": "workspace", "workspace": true]])
        #expect(badType.json["message"]
                == "body failed validation: body.parent.type should be `\"page_id\"` or `\"data_source_id\"`, instead was `\"workspace\"`.")
        let extra = try await emu.send("POST", "/v1/pages/\(moving)/move", body: [
            "parent": ["page_id": .string(Fixture.child.rawValue)], "position": ["type": "page_end"]])
        #expect(extra.json["message"] == "body failed validation: body.position should be not present, instead was `{\"type\":\"page_end\"}`.")
        let nowhere = "393abc1e-edcd-8999-a999-000000000999"
        let unknownTarget = try await emu.send("POST", "/v1/pages/\(moving)/move", body: ["parent": ["page_id": .string(nowhere)]])
        #expect(unknownTarget.status == 404)
        #expect(unknownTarget.json["message"] == .string("Could not find page with ID: \(nowhere). Make sure the relevant pages and databases are shared with your integration \"notion-export test\"."))
        let hidden = try await emu.send("POST", "/v1/pages/\(moving)/move", body: ["parent": ["page_id": .string(Fixture.hidden.rawValue)]])
        #expect(hidden.status == 404)
        let unknownSource = try await emu.send("POST", "/v1/pages/\(moving)/move", body: ["parent": ["data_source_id": .string(nowhere)]])
        #expect(unknownSource.status == 404)
        #expect(unknownSource.json["message"]?.stringValue?.hasPrefix("Could not find data source with ID: \(nowhere).") == true)
        let unknownPage = try await emu.send("POST", "/v1/pages/\(nowhere)/move", body: ["parent": ["page_id": .string(moving)]])
        #expect(unknownPage.status == 404)
        // Not under itself or a descendant.
        let cycle = try await emu.send("POST", "/v1/pages/\(Fixture.root)/move", body: ["parent": ["page_id": .string(moving)]])
        #expect(cycle.status == 400)
        #expect(cycle.json["code"] == "validation_error")
        #expect(emu.workspace.childIDs(of: Fixture.root).contains(NotionID(moving)!))
    }
}

@Suite struct EmulatorRollupPropertyItemTests {
    @Test func arrayRollupIsAPaginatedFlattenedList() async throws {
        let emu = try Emu()
        emu.workspace.mutate { content in
            content.pages[Fixture.rowID(2)]?.json["properties"]?["Owners"] = [
                "id": "ro%3D1", "type": "rollup", "rollup": [
                    "type": "array", "function": "show_original",
                    "array": [["type": "title", "title": [Fixture.text("A"), Fixture.text("B")]], ["type": "number", "number": 3]],
                ],
            ]
        }
        let first = try await emu.send("GET", "/v1/pages/\(Fixture.rowID(2))/properties/ro%253D1?page_size=2")
        #expect(first.status == 200)
        let cursor = try #require(first.json["next_cursor"]?.stringValue)
        #expect(first.bodyWithoutRequestID == parsed("""
            {"object":"list","results":[
              {"object":"property_item","id":"ro%3D1","type":"title","title":\(Fixture.text("A").jsonString())},
              {"object":"property_item","id":"ro%3D1","type":"title","title":\(Fixture.text("B").jsonString())}],
             "next_cursor":"\(cursor)","has_more":true,"type":"property_item",
             "property_item":{"id":"ro%3D1","next_url":null,"type":"rollup","rollup":{"type":"array","array":[],"function":"show_original"}}}
            """))
        let second = try await emu.send("GET", "/v1/pages/\(Fixture.rowID(2))/properties/ro%253D1?page_size=2&start_cursor=\(cursor)")
        #expect(second.bodyWithoutRequestID == parsed("""
            {"object":"list","results":[{"object":"property_item","id":"ro%3D1","type":"number","number":3}],
             "next_cursor":null,"has_more":false,"type":"property_item",
             "property_item":{"id":"ro%3D1","next_url":null,"type":"rollup","rollup":{"type":"array","array":[],"function":"show_original"}}}
            """))
    }

    @Test func calculatedRollupCarriesTheAggregate() async throws {
        let emu = try Emu()
        emu.workspace.mutate { content in
            content.pages[Fixture.rowID(2)]?.json["properties"]?["Total"] = [
                "id": "to%3D1", "type": "rollup", "rollup": ["type": "number", "number": 42, "function": "sum"]]
        }
        let reply = try await emu.send("GET", "/v1/pages/\(Fixture.rowID(2))/properties/to%253D1")
        #expect(reply.bodyWithoutRequestID == parsed("""
            {"object":"list","results":[],"next_cursor":null,"has_more":false,"type":"property_item",
             "property_item":{"id":"to%3D1","next_url":null,"type":"rollup","rollup":{"type":"number","number":42,"function":"sum"}}}
            """))
    }
}

@Suite struct EmulatorSchemaRequestTests {
    @Test func databaseCreateAndUpdateThroughSchemaRequests() async throws {
        let emu = try Emu()
        let created = try await emu.send("POST", "/v1/databases", body: [
            "parent": ["type": "page_id", "page_id": .string(Fixture.root.rawValue)], "title": [["text": ["content": "Books"]]],
            "initial_data_source": ["properties": ["Title": ["title": [:]], "Tag": ["select": ["options": [["name": "fiction"]]]]]]])
        #expect(created.status == 200)
        #expect(created.json["created_time"] == "2026-07-04T09:08:30.000+00:00")
        let sid = try #require(created.json["data_sources"]?[0]?["id"]?.stringValue)
        let source = try await emu.send("GET", "/v1/data_sources/\(sid)")
        #expect(source.json["properties"]?["Title"]?["id"] == "title")
        #expect(source.json["properties"]?["Tag"]?["select"]?["options"]?[0]?["color"] == "default")
        let legacyKey = try await emu.send("POST", "/v1/databases", body: [
            "parent": ["page_id": .string(Fixture.root.rawValue)], "properties": ["Title": ["title": [:]]]])
        #expect(legacyKey.json["message"] == "body failed validation: body.properties should be not present, instead was `{\"Title\":{\"title\":{}}}`.")
        let twoTitles = try await emu.send("POST", "/v1/data_sources", body: [
            "parent": ["database_id": .string(Fixture.database.rawValue)], "properties": ["A": ["title": [:]], "B": ["title": [:]]]])
        #expect(twoTitles.json["message"] == "Data source must have exactly one title property, instead found 2.")
        let renamed = try await emu.send("PATCH", "/v1/data_sources/\(sid)", body: ["properties": ["Tag": ["name": "Genre"]]])
        #expect(renamed.status == 200)
        #expect(renamed.json["properties"]?["Genre"]?["type"] == "select")
        #expect(renamed.json["properties"]?["Tag"] == nil)
        let db = try #require(created.json["id"]?.stringValue)
        let updated = try await emu.send("PATCH", "/v1/databases/\(db)", body: ["icon": ["emoji": "📚"], "is_locked": true])
        #expect(updated.json["icon"] == ["type": "emoji", "emoji": "📚"])
        #expect(updated.json["is_locked"] == true)
    }
}

/// `POST /v1/pages` with `position`: the new page's block goes where it says among the parent's.
@Suite struct EmulatorPagePositionTests {
    @Test func pagesAreCreatedAtTheStartAfterABlockOrAtTheEnd() async throws {
        let emu = try Emu()
        let parent = try await emu.createPage("Parent")
        let paragraph = try await emu.send("PATCH", "/v1/blocks/\(parent)/children", body: [
            "children": [["paragraph": ["rich_text": [["text": ["content": "one"]]]]], ["paragraph": ["rich_text": [["text": ["content": "two"]]]]]],
        ])
        let ids = try #require(paragraph.json["results"]?.arrayValue?.compactMap { $0["id"]?.stringValue })
        func create(_ title: String, _ position: JSONValue) async throws -> (status: Int, json: JSONValue) {
            let reply = try await emu.send("POST", "/v1/pages", body: ["parent": ["page_id": .string(parent)], "position": position,
                                                                   "properties": ["title": [["text": ["content": .string(title)]]]]])
            return (reply.status, reply.json)
        }
        let first = try await create("First", ["type": "page_start"])
        let middle = try await create("Middle", ["type": "after_block", "after_block": ["id": .string(ids[0])]])
        let last = try await create("Last", ["type": "page_end"])
        #expect(first.status == 200 && middle.status == 200 && last.status == 200)
        let children = try await emu.send("GET", "/v1/blocks/\(parent)/children")
        let order: [String] = children.json["results"]?.arrayValue?.map { $0["id"]?.stringValue ?? "" } ?? []
        let expected: [String] = [first.json["id"]?.stringValue, ids[0], middle.json["id"]?.stringValue, ids[1], last.json["id"]?.stringValue].compactMap { $0 }
        #expect(order == expected && order.count == 5)
        // A block that is not among the parent's: Notion's validation error, and no page.
        let wrong = try await create("Nowhere", ["type": "after_block", "after_block": ["id": "b10c0000-0000-8000-8000-0000000000ee"]])
        #expect(wrong.status == 400 && wrong.json["code"] == "validation_error")
        let bad = try await create("Bad", ["type": "start"])
        #expect(bad.status == 400 && bad.json["message"]?.stringValue?.contains("body.position.type") == true)
        let after = try await emu.send("GET", "/v1/blocks/\(parent)/children")
        #expect(after.json["results"]?.arrayValue?.count == 5)
    }
}
