import Emulator
import Foundation
import Import
import NotionAPI
import NotionModel
import Testing

/// The emulator (Notion's validation rules, notion-api.md) accepts what the importer makes: every
/// golden snippet's blocks, written with the test writer into a page of an empty workspace, are
/// all created, and read back as the same tree shape.
@Suite struct ImportEmulatorTests {
    static let token = "ntn_import_test"
    static let pageID = "1a2b0000-0000-8000-8000-000000000001"

    /// An empty workspace with one page, and a client talking to it in-process.
    static func emptyWorkspace() throws -> NotionClient {
        var snapshot = WorkspaceSnapshot(integrationID: NotionID("7775f3a3-893f-43fa-b625-460c61094c78")!,
                                         integrationName: "import test", tokens: [token])
        try snapshot.addPage(["id": .string(pageID), "parent": ["type": "workspace", "workspace": true],
                              "properties": ["title": ["id": "title", "type": "title", "title": []]]])
        let baseURL = URL(string: "http://127.0.0.1:7777")!
        let handler = EmulatorHandler(workspace: Workspace(snapshot: snapshot), baseURL: baseURL)
        return NotionClient(options: .init(baseURL: baseURL, token: NotionToken(token),
                                           scheduler: .init(maxConcurrent: 4, requestsPerSecond: nil, burst: 2)),
                            transport: InProcessTransport(handler: handler))
    }

    static func writer(_ client: NotionClient) -> TestBlockWriter {
        TestBlockWriter(
            client: client,
            page: { path, key in
                key == "page_id" || key == "database_id" ? .string(pageID) : .string("https://www.notion.so/" + pageID.replacing("-", with: ""))
            },
            file: { path in ["type": "external", "external": ["url": .string("https://files.example.com/" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path))]] },
            childPage: { draft, parent in
                let title = draft.body["title"] ?? ""
                if draft.type == "child_database" {
                    let database = try await client.send(.databasesCreate, body: [
                        "parent": ["type": "page_id", "page_id": .string(parent)], "title": [["text": ["content": title]]]])
                    return database["id"]?.stringValue ?? ""
                }
                let page = try await client.send(.pagesCreate, body: [
                    "parent": ["page_id": .string(parent)], "properties": ["title": ["title": [["text": ["content": title]]]]]])
                return page["id"]?.stringValue ?? ""
            })
    }

    /// The tree under `id` as `type(children…)`, read back from the emulator.
    static func shape(_ client: NotionClient, _ id: String) async throws -> [String] {
        let list = try await client.send(.blocksChildrenList, ["block_id": id], query: [URLQueryItem(name: "page_size", value: "100")])
        var out: [String] = []
        for block in list["results"]?.arrayValue ?? [] {
            let type = block["type"]?.stringValue ?? "?"
            let inner = block["has_children"] == true && type != "child_page" && type != "child_database"
                ? try await shape(client, block["id"]?.stringValue ?? "") : []
            out.append(inner.isEmpty ? type : type + "(" + inner.joined(separator: ",") + ")")
        }
        if list["has_more"] == true { out.append("…") }
        return out
    }

    static func shape(_ drafts: [BlockDraft]) -> [String] {
        drafts.map { draft in
            // A synced copy shows its original's children.
            draft.children.isEmpty ? draft.type : draft.type + "(" + shape(draft.children).joined(separator: ",") + ")"
        }
    }

    @Test(arguments: MarkdownImporterGoldenTests.names) func theEmulatorAcceptsTheGoldenBlocks(_ name: String) async throws {
        let markdown = MarkdownImporterGoldenTests.snippets.first { $0.0 == name }!.1
        let document = MarkdownImporter().read(markdown, file: "snippet.md")
        let client = try Self.emptyWorkspace()
        var writer = Self.writer(client)
        let ids = try await writer.write(document.blocks, under: Self.pageID)
        #expect(ids.count == document.blocks.count)
        #expect(try await Self.shape(client, Self.pageID) == Self.shape(document.blocks))
    }

    @Test func deepListsAndBigTablesAreWrittenInLegalRequests() async throws {
        // 6 levels (2 per request), 120 rows (100 with the table, 20 appended), 250 paragraphs (3 appends).
        let list = (0..<6).map { String(repeating: "  ", count: $0) + "- level \($0 + 1)" }.joined(separator: "\n")
        let table = "| A |\n| --- |\n" + (1...120).map { "| \($0) |" }.joined(separator: "\n")
        let paragraphs = (1...250).map { "p\($0)" }.joined(separator: "\n\n")
        let document = MarkdownImporter().read(list + "\n\n" + table + "\n\n" + paragraphs + "\n", file: "big.md")
        let client = try Self.emptyWorkspace()
        var writer = Self.writer(client)
        try await writer.write(document.blocks, under: Self.pageID)
        // The shape reads one page of 100 children per block.
        let table100 = "table(" + Array(repeating: "table_row", count: 100).joined(separator: ",") + ",…)"
        let top = try await Self.shape(client, Self.pageID)
        #expect(top.first == "bulleted_list_item(bulleted_list_item(bulleted_list_item(bulleted_list_item(bulleted_list_item(bulleted_list_item)))))")
        #expect(top.count == 101 && top[1] == table100 && top.last == "…", "the first 100 top-level blocks, then more")
        // Appends: 3 of the top level (100, 100, 50), levels 4–6 of the list, the 21 rows past the
        // 100th. Reads of created ids: levels 1, 2 and 4 of the list, the table's rows.
        #expect(writer.requests == 9)
        var reader = Self.writer(client)
        let tableID = try #require(try await reader.children(of: Self.pageID).dropFirst().first)
        #expect(try await reader.children(of: tableID).count == 121)
    }
}
