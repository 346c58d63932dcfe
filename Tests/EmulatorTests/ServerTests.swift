import Foundation
import NotionAPI
import Testing
@testable import Emulator
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Echoes the request it received, or fails like a dropped connection for `/drop`.
struct EchoHandler: RequestHandling {
    let baseURL: URL
    func handle(_ request: NotionAPI.HTTPRequest) async throws -> NotionAPI.HTTPResponse {
        if request.url.path == "/drop" { throw URLError(.networkConnectionLost) }
        let echo: [String: String] = [
            "method": request.method, "url": request.url.absoluteString,
            "version": request.header("notion-version") ?? "", "body": String(decoding: request.body ?? Data(), as: UTF8.self),
            "base": baseURL.absoluteString,
        ]
        return NotionAPI.HTTPResponse(status: 418, headers: ["Content-Type": "application/json", "X-Test": "yes"],
                                      body: try JSONEncoder().encode(echo))
    }
}

@Suite struct ServerTests {
    @Test func servesAHandlerOnAFreeLoopbackPort() async throws {
        let server = try await EmulatorServer.start(port: 0) { base in EchoHandler(baseURL: base) }
        defer { Task { await server.stop() } }
        #expect(server.port > 0)
        #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)")

        var request = URLRequest(url: server.baseURL.appendingPathComponent("v1/blocks/abc/children").appending(queryItems: [.init(name: "page_size", value: "2")]))
        request.httpMethod = "PATCH"
        request.setValue("2025-09-03", forHTTPHeaderField: "Notion-Version")
        request.httpBody = Data(#"{"children":[]}"#.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 418)
        #expect(http.value(forHTTPHeaderField: "X-Test") == "yes")
        #expect(http.value(forHTTPHeaderField: "Connection") == "close")
        let echo = try JSONDecoder().decode([String: String].self, from: data)
        #expect(echo == [
            "method": "PATCH", "url": "\(server.baseURL.absoluteString)/v1/blocks/abc/children?page_size=2",
            "version": "2025-09-03", "body": #"{"children":[]}"#, "base": server.baseURL.absoluteString,
        ])
    }

    @Test func aDroppedConnectionReachesTheClientAsANetworkError() async throws {
        let server = try await EmulatorServer.start(port: 0) { base in EchoHandler(baseURL: base) }
        defer { Task { await server.stop() } }
        await #expect(throws: URLError.self) {
            _ = try await URLSession.shared.data(from: server.baseURL.appendingPathComponent("drop"))
        }
    }

    @Test func aBusyPortGivesAClearError() async throws {
        let first = try await EmulatorServer.start(port: 0) { base in EchoHandler(baseURL: base) }
        defer { Task { await first.stop() } }
        do {
            let second = try await EmulatorServer.start(port: first.port) { base in EchoHandler(baseURL: base) }
            await second.stop()
            Issue.record("binding a busy port succeeded")
        } catch let error as EmulatorServerError {
            #expect(String(describing: error).hasPrefix("cannot listen on 127.0.0.1:\(first.port): "))
            #expect(String(describing: error).hasSuffix("Pick another port with --port, or 0 for a free one."))
        }
    }
}
