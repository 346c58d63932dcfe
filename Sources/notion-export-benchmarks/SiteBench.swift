import ArgumentParser
import Emulator
import Export
import Foundation
import NotionAPI
import NotionModel
import Site
import TestSupport

/// Times the static site's local half (`notion-export site` after its backup) on a synthetic
/// workspace backed up once beforehand: `SiteBuilder.build` (Markdown → HTML through cmark-gfm,
/// templates, feed, sitemap, search index) and `SiteWriter.write` into a fresh, empty folder.
/// No request is made while timing; the backup (through the emulator's handler in-process, no
/// rate limit) is setup. `--markdown-out` writes the snapshot's Markdown tree for other site
/// generators (scripts/bench-site builds it with Hugo).
struct SiteBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Time SiteBuilder.build and SiteWriter.write on a backed-up synthetic workspace (no network).")

    @Option(help: "Pages in the synthetic workspace (ignored with --workspace).") var pages = 1000
    @Option(help: "Seed of the synthetic workspace.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("A workspace folder to use instead of generating a synthetic one.", valueName: "dir"))
    var workspace: String?
    @Flag(help: "Also time the Markdown conversion (the stages of `convert`) on the same backup, before the site.")
    var convert = false
    @Option(help: "Timed repetitions of every stage.") var repeats = 5
    @Option(help: ArgumentHelp("The site templates.", valueName: "dir")) var templates = "templates/default"
    @Option(name: .customLong("markdown-out"), help: ArgumentHelp("Also write the snapshot's Markdown tree here (replaced).", valueName: "dir"))
    var markdownOut: String?
    @Option(name: .customLong("site-out"), help: ArgumentHelp("Keep the last written site here (replaced).", valueName: "dir"))
    var siteOut: String?
    @Option(help: ArgumentHelp("Work here and leave it (the caller removes it, after its own timings: on ext4, creating files within minutes of deleting as many is several times slower, so no timed write should follow a large removal).", valueName: "dir"))
    var scratch: String?

    func run() async throws {
        guard repeats > 0 else { throw ValidationError("--repeats must be at least 1.") }
        let fm = FileManager.default
        let scratch = self.scratch.map { URL(fileURLWithPath: $0) } ?? fm.temporaryDirectory.appendingPathComponent("bench-site-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { if self.scratch == nil { try? fm.removeItem(at: scratch) } }

        // Setup (not timed): the workspace, one backup, the config and the templates.
        let folder: URL
        if let workspace {
            folder = URL(fileURLWithPath: workspace)
        } else {
            folder = scratch.appendingPathComponent("workspace")
            try SyntheticWorkspace(pages: pages, seed: seed).write(to: folder)
        }
        let (snapshot, backupSeconds) = try await Self.backup(folder, into: scratch.appendingPathComponent("backup"))
        let configJSON = Self.configJSON(for: snapshot)
        let config = try SiteConfig(json: try JSONValue(string: configJSON), file: scratch.appendingPathComponent("site.json"))
        let siteTemplates = try SiteTemplates.load(from: URL(fileURLWithPath: templates))
        if let markdownOut {
            let out = URL(fileURLWithPath: markdownOut)
            try? fm.removeItem(at: out)
            for document in snapshot.documents {
                let url = out.appending(path: document.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(document.text.utf8).write(to: url)
            }
        }

        var conversion = ""
        if convert {
            FileHandle.standardError.write(Data("timed conversion runs: \(repeats)\n".utf8))
            let convertScratch = scratch.appendingPathComponent("convert")
            // Its output stays until the end: the timed site writes must not follow a large removal.
            let timed = try Convert.timeStages(snapshot.workspace, assets: snapshot.assets, repeats: repeats, scratch: convertScratch)
            guard timed.failures == 0 else { throw ValidationError("\(timed.failures) Markdown files failed the cmark-gfm check") }
            let total = Self.median(timed.times[.total, default: []].sorted())
            let render = Self.median(timed.times[.render, default: []].sorted())
            conversion = " convert_total_median=\(total) convert_render_median=\(render) convert_documents=\(timed.documents.count)"
                + " convert_pages=\(snapshot.workspace.pages.count)"
        }

        // The timed stages. Every write goes to a fresh, empty folder with a fresh cache (a first
        // build: no manifest of earlier files), kept until the end (on ext4, creating files right
        // after deleting as many makes writes slow and erratic). Asset copies are left out: the
        // output's asset list is emptied before writing.
        let builder = SiteBuilder(config: config, templates: siteTemplates)
        var times: [Stage: [Double]] = [:]
        var cpu: [Stage: [Double]] = [:]  // user + system time of the process (both cores)
        var last: SiteBuilder.Output?
        var lastOut = scratch
        // Setup is over: a profiler can attach now (`perf record -p PID`), after this line.
        FileHandle.standardError.write(Data("timed runs: \(repeats)\n".utf8))
        for run in 0..<repeats {
            let cpu0 = Self.cpuSeconds()
            let (built, buildTime) = Convert.time { builder.build(snapshot) }
            let cpu1 = Self.cpuSeconds()
            var output = built
            output.assets = []
            let out = scratch.appendingPathComponent("site-\(run)")
            let writer = SiteWriter(output: out, cache: scratch.appendingPathComponent("cache-\(run)"))
            let cpu2 = Self.cpuSeconds()
            let (result, writeTime) = try Convert.time { () throws(SiteWriteError) in try writer.write(output) }
            let cpu3 = Self.cpuSeconds()
            guard result.written.count == output.files.count else { throw ValidationError("wrote \(result.written.count) of \(output.files.count) files") }
            times[.build, default: []].append(buildTime)
            times[.write, default: []].append(writeTime)
            times[.total, default: []].append(buildTime + writeTime)
            cpu[.build, default: []].append(cpu1 - cpu0)
            cpu[.write, default: []].append(cpu3 - cpu2)
            cpu[.total, default: []].append(cpu1 - cpu0 + cpu3 - cpu2)
            last = built
            lastOut = out
        }
        if let siteOut {
            let out = URL(fileURLWithPath: siteOut)
            try? fm.removeItem(at: out)
            try fm.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.moveItem(at: lastOut, to: out)
        }

        guard let site = last else { return }
        let html = site.files.filter { $0.key.hasSuffix(".html") }
        let htmlBytes = html.values.reduce(0) { $0 + $1.count }
        let allBytes = site.files.values.reduce(0) { $0 + $1.count }
        let markdownBytes = snapshot.documents.reduce(0) { $0 + $1.text.utf8.count }
        let pageCount = snapshot.layout.entries.count
        func seconds(_ value: Double) -> String { value < 1 ? String(format: "%.1f ms", value * 1000) : String(format: "%.2f s", value) }
        func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
        var lines = [
            "\(workspace.map { "workspace \($0)" } ?? "synthetic workspace, \(pages) pages, seed \(seed)"): \(snapshot.workspace.pages.count) pages, \(snapshot.workspace.tables.count) tables → \(snapshot.documents.count) Markdown documents (\(mib(markdownBytes))), \(pageCount) site pages",
            "backup (setup, not timed): \(String(format: "%.1f s", backupSeconds)); \(snapshot.assets.count) assets (not copied in the timed write)",
            "roots: \(config.roots.count) (\(config.roots.filter { $0.kind == .page }.count) workspace-level pages, \(config.roots.filter { $0.kind == .database }.count) database as posts)",
            "site: \(site.files.count) files, \(mib(allBytes)); \(html.count) HTML files, \(htmlBytes) bytes of HTML (\(mib(htmlBytes))); \(site.warnings.count) warnings",
            "\(repeats) runs",
            "",
            "| stage | median | min | CPU (user + sys, median) | pages/s (median) |",
            "|---|---:|---:|---:|---:|",
        ]
        for stage in Stage.allCases {
            let sorted = times[stage, default: []].sorted()
            let median = Self.median(sorted)
            lines.append("| \(stage.rawValue) | \(seconds(median)) | \(seconds(sorted[0])) | \(seconds(Self.median(cpu[stage, default: []].sorted()))) | \(String(format: "%.0f", Double(pageCount) / median)) |")
        }
        print(lines.joined(separator: "\n"))
        // One machine-readable line for scripts/bench-site.
        print("RESULT pages=\(pages) site_pages=\(pageCount) files=\(site.files.count) html_files=\(html.count) html_bytes=\(htmlBytes)"
              + " build_median=\(Self.median(times[.build, default: []].sorted())) write_median=\(Self.median(times[.write, default: []].sorted()))"
              + " total_median=\(Self.median(times[.total, default: []].sorted())) total_min=\(times[.total, default: []].min() ?? 0)"
              + " total_cpu_median=\(Self.median(cpu[.total, default: []].sorted()))" + conversion)
        for warning in site.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
    }

    enum Stage: String, CaseIterable {
        case build = "build (`SiteBuilder.build`: HTML, templates, feed, sitemap, search index)"
        case write = "write (`SiteWriter.write`, new folder, no assets)"
        case total = "total"
    }

    /// User + system CPU time of the whole process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// A full backup of the workspace through the emulator's handler in-process (no sockets, no
    /// rate limit), as `notion-export site` makes before it builds; returns its snapshot.
    static func backup(_ folder: URL, into out: URL) async throws -> (BackupSnapshot, Double) {
        let harness = try await EmulatorHarness.start(workspace: folder)
        let client = NotionClient(
            options: .init(baseURL: harness.server.baseURL, token: NotionToken(harness.token),
                           scheduler: .init(maxConcurrent: 8, requestsPerSecond: nil)),
            transport: InProcessTransport(handler: harness.handler))
        let started = Date()
        let summary = try await Backup(client: client, options: BackupOptions(keepSnapshot: true)).run([.workspace], into: out)
        let seconds = Date().timeIntervalSince(started)
        await harness.stop()
        guard let snapshot = summary.snapshot else { throw ValidationError("the backup returned no snapshot") }
        return (snapshot, seconds)
    }

    /// The site config: every workspace-level page is a root (the first, by document path, at the
    /// site root; the others under their own folder) and every database is a posts root under
    /// its own folder, dated by `Due` and tagged by `Tags` (the synthetic database's properties).
    static func configJSON(for snapshot: BackupSnapshot) -> String {
        let tops = snapshot.workspace.pages.filter { $0.page.parent == .workspace }
            .compactMap { page in snapshot.layout.entry(page.id.id).map { ($0.path, page.id.id) } }
            .sorted { $0.0 < $1.0 }
        var roots: [String] = []
        for (index, (_, id)) in tops.enumerated() {
            roots.append(index == 0 ? #"{"page": "\#(id.rawValue)", "path": ""}"# : #"{"page": "\#(id.rawValue)"}"#)
        }
        var databases: [NotionID] = []
        for table in snapshot.workspace.tables { if let id = table.databaseID?.id, !databases.contains(id) { databases.append(id) } }
        for (index, id) in databases.enumerated() {
            let path = databases.count == 1 ? "tasks" : "tasks-\(index + 1)"
            roots.append(#"{"database": "\#(id.rawValue)", "path": "\#(path)", "posts": true, "date": "Due", "tags": "Tags"}"#)
        }
        return #"{"title": "Bench", "base_url": "https://bench.example/", "roots": [\#(roots.joined(separator: ", "))]}"#
    }
}
