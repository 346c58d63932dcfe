import Foundation
import NotionMarkdown
import NotionModel
import Testing
import Yams

/// A database document's `schema:` (what `import` creates the database from) and the file names
/// `import` reads back from locations.
@Suite struct SchemaYAMLTests {
    static let source = DataSourceID("d5d50000-0000-8000-8000-0000000000aa")!
    static let other = DatabaseID("dbdb0000-0000-8000-8000-0000000000bb")!
    static let unexported = DatabaseID("dbdb0000-0000-8000-8000-0000000000cc")!

    static func source(_ properties: [PropertySchema]) -> DataSource {
        let author = User.partial(UserID(NotionID("aced0000-0000-8000-8000-000000000001")!))
        return DataSource(id: source, createdTime: "2026-01-05T10:00:00.000Z", createdBy: author, lastEditedBy: author,
                          lastEditedTime: "2026-01-05T10:00:00.000Z", title: [.text("Tasks")], properties: Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0) }),
                   parent: .database(DatabaseID("dbdb0000-0000-8000-8000-0000000000aa")!))
    }

    @Test func everyCreatablePropertyIsWrittenSoItCanBeCreatedAgain() throws {
        let properties: [PropertySchema] = [
            PropertySchema(id: "title", name: "Name", .title),
            PropertySchema(id: "a", name: "Done", .checkbox),
            PropertySchema(id: "b", name: "Points", .number(format: "dollar")),
            PropertySchema(id: "c", name: "Plain number", .number(format: "number")),
            PropertySchema(id: "d", name: "Stage", .status(options: [SelectOption(id: "1", name: "Todo", color: .gray), SelectOption(id: "2", name: "yes", color: .green)],
                                                         groups: [])),
            PropertySchema(id: "e", name: "Tags", .multiSelect(options: [SelectOption(name: "a: b", color: .red, description: "Odd name.")])),
            PropertySchema(id: "f", name: "Score", .formula(expression: "{{notion:block_property:b:d5d50000-0000-8000-8000-0000000000aa:x}} * 2 + {{notion:block_property:zz:other:y}}")),
            PropertySchema(id: "g", name: "Parent", .relation(.init(databaseID: Self.other, dataSourceID: nil, .dualProperty(syncedPropertyID: "q", syncedPropertyName: "Children")))),
            PropertySchema(id: "h", name: "Elsewhere", .relation(.init(databaseID: Self.unexported, dataSourceID: nil, .singleProperty))),
            PropertySchema(id: "i", name: "Total", .rollup(.init(relationPropertyName: nil, relationPropertyID: "g", rollupPropertyName: "Points", function: "sum"))),
            PropertySchema(id: "j", name: "Key", .uniqueID(prefix: "TASK")),
            PropertySchema(id: "k", name: "Notes", description: "Free text.", .richText),
        ]
        var resolver = StubResolver()
        resolver.targets[Self.other.id] = LinkTarget(href: "../other.md", title: "Other")
        let (text, warnings) = FrontMatter.yaml(forDatabase: nil, dataSources: [Self.source(properties)],
                                                columns: ["Name"] + properties.map(\.name).filter { $0 != "Name" }.sorted(),
                                                resolver: resolver) { $0.plainText }
        #expect(warnings.isEmpty)
        let schema = String(text[text.range(of: "schema:\n")!.lowerBound...])
        #expect(schema == """
            schema:
              Name: title
              Done: checkbox
              Elsewhere:
                relation: dbdb0000-0000-8000-8000-0000000000cc
              Key:
                unique_id: TASK
              Notes:
                rich_text: {}
                description: Free text.
              Parent:
                relation: ../other.md
                synced_property: Children
              Plain number: number
              Points:
                number: dollar
              Score:
                formula: prop("Points") * 2 + {{notion:block_property:zz:other:y}}
              Stage:
                status:
                - Todo: gray
                - 'yes': green
              Tags:
                multi_select:
                - name: 'a: b'
                  color: red
                  description: Odd name.
              Total:
                rollup:
                  relation: Parent
                  property: Points
                  function: sum
            ---

            """)
        // It reads back as YAML: the option named `yes` stays a string.
        let node = try #require(try Yams.load(yaml: String(text.dropFirst(4).dropLast(4))) as? [String: Any])
        let stage = (node["schema"] as? [String: Any])?["Stage"] as? [String: Any]
        #expect(((stage?["status"] as? [[String: String]])?[1]) == ["yes": "green"])
    }

    @Test func formulaReferencesBecomePropertyNames() {
        let properties = ["Say \"hi\"": PropertySchema(id: "a%3Db", name: "Say \"hi\"", .richText)]
        #expect(SchemaYAML.readable("length({{notion:block_property:a%3Db:ds:1}})", properties: properties) == #"length(prop("Say \"hi\""))"#)
        #expect(SchemaYAML.readable("{{notion:block_property:a=b:ds:1}} + {{notion:unclosed", properties: properties) == #"prop("Say \"hi\"") + {{notion:unclosed"#)
    }

    @Test(arguments: [
        ("../../assets/architecture-diagram-d603278d269a.png", "architecture-diagram.png"),
        ("assets/report-final-0123456789ab", "report-final"),
        ("assets/not-a-hash-0123456789AB.png", "not-a-hash-0123456789AB.png"),
        ("https://acme.example/brand/style-guide.pdf?x=1#top", "style-guide.pdf"),
        ("https://cdn.example/a%20b-d603278d269a.png", "a b-d603278d269a.png"),
        ("plain.txt", "plain.txt"),
    ])
    func fileNamesReadBackFromLocations(location: String, name: String) {
        #expect(FileName.original(ofLocation: location) == name)
    }
}
