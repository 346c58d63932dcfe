import Foundation

/// An error code in Notion's error body. A struct with static members, not an enum: Notion adds
/// codes, and an unknown one must still round-trip.
public struct NotionErrorCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let invalidJSON = NotionErrorCode(rawValue: "invalid_json")
    public static let invalidRequestURL = NotionErrorCode(rawValue: "invalid_request_url")
    public static let invalidRequest = NotionErrorCode(rawValue: "invalid_request")
    public static let invalidGrant = NotionErrorCode(rawValue: "invalid_grant")
    public static let validationError = NotionErrorCode(rawValue: "validation_error")
    public static let missingVersion = NotionErrorCode(rawValue: "missing_version")
    public static let unauthorized = NotionErrorCode(rawValue: "unauthorized")
    public static let restrictedResource = NotionErrorCode(rawValue: "restricted_resource")
    public static let objectNotFound = NotionErrorCode(rawValue: "object_not_found")
    public static let conflictError = NotionErrorCode(rawValue: "conflict_error")
    public static let rateLimited = NotionErrorCode(rawValue: "rate_limited")
    public static let internalServerError = NotionErrorCode(rawValue: "internal_server_error")
    public static let badGateway = NotionErrorCode(rawValue: "bad_gateway")
    public static let serviceUnavailable = NotionErrorCode(rawValue: "service_unavailable")
    public static let gatewayTimeout = NotionErrorCode(rawValue: "gateway_timeout")
    public static let serviceOverload = NotionErrorCode(rawValue: "service_overload")
}

/// What a failed request was about, so that errors can say "for page 8f1c…" and give the right
/// hint ("share the page with your integration").
public enum NotionSubject: Sendable, Hashable, CustomStringConvertible {
    case page(String)
    case block(String)
    case database(String)
    case dataSource(String)
    case user(String)
    case comment(String)
    case fileUpload(String)
    case workspace

    /// What a request is about, from its path parameters (`page_id` → page, …), so that errors
    /// name the object even when the caller did not say.
    public init?(parameters: [String: String]) {
        if let id = parameters["page_id"] { self = .page(id) }
        else if let id = parameters["block_id"] { self = .block(id) }
        else if let id = parameters["database_id"] { self = .database(id) }
        else if let id = parameters["data_source_id"] { self = .dataSource(id) }
        else if let id = parameters["user_id"] { self = .user(id) }
        else if let id = parameters["comment_id"] { self = .comment(id) }
        else if let id = parameters["file_upload_id"] { self = .fileUpload(id) }
        else { return nil }
    }

    public var description: String {
        switch self {
        case .page(let id): "page \(id)"
        case .block(let id): "block \(id)"
        case .database(let id): "database \(id)"
        case .dataSource(let id): "data source \(id)"
        case .user(let id): "user \(id)"
        case .comment(let id): "comment \(id)"
        case .fileUpload(let id): "file upload \(id)"
        case .workspace: "the workspace"
        }
    }
}

/// A request that failed for good: Notion's answer (or the lack of one), which request, about what,
/// and what to do. `description` is the sentence users see; it never contains the token.
public struct NotionError: Error, Sendable, Hashable, CustomStringConvertible {
    public indirect enum Reason: Sendable, Hashable {
        /// Notion answered with its JSON error body.
        case api(status: Int, code: NotionErrorCode, message: String, requestID: String?)
        /// A non-JSON error answer (a gateway's HTML page, an empty body).
        case http(status: Int, body: String)
        /// No answer: connection refused or dropped, timeout, DNS.
        case transport(String)
        /// A success status with a body that is not the JSON Notion sends.
        case malformedResponse(String)
        /// A write that failed in a way that may have applied it (5xx, dropped connection): not
        /// retried, because a retry could apply it twice.
        case unsafeToRetry(Reason)
        /// Retryable failures kept coming.
        case retriesExhausted(attempts: Int, last: Reason)
        /// The request cannot be sent as configured (e.g. a route missing in this Notion-Version).
        case configuration(String)
    }

    public var reason: Reason
    /// The request, e.g. `GET /v1/blocks/{block_id}/children`.
    public var request: String
    public var subject: NotionSubject?

    public init(reason: Reason, request: String, subject: NotionSubject? = nil) {
        self.reason = reason
        self.request = request
        self.subject = subject
    }

    /// The deepest Notion answer behind the error.
    public var underlying: Reason {
        switch reason {
        case .unsafeToRetry(let inner), .retriesExhausted(_, let inner): inner
        default: reason
        }
    }

    public var status: Int? {
        switch underlying {
        case .api(let status, _, _, _), .http(let status, _): status
        default: nil
        }
    }

    public var code: NotionErrorCode? {
        if case .api(_, let code, _, _) = underlying { return code }
        return nil
    }

    var target: String { subject.map { "\($0)" } ?? request }

    /// The request with the object it was about: `GET /v1/blocks/{block_id}/children (block 1f2e…)`.
    var requestAndSubject: String { subject.map { "\(request) (\($0))" } ?? request }

    public var description: String {
        switch reason {
        case .api(let status, let code, let message, _):
            return Self.sentence(status: status, code: code, message: message, target: target, request: request)
        case .http(let status, let body):
            let excerpt = body.isEmpty ? "an empty body" : "a non-JSON body (\(body.prefix(80).replacingOccurrences(of: "\n", with: " "))…)"
            return "Notion answered \(status) with \(excerpt) for \(request): a proxy or gateway failed; rerun later."
        case .transport(let detail):
            return "could not reach Notion for \(request): \(detail). Check the network and NOTION_API_BASE_URL."
        case .malformedResponse(let detail):
            return "Notion's answer to \(requestAndSubject) is not valid JSON: \(detail)."
        case .unsafeToRetry(let inner):
            let innerText = NotionError(reason: inner, request: request, subject: subject).description
            return "\(innerText.hasSuffix(".") ? String(innerText.dropLast()) : innerText); not retried, because the write may already have been applied: check \(target) before rerunning."
        case .retriesExhausted(let attempts, let last):
            let lastText = NotionError(reason: last, request: request, subject: subject).summary
            return "gave up on \(requestAndSubject) after \(attempts) attempts (last: \(lastText)): Notion is rate limiting or unavailable; rerun later or lower --concurrency."
        case .configuration(let detail):
            return "cannot send \(request): \(detail)"
        }
    }

    /// A short form: "503 service_unavailable" / "dropped connection".
    public var summary: String {
        switch underlying {
        case .api(let status, let code, _, _): "\(status) \(code)"
        case .http(let status, _): "\(status)"
        case .transport(let detail): detail
        case .malformedResponse: "malformed response"
        case .configuration(let detail): detail
        case .unsafeToRetry, .retriesExhausted: "error"
        }
    }

    /// What a 404 `object_not_found` means and what to do: Notion answers it alike for objects
    /// that do not exist and for objects not shared with the integration. Every "not shared"
    /// message ends with it (the CLI prefixes the flag or config key that named the id).
    public static let sharingHint = "it is not shared with the integration, or it does not exist: share it with your integration "
        + "(in Notion: its ••• menu → Connections → your integration; sharing a page also shares every page below it) and rerun. "
        + "`notion-export list` shows what the integration can reach."

    /// One switch, next to the codes, turns Notion's answers into what happened, where, and what
    /// to do.
    static func sentence(status: Int, code: NotionErrorCode, message: String, target: String, request: String) -> String {
        let prefix = "Notion returned \(status) \(code) for \(target)"
        switch code {
        case .unauthorized:
            return "\(prefix): the token is invalid: check NOTION_TOKEN or --token-file (copy the integration's secret again from notion.so/profile/integrations)."
        case .objectNotFound:
            return "\(prefix): \(Self.sharingHint)"
        case .restrictedResource:
            return "\(prefix): the integration lacks a capability this needs; enable it in the integration's settings (Capabilities: read content, update content, insert content, read user information)."
        case .missingVersion:
            return "\(prefix): \(message) Set NOTION_VERSION or --notion-version (e.g. 2025-09-03)."
        case .invalidRequestURL:
            let where_ = target == request ? prefix : "\(prefix) (\(request))"
            return "\(where_): \(message) This Notion-Version may not have the route (data sources need 2025-09-03 or later; database query needs 2022-06-28)."
        case .rateLimited:
            return "\(prefix): \(message)"
        default:
            return "\(prefix): \(message)"
        }
    }
}
