import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// The emulator's pure request handler: a request goes in, a response comes out. Routes with the
/// same endpoint table as the client (`Endpoint.match`), reads and mutates a `Workspace`.
public struct EmulatorHandler: RequestHandling {
    public let workspace: Workspace
    /// The emulator's own base URL (e.g. `http://127.0.0.1:7777`): signed file URLs and upload URLs point here.
    public let baseURL: URL
    /// Lifetime of signed file URLs (Notion: 3600 s).
    public let fileURLLifetime: TimeInterval
    /// Base of page `url`s of created pages (Notion: `https://www.notion.so`).
    public let pageURLBase: String
    public let clock: @Sendable () -> Date
    /// Requests per endpoint name and status.
    public let counters: RequestCounters
    let signer: FileSigner

    /// - Parameters:
    ///   - workspace: the store.
    ///   - baseURL: the emulator's base URL, used for signed file URLs and upload URLs.
    ///   - fileURLLifetime: validity of signed file URLs, seconds (default 3600).
    ///   - pageURLBase: base of page urls (default `https://www.notion.so`).
    ///   - clock: time source; defaults to the workspace's clock.
    public init(workspace: Workspace, baseURL: URL, fileURLLifetime: TimeInterval = 3600,
                pageURLBase: String = "https://www.notion.so", clock: (@Sendable () -> Date)? = nil) {
        self.workspace = workspace
        self.baseURL = baseURL
        self.fileURLLifetime = fileURLLifetime
        self.pageURLBase = pageURLBase
        self.clock = clock ?? workspace.clock
        self.counters = RequestCounters()
        let secret = workspace.withState { SplitMix64.mix($0.ids.seed ^ 0xF11E_5161) }
        self.signer = FileSigner(baseURL: baseURL, lifetime: fileURLLifetime, secret: secret)
    }

    public func handle(_ request: HTTPRequest) async throws -> HTTPResponse {
        respond(request)
    }

    /// Synchronous form of `handle(_:)`.
    public func respond(_ request: HTTPRequest) -> HTTPResponse {
        let now = clock()
        let path = request.url.path
        let query = Self.queryItems(request.url)
        if request.method.uppercased() == "GET", path.hasPrefix("/files/") {
            let response = serveFile(path: path, query: query, now: now)
            counters.record("files.get", response.status)
            return response
        }
        if request.method.uppercased() == "GET", path == Self.authorizePath {
            let response = authorize(query: query, now: now)
            counters.record("oauth.authorize", response.status)
            return response
        }
        let match = Endpoint.match(method: request.method, path: path)
        let name = match?.endpoint.name ?? "unknown"
        return workspace.withState { state in
            let requestID = state.requestIDs.next(.request).rawValue
            if !state.pendingImports.isEmpty { Self.finishPendingImports(now: now, &state) }
            let result: Result<JSONValue, NotionAPIError>
            do {
                result = .success(try route(request, match, query: query, now: now, state: &state))
            } catch let error as NotionAPIError {
                result = .failure(error)
            } catch let failure as ValidationFailure {
                result = .failure(NotionAPIError(status: failure.status, code: failure.code, message: failure.message))
            } catch {
                result = .failure(.internalServerError)
            }
            let response: HTTPResponse
            switch result {
            case .success(var body):
                // Templates answer without request_id (as recorded).
                if name != Endpoint.dataSourcesTemplates.name { body["request_id"] = .string(requestID) }
                response = .notionJSON(status: 200, body: body, requestID: requestID)
            case .failure(let error):
                response = error.response(requestID: requestID)
            }
            counters.record(name, response.status)
            return response
        }
    }

    // MARK: Routing

    struct Context {
        var version: NotionVersion
        var now: Date
        var params: [String: String]
        var query: [String: [String]]
        var body: JSONValue
        var rawBody: Data
        var contentType: String
        var shaping: Shaping
        var integrationID: NotionID
        var integrationName: String
        /// The bot of the OAuth grant whose token authenticated the request (nil for the
        /// workspace's own tokens).
        var oauthBot: JSONValue?

        func first(_ key: String) -> String? { query[key]?.first }
    }

    private func route(_ request: HTTPRequest, _ match: Endpoint.Match?, query: [String: [String]], now: Date,
                       state: inout WorkspaceState) throws -> JSONValue {
        // The OAuth endpoints authenticate the integration (Basic), not a bearer token.
        if let endpoint = match?.endpoint, [Endpoint.oauthToken.name, Endpoint.oauthRevoke.name].contains(endpoint.name) {
            return try oauthEndpoint(endpoint, request, now: now, &state)
        }
        // Authentication: a workspace token, or an access token issued by the OAuth flow.
        guard let auth = request.header("Authorization"), auth.hasPrefix("Bearer ") else { throw NotionAPIError.unauthorized }
        let bearer = String(auth.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        let grant = state.oauth.grants[bearer]
        guard state.content.tokens.contains(bearer) || grant != nil else { throw NotionAPIError.unauthorized }
        // Version.
        guard let versionText = request.header("Notion-Version") else { throw NotionAPIError.missingVersion }
        let version = NotionVersion(rawValue: versionText.trimmingCharacters(in: .whitespaces))
        guard version.isKnown else {
            let list = NotionVersion.all.map { "`\"\($0.rawValue)\"`" }
            throw NotionAPIError.validation(
                "Notion-Version header failed validation: Notion-Version header should be one of "
                    + list.dropLast().joined(separator: ", ") + ", or " + list.last! + ", instead was `\"\(versionText)\"`.")
        }
        // Route and version gating.
        guard let match, match.endpoint.isAvailable(in: version) else {
            throw NotionAPIError.invalidRequestURL
        }
        for (key, value) in match.parameters where Endpoint.uuidParameters.contains(key) {
            guard let id = NotionID(value), id.hasValidVariant else {
                throw NotionAPIError.validation("path failed validation: path.\(key) should be a valid uuid, instead was `\"\(value)\"`.")
            }
        }
        // Body.
        let raw = request.body ?? Data()
        let contentType = request.header("Content-Type") ?? ""
        var body: JSONValue = [:]
        if !contentType.lowercased().hasPrefix("multipart/"), match.endpoint.method != .get, match.endpoint.method != .delete {
            body = try RequestBody.parse(raw)
        }
        let context = Context(
            version: version, now: now, params: match.parameters, query: query, body: body, rawBody: raw, contentType: contentType,
            shaping: Shaping(version: version, now: now, files: signer), integrationID: state.content.integrationID,
            integrationName: state.content.integrationName, oauthBot: grant.map { Self.oauthBot($0, state.content) })
        return try dispatch(match.endpoint, context, &state)
    }

    private func dispatch(_ endpoint: Endpoint, _ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        switch endpoint {
        case .usersMe: return c.oauthBot ?? s.content.bot
        case .usersList: return try listUsers(c, &s)
        case .usersRetrieve: return try retrieveUser(c, &s)
        case .search: return try search(c, &s)
        case .pagesRetrieve: return try retrievePage(c, &s)
        case .pagesCreate: return try createPage(c, &s)
        case .pagesUpdate: return try updatePage(c, &s)
        case .pagesMove: return try movePage(c, &s)
        case .pagesPropertyRetrieve: return try retrievePageProperty(c, &s)
        case .blocksRetrieve: return try retrieveBlock(c, &s)
        case .blocksUpdate: return try updateBlock(c, &s)
        case .blocksDelete: return try deleteBlock(c, &s)
        case .blocksChildrenList: return try listChildren(c, &s)
        case .blocksChildrenAppend: return try appendChildren(c, &s)
        case .databasesRetrieve: return try retrieveDatabase(c, &s)
        case .databasesCreate: return try createDatabase(c, &s)
        case .databasesUpdate: return try updateDatabase(c, &s)
        case .databasesQuery: return try queryDatabase(c, &s)
        case .dataSourcesRetrieve: return try retrieveDataSource(c, &s)
        case .dataSourcesCreate: return try createDataSource(c, &s)
        case .dataSourcesUpdate: return try updateDataSource(c, &s)
        case .dataSourcesQuery: return try queryDataSource(c, &s)
        case .dataSourcesTemplates:
            _ = try visibleDataSource(c, &s)
            return ["templates": [], "has_more": false, "next_cursor": nil]
        case .commentsList: return try listComments(c, &s)
        case .commentsCreate: return try createComment(c, &s)
        case .commentsRetrieve, .commentsUpdate, .commentsDelete: return try commentByID(endpoint, c, &s)
        case .fileUploadsCreate: return try createUpload(c, &s)
        case .fileUploadsList: return try listUploads(c, &s)
        case .fileUploadsRetrieve: return try retrieveUpload(c, &s)
        case .fileUploadsSend: return try sendUpload(c, &s)
        case .fileUploadsComplete: return try completeUpload(c, &s)
        case .customEmojisList:
            let emojis = s.content.customEmojis.map { s.signFiles($0, c.shaping) }
            return ["object": "list", "type": "custom_emoji", "results": .array(emojis), "has_more": false, "next_cursor": nil]
        default:
            throw NotionAPIError(status: 400, code: "invalid_request", message: "Unsupported request: \(endpoint.name).")
        }
    }

    // MARK: Errors and pagination

    static func notFound(_ kind: String, _ id: String, _ c: Context) -> NotionAPIError {
        NotionAPIError(
            status: 404, code: "object_not_found",
            message: "Could not find \(kind) with ID: \(id). Make sure the relevant pages and databases are shared with your integration \"\(c.integrationName)\".",
            additionalData: ["integration_id": .string(c.integrationID.rawValue)])
    }

    static func pathID(_ c: Context, _ key: String) -> NotionID {
        NotionID(c.params[key] ?? "") ?? NotionID("00000000-0000-0000-0000-000000000000")!
    }

    /// `page_size` from the query (GET) or body (POST): default 100, 1…100.
    static func pageSize(_ c: Context, inBody: Bool) throws -> Int {
        let prefix = inBody ? "body" : "query"
        let raw: JSONValue?
        if inBody { raw = c.body["page_size"] } else { raw = c.first("page_size").map { JSONValue.string($0) } }
        guard let raw, raw != .null else { return 100 }
        let value: Int?
        switch raw {
        case .string(let text): value = Int(text)
        default: value = raw.intValue
        }
        guard let value else {
            throw NotionAPIError.validation("\(prefix) failed validation: " + Validation.sentence("\(prefix).page_size", "a number", raw))
        }
        if value > 100 {
            throw NotionAPIError.validation("\(prefix) failed validation: \(prefix).page_size should be ≤ `100`, instead was `\(value)`.")
        }
        if value < 1 {
            throw NotionAPIError.validation("\(prefix) failed validation: \(prefix).page_size should be ≥ `1`, instead was `\(value)`.")
        }
        return value
    }

    static func startCursor(_ c: Context, inBody: Bool) throws -> String? {
        if inBody {
            guard let raw = c.body["start_cursor"], raw != .null else { return nil }
            guard let text = raw.stringValue else {
                throw Validation.failure("body.start_cursor", "a string or `undefined`", raw)
            }
            return text
        }
        return c.first("start_cursor")
    }

    /// One page of `items` whose cursors are item ids (block children, search, users, comments, uploads).
    static func page<T>(_ items: [T], id: (T) -> String, cursor: String?, size: Int) throws -> (items: [T], next: String?) {
        var start = 0
        if let cursor {
            let normalized = NotionID(cursor)?.rawValue ?? cursor
            guard let index = items.firstIndex(where: { id($0) == normalized }) else { throw NotionAPIError.invalidCursor(cursor) }
            start = index
        }
        let end = min(items.count, start + size)
        let next = end < items.count ? id(items[end]) : nil
        return (Array(items[start..<end]), next)
    }

    static func list(_ results: [JSONValue], next: String?, type: String, typeObject: JSONValue = [:]) -> JSONValue {
        ["object": "list", "results": .array(results), "next_cursor": next.map { .string($0) } ?? .null,
         "has_more": .bool(next != nil), "type": .string(type), .init(stringLiteral: type): typeObject]
    }

    // MARK: Files

    func serveFile(path: String, query: [String: [String]], now: Date) -> HTTPResponse {
        var flat: [String: String] = [:]
        for (k, v) in query { flat[k] = v.first }
        let xmlHeaders = ["Content-Type": "application/xml"]
        func denied(_ message: String, extra: String = "") -> HTTPResponse {
            let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>\(message)</Message>"
                + extra + "<RequestId>EMULATOR</RequestId><HostId>emulator</HostId></Error>"
            return HTTPResponse(status: 403, headers: xmlHeaders, body: Data(xml.utf8))
        }
        switch signer.check(path: path, query: flat, now: now) {
        case .denied:
            return denied("Access Denied")
        case .expired(let expires):
            return denied("Request has expired", extra: "<X-Amz-Expires>\(flat["X-Amz-Expires"] ?? "")</X-Amz-Expires>"
                + "<Expires>\(NotionTime.isoSeconds(expires))</Expires><ServerTime>\(NotionTime.isoSeconds(now))</ServerTime>")
        case .ok(let filePath):
            let data = workspace.withState { $0.content.files[filePath] }
            guard let data else {
                let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"
                return HTTPResponse(status: 404, headers: xmlHeaders, body: Data(xml.utf8))
            }
            return HTTPResponse(status: 200, headers: ["Content-Type": MIMEType.forPath(filePath), "Content-Length": String(data.count)],
                                body: data)
        }
    }

    static func queryItems(_ url: URL) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for item in URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? [] {
            out[item.name, default: []].append(item.value ?? "")
        }
        return out
    }
}

/// Counts requests per endpoint name and status, readable in-process.
public final class RequestCounters: Sendable {
    private let counts = Mutex<[String: [Int: Int]]>([:])
    public init() {}
    func record(_ name: String, _ status: Int) { counts.withLock { $0[name, default: [:]][status, default: 0] += 1 } }
    /// `["blocks.children.list": [200: 3, 400: 1], …]`; unknown routes count as `unknown`, file fetches as `files.get`.
    public var snapshot: [String: [Int: Int]] { counts.withLock { $0 } }
    public func count(_ name: String, status: Int? = nil) -> Int {
        counts.withLock { c in
            guard let byStatus = c[name] else { return 0 }
            if let status { return byStatus[status] ?? 0 }
            return byStatus.values.reduce(0, +)
        }
    }
    public var total: Int { counts.withLock { $0.values.flatMap(\.values).reduce(0, +) } }
}

/// Content types from file extensions.
enum MIMEType {
    static let table: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "svg": "image/svg+xml",
        "pdf": "application/pdf", "txt": "text/plain", "md": "text/markdown", "csv": "text/csv", "json": "application/json",
        "mp3": "audio/mpeg", "wav": "audio/wav", "mp4": "video/mp4", "mov": "video/quicktime", "zip": "application/zip",
        "html": "text/html", "heic": "image/heic", "ico": "image/vnd.microsoft.icon",
    ]
    static func forPath(_ path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        return table[ext] ?? "application/octet-stream"
    }
    static func ext(for contentType: String) -> String? {
        table.first { $0.value == contentType }?.key
    }
}
