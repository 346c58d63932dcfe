import Foundation
import NotionModel
import Testing

@Suite struct PropertyTests {
    typealias S = Sample
    typealias V = PropertyValue.Value
    static let fullUser = #"{"object":"user","id":"\#(S.userID)","name":"Ada","avatar_url":null,"type":"person","person":{"email":"ada@example.com"}}"#
    static let ada = User(id: UserID(S.userID)!, type: "person", name: "Ada", person: .init(email: "ada@example.com"))

    /// (type, payload, extra sibling keys, expected value) for every page property type in the reference.
    static let values: [(String, String, String, V)] = [
        ("title", "[\(S.text("Hi"))]", "", .title([.text("Hi")])),
        ("rich_text", "[]", "", .richText([])),
        ("number", "42.5", "", .number(42.5)),
        ("number", "7", "", .number(7)),
        ("number", "null", "", .number(nil)),
        ("select", #"{"id":"a1","name":"Done","color":"green"}"#, "", .select(SelectOption(id: "a1", name: "Done", color: .green))),
        ("select", "null", "", .select(nil)),
        ("status", #"{"id":"s1","name":"In progress","color":"blue"}"#, "", .status(SelectOption(id: "s1", name: "In progress", color: .blue))),
        ("multi_select", #"[{"id":"m1","name":"a","color":"default"},{"id":"m2","name":"b","color":"pink"}]"#, "",
         .multiSelect([SelectOption(id: "m1", name: "a", color: .default), SelectOption(id: "m2", name: "b", color: .pink)])),
        ("date", #"{"start":"2026-07-01","end":"2026-07-03","time_zone":null}"#, "", .date(DateValue(start: "2026-07-01", end: "2026-07-03"))),
        ("date", "null", "", .date(nil)),
        ("people", "[\(fullUser),{\"object\":\"group\",\"id\":\"\(S.blockID)\",\"name\":\"Team\"}]", "",
         .people([.user(ada), .group(Group(id: S.id(S.blockID), name: "Team"))])),
        ("files", #"[{"name":"a.pdf","type":"external","external":{"url":"https://e.com/a.pdf"}},{"name":"b.png","type":"file","file":{"url":"https://s3/b.png","expiry_time":"2026-07-04T10:08:00.000Z"}}]"#, "",
         .files([NamedFile(name: "a.pdf", file: .external(url: "https://e.com/a.pdf")), NamedFile(name: "b.png", file: .file(url: "https://s3/b.png", expiryTime: "2026-07-04T10:08:00.000Z"))])),
        ("checkbox", "true", "", .checkbox(true)),
        ("url", #""https://example.com""#, "", .url("https://example.com")),
        ("email", #""ada@example.com""#, "", .email("ada@example.com")),
        ("phone_number", "null", "", .phoneNumber(nil)),
        ("formula", #"{"type":"string","string":"abc"}"#, "", .formula(.string("abc"))),
        ("formula", #"{"type":"number","number":3}"#, "", .formula(.number(3))),
        ("formula", #"{"type":"boolean","boolean":false}"#, "", .formula(.boolean(false))),
        ("formula", #"{"type":"date","date":{"start":"2026-07-01","end":null,"time_zone":null}}"#, "", .formula(.date(DateValue(start: "2026-07-01")))),
        ("relation", #"[{"id":"\#(S.pageID)"}]"#, #","has_more":true"#, .relation([.init(PageID(S.pageID)!)], hasMore: true)),
        ("rollup", #"{"type":"number","number":12,"function":"sum"}"#, "", .rollup(.init(function: "sum", .number(12)))),
        ("rollup", #"{"type":"date","date":null,"function":"latest_date"}"#, "", .rollup(.init(function: "latest_date", .date(nil)))),
        ("rollup", #"{"type":"array","array":[{"type":"title","title":[\#(S.text("Row"))]},{"type":"number","number":1}],"function":"show_original"}"#, "",
         .rollup(.init(function: "show_original", .array([PropertyValue(id: nil, .title([.text("Row")])), PropertyValue(id: nil, .number(1))])))),
        ("rollup", #"{"type":"unsupported","unsupported":{},"function":"show_unique"}"#, "", .rollup(.init(function: "show_unique", .unsupported([:])))),
        ("rollup", #"{"type":"incomplete","incomplete":{},"function":"count"}"#, "", .rollup(.init(function: "count", .incomplete([:])))),
        ("created_time", #""2026-07-04T09:08:00.000Z""#, "", .createdTime("2026-07-04T09:08:00.000Z")),
        ("last_edited_time", #""2026-07-04T09:09:00.000Z""#, "", .lastEditedTime("2026-07-04T09:09:00.000Z")),
        ("created_by", fullUser, "", .createdBy(ada)),
        ("last_edited_by", #"{"object":"user","id":"\#(S.userID)","name":"bot","avatar_url":null,"type":"bot","bot":{}}"#, "",
         .lastEditedBy(User(id: UserID(S.userID)!, type: "bot", name: "bot", bot: .init()))),
        ("unique_id", #"{"prefix":"TASK","number":42}"#, "", .uniqueID(.init(prefix: "TASK", number: 42))),
        ("unique_id", #"{"prefix":null,"number":1}"#, "", .uniqueID(.init(prefix: nil, number: 1))),
        ("verification", #"{"state":"verified","date":{"start":"2026-07-01T00:00:00.000Z","end":"2026-10-01T00:00:00.000Z","time_zone":null},"verified_by":\#(fullUser)}"#, "",
         .verification(.init(state: "verified", date: DateValue(start: "2026-07-01T00:00:00.000Z", end: "2026-10-01T00:00:00.000Z"), verifiedBy: ada))),
        ("verification", #"{"state":"unverified","date":null,"verified_by":null}"#, "", .verification(.init(state: "unverified"))),
        ("button", "{}", "", .button),
        ("place", #"{"lat":52.52,"lon":13.405,"name":"Berlin","address":"Berlin, Germany","aws_place_id":null,"google_place_id":"ChIJ"}"#, "",
         .place(.init(lat: 52.52, lon: 13.405, name: "Berlin", address: "Berlin, Germany", googlePlaceID: "ChIJ"))),
        ("place", "null", "", .place(nil)),
        ("mood", #"{"level":"happy"}"#, "", .unknown(type: "mood", ["level": "happy"])),
    ]

    @Test(arguments: values)
    func everyPropertyValueType(type: String, payload: String, extra: String, expected: V) throws {
        let value = try roundTrip(PropertyValue.self, S.property(type, payload, extra: extra))
        #expect(value.id == "x%40zJ")
        #expect(value.type == type)
        #expect(value.value == expected)
    }

    @Test func coversEveryReferenceType() {
        let reference: Set = [
            "title", "rich_text", "number", "select", "status", "multi_select", "date", "people", "files", "checkbox",
            "url", "email", "phone_number", "formula", "relation", "rollup", "created_time", "last_edited_time",
            "created_by", "last_edited_by", "unique_id", "verification", "button", "place",
        ]
        #expect(Set(Self.values.map(\.0)).subtracting(["mood"]) == reference)
    }

    @Test func propertyItemSingleAndList() throws {
        let single = try roundTrip(PropertyItemResponse.self, #"{"object":"property_item","id":"kjPO","type":"number","number":2,"request_id":"r1"}"#)
        #expect(single == .item(PropertyItem(id: "kjPO", content: .value(.number(2)), requestID: "r1")))

        let list = #"{"object":"list","results":[{"object":"property_item","type":"title","id":"title","title":\#(S.text("Hi"))},{"object":"property_item","type":"relation","id":"rel","relation":{"id":"\#(S.pageID)"}},{"object":"property_item","type":"people","id":"ppl","people":\#(Self.fullUser)}],"next_cursor":null,"has_more":false,"type":"property_item","property_item":{"id":"title","next_url":null,"type":"title","title":{}},"request_id":"r2"}"#
        guard case .list(let items) = try roundTrip(PropertyItemResponse.self, list) else {
            Issue.record("expected a list")
            return
        }
        #expect(items.results.map(\.content) == [
            .titleElement(.text("Hi")), .relationElement(.init(PageID(S.pageID)!)), .peopleElement(.user(Self.ada)),
        ])
        #expect(items.type == "property_item")
        #expect(items.typeObject?["next_url"] == JSONValue.null)
        #expect(items.typeObject?["type"] == "title")
        #expect(items.requestID == "r2")
    }

    // MARK: Schema

    static func schema(_ type: String, _ config: String) -> String {
        #"{"id":"a%3Db","name":"Prop","description":null,"type":"\#(type)","\#(type)":\#(config)}"#
    }

    typealias C = PropertySchema.Config
    static let schemas: [(String, String, C)] = [
        ("title", "{}", .title), ("rich_text", "{}", .richText), ("date", "{}", .date), ("people", "{}", .people),
        ("files", "{}", .files), ("checkbox", "{}", .checkbox), ("url", "{}", .url), ("email", "{}", .email),
        ("phone_number", "{}", .phoneNumber), ("created_time", "{}", .createdTime), ("created_by", "{}", .createdBy),
        ("last_edited_time", "{}", .lastEditedTime), ("last_edited_by", "{}", .lastEditedBy), ("button", "{}", .button),
        ("verification", "{}", .verification), ("place", "{}", .place), ("location", "{}", .location),
        ("last_visited_time", "{}", .lastVisitedTime),
        ("number", #"{"format":"number_with_commas"}"#, .number(format: "number_with_commas")),
        ("select", #"{"options":[{"id":"o1","name":"A","color":"red","description":null}]}"#, .select(options: [SelectOption(id: "o1", name: "A", color: .red)])),
        ("multi_select", #"{"options":[]}"#, .multiSelect(options: [])),
        ("status", #"{"options":[{"id":"o1","name":"Todo","color":"default","description":null}],"groups":[{"id":"g1","name":"To-do","color":"gray","option_ids":["o1"]}]}"#,
         .status(options: [SelectOption(id: "o1", name: "Todo", color: .default)], groups: [.init(id: "g1", name: "To-do", color: .gray, optionIDs: ["o1"])])),
        ("formula", #"{"expression":"{{notion:block_property:title:x:y}} + 1"}"#, .formula(expression: "{{notion:block_property:title:x:y}} + 1")),
        ("relation", #"{"database_id":"\#(S.databaseID)","data_source_id":"\#(S.dataSourceID)","type":"single_property","single_property":{}}"#,
         .relation(.init(databaseID: DatabaseID(S.databaseID), dataSourceID: DataSourceID(S.dataSourceID), .singleProperty))),
        ("relation", #"{"database_id":"\#(S.databaseID)","type":"dual_property","dual_property":{"synced_property_id":"abc","synced_property_name":"Back"}}"#,
         .relation(.init(databaseID: DatabaseID(S.databaseID), .dualProperty(syncedPropertyID: "abc", syncedPropertyName: "Back")))),
        ("rollup", #"{"rollup_property_name":"Price","relation_property_name":"Items","rollup_property_id":"v_]<","relation_property_id":"rel","function":"sum"}"#,
         .rollup(.init(relationPropertyName: "Items", relationPropertyID: "rel", rollupPropertyName: "Price", rollupPropertyID: "v_]<", function: "sum"))),
        ("unique_id", #"{"prefix":"BUG"}"#, .uniqueID(prefix: "BUG")),
        ("unique_id", #"{"prefix":null}"#, .uniqueID(prefix: nil)),
        ("vibes", #"{"scale":[1,2,3]}"#, .unknown(type: "vibes", ["scale": [1, 2, 3]])),
    ]

    @Test(arguments: schemas)
    func everySchemaType(type: String, config: String, expected: C) throws {
        let schema = try roundTrip(PropertySchema.self, Self.schema(type, config))
        #expect(schema == PropertySchema(id: "a%3Db", name: "Prop", expected))
        #expect(schema.type == type)
    }
}
