import Emulator
import Export
import Foundation
import Import
import NotionAPI
import NotionModel
import TestSupport
import Testing

/// `restore`: the sample workspace backed up, restored under an empty page of another workspace,
/// backed up again: the same Markdown, apart from ids, times and what the run report names.
@Suite(.serialized) struct RestoreTests {
    static let root = "393abc1e-edcd-80f3-813b-e205934558c6"

    /// Markdown with what a restore cannot keep taken out: ids and times in front matter, and the
    /// Notion URLs that carry ids.
    static func normalized(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !["notion_id:", "notion_url:", "created_time:", "last_edited_time:"].contains { line.hasPrefix($0) }
        }.map { line in
            // Breadcrumbs show the page the restore went under.
            line.hasPrefix("[Root](https://www.notion.so/") ? String(line[line.range(of: ") / ")!.upperBound...]) : String(line)
        }.joined(separator: "\n")
    }

    @Test func theSampleBackupRestoresToTheSameMarkdown() async throws {
        let source = try await EmulatorHarness.start()
        defer { Task { await source.stop() } }
        let original = try TemporaryFolder()
        defer { original.remove() }
        _ = try await Backup(client: source.client()).run([.workspace], into: original.url)

        // The target: the same people and custom emojis, one empty page to write under.
        let (target, workspace) = try await startEmptyTarget(root: Self.root)
        defer {
            Task { await target.stop() }
            workspace.remove()
        }
        let fm = FileManager.default
        let restoring = target.client()
        let summary = try await Restore(client: restoring, backup: original.url, parent: Self.root).run()
        // The restored pages backed up as the original's top level was: the same tree.
        let again = try TemporaryFolder()
        defer { again.remove() }
        var roots: [ExportRoot] = []
        for path in try fm.contentsOfDirectory(atPath: original.url.path).sorted() where path.hasSuffix(".json") {
            let document = try JSONValue(data: Data(contentsOf: original.url.appending(path: path)))
            if let old = document["page"]?["id"]?.stringValue, let new = summary.ids[old] { roots.append(.page(PageID(NotionID(new)!))) }
        }
        #expect(roots.count == 2)
        _ = try await Backup(client: target.client()).run(roots, into: again.url)

        let before = try TreeSnapshot(original.url).files.filter { $0.key.hasSuffix(".md") }
        let restored = try TreeSnapshot(again.url).files.filter { $0.key.hasSuffix(".md") }
        var differences: [String] = []
        for path in Set(before.keys).union(restored.keys).sorted() {
            guard let a = before[path] else { differences.append("\(path): only after the restore"); continue }
            guard let b = restored[path] else { differences.append("\(path): missing after the restore"); continue }
            // New ids (a synced block's) read as the old ones they replace.
            var restoredText = String(decoding: b, as: UTF8.self)
            for (old, new) in summary.ids where restoredText.contains(new) { restoredText = restoredText.replacingOccurrences(of: new, with: old) }
            let x = Self.normalized(String(decoding: a, as: UTF8.self)), y = Self.normalized(restoredText)
            guard x != y else { continue }
            let xs = x.split(separator: "\n", omittingEmptySubsequences: false), ys = y.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(xs.count, ys.count)).first { xs[$0] != ys[$0] } ?? min(xs.count, ys.count)
            differences.append("\(path):\(line + 1)\n  before: \(line < xs.count ? String(xs[line]) : "<end>")\n  after:  \(line < ys.count ? String(ys[line]) : "<end>")")
        }
        #expect(summary.pages == 71 && summary.databases == 2 && summary.blocks == 713 && summary.files == 9)
        // The parent, users/me and the users list, 9 uploads (create, send), 71 pages and 2 databases, the
        // appends (the content before a page's first child at the start), relations and rollups, the
        // rows' relation values (of a dual relation, the side created; Notion fills the other in
        // the backup's order).
        #expect(restoring.metrics.requests - restoring.metrics.retries == 266)
        // What the restore reports, by construct.
        var constructs: [String: Int] = [:]
        for warning in summary.warnings { constructs[warning.construct, default: 0] += 1 }
        #expect(constructs == [
            "ai_summary block": 1, "unsupported block": 1, "template block": 1, "transcription block": 1, "link_preview block": 1,
            "link": 3, "property \"Status\"": 1, "property \"Display name\"": 1, "property \"Created\"": 1, "property \"Created by\"": 1,
            "property \"Edited\"": 1, "property \"Post count\"": 1, "property \"Topic ID\"": 1,
        ])
        // Every difference is one the report names: placeholders of blocks Notion gives no content
        // for, blocks the API cannot create (template, meeting notes, link preview), and values
        // Notion computes (created time and person, formula, rollup, unique id).
        #expect(differences.map { String($0.prefix { $0 != "\n" }) } == [
            "acme-home/company/team-directory.md:22", "acme-home/marketing/topics.md:38",
            "acme-home/marketing/topics/company-news.md:6", "acme-home/marketing/topics/design.md:6",
            "acme-home/marketing/topics/engineering.md:9", "acme-home/marketing/topics/product.md:6",
            "acme-home/marketing/topics/security.md:7", "acme-home/marketing/topics/tutorials.md:6",
            "acme-home/meeting-notes.md:6", "acme-home/meeting-notes/2026-01-12-weekly-sync.md:8",
            "acme-home/product/roadmap-2026/q1-planning.md:11", "acme-home/product/roadmap-2026/q2-planning.md:12",
        ])
        for difference in differences where difference.contains("topics") {
            // Only computed values: created time and person, edit time, formula, rollup, unique id.
            #expect(difference.contains("Created") || difference.contains("TOP-") || difference.contains("2025-09-0"), "\(difference)")
        }
    }
}
