import Foundation

/// Any JSON value. The raw form of every Notion object is kept as a `JSONValue`, because raw JSON
/// is the source of truth for backups and for objects this build does not know.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        // Decoding from a tree: the node is the value.
        if let tree = decoder as? TreeDecoder { self = tree.value; return }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        // The JSON kinds are disjoint for these decodes, so the order only affects speed: the most
        // common kinds first, because each failed probe throws (and Swift Testing records a
        // backtrace for every thrown error, which made large round-trip tests slow).
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([String: JSONValue].self) { self = .object(value); return }
        if let value = try? container.decode([JSONValue].self) { self = .array(value); return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        // Int before Double, so that 3 stays 3 and not 3.0.
        if let value = try? container.decode(Int.self) { self = .int(value); return }
        if let value = try? container.decode(Double.self) { self = .double(value); return }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// Parses JSON text. Throws `JSONValue.ParseError` naming what is wrong and where
    /// (line and column). See `JSONParser`.
    public init(data: Data) throws {
        self = try JSONParser.parse(data)
    }

    public init(string: String) throws {
        try self.init(data: Data(string.utf8))
    }

    /// A JSON text that fails to parse.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var reason: String
        public init(reason: String) { self.reason = reason }
        public var description: String { "invalid JSON: \(reason)" }
    }

    /// JSON text with sorted keys, unescaped slashes and non-ASCII kept as is: deterministic, so
    /// the same value always gives the same bytes. `pretty` indents by two spaces.
    public func data(pretty: Bool = false) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out, pretty: pretty, indent: 0)
        return Data(out)
    }

    public func jsonString(pretty: Bool = false) -> String {
        String(decoding: data(pretty: pretty), as: UTF8.self)
    }

    func write(into out: inout [UInt8], pretty: Bool, indent: Int) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: level * 2))
        }
        switch self {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let v): out.append(contentsOf: Array((v ? "true" : "false").utf8))
        case .int(let v): out.append(contentsOf: Array(String(v).utf8))
        case .double(let v): out.append(contentsOf: Array((v.isFinite ? String(v) : "null").utf8))
        case .string(let v): Self.writeString(v, into: &out)
        case .array(let values):
            guard !values.isEmpty else { out.append(contentsOf: [0x5B, 0x5D]); return }
            out.append(0x5B)
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(0x2C) }
                newline(indent + 1)
                value.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(indent)
            out.append(0x5D)
        case .object(let object):
            guard !object.isEmpty else { out.append(contentsOf: [0x7B, 0x7D]); return }
            out.append(0x7B)
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(0x2C) }
                newline(indent + 1)
                Self.writeString(key, into: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                object[key]!.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(indent)
            out.append(0x7D)
        }
    }

    static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(0x22)
        for byte in string.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    // MARK: Access

    public subscript(key: String) -> JSONValue? {
        get { if case .object(let object) = self { return object[key] } else { return nil } }
        set {
            guard case .object(var object) = self else { return }
            object[key] = newValue
            self = .object(object)
        }
    }

    public subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    public var stringValue: String? { if case .string(let v) = self { return v } else { return nil } }
    public var boolValue: Bool? { if case .bool(let v) = self { return v } else { return nil } }
    public var intValue: Int? {
        switch self {
        case .int(let v): return v
        case .double(let v) where v.rounded() == v && abs(v) < 1e15: return Int(v)
        default: return nil
        }
    }
    public var doubleValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        default: return nil
        }
    }
    public var arrayValue: [JSONValue]? { if case .array(let v) = self { return v } else { return nil } }
    public var objectValue: [String: JSONValue]? { if case .object(let v) = self { return v } else { return nil } }
    public var isNull: Bool { self == .null }

    /// A short, human-readable name of the value's JSON type ("object", "string", ...).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The same value with every object key whose value is `null` removed, recursively. Two values
    /// that agree after this are "equivalent": Notion sometimes omits a key and sometimes sends it
    /// as null, and typed models cannot tell the two apart.
    public var droppingNulls: JSONValue {
        switch self {
        case .array(let values): return .array(values.map(\.droppingNulls))
        case .object(let object):
            var result: [String: JSONValue] = [:]
            for (key, value) in object where value != .null { result[key] = value.droppingNulls }
            return .object(result)
        case .double(let v) where v.rounded() == v && abs(v) < 1e15: return .int(Int(v))
        default: return self
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// Converts any `Encodable` value to its JSON form.
    public init(encoding value: some Encodable) throws {
        let data = try JSONEncoder().encode(value)
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Decodes a typed value from this JSON.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONValueDecoder().decode(T.self, from: self)
    }
}

extension DecodingError {
    /// "at results[3].paragraph.rich_text: expected String, found number" — the coding path is the
    /// part a user needs to find the bad value.
    public var readableDescription: String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var out = ""
            for key in codingPath {
                if let index = key.intValue { out += "[\(index)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return out.isEmpty ? "top level" : out
        }
        switch self {
        case .typeMismatch(let type, let context):
            return "at \(path(context.codingPath)): expected \(type) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "at \(path(context.codingPath)): missing \(type) value"
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath + [key])): required key \"\(key.stringValue)\" is missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "at \(path(context.codingPath)): \(underlying ?? context.debugDescription)"
        @unknown default:
            return String(describing: self)
        }
    }
}
