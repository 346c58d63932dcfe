import Emulator
import Export
import Foundation
import NotionAPI
import NotionModel
import TestSupport

/// Small workspaces built in code, for the layout and link tests.
enum Make {
    static let author = User.partial(UserID(NotionID("aced0000-0000-8000-8000-000000000001")!))

    /// `ba9e0000-0000-8000-8000-0000000000NN`-style ids: `id(0x2a)`, `id(7, "dbdb")`.
    static func id(_ n: Int, _ prefix: String = "ba9e") -> NotionID {
        let hex = String(n, radix: 16)
        return NotionID(prefix + "0000-0000-8000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex)!
    }

    static func page(_ id: NotionID, _ title: String, parent: Parent = .workspace, blocks: [Block] = []) -> FetchedPage {
        let page = Page(id: PageID(id), createdTime: "2026-01-05T10:00:00.000Z", lastEditedTime: "2026-01-05T10:00:00.000Z",
                        createdBy: author, lastEditedBy: author, parent: parent,
                        properties: ["title": PropertyValue(id: "title", .title(title.isEmpty ? [] : [.text(title)]))],
                        url: "https://www.notion.so/" + id.compact)
        return FetchedPage(page: page, blocks: blocks)
    }

    static func block(_ id: NotionID, _ content: BlockContent, children: [Block] = []) -> Block {
        Block(id: BlockID(id), parent: .workspace, createdTime: "2026-01-05T10:00:00.000Z", lastEditedTime: "2026-01-05T10:00:00.000Z",
              createdBy: author, lastEditedBy: author, hasChildren: !children.isEmpty, content: content, children: children)
    }

    static func paragraph(_ id: NotionID, _ text: String = "text", children: [Block] = []) -> Block {
        block(id, .paragraph(TextBlock(richText: [.text(text)])), children: children)
    }

    static func heading(_ id: NotionID, _ text: String, level: Int = 2, toggleable: Bool = false, children: [Block] = []) -> Block {
        let heading = Heading(richText: [.text(text)], isToggleable: toggleable)
        let content: BlockContent = switch level {
        case 1: .heading1(heading)
        case 3: .heading3(heading)
        case 4: .heading4(heading)
        default: .heading2(heading)
        }
        return block(id, content, children: children)
    }

    /// A database as 2022-06-28 returns it: the table is the database.
    static func database(_ id: NotionID, _ title: String, parent: Parent, rows: [NotionID] = []) -> FetchedTable {
        let database = Database(id: DatabaseID(id), title: [.text(title)], parent: parent,
                                createdTime: "2026-01-05T10:00:00.000Z", lastEditedTime: "2026-01-05T10:00:00.000Z")
        return FetchedTable(id: id, database: database, dataSource: nil, rows: rows.map(PageID.init))
    }

    /// A data source as 2025-09-03 search returns it (no database object).
    static func dataSource(_ id: NotionID, of database: NotionID, _ title: String, databaseParent: Parent,
                           rows: [NotionID] = []) -> FetchedTable {
        let source = DataSource(id: DataSourceID(id), createdTime: "2026-01-05T10:00:00.000Z", createdBy: author, lastEditedBy: author,
                                lastEditedTime: "2026-01-05T10:00:00.000Z", title: [.text(title)], properties: [:],
                                parent: .database(DatabaseID(database)), databaseParent: databaseParent)
        return FetchedTable(id: id, database: nil, dataSource: source, rows: rows.map(PageID.init))
    }

    static func workspace(_ pages: [FetchedPage], tables: [FetchedTable] = []) -> FetchedWorkspace {
        FetchedWorkspace(pages: pages, tables: tables, issues: [])
    }
}

/// The bundled sample workspace, fetched once per test process through the emulator's handler
/// in-process (no sockets, no rate limit).
enum SampleWorkspace {
    static let fetched = Task { () async throws -> FetchedWorkspace in
        let workspace = try Workspace(contentsOf: Fixtures.sampleWorkspace)
        let baseURL = URL(string: "http://127.0.0.1:7777")!
        let handler = EmulatorHandler(workspace: workspace, baseURL: baseURL)
        let token = workspace.snapshot.tokens.sorted().first ?? ""
        let client = NotionClient(options: .init(baseURL: baseURL, token: NotionToken(token),
                                                 scheduler: .init(maxConcurrent: 8, requestsPerSecond: nil, burst: 2)),
                                  transport: InProcessTransport(handler: handler))
        return try await Fetcher(client: client).fetch([.workspace])
    }

    static func layout() async throws -> ExportLayout { ExportLayout(try await fetched.value) }
}
