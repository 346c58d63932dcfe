import NotionModel

/// One route of the Notion REST API. The client and the emulator route with this same table, so
/// the two cannot drift apart.
public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
    public enum Method: String, Hashable, Sendable { case get = "GET", post = "POST", patch = "PATCH", delete = "DELETE" }

    /// A stable name used in metrics and logs, e.g. `blocks.children.list`.
    public let name: String
    public let method: Method
    /// Path template, e.g. `/v1/blocks/{block_id}/children`.
    public let template: String
    /// Oldest `Notion-Version` that has this route (nil: every version).
    public let minimumVersion: NotionVersion?
    /// Newest `Notion-Version` that has this route (nil: every version).
    public let maximumVersion: NotionVersion?
    /// Whether repeating the request cannot apply it twice (GET, DELETE, and PATCH updates that set
    /// absolute values). Appending children and creating objects are not idempotent.
    public let isIdempotent: Bool

    public var description: String { "\(method.rawValue) \(template)" }

    init(_ name: String, _ method: Method, _ template: String, since: NotionVersion? = nil, until: NotionVersion? = nil,
         idempotent: Bool? = nil) {
        self.name = name
        self.method = method
        self.template = template
        self.minimumVersion = since
        self.maximumVersion = until
        self.isIdempotent = idempotent ?? (method == .get || method == .delete)
    }

    /// Path parameters that Notion validates as UUIDs ("path.page_id should be a valid uuid").
    public static let uuidParameters: Set<String> = [
        "page_id", "block_id", "database_id", "data_source_id", "user_id", "comment_id", "file_upload_id", "view_id",
    ]

    public func isAvailable(in version: NotionVersion) -> Bool {
        if let minimumVersion, version < minimumVersion { return false }
        if let maximumVersion, version > maximumVersion { return false }
        return true
    }

    /// Fills the template: `path(["block_id": id])`.
    public func path(_ parameters: [String: String] = [:]) -> String {
        var result = template
        for (key, value) in parameters {
            result = result.replacingOccurrences(of: "{\(key)}", with: value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? value)
        }
        return result
    }
}

extension Endpoint {
    public static let usersMe = Endpoint("users.me", .get, "/v1/users/me")
    public static let usersList = Endpoint("users.list", .get, "/v1/users")
    public static let usersRetrieve = Endpoint("users.retrieve", .get, "/v1/users/{user_id}")
    public static let search = Endpoint("search", .post, "/v1/search", idempotent: true)
    public static let pagesCreate = Endpoint("pages.create", .post, "/v1/pages")
    public static let pagesRetrieve = Endpoint("pages.retrieve", .get, "/v1/pages/{page_id}")
    public static let pagesUpdate = Endpoint("pages.update", .patch, "/v1/pages/{page_id}", idempotent: true)
    public static let pagesMove = Endpoint("pages.move", .post, "/v1/pages/{page_id}/move", idempotent: true)
    public static let pagesPropertyRetrieve = Endpoint("pages.properties.retrieve", .get, "/v1/pages/{page_id}/properties/{property_id}")
    public static let pagesMarkdownRetrieve = Endpoint("pages.markdown.retrieve", .get, "/v1/pages/{page_id}/markdown")
    public static let pagesMarkdownUpdate = Endpoint("pages.markdown.update", .patch, "/v1/pages/{page_id}/markdown")
    public static let blocksRetrieve = Endpoint("blocks.retrieve", .get, "/v1/blocks/{block_id}")
    public static let blocksUpdate = Endpoint("blocks.update", .patch, "/v1/blocks/{block_id}", idempotent: true)
    public static let blocksDelete = Endpoint("blocks.delete", .delete, "/v1/blocks/{block_id}")
    public static let blocksChildrenList = Endpoint("blocks.children.list", .get, "/v1/blocks/{block_id}/children")
    public static let blocksChildrenAppend = Endpoint("blocks.children.append", .patch, "/v1/blocks/{block_id}/children", idempotent: false)
    public static let databasesCreate = Endpoint("databases.create", .post, "/v1/databases")
    public static let databasesRetrieve = Endpoint("databases.retrieve", .get, "/v1/databases/{database_id}")
    public static let databasesUpdate = Endpoint("databases.update", .patch, "/v1/databases/{database_id}", idempotent: true)
    public static let databasesQuery = Endpoint("databases.query", .post, "/v1/databases/{database_id}/query",
                                                until: .v2022_06_28, idempotent: true)
    public static let dataSourcesCreate = Endpoint("data_sources.create", .post, "/v1/data_sources", since: .v2025_09_03)
    public static let dataSourcesRetrieve = Endpoint("data_sources.retrieve", .get, "/v1/data_sources/{data_source_id}", since: .v2025_09_03)
    public static let dataSourcesUpdate = Endpoint("data_sources.update", .patch, "/v1/data_sources/{data_source_id}",
                                                   since: .v2025_09_03, idempotent: true)
    public static let dataSourcesQuery = Endpoint("data_sources.query", .post, "/v1/data_sources/{data_source_id}/query",
                                                  since: .v2025_09_03, idempotent: true)
    public static let dataSourcesTemplates = Endpoint("data_sources.templates", .get, "/v1/data_sources/{data_source_id}/templates",
                                                      since: .v2025_09_03)
    public static let commentsList = Endpoint("comments.list", .get, "/v1/comments")
    public static let commentsCreate = Endpoint("comments.create", .post, "/v1/comments")
    public static let commentsRetrieve = Endpoint("comments.retrieve", .get, "/v1/comments/{comment_id}")
    public static let commentsUpdate = Endpoint("comments.update", .patch, "/v1/comments/{comment_id}", idempotent: true)
    public static let commentsDelete = Endpoint("comments.delete", .delete, "/v1/comments/{comment_id}")
    public static let fileUploadsCreate = Endpoint("file_uploads.create", .post, "/v1/file_uploads")
    public static let fileUploadsList = Endpoint("file_uploads.list", .get, "/v1/file_uploads")
    public static let fileUploadsRetrieve = Endpoint("file_uploads.retrieve", .get, "/v1/file_uploads/{file_upload_id}")
    public static let fileUploadsSend = Endpoint("file_uploads.send", .post, "/v1/file_uploads/{file_upload_id}/send")
    public static let fileUploadsComplete = Endpoint("file_uploads.complete", .post, "/v1/file_uploads/{file_upload_id}/complete")
    public static let customEmojisList = Endpoint("custom_emojis.list", .get, "/v1/custom_emojis")
    public static let oauthToken = Endpoint("oauth.token", .post, "/v1/oauth/token")
    public static let oauthRevoke = Endpoint("oauth.revoke", .post, "/v1/oauth/revoke", idempotent: true)
    public static let oauthIntrospect = Endpoint("oauth.introspect", .post, "/v1/oauth/introspect", idempotent: true)

    /// Every route, in matching order (literal segments before parameters where both could match).
    public static let all: [Endpoint] = [
        usersMe, usersList, usersRetrieve, search,
        pagesCreate, pagesRetrieve, pagesUpdate, pagesMove, pagesPropertyRetrieve, pagesMarkdownRetrieve, pagesMarkdownUpdate,
        blocksRetrieve, blocksUpdate, blocksDelete, blocksChildrenList, blocksChildrenAppend,
        databasesCreate, databasesRetrieve, databasesUpdate, databasesQuery,
        dataSourcesCreate, dataSourcesRetrieve, dataSourcesUpdate, dataSourcesQuery, dataSourcesTemplates,
        commentsList, commentsCreate, commentsRetrieve, commentsUpdate, commentsDelete,
        fileUploadsCreate, fileUploadsList, fileUploadsRetrieve, fileUploadsSend, fileUploadsComplete,
        customEmojisList, oauthToken, oauthRevoke, oauthIntrospect,
    ]

    /// A route matched against a request path (without the query string).
    public struct Match: Sendable, Hashable {
        public let endpoint: Endpoint
        /// Path parameters, percent-decoded.
        public let parameters: [String: String]
    }

    /// Finds the route for a method and path. Returns nil for unknown routes, which Notion answers
    /// with 400 `invalid_request_url`.
    public static func match(method: String, path: String) -> Match? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for endpoint in all where endpoint.method.rawValue == method.uppercased() {
            let templateSegments = endpoint.template.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            guard templateSegments.count == segments.count else { continue }
            var parameters: [String: String] = [:]
            var matched = true
            for (template, actual) in zip(templateSegments, segments) {
                if template.hasPrefix("{") {
                    guard !actual.isEmpty else { matched = false; break }
                    parameters[String(template.dropFirst().dropLast())] = String(actual).removingPercentEncoding ?? String(actual)
                } else if template != actual {
                    matched = false
                    break
                }
            }
            if matched { return Match(endpoint: endpoint, parameters: parameters) }
        }
        return nil
    }
}

extension Endpoint {
    /// A route missing from the table (say, one Notion added after this build), sent as given with
    /// the client's auth, version, scheduler and metrics. Only GET and DELETE count as safe to
    /// repeat, since nothing is known about it.
    public static func unlisted(method: Method, path: String) -> Endpoint {
        Endpoint("unlisted", method, path)
    }
}
