import Emulator
import Foundation
import NotionAPI
import NotionModel
import Testing
import TestSupport

/// The client against the emulator over real loopback HTTP (URLSession → FlyingFox).
@Suite struct ClientLoopbackTests {
    static let changelog = "ba9e0000-0000-8000-8000-00000000001a"      // 105 top-level blocks
    static let unshared = "ba9e0000-0000-8000-8000-000000000026"
    static let blogDataSource = "d5d50000-0000-8000-8000-000000000001"  // 28 rows

    struct ListCase: Sendable, CustomTestStringConvertible {
        var name: String
        var make: @Sendable (NotionClient, Int) -> PaginatedResults
        var endpoint: String
        var testDescription: String { name }
    }

    static let lists: [ListCase] = [
        ListCase(name: "block children", make: { $0.blockChildren(changelog, pageSize: $1) }, endpoint: "blocks.children.list"),
        ListCase(name: "search", make: { $0.search(pageSize: $1) }, endpoint: "search"),
        ListCase(name: "data source query", make: { $0.queryDataSource(blogDataSource, pageSize: $1) }, endpoint: "data_sources.query"),
        ListCase(name: "users", make: { $0.users(pageSize: $1) }, endpoint: "users.list"),
        ListCase(name: "custom emojis", make: { $0.customEmojis(pageSize: $1) }, endpoint: "custom_emojis.list"),
        ListCase(name: "file uploads", make: { $0.fileUploads(pageSize: $1) }, endpoint: "file_uploads.list"),
    ]

    /// Every list endpoint returns the same items at every page size, with exactly
    /// ceil(items / page size) requests: none beyond `has_more`.
    @Test(arguments: lists)
    func everyListPaginatesFullyAtEveryPageSize(_ list: ListCase) async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        // A few uploads so the upload list has something to page through.
        let setup = harness.client()
        for index in 0..<5 {
            _ = try await setup.send(.fileUploadsCreate, body: ["filename": .string("f\(index).txt"), "content_type": "text/plain"])
        }
        let reference = try await list.make(harness.client(), 100).collect()
        #expect(reference.count >= (list.name == "users" || list.name == "custom emojis" ? 1 : 5))
        for size in [2, 3, 7, 10, 33, 50, 99, 100] {
            let client = harness.client()
            let items = try await list.make(client, size).collect()
            #expect(items.map { $0["id"] } == reference.map { $0["id"] }, "page size \(size)")
            let expectedRequests = max(1, (reference.count + size - 1) / size)
            #expect(client.metrics.requestsByEndpoint[list.endpoint] == expectedRequests, "page size \(size)")
        }
    }

    @Test func propertyItemsPageThroughRelationsBeyondTheCapOf25() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let client = harness.client()
        // Find the Topics row whose relation is longer than the page object shows.
        let rows = try await client.queryDataSource("d5d50000-0000-8000-8000-000000000002").collect()
        let capped = try #require(rows.first { row in
            row["properties"]?.objectValue?.values.contains { $0["has_more"] == true } ?? false
        })
        let (name, property) = try #require(capped["properties"]?.objectValue?.first { $0.value["has_more"] == true })
        #expect(property["relation"]?.arrayValue?.count == 25, "\(name)")
        let propertyID = try #require(property["id"]?.stringValue)
        let pageID = try #require(capped["id"]?.stringValue)
        for size in [2, 10, 100] {
            let items = try await client.propertyItems(page: pageID, property: propertyID, pageSize: size).collect()
            #expect(items.count == 28)
            #expect(Set(items.compactMap { $0["relation"]?["id"] }).count == 28)
        }
        // A single-value property answers one object.
        let title = try await client.propertyItems(page: pageID, property: "title").collect()
        #expect(title.first?["object"] == "property_item")
    }

    @Test func aDatabaseQueryUnder2022PaginatesToo() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let client = harness.client(version: .v2022_06_28)
        let rows = try await client.queryDatabase("dbdb0000-0000-8000-8000-000000000001", pageSize: 5).collect()
        #expect(rows.count == 28)
        #expect(client.metrics.requestsByEndpoint["databases.query"] == 6)
    }
}
