import Emulator
import Export
import Foundation
import NotionAPI
import NotionModel
import Testing
import TestSupport

/// `Fetcher.list` (what `notion-export list` shows) against the sample workspace and small
/// workspaces written here, and the tree it builds.
@Suite struct WorkspaceListingTests {
    static let unshared = NotionID("ba9e0000-0000-8000-8000-000000000026")!

    static func list(_ filter: ListingFilter = ListingFilter(), version: NotionVersion = .default,
                     workspace: URL = Fixtures.sampleWorkspace) async throws -> (WorkspaceListing, RunMetrics) {
        let harness = try await EmulatorHarness.start(workspace: workspace)
        let client = harness.client(version: version)
        let listing = try await Fetcher(client: client).list(filter)
        await harness.stop()
        return (listing, client.metrics)
    }

    @Test(arguments: [NotionVersion.v2025_09_03, .v2026_03_11])
    func everySharedPageAndDatabaseOnceWithSearchAndOneReadPerDatabase(version: NotionVersion) async throws {
        let (listing, metrics) = try await Self.list(version: version)
        // The oracle: everything the test crawler reaches by walking the workspace.
        let harness = try await EmulatorHarness.start()
        let oracle = try await WorkspaceCrawler(client: harness.client()).crawl()
        await harness.stop()
        let oraclePages = Set(oracle.filter { $0.value["object"] == "page" }.keys.compactMap { NotionID($0) })

        let ids = listing.items.map(\.id)
        #expect(Set(ids).count == ids.count, "an item is listed twice")
        #expect(Set(listing.items.filter { $0.kind == .page }.map(\.id)) == oraclePages)
        #expect(!ids.contains(Self.unshared))
        #expect(listing.count(.page) == 71 && listing.count(.database) == 2 && listing.count(.dataSource) == 2)
        #expect(listing.roots.map(\.title) == ["Acme Home", "Mara's Scratchpad"])
        #expect(listing.roots.allSatisfy { $0.rootReason == .workspace })
        #expect(listing.unsharedParents == 0)
        // Databases sit under their page, data sources under their database, rows under their data source.
        let blog = try #require(listing.items.first { $0.kind == .database && $0.title == "Blog" })
        #expect(blog.under == NotionID("ba9e0000-0000-8000-8000-00000000001c") && blog.depth == 2)
        #expect(blog.url == "https://www.notion.so/dbdb0000000080008000000000000001")
        let source = try #require(listing.items.first { $0.kind == .dataSource && $0.title == "Blog" })
        #expect(source.under == blog.id)
        #expect(listing.items.filter { $0.under == source.id }.count == 28)
        // One search page (73 results) and one read per database container: nothing else.
        #expect(metrics.requests == 3)
        #expect(metrics.requestsByEndpoint == ["search": 1, "databases.retrieve": 2])
    }

    @Test func before2025SearchReturnsDatabasesAndOneRequestIsEnough() async throws {
        let (listing, metrics) = try await Self.list(version: .v2022_06_28)
        #expect(listing.count(.page) == 71 && listing.count(.database) == 2 && listing.count(.dataSource) == 0)
        let topics = try #require(listing.items.first { $0.kind == .database && $0.title == "Topics" })
        #expect(listing.items.filter { $0.under == topics.id }.count == 6)
        #expect(metrics.requests == 1)
    }

    @Test func siblingsAreSortedByTitleThenIdDepthFirst() async throws {
        let (listing, _) = try await Self.list()
        var siblings: [NotionID?: [WorkspaceListing.Item]] = [:]
        for item in listing.items { siblings[item.under, default: []].append(item) }
        for (_, items) in siblings {
            let keys = items.map { [$0.title.lowercased(), $0.title, $0.id.rawValue] }
            #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        }
        // Depth first: each item comes right after its parent or a sibling's subtree.
        for (index, item) in listing.items.enumerated() where item.under != nil {
            let parent = try #require(listing.items.firstIndex { $0.id == item.under })
            #expect(parent < index && listing.items[parent].depth == item.depth - 1)
            #expect(listing.items[(parent + 1)..<index].allSatisfy { $0.depth >= item.depth })
        }
    }

    @Test func filtersAskSearchForLess() async throws {
        let (databases, databaseMetrics) = try await Self.list(ListingFilter(only: .database))
        #expect(databases.items.map { "\($0.kind.rawValue) \($0.title) \($0.depth)" }
                == ["database Blog 0", "data_source Blog 1", "database Topics 0", "data_source Topics 1"])
        #expect(databases.roots.allSatisfy { $0.rootReason == .parentNotListed })
        #expect(databaseMetrics.requests == 3)

        let (pages, _) = try await Self.list(ListingFilter(only: .page))
        #expect(pages.count(.page) == 71 && pages.count(.database) == 0)
        // Rows are roots here: their data source is filtered out, not unshared.
        #expect(pages.roots.count == 2 + 34)
        #expect(pages.unsharedParents == 0)

        let (query, queryMetrics) = try await Self.list(ListingFilter(query: "planning"))
        #expect(query.items.map(\.title) == ["Offsite Planning — Lisbon 2026", "Q1 Planning", "Q2 Planning"])
        #expect(query.filtered)
        #expect(queryMetrics.requests == 1)
    }

    @Test func aPageInsideABlockIsListedUnderThePageHoldingIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.writeWorkspace(folder.url, pages: [
            Self.page("11110000-0000-8000-8000-000000000003", "Team", parent: ["type": "workspace", "workspace": true], blocks: [
                ["id": "b10c0000-0000-8000-8000-000000000001", "type": "toggle", "toggle": ["rich_text": []], "children": [
                    ["id": "b10c0000-0000-8000-8000-000000000002", "type": "toggle", "toggle": ["rich_text": []], "children": [
                        ["id": "11110000-0000-8000-8000-000000000004", "type": "child_page"],
                        ["id": "11110000-0000-8000-8000-000000000005", "type": "child_page"],
                    ]],
                ]],
            ]),
            Self.page("11110000-0000-8000-8000-000000000004", "In A Toggle", parent: ["type": "block_id", "block_id": "b10c0000-0000-8000-8000-000000000002"]),
            Self.page("11110000-0000-8000-8000-000000000005", "Also In It", parent: ["type": "block_id", "block_id": "b10c0000-0000-8000-8000-000000000002"]),
        ])
        let (listing, metrics) = try await Self.list(workspace: folder.url)
        #expect(listing.items.map { "\($0.depth) \($0.title)" } == ["0 Team", "1 Also In It", "1 In A Toggle"])
        let nested = try #require(listing.items.last)
        #expect(nested.parent == .block(BlockID(NotionID("b10c0000-0000-8000-8000-000000000002")!)))
        #expect(nested.owner == NotionID("11110000-0000-8000-8000-000000000003"))
        // Each block up the chain is read once, however many pages it holds.
        #expect(metrics.requestsByEndpoint == ["search": 1, "blocks.retrieve": 2])
    }

    @Test func aPageSharedBelowAnUnsharedParentIsARootMarkedSo() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.writeWorkspace(folder.url, pages: [
            Self.page("11110000-0000-8000-8000-000000000001", "Private", parent: ["type": "workspace", "workspace": true],
                      blocks: [["id": "11110000-0000-8000-8000-000000000002", "type": "child_page"]], shared: false),
            Self.page("11110000-0000-8000-8000-000000000002", "Shared Child", parent: ["type": "page_id", "page_id": "11110000-0000-8000-8000-000000000001"],
                      blocks: [["id": "11110000-0000-8000-8000-000000000003", "type": "child_page"]], connected: true),
            Self.page("11110000-0000-8000-8000-000000000003", "Below", parent: ["type": "page_id", "page_id": "11110000-0000-8000-8000-000000000002"]),
            Self.page("11110000-0000-8000-8000-000000000004", "Home", parent: ["type": "workspace", "workspace": true]),
        ])
        let (listing, metrics) = try await Self.list(workspace: folder.url)
        #expect(listing.items.map { "\($0.depth) \($0.title) \($0.rootReason?.rawValue ?? "-")" }
                == ["0 Home workspace", "0 Shared Child parent_not_shared", "1 Below -"])
        #expect(listing.unsharedParents == 1)
        #expect(metrics.requests == 1)
    }

    // MARK: The tree, without Notion

    static func item(_ id: String, _ title: String, _ parent: Parent, kind: WorkspaceListing.Kind = .page) -> WorkspaceListing.Item {
        .init(kind: kind, id: NotionID(id)!, title: title, url: "https://www.notion.so/\(id)", lastEditedTime: "2026-01-05T10:00:00.000Z",
              parent: parent)
    }

    @Test func aPageWhoseParentIsNotSharedIsARootMarkedSo() {
        let hidden = PageID(NotionID("99990000-0000-8000-8000-000000000001")!)
        let items = [
            Self.item("11110000-0000-8000-8000-000000000001", "Home", .workspace),
            Self.item("11110000-0000-8000-8000-000000000002", "Shared Child", .page(hidden)),
            Self.item("11110000-0000-8000-8000-000000000003", "Below", .page(PageID(NotionID("11110000-0000-8000-8000-000000000002")!))),
        ]
        let complete = WorkspaceListing(items, filtered: false)
        #expect(complete.items.map { "\($0.depth) \($0.title) \($0.rootReason?.rawValue ?? "-")" }
                == ["0 Home workspace", "0 Shared Child parent_not_shared", "1 Below -"])
        #expect(complete.unsharedParents == 1)
        // A filtered listing cannot know: the parent may just not match.
        let filtered = WorkspaceListing(items, filtered: true)
        #expect(filtered.items.map { $0.rootReason?.rawValue ?? "-" } == ["workspace", "parent_not_listed", "-"])
        #expect(filtered.unsharedParents == 0)
    }

    @Test func titlesSortCaseInsensitivelyThenByIdAndEachIdOnce() {
        let items = [
            Self.item("11110000-0000-8000-8000-000000000003", "beta", .workspace),
            Self.item("11110000-0000-8000-8000-000000000002", "Alpha", .workspace),
            Self.item("11110000-0000-8000-8000-000000000001", "Beta", .workspace),
            Self.item("11110000-0000-8000-8000-000000000004", "Beta", .workspace),
            Self.item("11110000-0000-8000-8000-000000000004", "Beta again", .workspace),
        ]
        let listing = WorkspaceListing(items, filtered: false)
        #expect(listing.items.map { "\($0.title) \($0.id.rawValue.suffix(1))" } == ["Alpha 2", "Beta 1", "Beta 4", "beta 3"])
    }

    @Test func aParentCycleStillListsEveryItem() {
        let a = "11110000-0000-8000-8000-00000000000a", b = "11110000-0000-8000-8000-00000000000b"
        let listing = WorkspaceListing([
            Self.item(a, "A", .page(PageID(NotionID(b)!))),
            Self.item(b, "B", .page(PageID(NotionID(a)!))),
        ], filtered: false)
        #expect(listing.items.map { "\($0.depth) \($0.title)" } == ["0 A", "1 B"])
    }

    // MARK: Workspace files

    static func title(_ text: String) -> JSONValue {
        [["type": "text", "text": ["content": .string(text), "link": .null], "plain_text": .string(text), "href": .null,
          "annotations": ["bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"]]]
    }

    static func page(_ id: String, _ title: String, parent: JSONValue, blocks: [JSONValue] = [], shared: Bool = true,
                     connected: Bool = false) -> JSONValue {
        ["page": ["id": .string(id), "parent": parent, "properties": ["title": ["id": "title", "type": "title", "title": Self.title(title)]]],
         "blocks": .array(blocks), "shared": .bool(shared), "connected": .bool(connected)]
    }

    static func writeWorkspace(_ folder: URL, pages: [JSONValue]) throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pages"), withIntermediateDirectories: true)
        let workspace: JSONValue = ["integration": ["id": "7775f3a3-893f-43fa-b625-460c61094c78", "name": "test"],
                                    "tokens": ["ntn_test_0000000000000000000000000000000000000000"]]
        try workspace.data(pretty: true).write(to: folder.appendingPathComponent("workspace.json"))
        for (index, page) in pages.enumerated() {
            try page.data(pretty: true).write(to: folder.appendingPathComponent("pages/\(index).json"))
        }
    }
}
