import Emulator
import Foundation
import Import
import NotionAPI
import NotionModel
import TestSupport
import Testing

/// Database documents (`notion_object: database`, as the exporter writes them) imported as
/// databases: the schema from the front matter, the rows from the files beside it, in the
/// table's order.
@Suite(.serialized) struct ImportDatabaseTests {
    static let root = WriterHarness.root

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static let tasks = """
        ---
        title: Tasks
        notion_object: database
        description: All the *tasks*.
        icon: ✅
        is_inline: true
        schema:
          Name: title
          Count:
            rollup:
              relation: Parent
              property: Name
              function: count
          Done: checkbox
          Fancy: button
          Parent:
            relation: tasks.md
          Points:
            number: number_with_commas
          Stage:
            status:
            - Todo: gray
            - Finished: green
          Tags:
            multi_select:
            - urgent: red
          Notes:
            rich_text:
            description: Free text.
        ---

        | Name | Done |
        | --- | --- |
        | [Second](tasks/b.md) | ☐ |
        | [First](tasks/a.md) | ☑ |

        """

    /// Home.md holding the Tasks database, its two rows (listed b first), one with a relation to the other.
    static func tree() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try write("Intro.\n\n[Tasks](Home/tasks.md \"child_database\")\n", to: folder.url.appending(path: "Home.md"))
        try write(tasks, to: folder.url.appending(path: "Home/tasks.md"))
        try write("""
            ---
            title: First
            properties:
              Count: 1
              Done: true
              Notes: See **this**.
              Parent:
              - b.md
              Points: 3
              Stage: Finished
              Tags:
              - urgent
            ---
            Body a.

            """, to: folder.url.appending(path: "Home/tasks/a.md"))
        try write("---\ntitle: Second\nproperties:\n  Done: false\n  Parent: []\n---\nBody b.\n", to: folder.url.appending(path: "Home/tasks/b.md"))
        return folder
    }

    static func importer(_ harness: WriterHarness, _ folder: URL, state: URL) -> Importer {
        Importer(client: harness.client, source: folder, target: .page(root), state: state, now: { ImporterTests.clock })
    }

    @Test func aDatabaseDocumentBecomesADatabaseWithItsSchemaAndRows() async throws {
        let harness = try WriterHarness()
        let folder = try Self.tree()
        let state = try TemporaryFolder()
        defer { folder.remove(); state.remove() }
        let summary = try await Self.importer(harness, folder.url, state: state.url).run()
        #expect(summary.created == ["Home.md", "Home/tasks.md", "Home/tasks/b.md", "Home/tasks/a.md"])
        #expect(summary.databases == 1)
        // Home, the database, its relation and rollup (one data source update), the rows (with
        // their values), Home's content (at the start, before the database), the rows' content.
        #expect(harness.transport.lines.map { String($0.prefix { $0 != "/" }) + ($0.contains("/children") ? "children" : $0.split(separator: "/")[2]) } == [
            "POST pages", "POST databases", "PATCH data_sources", "POST pages", "POST pages",
            "PATCH children", "PATCH children", "PATCH children",
        ])
        #expect(summary.warnings.map(\.description) == [
            "Home/tasks.md: property \"Fancy\": `button` properties cannot be created through the API: left out.",
            "Home/tasks.md: property \"Count\": Notion computes rollup values; the front matter's values are not written.",
        ])
        let database = try #require(summary.pageIDs["Home/tasks.md"])
        let container = try await harness.client.send(.databasesRetrieve, ["database_id": database])
        #expect(container["is_inline"] == true && container["icon"]?["emoji"] == "✅")
        #expect(container["description"]?.arrayValue?.compactMap { $0["plain_text"]?.stringValue } == ["All the ", "tasks", "."])
        #expect(container["description"]?[1]?["annotations"]?["italic"] == true)
        let source = try #require(container["data_sources"]?[0]?["id"]?.stringValue)
        let schema = try #require(try await harness.client.send(.dataSourcesRetrieve, ["data_source_id": source])["properties"]?.objectValue)
        harness.transport.reset()
        #expect(schema.keys.sorted() == ["Count", "Done", "Name", "Notes", "Parent", "Points", "Stage", "Tags"])
        #expect(schema["Points"]?["number"]?["format"] == "number_with_commas")
        #expect(schema["Stage"]?["status"]?["options"]?.arrayValue?.map { "\($0["name"]?.stringValue ?? ""):\($0["color"]?.stringValue ?? "")" } == ["Todo:gray", "Finished:green"])
        #expect(schema["Parent"]?["relation"]?["data_source_id"]?.stringValue == source && schema["Parent"]?["relation"]?["type"] == "single_property")
        #expect(schema["Count"]?["rollup"]?["relation_property_name"] == "Parent" && schema["Count"]?["rollup"]?["function"] == "count")
        #expect(schema["Notes"]?["description"] == "Free text.")

        // Rows in the table's order, with their values; the relation to the row created before.
        let rows = try await harness.client.queryDataSource(source).collect()
        harness.transport.reset()
        #expect(rows.compactMap { $0["properties"]?["Name"]?["title"]?[0]?["plain_text"]?.stringValue } == ["Second", "First"])
        let a = try #require(harness.workspace.storedJSON(NotionID(summary.pageIDs["Home/tasks/a.md"]!)!)?["properties"])
        #expect(a["Done"]?["checkbox"] == true && a["Points"]?["number"] == 3 && a["Stage"]?["status"]?["name"] == "Finished")
        #expect(a["Tags"]?["multi_select"]?[0]?["name"] == "urgent")
        #expect(a["Parent"]?["relation"]?[0]?["id"]?.stringValue == summary.pageIDs["Home/tasks/b.md"])
        #expect(a["Notes"]?["rich_text"]?.arrayValue?.map { $0["annotations"]?["bold"] == true } == [false, true, false])

        // A re-run reads and writes nothing.
        let again = try await Self.importer(harness, folder.url, state: state.url).run()
        #expect(harness.transport.requests.isEmpty)
        #expect(again.unchanged.count == 4 && again.created.isEmpty && again.updated.isEmpty)

        // The table changes with its rows and is not written; a changed description and a new
        // option are one update each, for that property only.
        try Self.write(Self.tasks.replacingOccurrences(of: "All the *tasks*.", with: "Every task.")
            .replacingOccurrences(of: "    - urgent: red\n", with: "    - urgent: red\n    - later: blue\n")
            .replacingOccurrences(of: "| ☐ |", with: "| ☑ |"), to: folder.url.appending(path: "Home/tasks.md"))
        let changed = try await Self.importer(harness, folder.url, state: state.url).run()
        #expect(changed.updated == ["Home/tasks.md"])
        #expect(harness.transport.lines.map { String($0.prefix { $0 != "?" }) } == [
            "PATCH /v1/databases/\(database)", "PATCH /v1/data_sources/\(source)",
        ])
        #expect(harness.transport.json(1)?["properties"]?.objectValue?.keys.sorted() == ["Tags"])
    }

    /// A database create whose answer is lost: the next run finds it under its page instead of
    /// creating a second one, and finishes its schema and rows.
    @Test func anInterruptedDatabaseCreateAddsNoSecondDatabase() async throws {
        let harness = try WriterHarness()
        let folder = try Self.tree()
        let state = try TemporaryFolder()
        defer { folder.remove(); state.remove() }
        // 0: Home's create, 1: the database's.
        harness.transport.dropAnswers.withLock { $0 = [1] }
        await #expect(throws: ImportError.self) { _ = try await Self.importer(harness, folder.url, state: state.url).run() }
        harness.transport.dropAnswers.withLock { $0 = [] }
        let summary = try await Self.importer(harness, folder.url, state: state.url).run()
        #expect(summary.recovered == ["Home/tasks.md"])
        let home = try #require(summary.pageIDs["Home.md"])
        #expect(try await harness.client.blockChildren(home).collect().compactMap { $0["type"]?.stringValue } == ["paragraph", "child_database"])
        let rows = try await harness.client.queryDataSource(try #require(
            try await harness.client.send(.databasesRetrieve, ["database_id": summary.pageIDs["Home/tasks.md"]!])["data_sources"]?[0]?["id"]?.stringValue
        )).collect()
        #expect(rows.count == 2)
    }

    /// Two databases with a dual relation: only one side is created and written (Notion adds and
    /// fills the other), the side whose values, written row by row, give the other side's lists in
    /// their Markdown order. Here a project lists its members out of the people table's order, so
    /// the projects write (after the people exist) and the people's lists follow.
    @Test func aDualRelationIsWrittenFromTheSideThatKeepsBothOrders() async throws {
        let harness = try WriterHarness()
        let folder = try TemporaryFolder()
        let state = try TemporaryFolder()
        defer { folder.remove(); state.remove() }
        let url = folder.url
        try Self.write("[Projects](Home/projects.md \"child_database\")\n\n[People](Home/people.md \"child_database\")\n", to: url.appending(path: "Home.md"))
        func database(_ title: String, _ relation: String, _ target: String, _ synced: String, rows: [String]) -> String {
            "---\ntitle: \(title)\nnotion_object: database\nschema:\n  Name: title\n  \(relation):\n    relation: \(target).md\n    synced_property: \(synced)\n---\n\n"
                + "| Name |\n| --- |\n" + rows.map { "| [\($0)](\(title.lowercased())/\($0).md) |\n" }.joined()
        }
        func row(_ name: String, _ property: String, _ targets: [String]) -> String {
            "---\ntitle: \(name)\nproperties:\n  \(property):\n" + targets.map { "  - ../\($0).md\n" }.joined() + "---\n"
        }
        try Self.write(database("Projects", "Members", "people", "Projects", rows: ["p1", "p2"]), to: url.appending(path: "Home/projects.md"))
        try Self.write(database("People", "Projects", "projects", "Members", rows: ["ann", "bob"]), to: url.appending(path: "Home/people.md"))
        try Self.write(row("p1", "Members", ["people/bob", "people/ann"]), to: url.appending(path: "Home/projects/p1.md"))
        try Self.write(row("p2", "Members", ["people/ann"]), to: url.appending(path: "Home/projects/p2.md"))
        try Self.write(row("ann", "Projects", ["projects/p1", "projects/p2"]), to: url.appending(path: "Home/people/ann.md"))
        try Self.write(row("bob", "Projects", ["projects/p1"]), to: url.appending(path: "Home/people/bob.md"))

        let summary = try await Self.importer(harness, url, state: state.url).run()
        #expect(summary.warnings.isEmpty)
        // The people's rows first (their relation is the side Notion fills), then the projects'.
        #expect(summary.created == ["Home.md", "Home/projects.md", "Home/people.md", "Home/people/ann.md", "Home/people/bob.md",
                                    "Home/projects/p1.md", "Home/projects/p2.md"])
        // One relation created (on Projects, naming the side Notion adds), no row written twice.
        let updates = harness.transport.lines.indices.filter { harness.transport.lines[$0].hasPrefix("PATCH /v1/data_sources/") }
        #expect(updates.count == 1)
        #expect(harness.transport.json(updates[0])?["properties"]?["Members"]?["relation"]?["dual_property"] == ["synced_property_name": "Projects"])
        #expect(!harness.transport.lines.contains { $0.hasPrefix("PATCH /v1/pages/") })
        func related(_ path: String, _ property: String) -> [String] {
            let page = harness.workspace.storedJSON(NotionID(summary.pageIDs[path]!)!)
            let ids = page?["properties"]?[property]?["relation"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            return ids.map { id in summary.pageIDs.first { $0.value == id }?.key ?? id }
        }
        #expect(related("Home/projects/p1.md", "Members") == ["Home/people/bob.md", "Home/people/ann.md"])
        #expect(related("Home/people/ann.md", "Projects") == ["Home/projects/p1.md", "Home/projects/p2.md"])
        #expect(related("Home/people/bob.md", "Projects") == ["Home/projects/p1.md"])
    }
}
