@testable import Emulator
import Foundation
import NotionAPI
import NotionModel
import Testing

/// What the emulator rejects of writes, as Notion does: nested arrays, page-create bodies, upload
/// sizes and parts, expired uploads.
@Suite struct EmulatorWriteLimitTests {
    static let paidCap = 1_073_741_824

    func emu(cap: Int) throws -> Emu {
        var snapshot = try Fixture.snapshot()
        snapshot.bot["bot"]?["workspace_limits"] = ["max_file_upload_size_in_bytes": .int(cap)]
        return try Emu(snapshot: snapshot)
    }

    func bullet(_ text: String, children: [JSONValue]? = nil) -> JSONValue {
        var payload: JSONValue = ["rich_text": [["text": ["content": .string(text)]]]]
        if let children { payload["children"] = .array(children) }
        return ["bulleted_list_item": payload]
    }

    func error(_ reply: Emu.Reply) -> JSONValue {
        var json = reply.json
        json["request_id"] = nil
        return json
    }

    func validation(_ message: String) -> JSONValue {
        ["object": "error", "status": 400, "code": "validation_error", "message": .string(message)]
    }

    @Test func everyNestedChildrenArrayHoldsAtMost100() async throws {
        let emu = try Emu()
        let before = emu.workspace.childIDs(of: Fixture.root)
        let row: JSONValue = ["table_row": ["cells": [[["text": ["content": "c"]]]]]]
        let rows = Array(repeating: row, count: 101)
        let table = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [["table": ["table_width": 1, "children": .array(rows)]]]])
        #expect(table.status == 400)
        #expect(error(table) == validation("body failed validation: body.children[0].table.children.length should be ≤ `100`, instead was `101`."))
        let nested = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [bullet("a", children: [bullet("b", children: (0..<101).map { bullet("\($0)") })])]])
        #expect(error(nested) == validation(
            "body failed validation: body.children[0].bulleted_list_item.children[0].bulleted_list_item.children.length should be ≤ `100`, instead was `101`."))
        // Nothing of a rejected request is written.
        #expect(emu.workspace.childIDs(of: Fixture.root) == before)
    }

    @Test func pageCreateHasTheAppendLimits() async throws {
        let emu = try Emu()
        let before = emu.workspace.childIDs(of: Fixture.root)
        func create(_ children: [JSONValue]) async throws -> Emu.Reply {
            try await emu.send("POST", "/v1/pages", body: [
                "parent": ["page_id": .string(Fixture.root.rawValue)], "properties": ["title": [["text": ["content": "new"]]]],
                "children": .array(children)])
        }
        #expect(error(try await create((0..<101).map { bullet("\($0)") }))
            == validation("body failed validation: body.children.length should be ≤ `100`, instead was `101`."))
        let deep = try await create([bullet("1", children: [bullet("2", children: [bullet("3", children: [bullet("4")])])])])
        #expect(error(deep) == validation(
            "body failed validation: body.children[0].bulleted_list_item.children[0].bulleted_list_item.children[0].bulleted_list_item.children should be not present, instead was `[{\"bulleted_list_item\":{\"rich_text\":[{\"t...`."))
        let toggles = (0..<100).map { t in bullet("\(t)", children: (0..<10).map { bullet("\($0)") }) }
        #expect(error(try await create(toggles))
            == validation("body failed validation: body.children should have ≤ `1000` block elements in total, instead was `1100`."))
        let long = String(repeating: "x", count: 2001)
        #expect(error(try await create([bullet(long)])) == validation(
            "body failed validation: body.children[0].bulleted_list_item.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`."))
        // No page was created by any of them.
        #expect(emu.workspace.childIDs(of: Fixture.root) == before)
    }

    @Test func aRequestBodyOver500KBIsRejectedWith413() async throws {
        let emu = try Emu()
        let text = String(repeating: "x", count: 2000)
        let item: JSONValue = ["text": ["content": .string(text)]]
        let paragraph: JSONValue = ["paragraph": ["rich_text": .array(Array(repeating: item, count: 3))]]
        let paragraphs = Array(repeating: paragraph, count: 100)
        let reply = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: ["children": .array(paragraphs)])
        #expect(reply.status == 413)
        #expect(error(reply) == ["object": "error", "status": 413, "code": "validation_error", "message": "Request body too large."])
    }

    @Test func singlePartUploadsTakeAtMost20MB() async throws {
        let emu = try emu(cap: Self.paidCap)
        let created = try await emu.send("POST", "/v1/file_uploads", body: ["filename": "big.bin"])
        let id = try #require(created.json["id"]?.stringValue)
        let over = formBody(file: String(repeating: "b", count: 20_000_001), filename: "big.bin")
        let reply = try await emu.send("POST", "/v1/file_uploads/\(id)/send", rawBody: over.data, contentType: over.contentType)
        #expect(error(reply) == validation(
            "The file is 20000001 bytes; a single-part upload takes at most 20000000 bytes. Use mode \"multi_part\"."))
        let atLimit = formBody(file: String(repeating: "b", count: 20_000_000), filename: "big.bin")
        let ok = try await emu.send("POST", "/v1/file_uploads/\(id)/send", rawBody: atLimit.data, contentType: atLimit.contentType)
        #expect(ok.json["status"] == "uploaded")
        #expect(ok.json["content_length"] == 20_000_000)
    }

    @Test func multiPartSizesAndTheWorkspaceCap() async throws {
        let mib = 1024 * 1024
        let emu = try emu(cap: 6 * mib)
        let created = try await emu.send("POST", "/v1/file_uploads", body: ["mode": "multi_part", "filename": "v.mp4", "number_of_parts": 3])
        let id = try #require(created.json["id"]?.stringValue)
        func send(_ size: Int, part: Int) async throws -> Emu.Reply {
            let form = formBody(file: String(repeating: "v", count: size), filename: "v.mp4", contentType: "video/mp4",
                                fields: ["part_number": String(part)])
            return try await emu.send("POST", "/v1/file_uploads/\(id)/send", rawBody: form.data, contentType: form.contentType)
        }
        #expect(error(try await send(5 * mib - 1, part: 1))
            == validation("Part 1 is 5242879 bytes; every part but the last must be at least 5242880 bytes."))
        #expect(error(try await send(20_000_001, part: 3))
            == validation("Part 3 is 20000001 bytes; parts of a multi-part upload must be at most 20000000 bytes."))
        #expect(try await send(5 * mib, part: 1).json["number_of_parts"] == ["total": 3, "sent": 1])
        // The last part may be small, but the whole file is over this workspace's 6 MiB.
        #expect(error(try await send(mib + 1, part: 3))
            == validation("The file size exceeds the limit of 6291456 bytes for this workspace."))
        #expect(try await send(mib, part: 3).json["number_of_parts"] == ["total": 3, "sent": 2])
        let incomplete = try await emu.send("POST", "/v1/file_uploads/\(id)/complete")
        #expect(error(incomplete) == validation("Expected 3 parts but received 2."))
    }

    @Test func uploadsExpireAnHourAfterCreationUnlessAttached() async throws {
        let emu = try Emu()
        // Pending: sending after the hour fails, and the upload reads as expired.
        let pending = try #require(try await emu.send("POST", "/v1/file_uploads", body: ["filename": "a.txt"]).json["id"]?.stringValue)
        let multi = try #require(try await emu.send("POST", "/v1/file_uploads", body: [
            "mode": "multi_part", "filename": "m.txt", "number_of_parts": 1]).json["id"]?.stringValue)
        let part = formBody(file: "tiny", filename: "m.txt", fields: ["part_number": "1"])
        #expect(try await emu.send("POST", "/v1/file_uploads/\(multi)/send", rawBody: part.data, contentType: part.contentType).status == 200)
        let sentOnly = try await emu.uploadText("never attached", filename: "b.txt")
        let attached = try await emu.uploadText("attached", filename: "c.txt")
        let attach = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [["file": ["type": "file_upload", "file_upload": ["id": .string(attached)]]]]])
        #expect(attach.status == 200)

        emu.clock.advance(3600)
        let form = formBody(file: "late", filename: "a.txt")
        let late = try await emu.send("POST", "/v1/file_uploads/\(pending)/send", rawBody: form.data, contentType: form.contentType)
        #expect(error(late) == validation("File upload is not in the pending state; its status is expired."))
        #expect(try await emu.send("GET", "/v1/file_uploads/\(pending)").json["status"] == "expired")
        #expect(error(try await emu.send("POST", "/v1/file_uploads/\(multi)/complete"))
            == validation("File upload is not a pending multi-part upload."))
        // Sent but never attached: expired too, and no longer attachable.
        #expect(try await emu.send("GET", "/v1/file_uploads/\(sentOnly)").json["status"] == "expired")
        let tooLate = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [["file": ["type": "file_upload", "file_upload": ["id": .string(sentOnly)]]]]])
        #expect(error(tooLate) == validation("Could not find file upload with ID: \(sentOnly)."))
        // Attached within the hour: kept, reusable.
        #expect(try await emu.send("GET", "/v1/file_uploads/\(attached)").json["status"] == "uploaded")
        let reuse = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [["file": ["type": "file_upload", "file_upload": ["id": .string(attached)]]]]])
        #expect(reuse.status == 200)
    }
}
