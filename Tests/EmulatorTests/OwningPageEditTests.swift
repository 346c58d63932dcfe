import Foundation
import NotionAPI
import NotionModel
import Testing
@testable import Emulator

/// A page's `last_edited_time` follows edits of any block inside it (toggles nested at any depth),
/// as in Notion; pages above it and other pages keep theirs.
@Suite struct OwningPageEditTests {
    static let nested = NotionID("393abc1e-edcd-8555-a555-000000000001")!
    static let outerToggle = NotionID("393abc1e-edcd-8555-a555-0000000000a1")!
    static let innerToggle = NotionID("393abc1e-edcd-8555-a555-0000000000a2")!
    static let deepParagraph = NotionID("393abc1e-edcd-8555-a555-0000000000a3")!
    static let loaded = WorkspaceSnapshot.defaultTimestamp
    static let childLoaded = "2026-01-06T10:00:00.000Z"
    static let bot: JSONValue = ["object": "user", "id": .string(Fixture.integrationID.rawValue)]

    /// The fixture plus "Nested" under Home: toggle › toggle › paragraph.
    static func snapshot() throws -> WorkspaceSnapshot {
        var s = try Fixture.snapshot()
        let paragraph: JSONValue = ["id": .string(deepParagraph.rawValue), "type": "paragraph",
                                    "paragraph": ["rich_text": [Fixture.text("deep")], "color": "default"]]
        let inner: JSONValue = ["id": .string(innerToggle.rawValue), "type": "toggle",
                                "toggle": ["rich_text": [Fixture.text("inner")], "color": "default"], "children": [paragraph]]
        let outer: JSONValue = ["id": .string(outerToggle.rawValue), "type": "toggle",
                                "toggle": ["rich_text": [Fixture.text("outer")], "color": "default"], "children": [inner]]
        try s.addPage(["id": .string(nested.rawValue), "parent": ["type": "page_id", "page_id": .string(Fixture.root.rawValue)],
                       "properties": Fixture.titleProperty("Nested")], blocks: [outer])
        try s.validate()
        return s
    }

    /// `last_edited_time` of a page as `GET /v1/pages/{id}` serves it.
    func edited(_ emu: Emu, _ page: NotionID) async throws -> JSONValue? {
        let reply = try await emu.send("GET", "/v1/pages/\(page)")
        #expect(reply.status == 200)
        return reply.json["last_edited_time"]
    }

    @Test func patchingABlockInNestedTogglesBumpsItsPageOnly() async throws {
        let emu = try Emu(snapshot: Self.snapshot())
        #expect(try await edited(emu, Self.nested) == .string(Self.loaded))
        emu.clock.advance(60)
        let reply = try await emu.send("PATCH", "/v1/blocks/\(Self.deepParagraph)",
                                       body: ["paragraph": ["rich_text": [["text": ["content": "changed"]]]]])
        #expect(reply.status == 200)
        #expect(reply.json["last_edited_time"] == "2026-07-04T09:09:00.000Z")
        #expect(try await edited(emu, Self.nested) == "2026-07-04T09:09:00.000Z")
        #expect(emu.workspace.storedJSON(Self.nested)?["last_edited_by"] == Self.bot)
        // The parent page (Home) and a sibling page keep theirs.
        #expect(try await edited(emu, Fixture.root) == .string(Self.loaded))
        #expect(try await edited(emu, Fixture.child) == .string(Self.childLoaded))
        // A child page's block bumps the child page, not Home.
        emu.clock.advance(60)
        _ = try await emu.send("PATCH", "/v1/blocks/\(Fixture.paragraphID(50))",
                               body: ["paragraph": ["rich_text": [["text": ["content": "x"]]]]])
        #expect(try await edited(emu, Fixture.child) == "2026-07-04T09:10:00.000Z")
        #expect(try await edited(emu, Fixture.root) == .string(Self.loaded))
        #expect(try await edited(emu, Self.nested) == "2026-07-04T09:09:00.000Z")
    }

    @Test func appendingUnderABlockBumpsItsPage() async throws {
        let emu = try Emu(snapshot: Self.snapshot())
        emu.clock.advance(120)
        let reply = try await emu.send("PATCH", "/v1/blocks/\(Self.innerToggle)/children", body: [
            "children": [["paragraph": ["rich_text": [["text": ["content": "appended"]]]]]]])
        #expect(reply.status == 200)
        #expect(try await edited(emu, Self.nested) == "2026-07-04T09:10:00.000Z")
        #expect(emu.workspace.storedJSON(Self.nested)?["last_edited_by"] == Self.bot)
        #expect(emu.workspace.storedJSON(Self.innerToggle)?["last_edited_time"] == "2026-07-04T09:10:00.000Z")
        #expect(try await edited(emu, Fixture.root) == .string(Self.loaded))
        // Appending to a page directly edits that page, by the integration.
        emu.clock.advance(60)
        _ = try await emu.send("PATCH", "/v1/blocks/\(Fixture.root)/children", body: [
            "children": [["paragraph": ["rich_text": [["text": ["content": "top"]]]]]]])
        #expect(try await edited(emu, Fixture.root) == "2026-07-04T09:11:00.000Z")
        #expect(emu.workspace.storedJSON(Fixture.root)?["last_edited_by"] == Self.bot)
        #expect(try await edited(emu, Self.nested) == "2026-07-04T09:10:00.000Z")
    }

    @Test func deletingOrTrashingABlockBumpsItsPage() async throws {
        let emu = try Emu(snapshot: Self.snapshot())
        emu.clock.advance(60)
        let deleted = try await emu.send("DELETE", "/v1/blocks/\(Self.deepParagraph)")
        #expect(deleted.status == 200)
        #expect(deleted.json["in_trash"] == true)
        #expect(try await edited(emu, Self.nested) == "2026-07-04T09:09:00.000Z")
        #expect(emu.workspace.storedJSON(Self.nested)?["last_edited_by"] == Self.bot)
        emu.clock.advance(60)
        let trashed = try await emu.send("PATCH", "/v1/blocks/\(Self.outerToggle)", body: ["in_trash": true])
        #expect(trashed.status == 200)
        #expect(try await edited(emu, Self.nested) == "2026-07-04T09:10:00.000Z")
        #expect(try await edited(emu, Fixture.root) == .string(Self.loaded))
        // Trashing a child page is not an edit of its parent page.
        emu.clock.advance(60)
        _ = try await emu.send("DELETE", "/v1/blocks/\(Fixture.child)")
        #expect(emu.workspace.storedJSON(Fixture.root)?["last_edited_time"] == .string(Self.loaded))
    }

    @Test func inProcessEditsBumpTheOwningPage() throws {
        let emu = try Emu(snapshot: Self.snapshot())
        emu.clock.advance(60)
        try emu.workspace.editBlock(Self.deepParagraph, payload: ["color": "red"], merge: true)
        #expect(emu.workspace.storedJSON(Self.deepParagraph)?["last_edited_time"] == "2026-07-04T09:09:00.000Z")
        #expect(emu.workspace.storedJSON(Self.nested)?["last_edited_time"] == "2026-07-04T09:09:00.000Z")
        emu.clock.advance(60)
        try emu.workspace.setTrashed(Self.innerToggle, true)
        #expect(emu.workspace.storedJSON(Self.nested)?["last_edited_time"] == "2026-07-04T09:10:00.000Z")
        #expect(emu.workspace.storedJSON(Fixture.root)?["last_edited_time"] == .string(Self.loaded))
        #expect(emu.workspace.storedJSON(Fixture.child)?["last_edited_time"] == .string(Self.childLoaded))
    }

    @Test func owningPageStopsAtPagesAndCycles() throws {
        var s = try Self.snapshot()
        #expect(s.owningPage(ofBlock: Self.deepParagraph) == Self.nested)
        #expect(s.owningPage(ofBlock: Self.outerToggle) == Self.nested)
        #expect(s.owningPage(ofBlock: Fixture.paragraphID(50)) == Fixture.child)
        #expect(s.owningPage(ofBlock: Fixture.child) == nil)  // a page is not inside its parent's content
        #expect(s.owningPage(ofBlock: Fixture.database) == nil)
        // outer → deep → inner → outer: no page, and the walk ends.
        s.blocks[Self.outerToggle]?["parent"] = ["type": "block_id", "block_id": .string(Self.deepParagraph.rawValue)]
        #expect(s.owningPage(ofBlock: Self.deepParagraph) == nil)
        s.blocks[Self.outerToggle]?["parent"] = ["type": "workspace", "workspace": true]
        #expect(s.owningPage(ofBlock: Self.deepParagraph) == nil)
    }
}
