import Foundation
import NotionModel
import Testing
import TestSupport

/// `notion-export import`, run as the built binary against the sample workspace.
@Suite struct ImportCommandTests {
    static let changelogPage = NotionCommandTests.changelogPage

    @Test func dryRunPrintsThePlanAndWritesNothing() async throws {
        let folder = NotionCommandTests.tempFile("import-src")
        let state = NotionCommandTests.tempFile("import-state")
        let report = NotionCommandTests.tempFile("import-report.json")
        defer { for url in [folder, state, report] { try? FileManager.default.removeItem(at: url) } }
        try FileManager.default.createDirectory(at: folder.appending(path: "Notes"), withIntermediateDirectories: true)
        try Data("# Notes\n\nOne.\n\n[Sub](Notes/Sub.md \"child_page\")\n".utf8).write(to: folder.appending(path: "Notes.md"))
        try Data("Two.\n\n- a\n- b\n".utf8).write(to: folder.appending(path: "Notes/Sub.md"))
        let result = try await BuiltBinary.runDetached(["import", folder.path, "--parent", Self.changelogPage, "--dry-run",
                                          "--state", state.path, "--report", report.path], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("would create:\n  Notes.md\n  Notes/Sub.md\n"), "\(result.stdout)")
        #expect(result.stdout.contains("2 to create, 0 to update, 0 unchanged\n5 blocks, 0 files to upload, at least 4 requests (dry run: nothing written)"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: state.path))
        let json = try NotionCommandTests.report(report)
        // Only the parent is read.
        #expect(json["metrics"]?["requests"] == 1)
        #expect(json["details"]?["import"]?["planned_requests"] == 4)
    }

    @Test func importWritesThePagesAndReportsThem() async throws {
        let folder = NotionCommandTests.tempFile("import-src")
        let state = NotionCommandTests.tempFile("import-state")
        let report = NotionCommandTests.tempFile("import-report.json")
        defer { for url in [folder, state, report] { try? FileManager.default.removeItem(at: url) } }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("One.\n\n![gone](missing.png)\n".utf8).write(to: folder.appending(path: "Notes.md"))
        let result = try await BuiltBinary.runDetached(["import", folder.path, "--parent", Self.changelogPage,
                                          "--state", state.path, "--report", report.path], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 created, 0 updated, 0 unchanged\nblocks: 2 written, 0 kept, 0 deleted; 0 files uploaded; 0 links patched\n1 warnings"), "\(result.stdout)")
        #expect(result.stderr.contains("Notes.md: image file: missing.png does not exist"), "\(result.stderr)")
        let json = try NotionCommandTests.report(report)
        #expect(json["details"]?["import"]?["created"] == ["Notes.md"])
        #expect(json["details"]?["import"]?["warnings"]?[0]?["construct"] == "image file")
        // The parent, the page, its content.
        #expect(json["metrics"]?["requests"] == 3)
        // Run again on the same tree: nothing to write, so not even the parent is read.
        let again = try await BuiltBinary.runDetached(["import", folder.path, "--parent", Self.changelogPage,
                                         "--state", state.path, "--report", report.path], environment: [:])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 created, 0 updated, 1 unchanged\n"), "\(again.stdout)")
        #expect(try NotionCommandTests.report(report)["metrics"]?["requests"] == 0)
    }

    @Test func anUnknownParentExitsWith4() async throws {
        let folder = NotionCommandTests.tempFile("import-src")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("One.\n".utf8).write(to: folder.appending(path: "Notes.md"))
        let result = try await BuiltBinary.runDetached(["import", folder.path, "--parent", "ba9e0000-0000-8000-8000-0000000000ff",
                                          "--state", folder.appending(path: ".state").path], environment: [:])
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("error: --parent ba9e0000-0000-8000-8000-0000000000ff: Notion returned 404 object_not_found for page "
                                         + "ba9e0000-0000-8000-8000-0000000000ff: \(NotionCommandTests.sharingHint)\n"), "\(result.stderr)")

        // A database given as a URL with a view and a peeked row: the database is the target.
        let database = try await BuiltBinary.runDetached(["import", folder.path, "--database",
                                                          "https://www.notion.so/acme/dbdb00000000800080000000000000ff?v=aaaa0000000080008000000000000001&p=ba9e0000000080008000000000000027",
                                                          "--state", folder.appending(path: ".state").path], environment: [:])
        #expect(database.status == 4, "\(database.stderr)")
        #expect(database.stderr.contains("error: --database https://www.notion.so/acme/dbdb00000000800080000000000000ff?v=aaaa0000000080008000000000000001&p=ba9e0000000080008000000000000027: Notion returned 404 object_not_found for database dbdb0000-0000-8000-8000-0000000000ff: "),
                "\(database.stderr)")
    }

    @Test func aMissingPathIsAUsageErrorNamingIt() async throws {
        let missing = NotionCommandTests.tempFile("no-such-notes")
        let result = try await BuiltBinary.runDetached(["import", missing.path, "--parent", Self.changelogPage], environment: [:])
        #expect(result.status == 64)
        #expect(result.stderr.contains("\(missing.path) does not exist"), "\(result.stderr)")
    }

    @Test func helpHasExamples() async throws {
        let result = try await BuiltBinary.runDetached(["import", "--help"], environment: [:])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n  notion-export import "))
        #expect(result.stdout.contains("--dry-run") && result.stdout.contains("--state"))
    }
}
