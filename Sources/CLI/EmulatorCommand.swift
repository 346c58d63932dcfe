import ArgumentParser
import Emulator
import Foundation

/// `notion-export emulator`: serve a workspace folder as the Notion API on loopback.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Serve a workspace folder as a local Notion API on 127.0.0.1.",
        discussion: """
        Answers the Notion REST API (pagination, errors, versions, limits, rate \
        limiting, expiring file URLs) from a folder of JSON files in Notion's own \
        shapes; see examples/workspace/README.md. Prints "listening on \
        http://127.0.0.1:PORT" as its first line and runs until interrupted. Use one \
        of the tokens in the folder's workspace.json, or one given with --token. A \
        backup's output folder is served too (its metadata is in \
        .notion-export/workspace.json and holds no token: pass --token).

        Examples:
          notion-export emulator --workspace examples/workspace
          notion-export emulator --workspace backup/ --token ntn_local
          notion-export emulator --workspace DIR --port 8787 --rps 3 --burst 3
          notion-export emulator --workspace DIR --faults 0.1 --seed 42 \\
                                 --log requests.jsonl
          curl -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" \\
               http://127.0.0.1:8787/v1/users/me
        """
    )

    @Option(name: .long, help: ArgumentHelp("The workspace folder (or backup folder) to serve.", valueName: "dir"))
    var workspace: String

    @Option(name: .customLong("token"), help: ArgumentHelp("A bearer token to accept besides the workspace's own tokens (repeatable).", valueName: "token"))
    var tokens: [String] = []

    @Option(name: .long, help: "Port on 127.0.0.1 (0 picks a free port).")
    var port: UInt16 = 0

    @Option(name: .long, help: ArgumentHelp("Rate limit: average requests per second (token bucket); 429 rate_limited with Retry-After beyond it.", valueName: "r"))
    var rps: Double?

    @Option(name: .long, help: ArgumentHelp("Rate limit: bucket size, the requests allowed at once after a quiet period.", valueName: "b"))
    var burst: Int = 10

    @Option(name: .customLong("latency-ms"), help: ArgumentHelp("Latency added to every API request, in milliseconds.", valueName: "ms"))
    var latencyMilliseconds: Int = 0

    @Option(name: .long, help: ArgumentHelp("Probability (0-1) of a random fault per API request: 429, 500, 502, 503, 504, 529, a dropped connection, or a latency spike (200 ms more; drawn separately at the same rate).", valueName: "rate"))
    var faults: Double = 0

    @Option(name: .long, help: "Seed of the fault generator.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Append one JSON line per request to this file.", valueName: "file"))
    var log: String?

    @Option(name: .customLong("file-url-lifetime"), help: ArgumentHelp("Seconds a signed file URL stays valid.", valueName: "seconds"))
    var fileURLLifetime: Int = 3600

    func validate() throws {
        guard FileManager.default.fileExists(atPath: workspace) else {
            throw ValidationError("--workspace \(workspace): no such folder. Use the bundled sample: --workspace examples/workspace")
        }
        if let rps, rps <= 0 { throw ValidationError("--rps must be greater than 0, got \(rps).") }
        guard burst >= 1 else { throw ValidationError("--burst must be at least 1, got \(burst).") }
        guard (0...1).contains(faults) else { throw ValidationError("--faults is a probability between 0 and 1, got \(faults).") }
        guard latencyMilliseconds >= 0 else { throw ValidationError("--latency-ms cannot be negative.") }
        guard fileURLLifetime > 0 else { throw ValidationError("--file-url-lifetime must be positive.") }
    }

    func run() async throws {
        let options = EmulatorOptions(
            workspace: URL(fileURLWithPath: workspace),
            shape: LoadShape(requestsPerSecond: rps, burst: burst, latency: .milliseconds(latencyMilliseconds), faultRate: faults, seed: seed),
            fileURLLifetime: TimeInterval(fileURLLifetime),
            logPath: log,
            tokens: tokens)
        let server = try await options.startServer(port: port)
        // The first line, unbuffered: scripts wait for it to learn the port.
        FileHandle.standardOutput.write(Data("listening on \(server.baseURL.absoluteString)\n".utf8))
        try await server.wait()
    }
}
