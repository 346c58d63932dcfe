@testable import Emulator
import Foundation
import NotionModel
import Testing

@Suite struct QueryFilterTests {
    let schema = json(#"""
    {"Name":{"id":"title","type":"title","title":{}},"Notes":{"id":"nt","type":"rich_text","rich_text":{}},
     "Score":{"id":"sc","type":"number","number":{}},"Done":{"id":"cb","type":"checkbox","checkbox":{}},
     "Kind":{"id":"kd","type":"select","select":{"options":[{"name":"bug"},{"name":"feature"}]}},
     "State":{"id":"st","type":"status","status":{"options":[]}},"Tags":{"id":"tg","type":"multi_select","multi_select":{"options":[]}},
     "When":{"id":"dt","type":"date","date":{}},"Who":{"id":"pp","type":"people","people":{}},
     "Rel":{"id":"rl","type":"relation","relation":{}},"Files":{"id":"fl","type":"files","files":{}},
     "Site":{"id":"ur","type":"url","url":{}},"Mail":{"id":"ml","type":"email","email":{}},"Phone":{"id":"ph","type":"phone_number","phone_number":{}},
     "F":{"id":"fx","type":"formula","formula":{}},"Roll":{"id":"ro","type":"rollup","rollup":{}},
     "ID":{"id":"ui","type":"unique_id","unique_id":{}},"Check":{"id":"vf","type":"verification","verification":{}},
     "Creator":{"id":"cr","type":"created_by","created_by":{}}}
    """#)
    static let now = ISODate.parse("2026-07-15T12:00:00Z")!
    static let ada = "7775f3a3-893f-43fa-b625-460c61094c78"

    let row = QueryRow(
        id: NotionID("393abc1e-edcd-8170-aebf-cf1d14057b30")!,
        properties: json(#"""
        {"Name":{"id":"title","type":"title","title":[{"plain_text":"Fix login"}]},"Notes":{"id":"nt","type":"rich_text","rich_text":[]},
         "Score":{"id":"sc","type":"number","number":7},"Done":{"id":"cb","type":"checkbox","checkbox":true},
         "Kind":{"id":"kd","type":"select","select":{"name":"bug"}},"State":{"id":"st","type":"status","status":{"name":"Done"}},
         "Tags":{"id":"tg","type":"multi_select","multi_select":[{"name":"a"},{"name":"b"}]},
         "When":{"id":"dt","type":"date","date":{"start":"2026-07-14"}},
         "Who":{"id":"pp","type":"people","people":[{"object":"user","id":"7775f3a3-893f-43fa-b625-460c61094c78"}]},
         "Rel":{"id":"rl","type":"relation","relation":[{"id":"3d0982b9-f958-41d0-8437-cf2e00981c7f"}]},"Files":{"id":"fl","type":"files","files":[]},
         "Site":{"id":"ur","type":"url","url":"https://example.com"},"Mail":{"id":"ml","type":"email","email":null},"Phone":{"id":"ph","type":"phone_number","phone_number":"+1 555"},
         "F":{"id":"fx","type":"formula","formula":{"type":"number","number":3}},
         "Roll":{"id":"ro","type":"rollup","rollup":{"type":"array","array":[{"type":"number","number":1},{"type":"number","number":5}],"function":"show_original"}},
         "ID":{"id":"ui","type":"unique_id","unique_id":{"prefix":"T","number":12}},"Check":{"id":"vf","type":"verification","verification":{"state":"verified"}},
         "Creator":{"id":"cr","type":"created_by","created_by":{"object":"user","id":"7775f3a3-893f-43fa-b625-460c61094c78"}}}
        """#),
        createdTime: ISODate.parse("2026-07-10T09:08:00Z")!, lastEditedTime: ISODate.parse("2026-07-15T11:00:00Z")!)

    func matches(_ filter: String) throws -> Bool {
        try QueryFilter(json: json(filter), schema: schema).matches(row, now: Self.now, me: NotionID(Self.ada))
    }

    /// Rich text in a workspace file may leave out `plain_text`: its `text.content` is matched.
    @Test func textWithoutPlainTextMatchesItsContent() throws {
        var written = row
        written.properties["Notes"] = json(#"{"id":"nt","type":"rich_text","rich_text":[{"type":"text","text":{"content":"from a file"}}]}"#)
        let filter = try QueryFilter(json: json(#"{"property":"Notes","rich_text":{"contains":"file"}}"#), schema: schema)
        #expect(filter.matches(written, now: Self.now, me: nil))
    }

    @Test(arguments: [
        (#"{"property":"Name","title":{"contains":"LOGIN"}}"#, true),
        (#"{"property":"Name","rich_text":{"starts_with":"fix"}}"#, true),
        (#"{"property":"title","title":{"equals":"Fix"}}"#, false),
        (#"{"property":"Notes","rich_text":{"is_empty":true}}"#, true),
        (#"{"property":"Site","url":{"ends_with":".com"}}"#, true),
        (#"{"property":"Mail","email":{"is_not_empty":true}}"#, false),
        (#"{"property":"Phone","phone_number":{"does_not_contain":"9"}}"#, true),
        (#"{"property":"Score","number":{"greater_than":6}}"#, true),
        (#"{"property":"sc","number":{"less_than_or_equal_to":6}}"#, false),
        (#"{"property":"Done","checkbox":{"equals":true}}"#, true),
        (#"{"property":"Done","checkbox":{"does_not_equal":true}}"#, false),
        (#"{"property":"Kind","select":{"equals":"bug"}}"#, true),
        (#"{"property":"Kind","select":{"equals":["feature","bug"]}}"#, true),
        (#"{"property":"State","status":{"does_not_equal":"Done"}}"#, false),
        (#"{"property":"Tags","multi_select":{"contains":"b"}}"#, true),
        (#"{"property":"Tags","multi_select":{"does_not_contain":"a"}}"#, false),
        (#"{"property":"When","date":{"equals":"2026-07-14"}}"#, true),
        (#"{"property":"When","date":{"before":"today"}}"#, true),
        (#"{"property":"When","date":{"on_or_after":"yesterday"}}"#, true),
        (#"{"property":"When","date":{"after":"2026-07-14T00:00:00Z"}}"#, false),
        (#"{"property":"When","date":{"past_week":{}}}"#, true),
        (#"{"property":"When","date":{"next_month":{}}}"#, false),
        (#"{"property":"When","date":{"this_week":{}}}"#, true),
        (#"{"property":"Who","people":{"contains":"me"}}"#, true),
        (#"{"property":"Creator","created_by":{"contains":"7775f3a3893f43fab625460c61094c78"}}"#, true),
        (#"{"property":"Rel","relation":{"contains":"3d0982b9f95841d08437cf2e00981c7f"}}"#, true),
        (#"{"property":"Files","files":{"is_empty":true}}"#, true),
        (#"{"property":"F","formula":{"number":{"equals":3}}}"#, true),
        (#"{"property":"Roll","rollup":{"any":{"number":{"greater_than":4}}}}"#, true),
        (#"{"property":"Roll","rollup":{"every":{"number":{"greater_than":4}}}}"#, false),
        (#"{"property":"Roll","rollup":{"none":{"number":{"equals":9}}}}"#, true),
        (#"{"property":"ID","unique_id":{"greater_than_or_equal_to":12}}"#, true),
        (#"{"property":"Check","verification":{"status":"verified"}}"#, true),
        (#"{"timestamp":"created_time","created_time":{"past_week":{}}}"#, true),
        (#"{"timestamp":"last_edited_time","last_edited_time":{"after":"2026-07-15T10:59:59.999Z"}}"#, true),
        (#"{"and":[{"property":"Done","checkbox":{"equals":true}},{"property":"Score","number":{"equals":7}}]}"#, true),
        (#"{"and":[{"property":"Done","checkbox":{"equals":true}},{"property":"Score","number":{"equals":8}}]}"#, false),
        (#"{"or":[{"property":"Score","number":{"equals":8}},{"and":[{"property":"Kind","select":{"equals":"bug"}},{"property":"Done","checkbox":{"equals":true}}]}]}"#, true),
    ])
    func evaluates(filter: String, expected: Bool) throws {
        #expect(try matches(filter) == expected)
    }

    func message(_ filter: String) -> String? {
        failureMessage { () throws(ValidationFailure) in try QueryFilter(json: json(filter), schema: schema) }
    }

    @Test func validation() {
        #expect(message(#"{"or":[{"and":[{"or":[]}]}]}"#)
            == "body failed validation: body.filter.or[0].and[0].or should be not present, instead was `[]`.")
        #expect(message(#"{"property":"Nope","number":{"equals":1}}"#) == "Could not find property with name or id: Nope")
        #expect(message(#"{"property":"Score","select":{"equals":"x"}}"#) == "database property number does not match filter select")
        #expect(message(#"{"property":"Score","number":{"equals":"7"}}"#)
            == "body failed validation: body.filter.number.equals should be a number, instead was `\"7\"`.")
        #expect(message(#"{"property":"When","date":{"before":"someday"}}"#)
            == "body failed validation: body.filter.date.before should be a valid ISO 8601 date, instead was `\"someday\"`.")
        #expect(message(#"{"property":"Notes","rich_text":{"is_empty":false}}"#)
            == "body failed validation: body.filter.rich_text.is_empty should be `true`, instead was `false`.")
        #expect(message(#"{"property":"Done","checkbox":{"equals":true},"archived":false}"#)
            == "body failed validation: body.filter.archived should be not present, instead was `false`.")
    }
}

@Suite struct QuerySortTests {
    let schema = json(#"{"Name":{"id":"title","type":"title","title":{}},"Score":{"id":"sc","type":"number","number":{}},"Kind":{"id":"kd","type":"select","select":{"options":[{"name":"high"},{"name":"low"}]}}}"#)

    func row(_ n: Int, name: String, score: Int?, kind: String?, created: String) -> QueryRow {
        var properties: JSONValue = ["Name": ["type": "title", "title": [["plain_text": .string(name)]]]]
        properties["Score"] = ["type": "number", "number": score.map { .int($0) } ?? .null]
        properties["Kind"] = ["type": "select", "select": kind.map { ["name": .string($0)] } ?? .null]
        return QueryRow(id: NotionID(String(format: "393abc1e-edcd-8170-aebf-cf1d14057b%02d", n))!, properties: properties,
                        createdTime: ISODate.parse(created)!, lastEditedTime: ISODate.parse(created)!)
    }

    var rows: [QueryRow] {
        [row(1, name: "b", score: 2, kind: "low", created: "2026-07-01T00:00:00Z"),
         row(2, name: "a", score: nil, kind: "high", created: "2026-07-02T00:00:00Z"),
         row(3, name: "c", score: 2, kind: "high", created: "2026-06-30T00:00:00Z"),
         row(4, name: "d", score: 5, kind: nil, created: "2026-06-30T00:00:00Z")]
    }

    func order(_ sorts: String) throws -> [Int] {
        try QuerySort(json: json(sorts), schema: schema).sorted(rows).map { Int($0.id.rawValue.suffix(2))! }
    }

    @Test func sorting() throws {
        #expect(try order(#"[{"property":"Score","direction":"ascending"}]"#) == [3, 1, 4, 2])
        #expect(try order(#"[{"property":"Score","direction":"descending"}]"#) == [4, 3, 1, 2])
        #expect(try order(#"[{"property":"Score","direction":"descending"},{"property":"Name","direction":"descending"}]"#) == [4, 3, 1, 2])
        #expect(try order(#"[{"property":"Score","direction":"ascending"},{"property":"Name","direction":"ascending"}]"#) == [1, 3, 4, 2])
        #expect(try order(#"[{"property":"kd","direction":"ascending"}]"#) == [3, 2, 1, 4])
        #expect(try order(#"[{"timestamp":"created_time","direction":"descending"}]"#) == [2, 1, 3, 4])
        #expect(try order("[]") == [3, 4, 1, 2])
        #expect(failureMessage { () throws(ValidationFailure) in try QuerySort(json: json(#"[{"property":"Score","direction":"up"}]"#), schema: schema) }
            == "body failed validation: body.sorts[0].direction should be `\"ascending\"` or `\"descending\"`, instead was `\"up\"`.")
    }
}
