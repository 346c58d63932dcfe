/// An error response: `{"object":"error","status","code","message"[,"additional_data"],"request_id"}`.
public struct NotionErrorBody: Hashable, Sendable, Codable, Error, CustomStringConvertible {
    public var object: String
    public var status: Int
    /// `object_not_found`, `validation_error`, `rate_limited`, …
    public var code: String
    public var message: String
    /// e.g. `{"integration_id": …}` on 404s, `{"rate_limit_reason": …}` on 429s; kept as JSON.
    public var additionalData: JSONValue?
    public var requestID: String?

    public init(status: Int, code: String, message: String, additionalData: JSONValue? = nil, requestID: String? = nil) {
        self.object = "error"
        self.status = status
        self.code = code
        self.message = message
        self.additionalData = additionalData
        self.requestID = requestID
    }

    public var description: String { "\(status) \(code): \(message)" }

    enum CodingKeys: String, CodingKey {
        case object, status, code, message
        case additionalData = "additional_data"
        case requestID = "request_id"
    }
}
