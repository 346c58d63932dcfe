import Foundation
import NotionAPI

/// Something that answers Notion API requests in-process: the emulator's pure handler, or that
/// handler wrapped in load shaping (rate limits, latency, faults). The HTTP server adapter and the
/// in-process test transport both sit on top of this.
public protocol RequestHandling: Sendable {
    /// Answers one request. Throws only to simulate a dropped connection (`URLError`).
    func handle(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// Calls a handler in-process as an `HTTPTransport`, with no sockets.
public struct InProcessTransport: HTTPTransport {
    public let handler: any RequestHandling
    public init(handler: any RequestHandling) { self.handler = handler }
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse { try await handler.handle(request) }
}
