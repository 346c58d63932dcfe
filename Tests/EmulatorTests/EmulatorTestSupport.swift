import Foundation
import NotionAPI
import NotionModel
import Synchronization
import Testing
@testable import Emulator

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ text: String = "2026-07-04T09:08:30Z") { current = Mutex(ISO8601DateFormatter().date(from: text)!) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var function: @Sendable () -> Date { { [self] in self.now } }
}

enum Fixture {
    static let integrationID = NotionID("7775f3a3-893f-43fa-b625-460c61094c78")!
    static let token = "ntn_test_token"
    static let root = NotionID("393abc1e-edcd-80f3-813b-e205934558c6")!
    static let child = NotionID("393abc1e-edcd-8111-a111-000000000001")!
    static let hidden = NotionID("393abc1e-edcd-8111-a111-000000000002")!
    static let database = NotionID("393abc1e-edcd-8222-a222-000000000001")!
    static let dataSource = NotionID("393abc1e-edcd-8222-a222-000b00000001")!
    static let member = NotionID("a4f789cc-7bc8-4cf0-82b9-a8ba7d985ecf")!
    static func paragraphID(_ i: Int) -> NotionID { NotionID(String(format: "393abc1e-edcd-8333-a333-%012d", i))! }
    static func rowID(_ i: Int) -> NotionID { NotionID(String(format: "393abc1e-edcd-8444-a444-%012d", i))! }

    static func text(_ content: String) -> JSONValue {
        ["type": "text", "text": ["content": .string(content), "link": nil],
         "annotations": ["bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"],
         "plain_text": .string(content), "href": nil]
    }

    static func titleProperty(_ title: String) -> JSONValue {
        ["title": ["id": "title", "type": "title", "title": [text(title)]]]
    }

    static func paragraph(_ i: Int, _ content: String) -> JSONValue {
        ["id": .string(paragraphID(i).rawValue), "type": "paragraph",
         "paragraph": ["rich_text": [text(content)], "icon": nil, "color": "default"]]
    }

    /// Root page "Home" with 5 paragraphs, an image, a child page, a database with 3 rows (one with
    /// 30 relations), an unshared page and one file.
    static func snapshot() throws -> WorkspaceSnapshot {
        var s = WorkspaceSnapshot(
            integrationID: integrationID, integrationName: "notion-export test",
            users: [["object": "user", "id": .string(member.rawValue), "name": "Ada", "avatar_url": nil, "type": "person",
                     "person": ["email": "ada@example.com"]]],
            tokens: [token])
        var blocks = (0..<5).map { paragraph($0, "paragraph \($0)") }
        blocks.append(["id": .string(paragraphID(90).rawValue), "type": "image",
                       "image": ["caption": [], "type": "file", "file": ["url": "files/diagram.png"]]])
        blocks.append(["id": .string(child.rawValue), "type": "child_page"])
        try s.addPage(["id": .string(root.rawValue), "parent": ["type": "workspace", "workspace": true],
                       "properties": titleProperty("Home")], blocks: blocks)
        try s.addPage(["id": .string(child.rawValue), "parent": ["type": "page_id", "page_id": .string(root.rawValue)],
                       "properties": titleProperty("Child Page"), "last_edited_time": "2026-01-06T10:00:00.000Z"],
                      blocks: [paragraph(50, "inside child")])
        try s.addPage(["id": .string(hidden.rawValue), "parent": ["type": "workspace", "workspace": true],
                       "properties": titleProperty("Secret")], shared: false)
        try s.addDatabase(
            ["id": .string(database.rawValue), "parent": ["type": "page_id", "page_id": .string(root.rawValue)],
             "title": [text("Tasks")]],
            dataSources: [["id": .string(dataSource.rawValue), "title": [text("Tasks")], "properties": [
                "Name": ["id": "title", "type": "title", "title": [:]],
                "Done": ["id": "d%3D1", "type": "checkbox", "checkbox": [:]],
                "Related": ["id": "r%3D1", "type": "relation", "relation": ["data_source_id": .string(dataSource.rawValue)]],
            ]]])
        for i in 0..<3 {
            var properties: [String: JSONValue] = [
                "Name": ["id": "title", "type": "title", "title": [text("Task \(i)")]],
                "Done": ["id": "d%3D1", "type": "checkbox", "checkbox": .bool(i == 1)],
            ]
            if i == 0 {
                properties["Related"] = ["id": "r%3D1", "type": "relation",
                                         "relation": .array((0..<30).map { ["id": .string(rowID(100 + $0).rawValue)] })]
            }
            try s.addPage(["id": .string(rowID(i).rawValue),
                           "parent": ["type": "data_source_id", "data_source_id": .string(dataSource.rawValue)],
                           "properties": .object(properties)])
        }
        s.addFile(path: "files/diagram.png", data: Data([0x89, 0x50, 0x4E, 0x47]))
        try s.validate()
        return s
    }
}

/// A handler over the fixture workspace, called in-process.
struct Emu {
    let clock: TestClock
    let workspace: Workspace
    let handler: EmulatorHandler
    let transport: InProcessTransport

    init(snapshot: WorkspaceSnapshot? = nil, seed: UInt64 = 7) throws {
        clock = TestClock()
        workspace = Workspace(snapshot: try snapshot ?? Fixture.snapshot(), seed: seed, clock: clock.function)
        handler = EmulatorHandler(workspace: workspace, baseURL: URL(string: "http://127.0.0.1:7777")!)
        transport = InProcessTransport(handler: handler)
    }

    struct Reply {
        var status: Int
        var json: JSONValue
        var response: HTTPResponse
        /// The body without `request_id` (for whole-body comparisons).
        var bodyWithoutRequestID: JSONValue {
            var j = json
            j["request_id"] = nil
            return j
        }
    }

    func send(_ method: String, _ path: String, body: JSONValue? = nil, version: String? = "2025-09-03",
              token: String? = Fixture.token, rawBody: Data? = nil, contentType: String? = nil) async throws -> Reply {
        var headers: [String: String] = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if let version { headers["Notion-Version"] = version }
        var data = rawBody
        if let body { data = body.data(); headers["Content-Type"] = "application/json" }
        if let contentType { headers["Content-Type"] = contentType }
        let response = try await transport.send(HTTPRequest(method: method, url: URL(string: "https://api.notion.com" + path)!,
                                                             headers: headers, body: data))
        let json = (try? JSONValue(data: response.body)) ?? .null
        return Reply(status: response.status, json: json, response: response)
    }
}

func parsed(_ text: String) -> JSONValue { try! JSONValue(string: text) }
