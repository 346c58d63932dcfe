import Foundation
import NotionAPI
import NotionModel
import Testing
@testable import Emulator

/// Dual relations as Notion keeps them: creating one side adds the reverse property to the target
/// data source, and relation values written on one side show on the other.
@Suite struct DualRelationTests {
    static let loaded = JSONValue.string(WorkspaceSnapshot.defaultTimestamp)
    static let edited: JSONValue = "2026-07-04T09:09:00.000Z"
    static let bot: JSONValue = ["object": "user", "id": .string(Fixture.integrationID.rawValue)]
    static let tasksDB = JSONValue.string(Fixture.database.rawValue)
    static let tasksDS = JSONValue.string(Fixture.dataSource.rawValue)

    /// Creates database "Projects" under Home (2025-09-03) with a title and `properties`; returns
    /// its database and data source ids.
    func createProjects(_ emu: Emu, _ properties: JSONValue = [:]) async throws -> (database: JSONValue, dataSource: JSONValue) {
        var schema = properties
        schema["Name"] = ["title": [:]]
        let reply = try await emu.send("POST", "/v1/databases", body: [
            "parent": ["type": "page_id", "page_id": .string(Fixture.root.rawValue)], "title": [["text": ["content": "Projects"]]],
            "initial_data_source": ["properties": schema]])
        #expect(reply.status == 200)
        return (try #require(reply.json["id"]), try #require(reply.json["data_sources"]?[0]?["id"]))
    }

    func schema(_ emu: Emu, _ dataSource: JSONValue) async throws -> JSONValue {
        let reply = try await emu.send("GET", "/v1/data_sources/\(dataSource.stringValue ?? "")")
        #expect(reply.status == 200)
        return reply.json["properties"] ?? .null
    }

    static func dual(_ id: JSONValue, _ name: String, database: JSONValue, dataSource: JSONValue, syncedID: JSONValue,
                     syncedName: String) -> JSONValue {
        ["id": id, "name": .string(name), "description": nil, "type": "relation",
         "relation": ["database_id": database, "data_source_id": dataSource, "type": "dual_property",
                      "dual_property": ["synced_property_id": syncedID, "synced_property_name": .string(syncedName)]]]
    }

    /// A page's relation ids as `GET /v1/pages/{id}` shows them.
    func relation(_ emu: Emu, _ page: NotionID, _ name: String) async throws -> [String] {
        let reply = try await emu.send("GET", "/v1/pages/\(page)")
        #expect(reply.status == 200)
        #expect(reply.json["properties"]?[name]?["has_more"] == false)
        return try #require(reply.json["properties"]?[name]?["relation"]?.arrayValue).compactMap { $0["id"]?.stringValue }
    }

    @Test func creatingADualRelationAddsTheReverseWithTheDefaultName() async throws {
        let emu = try Emu()
        emu.clock.advance(30)
        let projects = try await createProjects(emu, ["Tasks": ["relation": ["data_source_id": Self.tasksDS, "dual_property": [:]]]])
        let forward = try #require(try await schema(emu, projects.dataSource)["Tasks"])
        let tasks = try await emu.send("GET", "/v1/data_sources/\(Fixture.dataSource)")
        let reverse = try #require(tasks.json["properties"]?["Related to Projects (Tasks)"])
        #expect(tasks.json["properties"]?.objectValue?.count == 4)
        #expect(tasks.json["last_edited_time"] == Self.edited)
        #expect(reverse == Self.dual(reverse["id"] ?? .null, "Related to Projects (Tasks)", database: projects.database,
                                     dataSource: projects.dataSource, syncedID: forward["id"] ?? .null, syncedName: "Tasks"))
        #expect(forward == Self.dual(forward["id"] ?? .null, "Tasks", database: Self.tasksDB, dataSource: Self.tasksDS,
                                     syncedID: reverse["id"] ?? .null, syncedName: "Related to Projects (Tasks)"))
        #expect(reverse["id"] != forward["id"] && reverse["id"]?.stringValue?.isEmpty == false)
        // A row of the target shows the new property, empty.
        #expect(try await relation(emu, Fixture.rowID(1), "Related to Projects (Tasks)") == [])
    }

    @Test func anExplicitSyncedPropertyNameIsUsedAndMadeUnique() async throws {
        let emu = try Emu()
        let projects = try await createProjects(emu)
        let reply = try await emu.send("PATCH", "/v1/data_sources/\(projects.dataSource.stringValue ?? "")", body: ["properties": [
            "Owner": ["relation": ["data_source_id": Self.tasksDS, "type": "dual_property",
                                   "dual_property": ["synced_property_name": "Projects"]]],
            "Checked": ["relation": ["data_source_id": Self.tasksDS, "type": "dual_property",
                                     "dual_property": ["synced_property_name": "Done"]]],
        ]])
        #expect(reply.status == 200)
        let tasks = try await schema(emu, Self.tasksDS)
        #expect(Set(tasks.objectValue?.keys.map { $0 } ?? []) == ["Name", "Done", "Related", "Projects", "Done 1"])
        #expect(tasks["Done"]?["type"] == "checkbox")
        let projectsSchema = try await schema(emu, projects.dataSource)
        #expect(reply.json["properties"] == projectsSchema)
        for (name, reverseName) in [("Owner", "Projects"), ("Checked", "Done 1")] {
            let forward = try #require(projectsSchema[name])
            let reverse = try #require(tasks[reverseName])
            #expect(reverse == Self.dual(reverse["id"] ?? .null, reverseName, database: projects.database,
                                         dataSource: projects.dataSource, syncedID: forward["id"] ?? .null, syncedName: name))
            #expect(forward == Self.dual(forward["id"] ?? .null, name, database: Self.tasksDB, dataSource: Self.tasksDS,
                                         syncedID: reverse["id"] ?? .null, syncedName: reverseName))
        }
        // Renaming one side renames the other side's pointer; no second reverse is added.
        let renamed = try await emu.send("PATCH", "/v1/data_sources/\(projects.dataSource.stringValue ?? "")",
                                         body: ["properties": ["Owner": ["name": "Owned by"]]])
        #expect(renamed.status == 200)
        let after = try await schema(emu, Self.tasksDS)
        #expect(after.objectValue?.count == 5)
        #expect(after["Projects"]?["relation"]?["dual_property"]?["synced_property_name"] == "Owned by")
    }

    @Test func settingAndRemovingRelationsUpdatesTheReverseSide() async throws {
        let emu = try Emu()
        let projects = try await createProjects(emu, ["Tasks": ["relation": ["data_source_id": Self.tasksDS, "dual_property": [:]]]])
        let reverse = "Related to Projects (Tasks)"
        let row = { (i: Int) in JSONValue.array([["id": .string(Fixture.rowID(i).rawValue)]]) }
        emu.clock.advance(30)
        func create(_ title: String, _ tasks: [Int]) async throws -> String {
            let reply = try await emu.send("POST", "/v1/pages", body: [
                "parent": ["type": "data_source_id", "data_source_id": projects.dataSource],
                "properties": ["Name": ["title": [["text": ["content": .string(title)]]]],
                               "Tasks": ["relation": .array(tasks.map { ["id": .string(Fixture.rowID($0).compact)] })]]])
            #expect(reply.status == 200)
            return try #require(reply.json["id"]?.stringValue)
        }
        let first = try await create("First", [0, 1])
        let second = try await create("Second", [1])
        #expect(try await relation(emu, Fixture.rowID(0), reverse) == [first])
        #expect(try await relation(emu, Fixture.rowID(1), reverse) == [first, second])
        #expect(try await relation(emu, Fixture.rowID(2), reverse) == [])
        // The related rows were edited; the unrelated one was not.
        #expect(emu.workspace.storedJSON(Fixture.rowID(1))?["last_edited_time"] == Self.edited)
        #expect(emu.workspace.storedJSON(Fixture.rowID(1))?["last_edited_by"] == Self.bot)
        #expect(emu.workspace.storedJSON(Fixture.rowID(2))?["last_edited_time"] == Self.loaded)
        // The data source query and the property item endpoint (paginated) read the same.
        let query = try await emu.send("POST", "/v1/data_sources/\(Fixture.dataSource)/query", body: [
            "filter": ["property": .string(reverse), "relation": ["contains": .string(second)]]])
        #expect((query.json["results"]?.arrayValue ?? []).compactMap { $0["id"] } == [.string(Fixture.rowID(1).rawValue)])
        let both: JSONValue = [["id": .string(first)], ["id": .string(second)]]
        #expect(query.json["results"]?[0]?["properties"]?[reverse]?["relation"] == both)
        let propertyID = try #require(query.json["results"]?[0]?["properties"]?[reverse]?["id"]?.stringValue)
        var items: [JSONValue] = []
        var path = "/v1/pages/\(Fixture.rowID(1))/properties/\(propertyID)?page_size=1"
        for _ in 0..<3 {
            let reply = try await emu.send("GET", path)
            #expect(reply.status == 200)
            items += reply.json["results"]?.arrayValue ?? []
            guard let next = reply.json["next_cursor"]?.stringValue else { break }
            path = "/v1/pages/\(Fixture.rowID(1))/properties/\(propertyID)?page_size=1&start_cursor=\(next)"
        }
        #expect(items == [["object": "property_item", "id": .string(propertyID), "type": "relation", "relation": ["id": .string(first)]],
                          ["object": "property_item", "id": .string(propertyID), "type": "relation", "relation": ["id": .string(second)]]])
        // Removing: row 0 leaves First; then First has no tasks at all.
        emu.clock.advance(60)
        let patched = try await emu.send("PATCH", "/v1/pages/\(first)", body: ["properties": ["Tasks": ["relation": row(1)]]])
        #expect(patched.status == 200)
        #expect(try await relation(emu, Fixture.rowID(0), reverse) == [])
        #expect(emu.workspace.storedJSON(Fixture.rowID(0))?["last_edited_time"] == "2026-07-04T09:10:00.000Z")
        #expect(emu.workspace.storedJSON(Fixture.rowID(1))?["last_edited_time"] == Self.edited)  // unchanged: still related
        #expect(try await relation(emu, Fixture.rowID(1), reverse) == [first, second])
        _ = try await emu.send("PATCH", "/v1/pages/\(first)", body: ["properties": ["Tasks": ["relation": []]]])
        #expect(try await relation(emu, Fixture.rowID(1), reverse) == [second])
        // Re-adding appends at the end.
        _ = try await emu.send("PATCH", "/v1/pages/\(first)", body: ["properties": ["Tasks": ["relation": row(1)]]])
        #expect(try await relation(emu, Fixture.rowID(1), reverse) == [second, first])
        // Writing on the reverse side updates the forward side too.
        _ = try await emu.send("PATCH", "/v1/pages/\(Fixture.rowID(2))", body: ["properties": [reverse: ["relation": [["id": .string(second)]]]]])
        let secondID = try #require(NotionID(second))
        #expect(try await relation(emu, secondID, "Tasks") == [Fixture.rowID(1).rawValue, Fixture.rowID(2).rawValue])
    }

    @Test func aSelfRelationAddsTheReverseToTheSameDataSource() async throws {
        let emu = try Emu()
        let reply = try await emu.send("PATCH", "/v1/data_sources/\(Fixture.dataSource)", body: ["properties": [
            "Parent": ["relation": ["data_source_id": Self.tasksDS, "dual_property": ["synced_property_name": "Children"]]],
            "Blocks": ["relation": ["data_source_id": Self.tasksDS, "type": "dual_property", "dual_property": [:]]],
        ]])
        #expect(reply.status == 200)
        let properties = try #require(reply.json["properties"])
        #expect(Set(properties.objectValue?.keys.map { $0 } ?? [])
            == ["Name", "Done", "Related", "Parent", "Children", "Blocks", "Related to Tasks (Blocks)"])
        for (name, reverseName) in [("Parent", "Children"), ("Blocks", "Related to Tasks (Blocks)")] {
            let forward = try #require(properties[name])
            let reverse = try #require(properties[reverseName])
            #expect(forward == Self.dual(forward["id"] ?? .null, name, database: Self.tasksDB, dataSource: Self.tasksDS,
                                         syncedID: reverse["id"] ?? .null, syncedName: reverseName))
            #expect(reverse == Self.dual(reverse["id"] ?? .null, reverseName, database: Self.tasksDB, dataSource: Self.tasksDS,
                                         syncedID: forward["id"] ?? .null, syncedName: name))
        }
        let patched = try await emu.send("PATCH", "/v1/pages/\(Fixture.rowID(1))", body: ["properties": [
            "Parent": ["relation": [["id": .string(Fixture.rowID(0).rawValue)]]]]])
        #expect(patched.status == 200)
        #expect(try await relation(emu, Fixture.rowID(0), "Children") == [Fixture.rowID(1).rawValue])
        #expect(try await relation(emu, Fixture.rowID(0), "Parent") == [])
        // A page related to itself lists itself on both sides.
        _ = try await emu.send("PATCH", "/v1/pages/\(Fixture.rowID(2))", body: ["properties": [
            "Parent": ["relation": [["id": .string(Fixture.rowID(2).rawValue)]]]]])
        #expect(try await relation(emu, Fixture.rowID(2), "Children") == [Fixture.rowID(2).rawValue])
        #expect(try await relation(emu, Fixture.rowID(2), "Parent") == [Fixture.rowID(2).rawValue])
    }

    @Test func theDatabaseFormOf2022AddsTheReverseToTheFirstDataSource() async throws {
        let emu = try Emu()
        let reply = try await emu.send("POST", "/v1/databases", body: [
            "parent": ["type": "page_id", "page_id": .string(Fixture.root.rawValue)], "title": [["text": ["content": "Projects"]]],
            "properties": ["Name": ["title": [:]],
                           "Tasks": ["relation": ["database_id": Self.tasksDB, "type": "dual_property", "dual_property": [:]]]]],
            version: "2022-06-28")
        #expect(reply.status == 200)
        let database = try #require(reply.json["id"])
        let current = try await emu.send("GET", "/v1/databases/\(database.stringValue ?? "")")
        let dataSource = try #require(current.json["data_sources"]?[0]?["id"])
        let tasks = try await emu.send("GET", "/v1/databases/\(Fixture.database)", version: "2022-06-28")
        let reverse = try #require(tasks.json["properties"]?["Related to Projects (Tasks)"])
        var forward = try #require(reply.json["properties"]?["Tasks"])
        var expected = Self.dual(forward["id"] ?? .null, "Tasks", database: Self.tasksDB, dataSource: Self.tasksDS,
                                 syncedID: reverse["id"] ?? .null, syncedName: "Related to Projects (Tasks)")
        expected["description"] = nil  // 2022-06-28 database properties carry no description
        #expect(forward == expected)
        expected = Self.dual(reverse["id"] ?? .null, "Related to Projects (Tasks)", database: database,
                             dataSource: dataSource, syncedID: forward["id"] ?? .null, syncedName: "Tasks")
        expected["description"] = nil
        #expect(reverse == expected)
        // PATCH /v1/databases/{id} adds another, named explicitly.
        let patched = try await emu.send("PATCH", "/v1/databases/\(database.stringValue ?? "")", body: ["properties": [
            "Reviewers": ["relation": ["database_id": Self.tasksDB, "dual_property": ["synced_property_name": "Reviews"]]]]],
                                         version: "2022-06-28")
        #expect(patched.status == 200)
        forward = try #require(patched.json["properties"]?["Reviewers"])
        let after = try await emu.send("GET", "/v1/databases/\(Fixture.database)", version: "2022-06-28")
        #expect(after.json["properties"]?["Reviews"]?["relation"]?["dual_property"]
            == ["synced_property_id": forward["id"] ?? .null, "synced_property_name": "Reviewers"])
        #expect(forward["relation"]?["dual_property"]
            == ["synced_property_id": after.json["properties"]?["Reviews"]?["id"] ?? .null, "synced_property_name": "Reviews"])
        // Values written through the 2022 form show on the other side too.
        let page = try await emu.send("POST", "/v1/pages", body: [
            "parent": ["database_id": database], "properties": [
                "Name": ["title": [["text": ["content": "P"]]]], "Reviewers": ["relation": [["id": .string(Fixture.rowID(2).rawValue)]]]]],
                                      version: "2022-06-28")
        #expect(page.status == 200)
        let pageID = try #require(page.json["id"]?.stringValue)
        #expect(try await relation(emu, Fixture.rowID(2), "Reviews") == [pageID])
    }

    @Test func anUnknownTargetIsAValidationErrorAndChangesNothing() async throws {
        let emu = try Emu()
        let counts = emu.workspace.counts
        let tasks = emu.workspace.storedJSON(Fixture.dataSource)
        let missing = "393abc1e-edcd-8222-a222-000b000000ff"
        let reply = try await emu.send("POST", "/v1/data_sources", body: [
            "parent": ["type": "database_id", "database_id": Self.tasksDB],
            "properties": ["Name": ["title": [:]], "Link": ["relation": ["data_source_id": .string(missing), "dual_property": [:]]]]])
        #expect(reply.status == 400)
        #expect(reply.bodyWithoutRequestID == [
            "object": "error", "status": 400, "code": "validation_error",
            "message": .string("Relation property Link points to data source \(missing), which does not exist or is not shared with the integration."),
        ])
        let old = try await emu.send("POST", "/v1/databases", body: [
            "parent": ["type": "page_id", "page_id": .string(Fixture.root.rawValue)],
            "properties": ["Name": ["title": [:]], "Link": ["relation": ["database_id": .string(missing), "type": "dual_property",
                                                                        "dual_property": [:]]]]], version: "2022-06-28")
        #expect(old.bodyWithoutRequestID == [
            "object": "error", "status": 400, "code": "validation_error",
            "message": .string("Relation property Link points to database \(missing), which does not exist or is not shared with the integration."),
        ])
        #expect(emu.workspace.counts == counts)
        #expect(emu.workspace.storedJSON(Fixture.dataSource) == tasks)
    }
}
