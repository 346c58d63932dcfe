import Foundation
import NotionModel
import Testing

@Suite struct JSONValueTests {
    /// Each JSON kind decodes to its own case (the probe order in `init(from:)` must not matter).
    @Test(arguments: [
        ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)), ("0", .int(0)), ("1", .int(1)),
        ("3", .int(3)), ("-7", .int(-7)), ("3.5", .double(3.5)), ("1e400", nil), ("\"true\"", .string("true")),
        ("\"3\"", .string("3")), ("[]", .array([])), ("{}", .object([:])), ("[1,\"a\",null,{\"b\":false}]", [1, "a", nil, ["b": false]]),
        ("9007199254740993", .int(9007199254740993)),
    ] as [(String, JSONValue?)])
    func kindsAreDisjoint(text: String, expected: JSONValue?) throws {
        guard let expected else {
            #expect(throws: JSONValue.ParseError.self) { try JSONValue(string: text) }
            return
        }
        #expect(try JSONValue(string: text) == expected)
        #expect(try JSONValue(string: "[\(text)]") == [expected])
    }
}
