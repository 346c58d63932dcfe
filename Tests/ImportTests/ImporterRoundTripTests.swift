import Emulator
import Export
import Foundation
import Import
import NotionAPI
import NotionModel
import TestSupport
import Testing

/// The acceptance: the sample workspace exported to Markdown, that tree imported under an
/// empty page of a fresh workspace (same people and custom emojis), the imported pages exported
/// again: the same Markdown, file by file, but for what the list below names.
@Suite(.serialized) struct ImporterRoundTripTests {
    static let root = "393abc1e-edcd-80f3-813b-e205934558c6"

    /// Front matter ids and times, and the breadcrumb to the page imported under, left out.
    static func normalized(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !["notion_id:", "notion_url:", "created_time:", "last_edited_time:"].contains { line.hasPrefix($0) }
        }.map(String.init).joined(separator: "\n")
    }

    /// The Topics properties whose values Notion computes (created time and person, a formula, a
    /// rollup, a unique id): a new workspace computes its own.
    static let computed: Set<String> = ["Created", "Created by", "Display name", "Edited", "Post count", "Topic ID"]

    /// `text` with the computed values blanked, in front matter and in the database's table.
    static func withoutComputed(_ text: String) -> String {
        var columns: [Int] = []
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if let name = computed.first(where: { line.hasPrefix("  \($0): ") }) { return "  \(name): <computed>" }
            guard line.hasPrefix("| ") else { return String(line) }
            var cells = line.components(separatedBy: " | ")
            if columns.isEmpty { columns = cells.indices.filter { computed.contains(cells[$0]) } }
            for index in columns where index < cells.count && !computed.contains(cells[index]) { cells[index] = "<computed>" }
            return cells.joined(separator: " | ")
        }.joined(separator: "\n")
    }

    @Test func theSampleTreeImportsAndExportsToTheSameMarkdown() async throws {
        let source = try await EmulatorHarness.start()
        defer { Task { await source.stop() } }
        let original = try TemporaryFolder()
        defer { original.remove() }
        _ = try await MarkdownExport(fetcher: Fetcher(client: source.client())).run([.workspace], into: original.url)

        // The target: the same people and custom emojis, one empty page to write under.
        let (target, workspace) = try await startEmptyTarget(root: Self.root)
        defer {
            Task { await target.stop() }
            workspace.remove()
        }
        let state = try TemporaryFolder()
        defer { state.remove() }
        let importing = target.client()
        // The plan first: the fewest requests (creates, appends that learn every id, uploads).
        let planned = try await Importer(client: importing, source: original.url, target: .page(Self.root), state: state.url, dryRun: true).run()
        #expect(importing.metrics.requests == 0)
        let summary = try await Importer(client: importing, source: original.url, target: .page(Self.root), state: state.url).run()
        let requests = importing.metrics.requests - importing.metrics.retries
        print("IMPORT \(summary.created.count) pages, \(summary.blocksWritten) blocks, \(summary.uploads) uploads, \(requests) requests, \(summary.warnings.count) warnings")

        let plan = try ImportPlan.scan(original.url)
        let roots = plan.pages.filter { $0.parent == nil }.compactMap { summary.pageIDs[$0.path] }.map { ExportRoot.page(PageID(NotionID($0)!)) }
        let again = try TemporaryFolder()
        defer { again.remove() }
        _ = try await MarkdownExport(fetcher: Fetcher(client: target.client())).run(roots, into: again.url)

        let before = try TreeSnapshot(original.url).files.filter { $0.key.hasSuffix(".md") }
        let after = try TreeSnapshot(again.url).files.filter { $0.key.hasSuffix(".md") }
        var differences: [String] = []
        var computedDiffer: [String] = []
        for path in Set(before.keys).union(after.keys).sorted() {
            guard let a = before[path] else { differences.append("\(path): only after the import"); continue }
            guard let b = after[path] else { differences.append("\(path): missing after the import"); continue }
            // A synced original is a new block: its new id reads as the one it replaces.
            var text = String(decoding: b, as: UTF8.self)
            for (old, new) in summary.syncedBlocks { text = text.replacingOccurrences(of: new, with: old) }
            var x = Self.normalized(String(decoding: a, as: UTF8.self)), y = Self.normalized(text)
            guard x != y else { continue }
            if Self.withoutComputed(x) == Self.withoutComputed(y) { computedDiffer.append(path) }
            (x, y) = (Self.withoutComputed(x), Self.withoutComputed(y))
            guard x != y else { continue }
            let xs = x.split(separator: "\n", omittingEmptySubsequences: false), ys = y.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(xs.count, ys.count)).first { xs[$0] != ys[$0] } ?? min(xs.count, ys.count)
            differences.append("\(path):\(line + 1)\n  before: \(line < xs.count ? String(xs[line]) : "<end>")\n  after:  \(line < ys.count ? String(ys[line]) : "<end>")")
        }
        // Importing the same tree again writes nothing and reads nothing.
        let rerun = target.client()
        let second = try await Importer(client: rerun, source: original.url, target: .page(Self.root), state: state.url).run()
        #expect(second.unchanged.count == 73 && second.created.isEmpty && second.updated.isEmpty)
        #expect(rerun.metrics.requests == 0)
        print("DIFFERENCES \(differences.count) of \(before.count)\n" + differences.joined(separator: "\n"))
        var constructs: [String: Int] = [:]
        for warning in summary.warnings { constructs[warning.construct, default: 0] += 1 }
        // What the import reports, by construct: the converter's (synced copies, blocks the API cannot
        // create) and, once per database and property, the values Notion computes.
        #expect(constructs == ["synced block": 2, "link_preview": 1, "template": 1, "unsupported block": 2, "meeting notes": 1,
                               "property \"Created\"": 1, "property \"Created by\"": 1, "property \"Display name\"": 1,
                               "property \"Edited\"": 1, "property \"Post count\"": 1, "property \"Topic ID\"": 1])
        #expect(summary.syncedBlocks.count == 1)
        #expect(summary.created.count == 73 && summary.databases == 2 && summary.blocksWritten == 713 && summary.uploads == 9)
        // The fewest requests: 71 page creates and 2 database creates, the appends that learn every
        // id (the content between child pages in its own append), 19 for the 9 uploads, 1 listing of
        // the people rows name, and the relation (Blog) and the rollup over its other side (Topics).
        // The run makes exactly those.
        #expect(planned.created.count == 73 && planned.plannedRequests == 237 && planned.plannedBlocks == 713)
        #expect(requests == 237)
        // The databases come back with their schema, rows, values and order; what a new workspace
        // computes itself differs (the Topics rows and table).
        #expect(computedDiffer == ["acme-home/marketing/topics.md"] + ["company-news", "design", "engineering", "product", "security", "tutorials"]
            .map { "acme-home/marketing/topics/\($0).md" })
        #expect(differences.map { String($0.prefix { $0 != "\n" }) } == [
            // The placeholder of a `form` block comes back as an empty callout quote.
            "acme-home/company/team-directory.md:22",
            // Template and meeting-notes blocks cannot be created: toggles.
            "acme-home/meeting-notes.md:6", "acme-home/meeting-notes/2026-01-12-weekly-sync.md:8",
            // `ai_summary` placeholder as a callout; link previews as bookmarks.
            "acme-home/product/roadmap-2026/q1-planning.md:11", "acme-home/product/roadmap-2026/q2-planning.md:12",
        ])
    }
}
