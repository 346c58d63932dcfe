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
                let method = Endpoint.Method(rawValue: normalizedMethod) ?? .get
                let json = try await session.client.send(.unlisted(method: method, path: components.percentEncodedPath),
                                                         query: query, body: body)
                session.console.output(json.jsonString(pretty: true))
                return
            }
            if all {
                let results = try await session.client.paginate(match.endpoint, match.parameters, query: query, body: body ?? [:])
                    .collect()
                let list: JSONValue = ["object": "list", "results": .array(results)]
                session.console.output(list.jsonString(pretty: true))
            } else {
                let json = try await session.client.send(match.endpoint, match.parameters, query: query, body: body)
                session.console.output(json.jsonString(pretty: true))
            }
        }
    }
}
