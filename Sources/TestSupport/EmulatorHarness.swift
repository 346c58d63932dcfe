import Emulator
import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// An emulator served over real loopback HTTP for tests, with an optional clock shared by the
/// emulator's load shaping and the clients: a `WarpClock` makes waits free (back-off, Retry-After),
/// a `ScaledClock` runs real time faster (rate-limit timing as in production).
public final class EmulatorHarness: Sendable {
    public let server: EmulatorServer
    public let shaper: LoadShapingHandler
    public let handler: EmulatorHandler
    public let workspace: Workspace
    public let clock: (any SchedulerClock)?
    public let token: String

    /// - Parameters:
    ///   - wallClock: the emulator's date (timestamps it writes, signed file URLs' expiry); the real
    ///     date when nil. Tests move it to make file URLs expire without waiting.
    ///   - fileURLLifetime: validity of signed file URLs in seconds (0: expired when issued).
    public static func start(workspace folder: URL = Fixtures.sampleWorkspace, shape: LoadShape = .none,
                             clock: (any SchedulerClock)? = nil, wallClock: (@Sendable () -> Date)? = nil,
                             fileURLLifetime: TimeInterval = 3600, tokens: [String] = []) async throws -> EmulatorHarness {
        let workspace = try Workspace(contentsOf: folder, tokens: tokens, clock: wallClock ?? { Date() })
        let token = workspace.snapshot.tokens.sorted().first ?? ""
        let parts = Parts()
        let options = EmulatorOptions(workspace: folder, shape: shape, fileURLLifetime: fileURLLifetime)
        let server = try await EmulatorServer.start(port: 0) { baseURL in
            let stack = try options.makeHandler(workspace: workspace, baseURL: baseURL, clock: clock ?? SystemClock())
            parts.set(handler: stack.handler, shaper: stack.shaper)
            return stack.shaper
        }
        let (handler, shaper) = parts.get()
        return EmulatorHarness(server: server, shaper: shaper, handler: handler, workspace: workspace, clock: clock, token: token)
    }

    init(server: EmulatorServer, shaper: LoadShapingHandler, handler: EmulatorHandler, workspace: Workspace, clock: (any SchedulerClock)?, token: String) {
        self.server = server
        self.shaper = shaper
        self.handler = handler
        self.workspace = workspace
        self.clock = clock
        self.token = token
    }

    /// A client pointed at this emulator (URLSession over loopback), sharing its clock.
    public func client(version: NotionVersion = .default, token: String? = nil, concurrency: Int = 8,
                       requestsPerSecond: Double? = nil, burst: Int = 2, maxRetries: Int = 8) -> NotionClient {
        let options = NotionClient.Options(
            baseURL: server.baseURL, version: version, token: NotionToken(token ?? self.token),
            scheduler: .init(maxConcurrent: concurrency, requestsPerSecond: requestsPerSecond, burst: burst),
            maxRetries: maxRetries)
        return NotionClient(options: options, clock: clock ?? SystemClock())
    }

    public func stop() async { await server.stop() }

    final class Parts: Sendable {
        let parts = Mutex<(EmulatorHandler, LoadShapingHandler)?>(nil)
        func set(handler: EmulatorHandler, shaper: LoadShapingHandler) { parts.withLock { $0 = (handler, shaper) } }
        func get() -> (EmulatorHandler, LoadShapingHandler) { parts.withLock { $0! } }
    }
}
