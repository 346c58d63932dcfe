import ArgumentParser
import Emulator
import Export
import Foundation
import NotionModel
import NotionAPI
import TestSupport

@main
struct Benchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notion-export-benchmarks",
        abstract: "Benchmarks of notion-export (see BENCHMARKS.md).",
        subcommands: [ClientCrawl.self])
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
