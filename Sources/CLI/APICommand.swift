import ArgumentParser
import Foundation
import NotionAPI
import NotionModel
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `notion-export api METHOD PATH`: one raw request through the client (auth, version, budget,
/// retries), for exploring the API and for debugging what an export sees.
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Send one request to the Notion API and print the JSON answer.",
        discussion: """
        The request goes through the same client as an export: token, Notion-Version, \
        rate budget, retries. PATH may carry a query string. With --all, list \
        endpoints are followed through every page (GET lists via the query, POST \
        lists via the body) and the results printed as one list.

        Examples:
          notion-export api GET /v1/users/me
          notion-export api GET "/v1/blocks/$PAGE_ID/children?page_size=10"
          notion-export api GET /v1/blocks/$PAGE_ID/children --all
          notion-export api POST /v1/search --data '{"filter":{"property":"object","value":"page"}}' --all
          notion-export api PATCH /v1/pages/$PAGE_ID --data @update.json
        """
    )

    @OptionGroup(title: "Connection") var connection: NotionConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Argument(help: ArgumentHelp("GET, POST, PATCH or DELETE.", valueName: "method"))
    var method: String

    @Argument(help: ArgumentHelp("The path, e.g. /v1/pages/<id> (the leading slash is optional).", valueName: "path"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("The JSON body, inline or @file.", valueName: "json|@file"))
    var data: String?

    @Flag(name: .long, help: "Follow pagination and print every result as one list.")
    var all = false

    static let methods = ["GET", "POST", "PATCH", "DELETE"]

    var normalizedMethod: String { method.uppercased() }

    /// `/v1/...`, whatever the user typed.
    var normalizedPath: String { path.hasPrefix("/") ? path : "/" + path }

    func validate() throws {
        guard Self.methods.contains(normalizedMethod) else {
            throw ValidationError("METHOD must be one of \(Self.methods.joined(separator: ", ")), got \(method).")
        }
        guard normalizedPath.hasPrefix("/v1/") else {
            throw ValidationError("PATH must start with /v1/ (e.g. /v1/users/me), got \(path).")
        }
        if data != nil, normalizedMethod == "GET" || normalizedMethod == "DELETE" {
            throw ValidationError("--data is the body of POST and PATCH requests; \(normalizedMethod) takes its parameters in PATH's query string.")
        }
        if all, normalizedMethod == "PATCH" || normalizedMethod == "DELETE" {
            throw ValidationError("--all follows the pages of GET and POST lists; \(normalizedMethod) answers one object.")
        }
    }

    /// The body: inline JSON or `@file`, parsed before anything is sent.
    func body() throws -> JSONValue? {
        guard let data else { return nil }
        let text: String
        let source: String
        if data.hasPrefix("@") {
            let file = String(data.dropFirst())
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw UsageError("--data @\(file): cannot read \(file).")
            }
            text = String(decoding: contents, as: UTF8.self)
            source = "--data @\(file)"
        } else {
            text = data
            source = "--data"
        }
        do {
            return try JSONValue(string: text)
        } catch let error as JSONValue.ParseError {
            throw UsageError("\(source) is not valid JSON: \(error.reason).")
        }
    }

    func run() async throws {
        try await NotionRun(command: "api", connection: connection, output: output).execute(prepare: body) { session, body in
            var components = URLComponents()
            components.percentEncodedPath = normalizedPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? normalizedPath
            if let query = normalizedPath.split(separator: "?", maxSplits: 1).dropFirst().first {
                components.percentEncodedQuery = String(query)
            }
            let query = components.queryItems ?? []
            guard let match = Endpoint.match(method: normalizedMethod, path: components.percentEncodedPath) else {
                // Not in the endpoint table (a newer route, a typo): sent as is, once, so the user
                // sees Notion's own answer.
                guard !all else {
                    throw UsageError("--all needs a known list route; \(normalizedMethod) \(components.percentEncodedPath) is not one.")
                }
                let json = try await RawRequest.send(method: normalizedMethod, pathAndQuery: normalizedPath, body: body, session: session)
                session.console.output(json.jsonString(pretty: true))
                return
            }
            if all {
                let results = try await session.client.paginate(match.endpoint, match.parameters, query: query, body: body ?? [:])
                    .collect()
                let list: JSONValue = ["object": "list", "results": .array(results)]
                session.console.output(list.jsonString(pretty: true))
            } else {
                let json = try await session.client.send(match.endpoint, match.parameters, query: query, body: body,
                                                         subject: Self.subject(match))
                session.console.output(json.jsonString(pretty: true))
            }
        }
    }

    /// What the request is about, so that errors name it ("page ba9e…: share it with …").
    static func subject(_ match: Endpoint.Match) -> NotionSubject? {
        let p = match.parameters
        if let id = p["page_id"] { return .page(id) }
        if let id = p["block_id"] { return .block(id) }
        if let id = p["database_id"] { return .database(id) }
        if let id = p["data_source_id"] { return .dataSource(id) }
        if let id = p["user_id"] { return .user(id) }
        if let id = p["comment_id"] { return .comment(id) }
        if let id = p["file_upload_id"] { return .fileUpload(id) }
        return nil
    }
}

/// One request to a route the endpoint table does not know, with the client's base URL, token
/// and version, under its scheduler, without retries (the client cannot tell whether an unknown
/// route is safe to repeat).
enum RawRequest {
    static func send(method: String, pathAndQuery: String, body: JSONValue?, session: NotionSession) async throws -> JSONValue {
        let options = session.client.options
        let requestName = "\(method) \(pathAndQuery.split(separator: "?").first.map(String.init) ?? pathAndQuery)"
        let base = options.baseURL.absoluteString.hasSuffix("/") ? String(options.baseURL.absoluteString.dropLast()) : options.baseURL.absoluteString
        guard let url = URL(string: base + pathAndQuery) else {
            throw UsageError("PATH \(pathAndQuery) is not a valid URL path.")
        }
        var headers = ["Notion-Version": options.version.rawValue, "Accept": "application/json", "User-Agent": "notion-export/0.1"]
        headers["Authorization"] = options.token.withValue { "Bearer \($0)" }
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body?.data())

        try await session.client.scheduler.acquire()
        defer { session.client.scheduler.release() }
        session.countRawRequest()
        let started = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try await URLSessionTransport(maxConnectionsPerHost: 1).send(request)
        } catch {
            throw NotionError(reason: .transport(error.localizedDescription), request: requestName)
        }
        let elapsed = ContinuousClock.now - started
        session.progress.recordRequest(attempt: 1, waited: false)
        if session.console.verbose {
            let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            session.console.line("\(method) \(pathAndQuery) \(response.status) \(ms) ms")
        }
        let json = try? JSONValue(data: response.body)
        if (200..<300).contains(response.status), let json { return json }
        if let json, json["object"] == "error", let code = json["code"]?.stringValue {
            throw NotionError(reason: .api(status: response.status, code: NotionErrorCode(rawValue: code),
                                           message: json["message"]?.stringValue ?? "", requestID: json["request_id"]?.stringValue),
                              request: requestName)
        }
        throw NotionError(reason: .http(status: response.status, body: String(decoding: response.body.prefix(400), as: UTF8.self)),
                          request: requestName)
    }
}
