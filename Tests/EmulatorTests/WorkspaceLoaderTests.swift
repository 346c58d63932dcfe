import Foundation
import NotionAPI
import NotionModel
import Testing
@testable import Emulator

@Suite struct WorkspaceLoaderTests {
    /// A fresh temp folder holding `files` (relative path → text).
    func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("emu-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    let workspaceJSON = """
        {"integration":{"id":"7775f3a3-893f-43fa-b625-460c61094c78","name":"sample"},"tokens":["ntn_x"],
         "users":[{"id":"a4f789cc-7bc8-4cf0-82b9-a8ba7d985ecf","name":"Ada","type":"person","person":{"email":"a@x"}}]}
        """

    func page(_ id: String, parent: String = #"{"type":"workspace","workspace":true}"#, blocks: String = "[]") -> String {
        #"{"page":{"id":"\#(id)","parent":\#(parent),"properties":{"title":{"id":"title","type":"title","title":[{"type":"text","text":{"content":"P"},"plain_text":"P"}]}}},"blocks":\#(blocks)}"#
    }

    func loadError(_ files: [String: String]) throws -> WorkspaceLoadError? {
        let root = try folder(files)
        defer { try? FileManager.default.removeItem(at: root) }
        do { _ = try WorkspaceLoader.load(from: root); return nil } catch { return error }
    }

    @Test func loadsAndFillsDefaults() async throws {
        let root = try folder([
            "workspace.json": workspaceJSON,
            "pages/home.json": page("393abc1e-edcd-80f3-813b-e205934558c6", blocks: #"""
                [{"id":"393abc1e-edcd-8111-a111-000000000001","type":"toggle","toggle":{"rich_text":[]},
                  "children":[{"id":"393abc1e-edcd-8111-a111-000000000002","type":"paragraph","paragraph":{"rich_text":[]}}]},
                 {"id":"393abc1e-edcd-8111-a111-000000000003","type":"image","image":{"type":"file","file":{"url":"files/a.png"},"caption":[]}}]
                """#),
            "files/a.png": "PNG",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(contentsOf: root)
        let page = try #require(workspace.storedJSON(NotionID("393abc1e-edcd-80f3-813b-e205934558c6")!))
        #expect(page["created_time"] == "2026-01-05T10:00:00.000Z")
        #expect(page["created_by"] == ["object": "user", "id": "a4f789cc-7bc8-4cf0-82b9-a8ba7d985ecf"])
        #expect(page["url"] == "https://www.notion.so/P-393abc1eedcd80f3813be205934558c6")
        #expect(page["in_trash"] == false)
        #expect(workspace.counts.blocks == 3)
        #expect(workspace.counts.files == 1)
        let handler = EmulatorHandler(workspace: workspace, baseURL: URL(string: "http://localhost:1")!)
        let reply = try await handler.handle(HTTPRequest(
            method: "GET", url: URL(string: "http://localhost:1/v1/blocks/393abc1e-edcd-8111-a111-000000000001")!,
            headers: ["Authorization": "Bearer ntn_x", "Notion-Version": "2025-09-03"]))
        let json = try JSONValue(data: reply.body)
        #expect(json["has_children"] == true)
        #expect(json["parent"] == ["type": "page_id", "page_id": "393abc1e-edcd-80f3-813b-e205934558c6"])
    }

    @Test func missingID() throws {
        let error = try loadError(["workspace.json": workspaceJSON,
                                   "pages/a.json": #"{"page":{"parent":{"type":"workspace","workspace":true},"properties":{}}}"#])
        #expect(error == WorkspaceLoadError(file: "pages/a.json", path: "page.id", reason: "missing id"))
    }

    @Test func duplicateID() throws {
        let error = try loadError(["workspace.json": workspaceJSON,
                                   "pages/a.json": page("393abc1e-edcd-80f3-813b-e205934558c6"),
                                   "pages/b.json": page("393abc1e-edcd-80f3-813b-e205934558c6")])
        #expect(error?.file == "pages/b.json")
        #expect(error?.path == "page.id")
        #expect(error?.reason.contains("duplicate id") == true)
    }

    @Test func unknownParent() throws {
        let error = try loadError(["workspace.json": workspaceJSON,
                                   "pages/a.json": page("393abc1e-edcd-80f3-813b-e205934558c6",
                                                        parent: #"{"type":"page_id","page_id":"393abc1e-edcd-8999-a999-000000000009"}"#)])
        #expect(error?.file == "pages/a.json")
        #expect(error?.path == "page.parent.page_id")
    }

    @Test func childPageBlockPointingAtMissingPage() throws {
        let error = try loadError(["workspace.json": workspaceJSON,
                                   "pages/a.json": page("393abc1e-edcd-80f3-813b-e205934558c6",
                                                        blocks: #"[{"id":"393abc1e-edcd-8999-a999-000000000009","type":"child_page"}]"#)])
        #expect(error?.file == "pages/a.json")
        #expect(error?.path == "blocks[0].id")
        #expect(error?.reason.contains("missing page") == true)
    }

    @Test func filePathNotFound() throws {
        let error = try loadError(["workspace.json": workspaceJSON,
                                   "pages/a.json": page("393abc1e-edcd-80f3-813b-e205934558c6", blocks: #"""
                                       [{"id":"393abc1e-edcd-8111-a111-000000000003","type":"image","image":{"type":"file","file":{"url":"files/nope.png"}}}]
                                       """#)])
        #expect(error?.file == "pages/a.json")
        #expect(error?.reason == "file not found: files/nope.png")
        #expect(error?.path.hasSuffix("image.file.url") == true)
    }

    /// A backup tree: metadata without tokens in `.notion-export/`, a page in a subfolder whose
    /// image is a downloaded asset, and hidden junk that is not a workspace document.
    func backupTree() throws -> URL {
        try folder([
            ".notion-export/workspace.json": #"{"integration":{"id":"7775f3a3-893f-43fa-b625-460c61094c78","name":"backup"}}"#,
            ".notion-export/manifest.json": #"{"version":1,"pages":{}}"#,
            ".git/config.json": #"{"core":{"bare":false}}"#,
            "notes/.draft.json": "{nope",
            "pages/acme/home.json": page("393abc1e-edcd-80f3-813b-e205934558c6", blocks: #"""
                [{"id":"393abc1e-edcd-8111-a111-000000000003","type":"image","image":{"type":"file","file":{"url":"assets/x.png"},"caption":[]}}]
                """#),
            "assets/x.png": "PNG bytes",
            "assets/raw.json": "not a document",
        ])
    }

    @Test func servesABackupTreeWithAGivenToken() async throws {
        let root = try backupTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let base = URL(string: "http://localhost:1")!
        let stack = try EmulatorOptions(workspace: root, tokens: ["t"]).makeHandler(baseURL: base)
        #expect(stack.workspace.snapshot.tokens == ["t"])
        #expect(stack.workspace.counts.pages == 1)
        #expect(stack.workspace.counts.files == 2)
        func get(_ path: String, token: String = "t") throws -> (status: Int, json: JSONValue) {
            let reply = stack.handler.respond(HTTPRequest(method: "GET", url: URL(string: "http://localhost:1" + path)!,
                                                          headers: ["Authorization": "Bearer \(token)", "Notion-Version": "2025-09-03"]))
            return (reply.status, (try? JSONValue(data: reply.body)) ?? .null)
        }
        let page = try get("/v1/pages/393abc1e-edcd-80f3-813b-e205934558c6")
        #expect(page.status == 200)
        #expect(page.json["properties"]?["title"]?["title"]?[0]?["plain_text"] == "P")
        #expect(try get("/v1/pages/393abc1e-edcd-80f3-813b-e205934558c6", token: "ntn_other").status == 401)
        let children = try get("/v1/blocks/393abc1e-edcd-80f3-813b-e205934558c6/children")
        let url = try #require(children.json["results"]?[0]?["image"]?["file"]?["url"]?.stringValue)
        #expect(url.hasPrefix("http://localhost:1/files/"))
        #expect(url.contains("/assets/x.png?"))
        let download = stack.handler.respond(HTTPRequest(method: "GET", url: URL(string: url)!))
        #expect(download.status == 200)
        #expect(download.body == Data("PNG bytes".utf8))
    }

    @Test func aBackupTreeWithoutAnyTokenIsExplained() throws {
        let root = try backupTree()
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try EmulatorOptions(workspace: root).loadWorkspace()
            Issue.record("loaded without any accepted token")
        } catch let error as WorkspaceLoadError {
            #expect(error.file == ".notion-export/workspace.json")
            #expect(error.path == "tokens")
            #expect(error.reason == #"no accepted tokens: pass --token TOKEN or add "tokens": ["…"] to .notion-export/workspace.json"#)
        }
        // Empty tokens are no tokens.
        #expect(throws: WorkspaceLoadError.self) { try EmulatorOptions(workspace: root, tokens: [""]).loadWorkspace() }
    }

    @Test func topLevelWorkspaceJSONWinsAndTokensMerge() throws {
        let root = try backupTree()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(workspaceJSON.utf8).write(to: root.appendingPathComponent("workspace.json"))
        let workspace = try EmulatorOptions(workspace: root, tokens: ["t"]).loadWorkspace()
        #expect(workspace.snapshot.integrationName == "sample")
        #expect(workspace.snapshot.tokens == ["ntn_x", "t"])
    }

    @Test func aFolderWithNeitherMetadataFileIsNotAWorkspace() throws {
        let root = try folder(["pages/a.json": page("393abc1e-edcd-80f3-813b-e205934558c6")])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try EmulatorOptions(workspace: root, tokens: ["t"]).loadWorkspace()
            Issue.record("loaded without workspace.json")
        } catch let error as WorkspaceLoadError {
            #expect(error.reason.contains("no workspace.json"))
            #expect(error.reason.contains(".notion-export/workspace.json"))
        }
        #expect(try loadError(["pages/a.json": page("393abc1e-edcd-80f3-813b-e205934558c6")])?.file == "workspace.json")
    }

    @Test func badJSONNamesTheFile() throws {
        let error = try loadError(["workspace.json": workspaceJSON, "pages/bad.json": "{nope"])
        #expect(error?.file == "pages/bad.json")
    }
}
