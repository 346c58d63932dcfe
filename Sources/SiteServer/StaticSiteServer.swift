import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// Serves a built static site from a folder over HTTP, for previewing it in a browser.
///
/// GET and HEAD only; `/a/` serves `a/index.html`, `/a` redirects to `/a/` when `a` is a folder
/// and serves `a.html` when only that exists; a missing file gets the site's `404.html`; single
/// byte ranges are honoured (video and audio seeking). Nothing outside the folder is ever served:
/// `..` components are refused after percent-decoding and symlinks that lead out give 404.
public struct StaticSiteServer: Sendable {
    public let root: URL
    public let host: String
    public let port: UInt16

    /// - Parameters:
    ///   - host: an IPv4 or IPv6 address to bind, or `localhost` (127.0.0.1).
    ///   - port: 0 picks a free port; `Listening.port` tells which.
    public init(root: URL, host: String = "127.0.0.1", port: UInt16) {
        self.root = root
        self.host = host
        self.port = port
    }

    /// Serves until the surrounding task is cancelled. `onListening` gets the site's URL
    /// (`http://HOST:PORT/`) once the socket is bound, before any request is answered.
    public func run(onListening: @Sendable (URL) -> Void = { _ in }) async throws {
        let listening = try await start()
        onListening(listening.baseURL)
        try await withTaskCancellationHandler {
            try await listening.wait()
        } onCancel: {
            listening.task.cancel()
        }
    }

    /// Binds the socket and starts answering in the background; returns once it listens.
    public func start() async throws -> Listening {
        let realRoot = try checkedRoot()
        let handler = SiteRequestHandler(root: realRoot)
        let server: HTTPServer
        if host.contains(":") {
            let address = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            guard let socketAddress = try? sockaddr_in6.inet6(ip6: address, port: port) else {
                throw StaticSiteServerError.invalidHost(host)
            }
            server = Self.makeServer(address: socketAddress, handler: handler)
        } else {
            guard let socketAddress = try? sockaddr_in.inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: port) else {
                throw StaticSiteServerError.invalidHost(host)
            }
            server = Self.makeServer(address: socketAddress, handler: handler)
        }

        // A failed bind makes run() throw at once, while waiting for isListening alone would wait
        // for the whole deadline, so watch both (as EmulatorServer does).
        let failure = Mutex<(any Error)?>(nil)
        let task = Task {
            do { try await server.run() } catch { failure.withLock { $0 = error }; throw error }
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))  // generous: a loaded machine (a test run on 2 cores) can starve the listener task
        while !(await server.isListening) {
            if let error = failure.withLock({ $0 }) {
                throw Self.listenError(error, host: host, port: port)
            }
            guard ContinuousClock.now < deadline else {
                task.cancel()
                throw StaticSiteServerError.cannotListen(host: host, port: port, reason: "timed out waiting for the socket")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        let boundPort: UInt16
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?:
            boundPort = port
        default:
            task.cancel()
            throw StaticSiteServerError.cannotListen(host: host, port: port, reason: "no IP address after binding")
        }
        let urlHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return Listening(baseURL: URL(string: "http://\(urlHost):\(boundPort)/")!, port: boundPort, server: server, task: task)
    }

    /// A started server.
    public final class Listening: Sendable {
        /// `http://HOST:PORT/`, with the port actually bound.
        public let baseURL: URL
        public let port: UInt16
        let server: HTTPServer
        let task: Task<Void, any Error>

        init(baseURL: URL, port: UInt16, server: HTTPServer, task: Task<Void, any Error>) {
            self.baseURL = baseURL
            self.port = port
            self.server = server
            self.task = task
        }

        /// Returns when the server stops; throws what stopped it, if it failed.
        public func wait() async throws {
            try await task.value
        }

        /// Closes the socket, gives responses in flight 0.2 s, then cancels. (FlyingFox's server
        /// task never ends by itself, so every stop waits the whole grace period.)
        public func stop() async {
            await server.stop(timeout: 0.2)
            task.cancel()
        }
    }

    static func makeServer(address: some SocketAddress, handler: SiteRequestHandler) -> HTTPServer {
        HTTPServer(address: address, timeout: 60, logger: .disabled, handler: handler)
    }

    /// The root's real path, or why it can't be served.
    func checkedRoot() throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw StaticSiteServerError.missingRoot(root.path)
        }
        guard isDirectory.boolValue, let real = SiteRequestHandler.realPath(root.path) else {
            throw StaticSiteServerError.rootNotADirectory(root.path)
        }
        return real
    }

    static func listenError(_ error: any Error, host: String, port: UInt16) -> StaticSiteServerError {
        if case SocketError.failed(_, let errno, _) = error, errno == EADDRINUSE {
            return .portInUse(host: host, port: port)
        }
        return .cannotListen(host: host, port: port, reason: String(describing: error))
    }
}

/// Why a site could not be served. The descriptions are sentences that name the path or port.
public enum StaticSiteServerError: Error, Equatable, CustomStringConvertible {
    case missingRoot(String)
    case rootNotADirectory(String)
    case invalidHost(String)
    case portInUse(host: String, port: UInt16)
    case cannotListen(host: String, port: UInt16, reason: String)

    public var description: String {
        switch self {
        case .missingRoot(let path):
            "\(path): no such folder"
        case .rootNotADirectory(let path):
            "\(path) is not a folder"
        case .invalidHost(let host):
            "cannot listen on \(host): not an IPv4 or IPv6 address; use 127.0.0.1, ::1, 0.0.0.0 or localhost"
        case .portInUse(let host, let port):
            "cannot listen on \(host):\(port): port \(port) is already in use; stop what uses it, or pick another port with --port (0 picks a free one)"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
