import Foundation
import NotionModel
import Testing
import TestSupport

@Suite struct JSONParserTests {
    @Test func parsesEveryKind() throws {
        let value = try JSONValue(string: #" {"a": [1, -2, 1.5, 2e3, 0, -0.25, true, false, null, "x"], "b": {}, "c": []} "#)
        #expect(value == ["a": [1, -2, 1.5, 2000.0, 0, -0.25, true, false, nil, "x"], "b": [:], "c": []])
        #expect(value["a"]?[3] == .double(2000))
        #expect(value["a"]?[0] == .int(1))
    }

    @Test func integersBeyondIntBecomeDoubles() throws {
        #expect(try JSONValue(string: "123456789012345678901234567890") == .double(1.2345678901234568e29))
        #expect(try JSONValue(string: "9223372036854775807") == .int(Int.max))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue(string: #""q\"b\\s\/n\nt\tu\u00e9 \ud83d\ude00 \u65e5""#)
        #expect(value == .string("q\"b\\s/n\nt\tué 😀 日"))
        #expect(try JSONValue(string: #""plain ümlaut 🎉""#) == .string("plain ümlaut 🎉"))
    }

    @Test(arguments: [
        ("", "unexpected end of input at line 1, column 1"),
        ("{\"a\": 1,}", "expected a quoted key at line 1, column 9"),
        ("{\n  \"a\" 1}", "expected ':' after a key at line 2, column 7"),
        ("[1 2]", "expected ',' or ']' in an array at line 1, column 4"),
        ("[1, 2", "unexpected end of input in an array at line 1, column 6"),
        ("tru", "unexpected end of input at line 1, column 1"),
        ("nul!", "unexpected character '!' at line 1, column 4"),
        ("01", "unexpected data after the JSON value at line 1, column 2"),
        ("1.", "invalid number: no digits after '.' at line 1, column 3"),
        ("-", "invalid number at line 1, column 2"),
        ("\"a\\x\"", "invalid escape '\\x' at line 1, column 4"),
        ("\"\\ud800\"", "unpaired surrogate in a \\u escape at line 1, column 8"),
        ("\"tab\there\"", "unescaped control character in a string at line 1, column 5"),
        ("{} {}", "unexpected data after the JSON value at line 1, column 4"),
        ("'single'", "unexpected character ''' at line 1, column 1"),
    ])
    func malformedInputGivesWhereAndWhat(input: String, reason: String) {
        #expect(throws: JSONValue.ParseError(reason: reason)) { try JSONValue(string: input) }
    }

    @Test func invalidUTF8IsAnError() {
        let data = Data([0x22, 0x61, 0xFF, 0x62, 0x22])
        #expect(throws: JSONValue.ParseError(reason: "invalid UTF-8 in a string at line 1, column 6")) { try JSONValue(data: data) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValue.ParseError(reason: "nesting deeper than 512 levels at line 1, column 513")) { try JSONValue(string: deep) }
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect((try? JSONValue(string: fine)) != nil)
    }

    @Test func serializerOutputParsesBackToTheSameValue() throws {
        let value: JSONValue = ["text": "quote \" backslash \\ newline \n control \u{01} emoji 😀 slash /",
                                "numbers": [0, -1, 1.5, 1e-7, 123456789], "nested": ["a": [nil, true, [:], []]]]
        #expect(try JSONValue(data: value.data()) == value)
        #expect(try JSONValue(data: value.data(pretty: true)) == value)
        #expect(value.jsonString() == #"{"nested":{"a":[null,true,{},[]]},"numbers":[0,-1,1.5,1e-07,123456789],"text":"quote \" backslash \\ newline \n control \u0001 emoji 😀 slash /"}"#)
    }

    @Test func prettyOutputIsStable() {
        let value: JSONValue = ["b": [1, ["c": nil]], "a": [:]]
        #expect(value.jsonString(pretty: true) == """
        {
          "a": {},
          "b": [
            1,
            {
              "c": null
            }
          ]
        }
        """)
    }

    /// The parser agrees with Foundation on every recorded response body.
    @Test func agreesWithFoundationOnTheRecordedTraffic() throws {
        var checked = 0
        for cassette in try Cassette.all() {
            for interaction in cassette.interactions {
                let data = Data(interaction.responseBody.utf8)
                guard let foundation = try? JSONSerialization.jsonObject(with: data) else { continue }
                let ours = try JSONValue(data: data)
                let viaFoundation = try JSONValue(data: JSONSerialization.data(withJSONObject: foundation))
                #expect(ours == viaFoundation, "\(cassette.name)")
                checked += 1
            }
        }
        #expect(checked > 300)
    }
}
