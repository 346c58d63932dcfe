import Foundation
import NotionAPI
import NotionModel

/// A Notion API error: status, code, message and optional `additional_data`.
struct NotionAPIError: Error, Hashable, Sendable {
    var status: Int
    var code: String
    var message: String
    var additionalData: JSONValue?
    /// A body in another shape than Notion's error object (OAuth's `{"error": …}`).
    var body: JSONValue?

    init(status: Int, code: String, message: String, additionalData: JSONValue? = nil, body: JSONValue? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.additionalData = additionalData
        self.body = body
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
        if let body { return .notionJSON(status: status, body: body, requestID: requestID, headers: headers) }
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
