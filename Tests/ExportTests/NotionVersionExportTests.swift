import Emulator
import Export
import Foundation
import NotionAPI
import NotionModel
import TestSupport
import Testing

/// The same workspace exported to Markdown with each Notion-Version the client speaks: the trees
/// are the same, byte for byte (the version shapes requests and answers, never the Markdown).
@Suite struct NotionVersionExportTests {
    static func export(_ version: NotionVersion) async throws -> TreeSnapshot {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let out = try TemporaryFolder()
        defer { out.remove() }
        _ = try await MarkdownExport(fetcher: Fetcher(client: harness.client(version: version))).run([.workspace], into: out.url)
        return try TreeSnapshot(out.url)
    }

    @Test func everyVersionExportsTheSameMarkdownTree() async throws {
        let current = try await Self.export(.v2025_09_03)
        #expect(current.paths.filter { $0.hasSuffix(".md") }.count == 73)
        for version in [NotionVersion.v2022_06_28, .v2026_03_11] {
            let other = try await Self.export(version)
            #expect(other.paths == current.paths, "\(version)")
            let differing = other.paths.filter { other.files[$0] != current.files[$0] }
            #expect(differing == [], "\(version)")
        }
    }
}
