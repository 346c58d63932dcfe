import Foundation

/// A Notion object id (a UUID). Dashed and undashed forms, upper or lower case, and Notion URLs that
/// end in an id are all normalized here, in one place, to the lowercase dashed form the API returns.
public struct NotionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Lowercase, dashed: `393abc1e-edcd-81c3-a7e3-f719e1e1ec4b`.
    public let rawValue: String

    /// Accepts exactly a UUID, dashed (8-4-4-4-12) or as 32 hex digits, in either case; leading
    /// and trailing spaces are ignored. Works on UTF-8 bytes: ids are parsed on every request the
    /// emulator answers and every object the exporter reads.
    public init?(_ string: String) {
        var text = string
        guard let parsed = text.withUTF8({ Self.canonical($0) }) else { return nil }
        rawValue = parsed.isCanonicalAlready ? string : String(decoding: parsed.bytes, as: UTF8.self)
    }

    /// Validates and lowercases/dashes the bytes; reports whether the input was already canonical
    /// so the common case allocates nothing (`bytes` is then empty).
    static func canonical(_ input: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], isCanonicalAlready: Bool)? {
        if isCanonical(input) { return ([], true) }
        var start = 0, end = input.count
        while start < end, input[start] == 0x20 { start += 1 }
        while end > start, input[end - 1] == 0x20 { end -= 1 }
        let count = end - start
        guard count == 36 || count == 32 else { return nil }
        let dashed = count == 36
        var out = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var canonicalAlready = dashed && start == 0 && end == input.count
        var o = 0
        for i in start..<end {
            let byte = input[i]
            if dashed, i - start == 8 || i - start == 13 || i - start == 18 || i - start == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            if o == 8 || o == 13 || o == 18 || o == 23 { o += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): out[o] = byte
            case UInt8(ascii: "A")...UInt8(ascii: "F"): out[o] = byte + 32; canonicalAlready = false
            default: return nil
            }
            o += 1
        }
        return (out, canonicalAlready)
    }

    /// Exactly the lowercase dashed form, checked without building a copy.
    static func isCanonical(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard input.count == 36 else { return false }
        for (i, byte) in input.enumerated() {
            switch i {
            case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return false }
            default:
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                else { return false }
            }
        }
        return true
    }

    /// Accepts an id, or any Notion URL form that carries one: `notion.so/Title-<id>`,
    /// `workspace.notion.site/<id>?pvs=4`, `app.notion.com/p/<slug>-<id>`, `notion.so/<db>?v=<view>`,
    /// and `#<block id>` anchors (the anchor is not the page id; see `NotionLink`).
    public init?(parsing string: String) {
        if let id = NotionID(string) { self = id; return }
        var text = Substring(string.trimmingCharacters(in: .whitespacesAndNewlines))
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        if let query = text.firstIndex(of: "?") { text = text[..<query] }
        while text.hasSuffix("/") { text = text.dropLast() }
        let lastComponent = text.split(separator: "/").last ?? text
        // The id is the trailing 32 hex digits (undashed) or a trailing dashed UUID.
        if lastComponent.count >= 36, let id = NotionID(String(lastComponent.suffix(36))) { self = id; return }
        guard lastComponent.count >= 32 else { return nil }
        let tail = lastComponent.suffix(32)
        if lastComponent.count > 32 {
            let before = lastComponent[lastComponent.index(lastComponent.endIndex, offsetBy: -33)]
            guard !before.isHexDigit else { return nil }
        }
        guard let id = NotionID(String(tail)) else { return nil }
        self = id
    }

    /// What `init(parsing:)` takes, for error messages.
    public static let expectedForms =
        "give an id (32 hex digits, with or without dashes, any case) or a Notion URL ending in one "
        + "(https://www.notion.so/Title-<id>, https://www.notion.so/<workspace>/<id>?v=…, https://<name>.notion.site/<id>, "
        + "https://app.notion.com/p/<id>)"

    /// 32 hex digits without dashes, as in notion.so URLs.
    public var compact: String { rawValue.replacingOccurrences(of: "-", with: "") }

    public var description: String { rawValue }

    public static func < (lhs: NotionID, rhs: NotionID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The RFC 4122 variant check Notion applies to ids in paths: the nil UUID passes, and so does
    /// any id whose variant nibble is 8, 9, a or b.
    public var hasValidVariant: Bool {
        if rawValue == "00000000-0000-0000-0000-000000000000" { return true }
        let variant = rawValue[rawValue.index(rawValue.startIndex, offsetBy: 19)]
        return "89ab".contains(variant)
    }
}

extension NotionID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let id = NotionID(string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a Notion id: \(string)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Typed ids: a page id cannot be passed where a database id is expected. They share `NotionID`'s
/// normalization.
public protocol TypedNotionID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    var id: NotionID { get }
    init(_ id: NotionID)
}

extension TypedNotionID {
    public init?(_ string: String) {
        guard let id = NotionID(string) else { return nil }
        self.init(id)
    }
    public init?(parsing string: String) {
        guard let id = NotionID(parsing: string) else { return nil }
        self.init(id)
    }
    public var rawValue: String { id.rawValue }
    public var description: String { id.rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.id < rhs.id }
    public init(from decoder: any Decoder) throws { self.init(try NotionID(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try id.encode(to: encoder) }
}

public struct PageID: TypedNotionID { public let id: NotionID; public init(_ id: NotionID) { self.id = id } }
public struct BlockID: TypedNotionID { public let id: NotionID; public init(_ id: NotionID) { self.id = id } }
public struct DatabaseID: TypedNotionID { public let id: NotionID; public init(_ id: NotionID) { self.id = id } }
public struct DataSourceID: TypedNotionID { public let id: NotionID; public init(_ id: NotionID) { self.id = id } }
public struct UserID: TypedNotionID { public let id: NotionID; public init(_ id: NotionID) { self.id = id } }
