import ArgumentParser
import Emulator
import Export
import Foundation
import NotionModel
import NotionAPI
import Site
import TestSupport

@main
struct Benchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notion-export-benchmarks",
        abstract: "Benchmarks of notion-export (see BENCHMARKS.md).",
        subcommands: [ClientCrawl.self, Convert.self, SiteBench.self, Minimum.self])
}

/// Reads a synthetic workspace with the exporter's fetch stage (the product's code, not the test
/// crawler) from an emulator with Notion's budget and latency, and compares the run with its
/// floors: time ≥ requests / rate, requests ≥ the minimum.
struct ClientCrawl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client-crawl",
        abstract: "Crawl a synthetic workspace through the client against a rate-limited emulator.")

    @Option(help: "Pages in the synthetic workspace.") var pages = 100
    @Option(help: "Emulator rate limit (requests per second).") var rps = 3.0
    @Option(help: "Emulator bucket size.") var burst = 3
    @Option(name: .customLong("latency-ms"), help: "Emulator latency per request.") var latencyMilliseconds = 150
    @Option(help: "Client concurrency.") var concurrency = 8
    @Option(help: "Client rate (requests per second).") var clientRPS = 3.0
    @Option(help: "Client burst.") var clientBurst = 2

    func run() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try SyntheticWorkspace(pages: pages, seed: 1).write(to: dir)
        let harness = try await EmulatorHarness.start(
            workspace: dir, shape: LoadShape(requestsPerSecond: rps, burst: burst, latency: .milliseconds(latencyMilliseconds)))
        let client = harness.client(concurrency: concurrency, requestsPerSecond: clientRPS, burst: clientBurst)
        let started = Date()
        let fetched = try await Fetcher(client: client).fetch([.workspace])
        let seconds = Date().timeIntervalSince(started)
        func count(_ blocks: [Block]) -> Int { blocks.reduce(blocks.count) { $0 + count($1.children) } }
        let objectCount = fetched.pages.count + fetched.tables.count + fetched.pages.reduce(0) { $0 + count($1.blocks) }
        await harness.stop()
        let metrics = client.metrics
        let minimum = harness.workspace.minimumReadRequests()
        let floor = Double(max(metrics.requests - burst, 0)) / rps
        print("""
        | pages | objects read | requests | minimum | 429s | wall time | floor (requests/rate) | time / floor |
        |---:|---:|---:|---:|---:|---:|---:|---:|
        | \(pages) | \(objectCount) | \(metrics.requests) | \(minimum) | \(metrics.rateLimited) | \(String(format: "%.1f s", seconds)) | \(String(format: "%.1f s", floor)) | \(String(format: "%.2f", seconds / max(floor, 0.001))) |
        """)
    }
}

/// Times the local half of `notion-export markdown` on a workspace fetched once beforehand:
/// layout, render (front matter, conversion, formatting), the cmark-gfm check of every file and
/// writing the tree. No request is made while timing; fetching (through the emulator's handler
/// in-process, no rate limit) and downloading the assets (from the emulator) are setup.
struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Time layout, render, cmark-gfm check and write of a fetched workspace (no network).")

    @Option(help: "Pages in the synthetic workspace (ignored with --workspace).") var pages = 1000
    @Option(help: "Seed of the synthetic workspace.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("A workspace folder to use instead of a synthetic one (e.g. examples/workspace).", valueName: "dir"))
    var workspace: String?
    @Option(help: "Timed repetitions of every stage.") var repeats = 5

    func run() async throws {
        guard repeats > 0 else { throw ValidationError("--repeats must be at least 1.") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        // Setup (not timed): the workspace, one fetch and the asset downloads.
        let folder: URL
        if let workspace {
            folder = URL(fileURLWithPath: workspace)
        } else {
            folder = scratch.appendingPathComponent("workspace")
            try SyntheticWorkspace(pages: pages, seed: seed).write(to: folder)
        }
        let setup = try await Self.fetch(folder, assetsInto: scratch.appendingPathComponent("assets-out"))
        let fetched = setup.workspace
        let pageCount = fetched.pages.count

        let timed = try Self.timeStages(fetched, assets: setup.assets, repeats: repeats, scratch: scratch)
        let documents = timed.documents, times = timed.times, failures = timed.failures

        let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
        let source = workspace.map { "workspace \($0)" } ?? "synthetic workspace, \(pages) pages, seed \(seed)"
        func seconds(_ value: Double) -> String { value < 1 ? String(format: "%.1f ms", value * 1000) : String(format: "%.2f s", value) }
        var lines = [
            "\(source): \(pageCount) pages, \(fetched.tables.count) tables → \(documents.count) Markdown files, \(bytes) bytes (\(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB); \(failures) files failed the cmark-gfm check",
            "fetch (setup, not timed): \(setup.requests) requests, minimum \(setup.minimum) (requests/minimum \(String(format: "%.3f", Double(setup.requests) / Double(max(setup.minimum, 1))))), \(String(format: "%.1f s", setup.seconds)); \(setup.assets.count) assets downloaded",
            "\(repeats) runs",
            "",
            "| stage | median | min | pages/s (median) |",
            "|---|---:|---:|---:|",
        ]
        for stage in Stage.allCases {
            let sorted = times[stage, default: []].sorted()
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            let rate = stage == .render || stage == .total ? String(format: "%.0f", Double(pageCount) / median) : ""
            lines.append("| \(stage.rawValue) | \(seconds(median)) | \(seconds(sorted[0])) | \(rate) |")
        }
        print(lines.joined(separator: "\n"))
    }

    enum Stage: String, CaseIterable {
        case layout = "layout (`ExportLayout`)"
        case render = "render (`MarkdownRenderer.render`)"
        case check = "check (`MarkdownTreeWriter.check`)"
        case write = "write (`MarkdownTreeWriter.write`, new folder)"
        case total = "total"
    }

    struct Timed {
        var times: [Stage: [Double]]
        var documents: [RenderedDocument]
        var failures: Int
    }

    /// The timed stages, each repeated; every write goes to a fresh, empty folder under `scratch`
    /// (kept until the end: on ext4, creating files right after deleting as many makes writes slow
    /// and erratic).
    static func timeStages(_ fetched: FetchedWorkspace, assets: [String: String], repeats: Int, scratch: URL) throws -> Timed {
        var times: [Stage: [Double]] = [:]
        var documents: [RenderedDocument] = []
        var failures = 0
        for run in 0..<repeats {
            let (layout, layoutTime) = Self.time { ExportLayout(fetched) }
            let (rendered, renderTime) = Self.time { MarkdownRenderer().render(fetched, layout: layout, assets: assets) }
            let (warnings, checkTime) = Self.time { MarkdownTreeWriter.check(rendered) }
            let out = scratch.appendingPathComponent("out-\(run)")
            let (outcome, writeTime) = try Self.time { () throws(ExportError) in try MarkdownTreeWriter(outputDirectory: out).write(rendered) }
            guard outcome.written.count == rendered.count else { throw ValidationError("wrote \(outcome.written.count) of \(rendered.count) files") }
            times[.layout, default: []].append(layoutTime)
            times[.render, default: []].append(renderTime)
            times[.check, default: []].append(checkTime)
            times[.write, default: []].append(writeTime)
            times[.total, default: []].append(layoutTime + renderTime + checkTime + writeTime)
            documents = rendered
            failures = warnings.count
        }
        return Timed(times: times, documents: documents, failures: failures)
    }

    static func time<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        let elapsed = start.duration(to: clock.now)
        return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    struct Setup {
        var workspace: FetchedWorkspace
        var assets: [String: String]
        var requests: Int
        var minimum: Int
        var seconds: Double
    }

    /// Fetches everything once through the emulator's handler in-process (no sockets, no rate
    /// limit; the exporter's fetch stage, workspace root), then downloads the hosted files from
    /// the same emulator over loopback (the asset stage fetches signed URLs with its own session).
    static func fetch(_ folder: URL, assetsInto out: URL) async throws -> Setup {
        let harness = try await EmulatorHarness.start(workspace: folder)
        let client = NotionClient(
            options: .init(baseURL: harness.server.baseURL, token: NotionToken(harness.token),
                           scheduler: .init(maxConcurrent: 8, requestsPerSecond: nil)),
            transport: InProcessTransport(handler: harness.handler))
        let started = Date()
        let fetched = try await Fetcher(client: client).fetch([.workspace])
        let seconds = Date().timeIntervalSince(started)
        let requests = client.metrics.requests
        let minimum = harness.workspace.minimumReadRequests(pageSize: FetchOptions().pageSize)
        let assets = try await AssetStore(outputDirectory: out, client: client).download(fetched.assetReferences(includeExternal: false))
        await harness.stop()
        return Setup(workspace: fetched, assets: assets.paths, requests: requests, minimum: minimum, seconds: seconds)
    }
}
