/// A coding key made from any string. Notion puts an object's payload under a key named after its
/// `type` ("paragraph", "mention", "page_id", ...), so those keys are only known at run time.
struct AnyCodingKey: CodingKey, Hashable, Sendable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension AnyCodingKey: ExpressibleByStringLiteral {
    init(stringLiteral value: String) { stringValue = value }
}

extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// The JSON under `key`, or `.null` when the key is absent.
    func json(_ key: String) throws -> JSONValue {
        try decodeIfPresent(JSONValue.self, forKey: AnyCodingKey(key)) ?? .null
    }
}

extension KeyedEncodingContainer where Key == AnyCodingKey {
    /// Writes `value` under `key` unless it is `.null` (absent and null are equivalent in Notion JSON).
    mutating func encodeJSON(_ value: JSONValue, forKey key: String) throws {
        if value != .null { try encode(value, forKey: AnyCodingKey(key)) }
    }
}

/// Decodes a `type`-tagged object: reads `type`, then hands the payload key to `body`.
/// Used by every "type + payload under a key named after the type" union in the model.
func decodeTagged<T>(
    _ decoder: any Decoder, typeKey: String = "type",
    _ body: (String, KeyedDecodingContainer<AnyCodingKey>) throws -> T
) throws -> T {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    let type = try container.decode(String.self, forKey: AnyCodingKey(typeKey))
    return try body(type, container)
}

/// Payload of a type that carries no fields (`divider: {}`). Decodes any object, encodes `{}`.
struct EmptyObject: Codable, Hashable, Sendable {
    init() {}
    init(from decoder: any Decoder) throws { _ = try decoder.container(keyedBy: AnyCodingKey.self) }
    func encode(to encoder: any Encoder) throws { _ = encoder.container(keyedBy: AnyCodingKey.self) }
}
