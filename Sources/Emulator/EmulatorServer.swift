import FlyingFox
import FlyingSocks
import Foundation
import NotionAPI
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// The only file that imports the HTTP server library: everything else in the emulator is a pure
// request handler that tests call in-process.

/// Serves a `RequestHandling` over HTTP on 127.0.0.1.
///
/// Every response carries `Connection: close`: FlyingFox writes headers and body in two writes
/// without `TCP_NODELAY`, so a kept-alive connection stalls about 43 ms per request (Nagle plus
/// delayed ACK, toolchain.md §3); loopback reconnects cost far less.
public final class EmulatorServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let baseURL: URL
    public let port: UInt16
    let server: HTTPServer
    let task: Task<Void, any Error>

    /// Binds a port (0 picks a free one), then builds the handler with the resulting base URL
    /// (file URLs and page URLs need it) and starts answering.
    public static func start(port: UInt16 = 0,
                             makeHandler: @Sendable (URL) async throws -> any RequestHandling) async throws -> EmulatorServer {
        let box = HandlerBox()
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 3600, logger: .disabled,
                                handler: ClosureHTTPHandler { request in try await box.answer(request) })
        // A failed bind makes run() throw at once, while waitUntilListening would wait for its whole
        // timeout, so watch both.
        let failure = Mutex<(any Error)?>(nil)
        let task = Task {
            do { try await server.run() } catch { failure.withLock { $0 = error }; throw error }
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))  // generous: a loaded machine (a test run on 2 cores) can starve the listener task
        while !(await server.isListening) {
            if let error = failure.withLock({ $0 }) {
                throw EmulatorServerError.cannotListen(port: port, reason: String(describing: error))
            }
            guard ContinuousClock.now < deadline else {
                task.cancel()
                throw EmulatorServerError.cannotListen(port: port, reason: "timed out waiting for the socket")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        guard case .ip4(_, let boundPort)? = await server.listeningAddress else {
            task.cancel()
            throw EmulatorServerError.cannotListen(port: port, reason: "no IPv4 address after binding")
        }
        let baseURL = URL(string: "http://127.0.0.1:\(boundPort)")!
        box.set(try await makeHandler(baseURL), baseURL: baseURL)
        return EmulatorServer(baseURL: baseURL, port: boundPort, server: server, task: task)
    }

    init(baseURL: URL, port: UInt16, server: HTTPServer, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
        self.server = server
        self.task = task
    }

    /// Runs until the server stops (or the surrounding task is cancelled).
    public func wait() async throws {
        try await task.value
    }

    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

public enum EmulatorServerError: Error, CustomStringConvertible {
    case cannotListen(port: UInt16, reason: String)
    public var description: String {
        switch self {
        case .cannotListen(let port, let reason):
            "cannot listen on 127.0.0.1:\(port): \(reason). Pick another port with --port, or 0 for a free one."
        }
    }
}

/// Holds the handler, which exists only once the port is known.
final class HandlerBox: Sendable {
    let state = Mutex<(handler: (any RequestHandling)?, baseURL: URL?)>((nil, nil))

    func set(_ handler: any RequestHandling, baseURL: URL) { state.withLock { $0 = (handler, baseURL) } }

    func answer(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
        let (handler, baseURL) = state.withLock { $0 }
        guard let handler, let baseURL, let url = URL(string: baseURL.absoluteString + request.target.rawValue) else {
            return FlyingFox.HTTPResponse(statusCode: .serviceUnavailable, headers: HTTPHeaders([.connection: "close"]))
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        let body = try await request.bodyData
        let ours = NotionAPI.HTTPRequest(method: request.method.rawValue, url: url, headers: headers, body: body.isEmpty ? nil : body)
        let response: NotionAPI.HTTPResponse
        do {
            response = try await handler.handle(ours)
        } catch {
            // A simulated dropped connection: close the socket without sending a byte.
            return FlyingFox.HTTPResponse(webSocket: DropConnection())
        }
        var outHeaders = HTTPHeaders()
        for (name, value) in response.headers { outHeaders[HTTPHeader(name)] = value }
        outHeaders[.connection] = "close"
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: Self.reasonPhrase(response.status)),
                                      headers: outHeaders, body: response.body)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 529: "Site is overloaded"
        default: "Status \(status)"
        }
    }
}

/// FlyingFox closes a connection without writing anything when a WebSocket handler fails before
/// its upgrade response: the closest thing to a dropped TCP connection it offers.
struct DropConnection: WSHandler {
    struct Dropped: Error {}
    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Dropped()
    }
}
