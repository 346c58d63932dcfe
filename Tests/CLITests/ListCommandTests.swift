import Foundation
import NotionModel
import Testing
import TestSupport

/// `notion-export list`, the sharing hints for ids users name, and ids in every URL form, run as
/// the built binary against the sample workspace (served in-process with --emulator).
@Suite struct ListCommandTests {
    static let sample = NotionCommandTests.sample
    static let unsharedPage = NotionCommandTests.unsharedPage
    static let notListed = "Not listed: anything not shared with the integration. To share a page: in Notion, its ••• menu → "
        + "Connections → add the integration (the pages below it come with it).\n"

    /// Compares with `Golden/<name>`; records it (and fails) when missing or NOTION_EXPORT_RECORD is set.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["NOTION_EXPORT_RECORD"] != nil || !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            Issue.record("Recorded new golden file \(file.path)", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "differs from Golden/\(name)", sourceLocation: sourceLocation)
    }

    static func list(_ arguments: [String], report: URL? = nil) async throws -> BuiltBinary.Output {
        try await BuiltBinary.runDetached(["list", "--emulator", Self.sample, "--rps", "0"] + arguments + (report.map { ["--report", $0.path] } ?? []),
                                          environment: [:])
    }

    @Test func theSampleWorkspaceAsATreeWithSearchAndOneReadPerDatabase() async throws {
        let reportFile = NotionCommandTests.tempFile("report")
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let result = try await Self.list([], report: reportFile)
        #expect(result.status == 0, "\(result.stderr)")
        try Self.expectGolden(result.stdout, "list.txt")
        #expect(result.stderr == Self.notListed)
        // Every shared page and database once; the unshared HR page nowhere.
        let ids = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").first { NotionID(String($0)) != nil } }
        #expect(ids.count == 71 + 2 + 2 && ids.allSatisfy { $0 != nil })
        #expect(Set(ids).count == ids.count)
        #expect(!result.stdout.contains(Self.unsharedPage))

        let report = try NotionCommandTests.report(reportFile)
        #expect(report["metrics"]?["requests"] == 3)
        #expect(report["metrics"]?["requests_by_endpoint"] == ["search": 1, "databases.retrieve": 2])
        #expect(report["details"]?["list"] == ["pages": 71, "databases": 2, "data_sources": 2, "unshared_parents": 0])
    }

    @Test func jsonIsAFlatListInTreeOrder() async throws {
        let result = try await Self.list(["--json", "--notion-version", "2026-03-11"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        try Self.expectGolden(result.stdout, "list.json")
        let json = try JSONValue(string: result.stdout)
        let items = try #require(json["items"]?.arrayValue)
        let ids = items.compactMap { $0["id"]?.stringValue }
        #expect(ids.count == 75 && Set(ids).count == 75)
        #expect(!ids.contains(Self.unsharedPage))
        #expect(json["filtered"] == false)
        // `under` always names an earlier item, one level up.
        for (index, item) in items.enumerated() {
            guard let under = item["under"]?.stringValue else { #expect(item["depth"] == 0 && item["root_reason"] == "workspace"); continue }
            let parent = try #require(items.firstIndex { $0["id"]?.stringValue == under })
            #expect(parent < index && (items[parent]["depth"]?.intValue ?? -1) + 1 == item["depth"]?.intValue)
        }
    }

    @Test func filtersByKindAndTitle() async throws {
        let databases = try await Self.list(["--databases", "--quiet"])
        #expect(databases.status == 0)
        #expect(databases.stdout == """
        0 pages, 2 databases, 2 data sources (databases only)

        📚 Blog  dbdb0000-0000-8000-8000-000000000001  2026-01-19  https://www.notion.so/dbdb0000000080008000000000000001
          📋 Blog  d5d50000-0000-8000-8000-000000000001  2026-01-19  https://www.notion.so/dbdb0000000080008000000000000001
        📚 Topics  dbdb0000-0000-8000-8000-000000000002  2026-01-19  https://www.notion.so/dbdb0000000080008000000000000002
          📋 Topics  d5d50000-0000-8000-8000-000000000002  2026-01-19  https://www.notion.so/dbdb0000000080008000000000000002

        """)

        let query = try await Self.list(["planning", "--quiet"])
        #expect(query.stdout == """
        3 pages, 0 databases, 0 data sources (titles matching “planning”)

        📄 Offsite Planning — Lisbon 2026  ba9e0000-0000-8000-8000-000000000020  2025-12-08  https://www.notion.so/Offsite-Planning-Lisbon-2026-ba9e0000000080008000000000000020
        📄 Q1 Planning  ba9e0000-0000-8000-8000-000000000015  2026-01-06  https://www.notion.so/Q1-Planning-ba9e0000000080008000000000000015
        📄 Q2 Planning  ba9e0000-0000-8000-8000-000000000016  2026-01-10  https://www.notion.so/Q2-Planning-ba9e0000000080008000000000000016

        """)
        let option = try await Self.list(["--query", "planning", "--quiet"])
        #expect(option.stdout == query.stdout)

        let pages = try await Self.list(["--pages", "--quiet"])
        #expect(pages.stdout.hasPrefix("71 pages, 0 databases, 0 data sources (pages only)\n\n📄 "))
        let both = try await Self.list(["--pages", "--databases", "--quiet"])
        let all = try await Self.list(["--quiet"])
        #expect(both.stdout == all.stdout)

        let none = try await Self.list(["no such title", "--quiet"])
        #expect(none.stdout == "0 pages, 0 databases, 0 data sources (titles matching “no such title”)\n\n(nothing matches)\n")
        let twice = try await Self.list(["planning", "--query", "planning"])
        #expect(twice.status == 64 && twice.stderr.contains("give the query once: as the argument or with --query."))
    }

    @Test func pagesSharedBelowAnUnsharedParentAreCountedAndMarked() async throws {
        let folder = NotionCommandTests.tempFile("workspace")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pages"), withIntermediateDirectories: true)
        let workspace: JSONValue = ["integration": ["id": "7775f3a3-893f-43fa-b625-460c61094c78", "name": "test"],
                                    "tokens": ["ntn_test_0000000000000000000000000000000000000000"]]
        try workspace.data().write(to: folder.appendingPathComponent("workspace.json"))
        func page(_ id: String, _ title: String, parent: String?, shared: Bool = true, connected: Bool = false) throws {
            let text: JSONValue = [["type": "text", "text": ["content": .string(title), "link": .null], "plain_text": .string(title), "href": .null,
                                    "annotations": ["bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false,
                                                    "color": "default"]]]
            let document: JSONValue = [
                "page": ["id": .string(id), "parent": parent.map { ["type": "page_id", "page_id": .string($0)] } ?? ["type": "workspace", "workspace": true],
                         "properties": ["title": ["id": "title", "type": "title", "title": text]]],
                "shared": .bool(shared), "connected": .bool(connected),
            ]
            try document.data().write(to: folder.appendingPathComponent("pages/\(title).json"))
        }
        try page("11110000-0000-8000-8000-000000000001", "Private", parent: nil, shared: false)
        try page("11110000-0000-8000-8000-000000000002", "Shared Child", parent: "11110000-0000-8000-8000-000000000001", connected: true)
        try page("11110000-0000-8000-8000-000000000003", "Home", parent: nil)
        let result = try await BuiltBinary.runDetached(["list", "--emulator", folder.path, "--rps", "0", "--quiet"], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
        2 pages, 0 databases, 0 data sources; 1 under a parent that is not shared with the integration (⚠: share the parent to include it)

        📄 Home  11110000-0000-8000-8000-000000000003  2026-01-05  https://www.notion.so/Home-11110000000080008000000000000003
        📄 Shared Child  11110000-0000-8000-8000-000000000002  2026-01-05  https://www.notion.so/Shared-Child-11110000000080008000000000000002  ⚠ parent not shared (page 11110000-0000-8000-8000-000000000001)

        """)
    }

    // MARK: Sharing hints

    @Test func anUnsharedPageInASiteConfigNamesTheKeyAndHowToShareIt() async throws {
        let folder = NotionCommandTests.tempFile("site")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("site.json")
        let json: JSONValue = [
            "title": "Acme", "base_url": "https://acme.example/",
            "templates": .string(Fixtures.repositoryRoot.appendingPathComponent("templates/default").path),
            "notion": ["emulator_workspace": .string(Self.sample)],
            "roots": [["page": "ba9e0000000080008000000000000001", "path": ""],
                      ["page": "https://www.notion.so/acme/HR-Salary-Bands-2026-ba9e0000000080008000000000000026?pvs=4", "path": "hr"]],
        ]
        try json.data(pretty: true).write(to: config)
        let result = try await BuiltBinary.runDetached(["site", "--config", config.path, "--rps", "0", "--quiet"], environment: [:])
        #expect(result.status == 4)
        #expect(result.stderr == "error: \(config.path): roots[1].page \(Self.unsharedPage): Notion returned 404 object_not_found for page "
                + "\(Self.unsharedPage): \(NotionCommandTests.sharingHint)\n")
    }

    @Test func anUnsharedPageFlagNamesTheFlagAsTyped() async throws {
        let out = NotionCommandTests.tempFile("out")
        defer { try? FileManager.default.removeItem(at: out) }
        let url = "https://acme.notion.site/HR-BA9E0000000080008000000000000026"
        let result = try await BuiltBinary.runDetached(["markdown", out.path, "--page", url, "--emulator", Self.sample, "--rps", "0"], environment: [:])
        #expect(result.status == 4)
        #expect(result.stderr == "error: --page \(url): Notion returned 404 object_not_found for page \(Self.unsharedPage): "
                + "\(NotionCommandTests.sharingHint)\n")
    }

    // MARK: Ids in every form

    @Test func everyFormOfAPageIdExportsTheSamePage() async throws {
        let forms = [
            "ba9e0000-0000-8000-8000-000000000005",
            "BA9E0000000080008000000000000005",
            "https://www.notion.so/Linux-Workstation-Notes-ba9e0000000080008000000000000005",
            "https://www.notion.so/acme/ba9e0000000080008000000000000005?pvs=4",
            "https://www.notion.so/ba9e0000000080008000000000000005#b10c0005000080008000000000000001",
            "https://acme.notion.site/Linux-Workstation-Notes-ba9e0000000080008000000000000005",
            "https://app.notion.com/p/Linux-Workstation-Notes-ba9e0000000080008000000000000005",
        ]
        var trees: [TreeSnapshot] = []
        for form in forms {
            let out = NotionCommandTests.tempFile("out")
            defer { try? FileManager.default.removeItem(at: out) }
            let result = try await BuiltBinary.runDetached(["markdown", out.path, "--page", form, "--emulator", Self.sample, "--rps", "0", "--quiet"],
                                                           environment: [:])
            #expect(result.status == 0, "\(form): \(result.stderr)")
            trees.append(try TreeSnapshot(out))
        }
        #expect(trees[0].paths.contains("linux-workstation-notes.md"), "\(trees[0].paths)")
        #expect(trees.allSatisfy { $0 == trees[0] })

        let bad = try await BuiltBinary.runDetached(["markdown", "unused", "--page", "https://www.notion.so/Linux-Workstation-Notes", "--emulator", Self.sample],
                                                    environment: [:])
        #expect(bad.status == 64)
        #expect(bad.stderr == "error: --page “https://www.notion.so/Linux-Workstation-Notes” is not a Notion page or database: \(NotionID.expectedForms).\n")
    }
}
