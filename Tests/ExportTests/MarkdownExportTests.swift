import Export
import Foundation
import Markdown
import NotionMarkdown
import NotionModel
import TestSupport
import Testing

/// The whole Markdown export of the bundled sample workspace, through the emulator over real
/// HTTP, against the golden tree in `Golden/sample-markdown/`. Re-record with
/// `NOTION_EXPORT_RECORD=1 swift test --filter MarkdownExportTests` (a recording run fails).
@Suite(.serialized) struct MarkdownExportTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/sample-markdown")

    @Test func theSampleWorkspaceExportsToTheGoldenTreeWithTheMinimumRequests() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let client = harness.client()
        let out = try TemporaryFolder()
        defer { out.remove() }

        let summary = try await MarkdownExport(fetcher: Fetcher(client: client)).run([.workspace], into: out.url)

        // Requests: the fetch minimum plus the one truncated relation; files come from the file
        // host outside the API budget, and no URL expired, so no block was read again.
        #expect(client.metrics.requests == harness.workspace.minimumReadRequests() + 1)
        #expect(summary.assets.downloaded == 9 && summary.assets.refreshed == 0 && summary.assets.skipped.isEmpty)
        #expect(summary.documents == 73 && summary.unchanged.isEmpty)

        // Nothing dropped silently: every warning is listed, and these are all of them.
        #expect(summary.warnings.map(\.description) == [
            "acme-home/company/team-directory.md: unsupported block (block b10c0022-0000-8000-8000-00000000000a): Notion does not give the API the content of “form” blocks; a placeholder stands in.",
            "acme-home/engineering-handbook/coding-standards/formatting-cheatsheet.md: unresolved link (block b10c000a-0000-8000-8000-000000000019): “HR — Salary Bands 2026” links to https://www.notion.so/ba9e0000000080008000000000000026, which is not part of this export; the link keeps its Notion URL.",
            "acme-home/product/roadmap-2026/q1-planning.md: unknown block type (block b10c0015-0000-8000-8000-000000000004): this version of notion-export does not know “ai_summary” blocks; a placeholder stands in (the backup keeps its JSON).",
            "acme-home/product/specs/spec-export-to-markdown.md: unresolved link (block b10c0019-0000-8000-8000-000000000005): “HR — Salary Bands 2026” links to https://www.notion.so/ba9e0000000080008000000000000026, which is not part of this export; the link keeps its Notion URL.",
            "maras-scratchpad.md: unresolved link (block b10c0025-0000-8000-8000-000000000002): “HR — Salary Bands 2026” links to https://www.notion.so/ba9e0000000080008000000000000026, which is not part of this export; the link keeps its Notion URL.",
        ])

        for problem in try GoldenTree.compare(out.url, with: Self.golden, excluding: ["assets/", ".notion-export/"]) { Issue.record(Comment(rawValue: problem)) }
        #expect(try out.list("assets") == [
            "acme-gradient-9f463361ec57.png", "architecture-diagram-d603278d269a.png", "brand-assets-7a22bf93dac8.zip",
            "callout-warning-843d3c7d602a.png", "handbook-53c49386b8ab.png", "offsite-venue-5d5ed6abdd4f.png",
            "release-notes-2-4-b2c650462cf1.txt", "release-timeline-1495fe517dd5.png", "security-whitepaper-994f26f80a0e.pdf",
        ])

        // A second run changes nothing and downloads nothing.
        let again = try await MarkdownExport(fetcher: Fetcher(client: client)).run([.workspace], into: out.url)
        #expect(again.written.isEmpty && again.unchanged.count == 73)
        #expect(again.assets.downloaded == 0 && again.assets.reused == 9)
    }

    @Test func everyGoldenFileIsCanonicalMarkdown() throws {
        // The golden files are what users get: each body reads back through cmark-gfm unchanged,
        // and every relative link points at a file of the tree.
        let files = try GoldenTree.files(in: Self.golden)
        #expect(files.count == 73)
        for path in files {
            let text = try String(contentsOf: Self.golden.appending(path: path), encoding: .utf8)
            let body = MarkdownTreeWriter.body(of: text)
            #expect(MarkdownDocument.parse(body).formatted() == body, "\(path)")
            for link in Self.relativeLinks(in: body) where !link.hasPrefix("assets/") && !link.contains("/assets/") {
                let base = URL(fileURLWithPath: "/tree/" + path).deletingLastPathComponent()
                let target = base.appendingPathComponent(link.removingPercentEncoding ?? link).standardizedFileURL.path
                let resolved = String(target.dropFirst("/tree/".count))
                let exists = files.contains(resolved)
                #expect(exists, "\(path) links to \(link), which is not in the tree")
            }
        }
    }

    /// Relative `.md` link destinations (no scheme, no anchors-only).
    static func relativeLinks(in markdown: String) -> [String] {
        var links: [String] = []
        func visit(_ inlines: [MarkdownInline]) {
            for inline in inlines {
                switch inline {
                case .link(let destination, _, let children):
                    let path = String(destination.prefix { $0 != "#" })
                    if path.hasSuffix(".md"), !path.contains("://") { links.append(path) }
                    visit(children)
                case .emphasis(let c), .strong(let c), .strikethrough(let c): visit(c)
                default: break
                }
            }
        }
        func visit(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                switch block {
                case .paragraph(let i), .heading(_, let i): visit(i)
                case .blockQuote(let b), .alert(_, let b), .footnoteDefinition(_, let b): visit(b)
                case .list(let list): list.items.forEach { visit($0.blocks) }
                case .table(let table): (table.header + table.rows.flatMap { $0 }).forEach(visit)
                default: break
                }
            }
        }
        visit(MarkdownDocument.parse(markdown).blocks)
        return links
    }
}

