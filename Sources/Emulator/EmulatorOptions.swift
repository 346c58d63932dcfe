import Foundation
import NotionAPI

/// Everything needed to run an emulator on a workspace folder: used by `notion-export emulator`,
/// by `--emulator` runs of the other commands, by tests and by benchmarks.
public struct EmulatorOptions: Sendable {
    public var workspace: URL
    public var shape: LoadShape
    public var fileURLLifetime: TimeInterval
    public var logPath: String?
    public var seed: UInt64
    /// Bearer tokens accepted besides the workspace's own `tokens` (a backup stores none).
    public var tokens: [String]

    public init(workspace: URL, shape: LoadShape = .none, fileURLLifetime: TimeInterval = 3600, logPath: String? = nil, seed: UInt64 = 1,
                tokens: [String] = []) {
        self.workspace = workspace
        self.shape = shape
        self.fileURLLifetime = fileURLLifetime
        self.logPath = logPath
        self.seed = seed
        self.tokens = tokens
    }

    /// Loads the workspace and builds the handler stack (store → handler → load shaping) for a
    /// base URL. Returns the shaping layer (serve this), the handler and the workspace (for their
    /// counters and in-process edits).
    public func makeHandler(baseURL: URL) throws -> (shaper: LoadShapingHandler, handler: EmulatorHandler, workspace: Workspace) {
        try makeHandler(workspace: try loadWorkspace(), baseURL: baseURL)
    }

    /// The same stack over an already loaded workspace. `clock` drives load shaping (rate limit,
    /// latency); tests share one with their clients.
    public func makeHandler(workspace: Workspace, baseURL: URL, clock: any SchedulerClock = SystemClock()) throws
        -> (shaper: LoadShapingHandler, handler: EmulatorHandler, workspace: Workspace) {
        let handler = EmulatorHandler(workspace: workspace, baseURL: baseURL, fileURLLifetime: fileURLLifetime)
        let log = try logPath.map { try RequestLog(path: $0) }
        return (LoadShapingHandler(wrapping: handler, shape: shape, log: log, clock: clock), handler, workspace)
    }

    /// Loads the workspace folder or backup tree, accepting its tokens and `tokens`.
    public func loadWorkspace() throws -> Workspace {
        guard WorkspaceLoader.metadataFile(in: workspace) != nil else {
            throw WorkspaceLoadError(file: workspace.path, path: "workspace.json",
                                     reason: "not a workspace folder (no workspace.json, nor a backup's .notion-export/workspace.json); "
                                         + "see examples/workspace/README.md")
        }
        return try Workspace(contentsOf: workspace, tokens: tokens, seed: seed)
    }

    /// Loads the workspace (errors surface before a port is bound) and serves it on 127.0.0.1
    /// (port 0: a free port).
    public func startServer(port: UInt16 = 0) async throws -> EmulatorServer {
        let workspace = try loadWorkspace()
        return try await EmulatorServer.start(port: port) { baseURL in try makeHandler(workspace: workspace, baseURL: baseURL).shaper }
    }
}
