import Emulator
import Foundation
import Import
import NotionAPI
import NotionModel
import Synchronization
import TestSupport

/// Every request the client sends, in arrival order, answered by the emulator in-process.
final class RecordingTransport: HTTPTransport {
    let inner: InProcessTransport
    let recorded = Mutex<[HTTPRequest]>([])
    /// Arrival indices of requests whose answer is lost after the emulator applied them (a
    /// connection dropped on the way back).
    let dropAnswers = Mutex<Set<Int>>([])

    /// Arrival indices of requests lost on the way in (the connection dropped before Notion saw them).
    let dropRequests = Mutex<Set<Int>>([])

    /// The process killed at a request (`index`, by arrival): that request and every later one
    /// fail without being retried, and Notion sees none of them, except the first when `applied`
    /// (killed after Notion applied it, before its answer was read).
    let killedAt = Mutex<(index: Int, applied: Bool)?>(nil)

    init(handler: any RequestHandling) { inner = InProcessTransport(handler: handler) }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let index = recorded.withLock { $0.append(request); return $0.count - 1 }
        if let kill = killedAt.withLock({ $0 }), index >= kill.index {
            if index == kill.index && kill.applied { _ = try await inner.send(request) }
            throw URLError(.cancelled)
        }
        if dropRequests.withLock({ $0.contains(index) }) { throw URLError(.networkConnectionLost) }
        let response = try await inner.send(request)
        if dropAnswers.withLock({ $0.contains(index) }) { throw URLError(.networkConnectionLost) }
        return response
    }

    var requests: [HTTPRequest] { recorded.withLock { $0 } }
    func reset() { recorded.withLock { $0 = [] } }

    /// `METHOD /path?query` per request, the host left out.
    var lines: [String] {
        requests.map { request in
            let path = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
            return "\(request.method) \(path)"
        }
    }

    func json(_ index: Int) -> JSONValue? {
        requests[index].body.flatMap { try? JSONValue(data: $0) }
    }
}

/// An emulator with one shared, empty root page, a client on it through `RecordingTransport`.
struct WriterHarness {
    static let token = "ntn_import_write_test"
    static let root = "393abc1e-edcd-80f3-813b-e205934558c6"
    let workspace: Workspace
    let transport: RecordingTransport
    let client: NotionClient

    /// `uploadLimit`: the bot's `max_file_upload_size_in_bytes` (5 MiB is the free plan's).
    init(version: NotionVersion = .v2025_09_03, uploadLimit: Int = 5_242_880, rootBlocks: [JSONValue] = []) throws {
        var snapshot = WorkspaceSnapshot(integrationID: NotionID("7775f3a3-893f-43fa-b625-460c61094c78")!,
                                         integrationName: "import test", tokens: [Self.token])
        snapshot.bot["bot"]?["workspace_limits"] = ["max_file_upload_size_in_bytes": .int(uploadLimit)]
        try snapshot.addPage(["id": .string(Self.root), "parent": ["type": "workspace", "workspace": true],
                              "properties": ["title": ["id": "title", "type": "title", "title": [Self.text("Root")]]]],
                             blocks: rootBlocks)
        let start = ISO8601DateFormatter().date(from: "2026-07-04T09:08:30Z")!
        workspace = Workspace(snapshot: snapshot, seed: 11, clock: { start })
        let handler = EmulatorHandler(workspace: workspace, baseURL: URL(string: "http://127.0.0.1:7777")!)
        transport = RecordingTransport(handler: handler)
        client = NotionClient(options: .init(baseURL: URL(string: "http://127.0.0.1:7777")!, version: version,
                                             token: NotionToken(Self.token),
                                             scheduler: .init(maxConcurrent: 8, requestsPerSecond: nil, burst: 2)),
                              transport: transport)
    }

    /// A rich text item in the full form Notion stores and returns (and accepts back).
    static func text(_ content: String) -> JSONValue {
        ["type": "text", "text": ["content": .string(content), "link": nil],
         "annotations": ["bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"],
         "plain_text": .string(content), "href": nil]
    }

    static func paragraph(_ content: String, children: [BlockDraft] = []) -> BlockDraft {
        BlockDraft("paragraph", ["rich_text": [text(content)], "icon": nil, "color": "default"], children: children)
    }

    static func bullet(_ content: String, children: [BlockDraft] = []) -> BlockDraft {
        BlockDraft("bulleted_list_item", ["rich_text": [text(content)], "color": "default"], children: children)
    }

    static func toggle(_ content: String, children: [BlockDraft] = []) -> BlockDraft {
        BlockDraft("toggle", ["rich_text": [text(content)], "color": "default"], children: children)
    }

    static func table(rows: Int, width: Int = 2) -> BlockDraft {
        BlockDraft("table", ["table_width": .int(width), "has_column_header": true, "has_row_header": false],
                   children: (0..<rows).map { r in
                       BlockDraft("table_row", ["cells": .array((0..<width).map { c in [text("r\(r)c\(c)")] })])
                   })
    }

    /// The stored content under `id` as drafts (type, payload, children), to compare with what was written.
    func stored(under id: String) -> [BlockDraft] {
        workspace.childIDs(of: NotionID(id)!).compactMap { child -> BlockDraft? in
            guard let json = workspace.storedJSON(child), json["in_trash"] != true, let type = json["type"]?.stringValue else { return nil }
            return BlockDraft(type, json[type] ?? .null, children: stored(under: child.rawValue))
        }
    }

    /// The stored ids under `id`, as the writer's result shape.
    func storedIDs(under id: String) -> [WrittenBlock] {
        workspace.childIDs(of: NotionID(id)!).map { WrittenBlock(id: $0.rawValue, children: storedIDs(under: $0.rawValue)) }
    }

    var writer: BlockWriter { BlockWriter(client: client) }

    func createPage(_ drafts: [BlockDraft], ids: BlockWriter.IDs = .all) async throws -> WrittenPage {
        try await BlockWriter(client: client, ids: ids).createPage(
            parent: ["page_id": .string(Self.root)], properties: ["title": [["text": ["content": "Imported"]]]], children: drafts)
    }
}

/// The fewest requests that learn every new block's id: `pages.create` (no block ids) plus, for
/// the page and each block with children, one list or append per 100 children (each response
/// names the children of one parent only).
func minimumRequestsForAllIDs(_ drafts: [BlockDraft]) -> Int {
    func parents(_ drafts: [BlockDraft]) -> Int {
        drafts.reduce(0) { $0 + ($1.children.isEmpty ? 0 : ($1.children.count + 99) / 100) + parents($1.children) }
    }
    return 1 + (drafts.isEmpty ? 0 : (drafts.count + 99) / 100) + parents(drafts)
}

/// An emulator over loopback with the sample's people and custom emojis and one empty page,
/// `root`, to import or restore under (what a restore into the same workspace sees).
func startEmptyTarget(root: String) async throws -> (harness: EmulatorHarness, folder: TemporaryFolder) {
    let workspace = try TemporaryFolder()
    let fm = FileManager.default
    try fm.copyItem(at: Fixtures.sampleWorkspace.appending(path: "workspace.json"), to: workspace.url.appending(path: "workspace.json"))
    try fm.createDirectory(at: workspace.url.appending(path: "files"), withIntermediateDirectories: true)
    try fm.copyItem(at: Fixtures.sampleWorkspace.appending(path: "files/emoji"), to: workspace.url.appending(path: "files/emoji"))
    try fm.createDirectory(at: workspace.url.appending(path: "pages"), withIntermediateDirectories: true)
    let page: JSONValue = ["page": ["id": .string(root), "parent": ["type": "workspace", "workspace": true],
                                    "properties": ["title": ["id": "title", "type": "title", "title": [WriterHarness.text("Root")]]]],
                           "blocks": [], "shared": true]
    try page.data(pretty: true).write(to: workspace.url.appending(path: "pages/root.json"))
    return (try await EmulatorHarness.start(workspace: workspace.url), workspace)
}
