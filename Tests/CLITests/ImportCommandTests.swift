import Foundation
import NotionModel
import Testing
import TestSupport

/// `notion-export import`, run as the built binary against the sample workspace.
@Suite struct ImportCommandTests {
    static let changelogPage = NotionCommandTests.changelogPage

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let folder = NotionCommandTests.tempFile("import-src")
        let state = NotionCommandTests.tempFile("import-state")
        let report = NotionCommandTests.tempFile("import-report.json")
        defer { for url in [folder, state, report] { try? FileManager.default.removeItem(at: url) } }
        try FileManager.default.createDirectory(at: folder.appending(path: "Notes"), withIntermediateDirectories: true)
        try Data("# Notes\n\nOne.\n\n[Sub](Notes/Sub.md \"child_page\")\n".utf8).write(to: folder.appending(path: "Notes.md"))
        try Data("Two.\n\n- a\n- b\n".utf8).write(to: folder.appending(path: "Notes/Sub.md"))
        let result = try BuiltBinary.run(["import", folder.path, "--parent", Self.changelogPage, "--dry-run",
                                          "--state", state.path, "--report", report.path], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("would create:\n  Notes.md\n  Notes/Sub.md\n"), "\(result.stdout)")
        #expect(result.stdout.contains("2 to create, 0 to update, 0 unchanged\n5 blocks, 0 files to upload, at least 4 requests (dry run: nothing written)"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: state.path))
        let json = try NotionCommandTests.report(report)
        #expect(json["metrics"]?["requests"] == 0)
        #expect(json["details"]?["import"]?["planned_requests"] == 4)
    }

    @Test func aMissingPathIsAUsageErrorNamingIt() throws {
        let missing = NotionCommandTests.tempFile("no-such-notes")
        let result = try BuiltBinary.run(["import", missing.path, "--parent", Self.changelogPage], environment: [:])
        #expect(result.status == 64)
        #expect(result.stderr.contains("\(missing.path) does not exist"), "\(result.stderr)")
    }

    @Test func helpHasExamples() throws {
        let result = try BuiltBinary.run(["import", "--help"], environment: [:])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n  notion-export import "))
        #expect(result.stdout.contains("--dry-run") && result.stdout.contains("--state"))
    }
}
