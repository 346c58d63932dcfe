import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// Reads everything an integration can see, concurrently, through a `NotionClient`: search, then
/// every page's block tree, child pages and databases, and every data source's rows. Each object is
/// fetched once. Tests compare two crawls (clean versus faulty, limited versus unlimited) after
/// `normalized`, which removes what legitimately differs between runs (signed file URLs, expiry
/// times, request ids).
public struct WorkspaceCrawler: Sendable {
    public let client: NotionClient
    public let pageSize: Int

    public init(client: NotionClient, pageSize: Int = 100) {
        self.client = client
        self.pageSize = pageSize
    }

    /// Objects by id: pages, blocks, databases and data sources, as the API returned them.
    public func crawl() async throws -> [String: JSONValue] {
        let seen = Seen()
        let roots = try await client.search(pageSize: pageSize).collect()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for root in roots { group.addTask { try await visit(root, seen) } }
            try await group.waitForAll()
        }
        return seen.objects
    }

    func visit(_ object: JSONValue, _ seen: Seen) async throws {
        guard let id = object["id"]?.stringValue, seen.insert(id, object) else { return }
        switch object["object"]?.stringValue {
        case "page":
            try await children(of: id, seen)
        case "data_source":
            let rows = try await client.queryDataSource(id, pageSize: pageSize).collect()
            try await all(rows) { try await visit($0, seen) }
        case "database":
            if client.options.version.hasDataSources {
                for source in object["data_sources"]?.arrayValue ?? [] {
                    guard let sourceID = source["id"]?.stringValue else { continue }
                    let dataSource = try await client.send(.dataSourcesRetrieve, ["data_source_id": sourceID], subject: .dataSource(sourceID))
                    try await visit(dataSource, seen)
                }
            } else {
                let rows = try await client.queryDatabase(id, pageSize: pageSize).collect()
                try await all(rows) { try await visit($0, seen) }
            }
        default:
            break
        }
    }

    func children(of id: String, _ seen: Seen) async throws {
        let blocks = try await client.blockChildren(id, pageSize: pageSize).collect()
        try await all(blocks) { block in
            guard let blockID = block["id"]?.stringValue else { return }
            switch block["type"]?.stringValue {
            case "child_page":
                guard !seen.contains(blockID) else { return }
                let page = try await client.send(.pagesRetrieve, ["page_id": blockID], subject: .page(blockID))
                try await visit(page, seen)
            case "child_database":
                guard !seen.contains(blockID) else { return }
                let database = try await client.send(.databasesRetrieve, ["database_id": blockID], subject: .database(blockID))
                try await visit(database, seen)
            default:
                guard seen.insert(blockID, block) else { return }
                if block["has_children"] == true { try await children(of: blockID, seen) }
            }
        }
    }

    func all(_ items: [JSONValue], _ body: @escaping @Sendable (JSONValue) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for item in items { group.addTask { try await body(item) } }
            try await group.waitForAll()
        }
    }

    final class Seen: Sendable {
        let state = Mutex<[String: JSONValue]>([:])
        /// Records an object; false if it was already there.
        func insert(_ id: String, _ object: JSONValue) -> Bool {
            state.withLock { objects in
                guard objects[id] == nil else { return false }
                objects[id] = object
                return true
            }
        }
        func contains(_ id: String) -> Bool { state.withLock { $0[id] != nil } }
        var objects: [String: JSONValue] { state.withLock { $0 } }
    }

    /// The object without what differs between two reads of the same content: signed file URLs
    /// keep only their path (no host, signature or date), `expiry_time` and `request_id` go.
    public static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var object):
            object["expiry_time"] = nil
            object["request_id"] = nil
            if let text = object["url"]?.stringValue, text.contains("X-Amz-"), let url = URL(string: text) {
                object["url"] = .string(url.path)  // the host and port differ between servers too
            }
            return .object(object.mapValues(normalized))
        case .array(let values):
            return .array(values.map(normalized))
        default:
            return value
        }
    }
}
