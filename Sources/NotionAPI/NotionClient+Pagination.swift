import Foundation
import NotionModel

/// The results of a paginated list endpoint, fetched one page at a time as they are consumed: no
/// request is made before the previous page is used up, and none after `has_more` is false.
public struct PaginatedResults: AsyncSequence, Sendable {
    public typealias Element = JSONValue

    let client: NotionClient
    let endpoint: Endpoint
    let parameters: [String: String]
    let query: [URLQueryItem]
    let body: JSONValue
    let pageSize: Int
    let subject: NotionSubject?

    public struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: PaginatedResults
        var buffer: [JSONValue] = []
        var index = 0
        var cursor: String?
        var finished = false

        public mutating func next() async throws -> JSONValue? {
            while index >= buffer.count {
                guard !finished else { return nil }
                let page = try await sequence.fetch(cursor: cursor)
                guard page["object"] == "list" else {
                    // A property item endpoint answers single-value properties with one object.
                    buffer = [page]
                    index = 0
                    finished = true
                    continue
                }
                buffer = page["results"]?.arrayValue ?? []
                index = 0
                let hasMore = page["has_more"]?.boolValue ?? false
                cursor = page["next_cursor"]?.stringValue
                finished = !hasMore || cursor == nil
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self) }

    func fetch(cursor: String?) async throws(NotionError) -> JSONValue {
        if endpoint.method == .get {
            var items = query.filter { $0.name != "page_size" && $0.name != "start_cursor" }
            items.append(URLQueryItem(name: "page_size", value: String(pageSize)))
            if let cursor { items.append(URLQueryItem(name: "start_cursor", value: cursor)) }
            return try await client.send(endpoint, parameters, query: items, subject: subject)
        }
        var requestBody = body
        requestBody["page_size"] = .int(pageSize)
        requestBody["start_cursor"] = cursor.map { .string($0) }
        return try await client.send(endpoint, parameters, query: query, body: requestBody, subject: subject)
    }

    /// Every result, in order.
    public func collect() async throws -> [JSONValue] {
        var all: [JSONValue] = []
        for try await item in self { all.append(item) }
        return all
    }
}

extension NotionClient {
    /// Results of any list endpoint. `body` is sent with POST lists (search, queries); GET lists
    /// take `query`.
    public func paginate(_ endpoint: Endpoint, _ parameters: [String: String] = [:], query: [URLQueryItem] = [],
                         body: JSONValue = [:], pageSize: Int = 100, subject: NotionSubject? = nil) -> PaginatedResults {
        PaginatedResults(client: self, endpoint: endpoint, parameters: parameters, query: query, body: body,
                         pageSize: min(max(pageSize, 1), 100), subject: subject)
    }

    // One helper per list endpoint.

    /// `GET /v1/blocks/{id}/children`: the first level of a page's or block's content.
    public func blockChildren(_ id: String, pageSize: Int = 100) -> PaginatedResults {
        paginate(.blocksChildrenList, ["block_id": id], pageSize: pageSize, subject: .block(id))
    }

    /// `POST /v1/search`: pages and data sources (databases before 2025-09-03) shared with the integration.
    public func search(query text: String? = nil, filter: JSONValue? = nil, sort: JSONValue? = nil, pageSize: Int = 100) -> PaginatedResults {
        var body: JSONValue = [:]
        if let text { body["query"] = .string(text) }
        if let filter { body["filter"] = filter }
        if let sort { body["sort"] = sort }
        return paginate(.search, body: body, pageSize: pageSize, subject: .workspace)
    }

    /// `POST /v1/data_sources/{id}/query` (2025-09-03+).
    public func queryDataSource(_ id: String, filter: JSONValue? = nil, sorts: JSONValue? = nil, pageSize: Int = 100) -> PaginatedResults {
        var body: JSONValue = [:]
        if let filter { body["filter"] = filter }
        if let sorts { body["sorts"] = sorts }
        return paginate(.dataSourcesQuery, ["data_source_id": id], body: body, pageSize: pageSize, subject: .dataSource(id))
    }

    /// `POST /v1/databases/{id}/query` (2022-06-28).
    public func queryDatabase(_ id: String, filter: JSONValue? = nil, sorts: JSONValue? = nil, pageSize: Int = 100) -> PaginatedResults {
        var body: JSONValue = [:]
        if let filter { body["filter"] = filter }
        if let sorts { body["sorts"] = sorts }
        return paginate(.databasesQuery, ["database_id": id], body: body, pageSize: pageSize, subject: .database(id))
    }

    /// `GET /v1/users`.
    public func users(pageSize: Int = 100) -> PaginatedResults {
        paginate(.usersList, pageSize: pageSize, subject: .workspace)
    }

    /// `GET /v1/comments?block_id=`: open comments on a page or block.
    public func comments(on id: String, pageSize: Int = 100) -> PaginatedResults {
        paginate(.commentsList, query: [URLQueryItem(name: "block_id", value: id)], pageSize: pageSize, subject: .block(id))
    }

    /// `GET /v1/pages/{id}/properties/{property_id}`: every item of a long property (relations
    /// beyond 25, long titles). Single-value properties answer one object, returned as one element.
    public func propertyItems(page id: String, property: String, pageSize: Int = 100) -> PaginatedResults {
        paginate(.pagesPropertyRetrieve, ["page_id": id, "property_id": property], pageSize: pageSize, subject: .page(id))
    }

    /// `GET /v1/file_uploads`.
    public func fileUploads(status: String? = nil, pageSize: Int = 100) -> PaginatedResults {
        paginate(.fileUploadsList, query: status.map { [URLQueryItem(name: "status", value: $0)] } ?? [], pageSize: pageSize)
    }

    /// `GET /v1/custom_emojis`.
    public func customEmojis(pageSize: Int = 100) -> PaginatedResults {
        paginate(.customEmojisList, pageSize: pageSize, subject: .workspace)
    }
}
