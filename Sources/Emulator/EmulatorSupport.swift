import Foundation
import NotionAPI
import NotionModel

// Small shared pieces of the emulator: deterministic ids, Notion's timestamp formats, error bodies.

/// Deterministic UUID-shaped ids: a workspace prefix (like Notion's shared 8-hex prefix), version
/// nibble 8 and an RFC 4122 variant nibble (8…b). Object kinds carry Notion's markers in the last
/// group (`000b…` data sources, `001d…` comments, `001c…` discussions, `00b2…` file uploads).
struct IDGenerator: Sendable, Hashable {
    enum Kind: Sendable { case block, page, database, dataSource, comment, discussion, fileUpload, request }

    let seed: UInt64
    private(set) var counter: UInt64 = 0

    init(seed: UInt64) { self.seed = seed }

    mutating func next(_ kind: Kind) -> NotionID {
        counter += 1
        var random = SplitMix64(seed: seed &+ counter &* 0x9E37_79B9_7F4A_7C15)
        let a = random.next(), b = random.next()
        let prefix = SplitMix64.mix(seed)
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let s = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s.suffix(digits)
        }
        let variant = "89ab"[ "89ab".index("89ab".startIndex, offsetBy: Int(b % 4)) ]
        let marker: String? = switch kind {
        case .dataSource: "000b"
        case .comment: "001d"
        case .discussion: "001c"
        case .fileUpload: "00b2"
        default: nil
        }
        let tail = (marker ?? hex(b >> 40, 4)) + hex(a & 0xFFFF_FFFF, 8)
        let text: String
        if kind == .request {
            // Request ids look like random v4 uuids, as Notion's do.
            text = hex(a >> 32, 8) + "-" + hex(a >> 16, 4) + "-4" + hex(b, 3) + "-" + String(variant) + hex(b >> 12, 3) + "-" + hex(b >> 24, 12)
        } else {
            text = hex(prefix >> 32, 8) + "-" + hex(prefix >> 16, 4) + "-8" + hex(b, 3) + "-" + String(variant) + hex(b >> 12, 3) + "-" + tail
        }
        return NotionID(text)!
    }

}

/// Notion's timestamp formats.
enum NotionTime {
    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// `2026-07-04T09:08:00.000Z` — pages, blocks, data sources, comments, uploads.
    static func minute(_ date: Date) -> String {
        let c = components(date)
        return "\(pad(c.year!, 4))-\(pad(c.month!))-\(pad(c.day!))T\(pad(c.hour!)):\(pad(c.minute!)):00.000Z"
    }

    /// `2026-07-04T09:08:53.017+00:00` — database containers.
    static func millisecond(_ date: Date) -> String {
        let c = components(date)
        let ms = min(999, (c.nanosecond ?? 0) / 1_000_000)
        return "\(pad(c.year!, 4))-\(pad(c.month!))-\(pad(c.day!))T\(pad(c.hour!)):\(pad(c.minute!)):\(pad(c.second!)).\(pad(ms, 3))+00:00"
    }

    /// `20260704T090800Z` — S3's X-Amz-Date.
    static func amz(_ date: Date) -> String {
        let c = components(date)
        return "\(pad(c.year!, 4))\(pad(c.month!))\(pad(c.day!))T\(pad(c.hour!))\(pad(c.minute!))\(pad(c.second!))Z"
    }

    /// Seconds-precision ISO with `Z`, as S3 writes in error bodies.
    static func isoSeconds(_ date: Date) -> String {
        let c = components(date)
        return "\(pad(c.year!, 4))-\(pad(c.month!))-\(pad(c.day!))T\(pad(c.hour!)):\(pad(c.minute!)):\(pad(c.second!))Z"
    }

    static func parseAmz(_ text: String) -> Date? {
        let chars = Array(text)
        guard chars.count == 16, chars[8] == "T", chars[15] == "Z",
              let y = Int(String(chars[0..<4])), let mo = Int(String(chars[4..<6])), let d = Int(String(chars[6..<8])),
              let h = Int(String(chars[9..<11])), let mi = Int(String(chars[11..<13])), let s = Int(String(chars[13..<15]))
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))
    }
}

/// A Notion API error: status, code, message and optional `additional_data`.
struct NotionAPIError: Error, Hashable, Sendable {
    var status: Int
    var code: String
    var message: String
    var additionalData: JSONValue?

    init(status: Int, code: String, message: String, additionalData: JSONValue? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.additionalData = additionalData
    }

    static func validation(_ message: String, additionalData: JSONValue? = nil) -> NotionAPIError {
        NotionAPIError(status: 400, code: "validation_error", message: message, additionalData: additionalData)
    }

    static let invalidRequestURL = NotionAPIError(status: 400, code: "invalid_request_url", message: "Invalid request URL.")
    static let invalidJSON = NotionAPIError(status: 400, code: "invalid_json", message: "Error parsing JSON body.")
    static let unauthorized = NotionAPIError(status: 401, code: "unauthorized", message: "API token is invalid.")
    static let missingVersion = NotionAPIError(
        status: 400, code: "missing_version",
        message: "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.")
    static let archivedBlock = NotionAPIError.validation(
        "Can't edit block that is archived. You must unarchive the block before editing.")

    static let internalServerError = NotionAPIError(status: 500, code: "internal_server_error", message: "Unexpected error occurred.")
    static let rateLimited = NotionAPIError(
        status: 429, code: "rate_limited", message: "You have been rate limited. Please try again in a few minutes.")

    static func invalidCursor(_ cursor: String) -> NotionAPIError {
        .validation("The start_cursor provided is invalid: \(cursor)")
    }

    /// Notion's JSON error response: the error body with its request id, which the
    /// `x-notion-request-id` header repeats.
    func response(requestID: String, headers: [String: String] = [:]) -> HTTPResponse {
        var body: JSONValue = ["object": "error", "status": .int(status), "code": .string(code), "message": .string(message)]
        if let additionalData { body["additional_data"] = additionalData }
        body["request_id"] = .string(requestID)
        return .notionJSON(status: status, body: body, requestID: requestID, headers: headers)
    }
}

extension HTTPResponse {
    /// A JSON response as Notion sends it, success or error: the request id in a header.
    static func notionJSON(status: Int, body: JSONValue, requestID: String, headers: [String: String] = [:]) -> HTTPResponse {
        var allHeaders = ["Content-Type": "application/json; charset=utf-8", "x-notion-request-id": requestID]
        allHeaders.merge(headers) { _, new in new }
        return HTTPResponse(status: status, headers: allHeaders, body: body.data())
    }
}

extension JSONValue {
    /// Plain text of a rich text array. Items in a workspace file may omit `plain_text`; their
    /// `text.content` stands in for it.
    var plainText: String {
        (arrayValue ?? []).compactMap { $0["plain_text"]?.stringValue ?? $0["text"]?["content"]?.stringValue }.joined()
    }
}

extension JSONValue {
    /// The value as a Notion id, when it is a string holding a uuid.
    var idValue: NotionID? { stringValue.flatMap { NotionID($0) } }
}
