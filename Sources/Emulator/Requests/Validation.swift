import Foundation
import NotionModel

/// Builders for Notion's validation messages. Every failure reads
/// "body failed validation: <path> should be <expectation>, instead was `<value>`."
enum Validation {
    /// Compact JSON of a request value, truncated as Notion does for long values.
    static func render(_ value: JSONValue?) -> String {
        guard let value else { return "undefined" }
        let text = value.jsonString()
        if text.count > 40 { return String(text.prefix(40)) + "..." }
        return text
    }

    static func sentence(_ path: String, _ expectation: String, _ value: JSONValue?) -> String {
        "\(path) should be \(expectation), instead was `\(render(value))`."
    }

    static func failure(_ path: String, _ expectation: String, _ value: JSONValue?) -> ValidationFailure {
        ValidationFailure("body failed validation: " + sentence(path, expectation, value))
    }

    /// A union with no matching branch: one line per branch.
    static func unionFailure(_ sentences: [String]) -> ValidationFailure {
        ValidationFailure("body failed validation. Fix one:\n" + sentences.joined(separator: "\n"))
    }

    static func notPresent(_ path: String, _ value: JSONValue?) -> ValidationFailure {
        failure(path, "not present", value)
    }

    static func undefined(_ path: String) -> ValidationFailure {
        failure(path, "defined", nil)
    }

    static func tooLong(_ path: String, max: Int, was: Int) -> ValidationFailure {
        ValidationFailure("body failed validation: \(path).length should be ≤ `\(max)`, instead was `\(was)`.")
    }

    /// "should be `"a"`, `"b"`, or `"c"`"
    static func oneOf(_ values: [String]) -> String {
        let quoted = values.map { "`\"\($0)\"`" }
        if quoted.count <= 1 { return quoted.first ?? "" }
        if quoted.count == 2 { return quoted[0] + " or " + quoted[1] }
        return quoted.dropLast().joined(separator: ", ") + ", or " + quoted.last!
    }

    // MARK: Typed accessors

    static func object(_ value: JSONValue?, _ path: String) throws(ValidationFailure) -> [String: JSONValue] {
        guard let value else { throw undefined(path) }
        guard case .object(let object) = value else { throw failure(path, "an object", value) }
        return object
    }

    static func array(_ value: JSONValue?, _ path: String) throws(ValidationFailure) -> [JSONValue] {
        guard let value else { throw undefined(path) }
        guard case .array(let array) = value else { throw failure(path, "an array", value) }
        return array
    }

    static func string(_ value: JSONValue?, _ path: String) throws(ValidationFailure) -> String {
        guard let value else { throw undefined(path) }
        guard case .string(let string) = value else { throw failure(path, "a string", value) }
        return string
    }

    /// A string that Notion requires to be non-empty.
    static func nonEmptyString(_ value: JSONValue?, _ path: String) throws(ValidationFailure) -> String {
        let string = try self.string(value, path)
        if string.isEmpty { throw failure(path, "populated", value) }
        return string
    }

    static func bool(_ value: JSONValue?, _ path: String) throws(ValidationFailure) -> Bool {
        guard let value else { throw undefined(path) }
        guard case .bool(let bool) = value else { throw failure(path, "a boolean", value) }
        return bool
    }

    static func number(_ value: JSONValue?, _ path: String) throws(ValidationFailure) -> Double {
        guard let value else { throw undefined(path) }
        guard let number = value.doubleValue else { throw failure(path, "a number", value) }
        return number
    }

    static func uuid(_ value: JSONValue?, _ path: String) throws(ValidationFailure) -> NotionID {
        let string = try self.string(value, path)
        guard let id = NotionID(string) else { throw failure(path, "a valid uuid", value) }
        return id
    }

    static func enumValue(_ value: JSONValue?, _ path: String, _ allowed: [String]) throws(ValidationFailure) -> String {
        guard let value else { throw undefined(path) }
        guard case .string(let string) = value, allowed.contains(string) else {
            throw failure(path, oneOf(allowed), value)
        }
        return string
    }

    /// Rejects keys outside `allowed`, in sorted order so the first reported key is deterministic.
    static func onlyKeys(_ object: [String: JSONValue], _ allowed: Set<String>, _ path: String) throws(ValidationFailure) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw notPresent(path + "." + key, object[key])
        }
    }

    static func maxLength(_ string: String, _ max: Int, _ path: String) throws(ValidationFailure) {
        let count = string.utf16.count
        if count > max { throw tooLong(path, max: max, was: count) }
    }

    static func maxCount(_ array: [JSONValue], _ max: Int, _ path: String) throws(ValidationFailure) {
        if array.count > max { throw tooLong(path, max: max, was: array.count) }
    }

    /// A URL string: non-empty, ≤ 2000 UTF-16 units.
    static func url(_ value: JSONValue?, _ path: String) throws(ValidationFailure) -> String {
        let string = try nonEmptyString(value, path)
        try maxLength(string, Limits.url, path)
        return string
    }
}

/// Notion's request-side size limits (reference §4).
enum Limits {
    static let textContent = 2000
    static let linkURL = 2000
    static let equationExpression = 1000
    static let arrayElements = 100
    static let url = 2000
    static let email = 200
    static let phoneNumber = 200
    static let multiSelectOptions = 100
    static let relations = 100
    static let people = 100
    static let payloadBlocks = 1000
    static let payloadBytes = 500 * 1000
    static let commentAttachments = 3
    static let filenameBytes = 900
}

/// Checks that apply to the raw request body before it is parsed.
enum RequestBody {
    /// Throws the HTTP 413 failure when the body is over Notion's 500 KB limit.
    static func checkSize(_ byteCount: Int) throws(ValidationFailure) {
        if byteCount > Limits.payloadBytes {
            throw ValidationFailure("Request body too large.", status: 413, code: "validation_error")
        }
    }

    /// Parses a JSON body as an object; an empty body counts as `{}`. Throws `invalid_json` otherwise.
    static func parse(_ data: Data) throws(ValidationFailure) -> JSONValue {
        try checkSize(data.count)
        if data.isEmpty { return .object([:]) }
        guard let value = try? JSONValue(data: data) else {
            throw ValidationFailure("Error parsing JSON body.", code: "invalid_json")
        }
        guard case .object = value else {
            throw Validation.failure("body", "an object", value)
        }
        return value
    }
}
