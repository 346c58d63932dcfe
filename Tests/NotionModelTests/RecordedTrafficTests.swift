import Foundation
import NotionModel
import Testing
import TestSupport

/// Every recorded Notion response decodes with the type its `object` field names, and re-encodes
/// to equivalent JSON.
@Suite struct RecordedTrafficTests {
    static let cassettes: [Cassette] = (try? Cassette.all()) ?? []

    /// Objects the model keeps as JSON only (not needed for export/import). `nil` stands for the
    /// templates body (`{"templates":[…],"has_more","next_cursor"}`), which has no `object`.
    static let jsonOnlyObjects: Set<String?> = ["page_markdown", "async_task", "view", "view_query", nil]

    @Test func cassettesAreFound() {
        // Both Notion versions are present.
        #expect(Self.cassettes.count >= 100)
        #expect(Self.cassettes.contains { $0.name.hasPrefix("v2022-06-28/") })
        #expect(Self.cassettes.contains { !$0.name.hasPrefix("v2022-06-28/") })
    }

    static let sharedRecorded = Fixtures.sharedDirectory.appendingPathComponent("fixtures/recorded")

    /// The repository's copy of the recorded traffic is the project's, file for file and byte for
    /// byte (skipped, and reported so, where the project's `shared/` folder is not next to the clone).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedRecorded.path), "../shared/fixtures/recorded is not here"))
    func theCopyIsTheSharedTraffic() throws {
        func files(_ root: URL) throws -> [String: Data] {
            let paths = FileManager.default.subpaths(atPath: root.path) ?? []
            var out: [String: Data] = [:]
            for path in paths {
                var isFolder: ObjCBool = false
                let url = root.appendingPathComponent(path)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                    out[path] = try Data(contentsOf: url)
                }
            }
            return out
        }
        let copy = try files(Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/recorded"))
        let shared = try files(Self.sharedRecorded)
        #expect(copy.count >= 100)
        #expect(Set(copy.keys).symmetricDifference(shared.keys).sorted() == [])
        #expect(copy.keys.filter { copy[$0] != shared[$0] }.sorted() == [])
    }

    @Test(arguments: cassettes.map(\.name))
    func responsesDecodeAndRoundTrip(cassetteName: String) throws {
        let cassette = try #require(Self.cassettes.first { $0.name == cassetteName })
        for interaction in cassette.interactions where interaction.apiPath != nil {
            let body = interaction.responseBody
            guard !body.isEmpty else { continue }
            let json = try JSONValue(string: body)
            try Self.check(json: json, body: body, context: "\(interaction.method) \(interaction.uri)")
        }
    }

    @Test(arguments: cassettes.map(\.name))
    func requestBodiesWithBlocksOrRichTextParse(cassetteName: String) throws {
        let cassette = try #require(Self.cassettes.first { $0.name == cassetteName })
        for interaction in cassette.interactions where interaction.apiPath != nil {
            guard let body = interaction.requestBody, body.contains("\"children\"") || body.contains("\"rich_text\"")
                || body.contains("\"title\"")
            else { continue }
            #expect(throws: Never.self, "\(interaction.method) \(interaction.uri)") { try JSONValue(string: body) }
        }
    }

    static func check(json: JSONValue, body: String, context: Testing.Comment) throws {
        let object = json["object"]?.stringValue
        switch object {
        case "page": #expect(try roundTrip(Page.self, body).raw == json, context)
        case "database": #expect(try roundTrip(Database.self, body).raw == json, context)
        case "data_source": #expect(try roundTrip(DataSource.self, body).raw == json, context)
        case "block":
            let block = try roundTrip(Block.self, body)
            #expect(block.raw == json, context)
            #expect(block.type.isKnown, "block type \(block.type) should be typed: \(context)")
        case "user": #expect(try roundTrip(User.self, body).raw == json, context)
        case "comment": #expect(try roundTrip(Comment.self, body).raw == json, context)
        case "file_upload": #expect(try roundTrip(FileUpload.self, body).raw == json, context)
        case "error": try roundTrip(NotionErrorBody.self, body)
        case "property_item": try roundTrip(PropertyItemResponse.self, body)
        case "list":
            let list = try roundTrip(ListResponse<NotionObject>.self, body)
            for (index, item) in list.results.enumerated() {
                if case .other = item {
                    #expect(jsonOnlyObjects.contains(item.object), "results[\(index)] (\(item.object ?? "nil")) is not typed: \(context)")
                }
                if case .block(let block) = item { #expect(block.type.isKnown, "block type \(block.type): \(context)") }
            }
            if list.type == "property_item" { try roundTrip(PropertyItemResponse.self, body) }
        case let other where jsonOnlyObjects.contains(other):
            if other == nil { #expect(json["templates"] != nil, "object-less body that is not a templates list: \(context)") }
            try roundTrip(JSONValue.self, body)
        default:
            Issue.record("unexpected object \(object ?? "nil"): \(context)")
        }
    }
}
