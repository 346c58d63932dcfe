import Foundation
import NotionAPI
import NotionModel

// The pure request-side functions of the emulator: validation of request bodies with Notion's
// limits and message grammar, normalization of request shapes into stored (response) shapes, and
// query filter/sort evaluation. They know nothing about the store: what they need from it comes
// through `WorkspaceLookup`.

/// A complete 400 `validation_error` message in Notion's grammar, e.g.
/// "body failed validation: body.children.length should be ≤ `100`, instead was `101`."
struct ValidationFailure: Error, Hashable, Sendable {
    var message: String
    /// HTTP status to answer with: 400 for every validation error, 413 for an oversized body.
    var status: Int
    /// Notion error `code` to answer with.
    var code: String
    init(_ message: String, status: Int = 400, code: String = "validation_error") {
        self.message = message
        self.status = status
        self.code = code
    }
    /// True for the oversized-payload failure (HTTP 413).
    var isPayloadTooLarge: Bool { status == 413 }
}

/// What request normalization needs to know about the workspace.
protocol WorkspaceLookup: Sendable {
    /// Title of a page the integration can see (for a page mention's `plain_text`), nil otherwise.
    func pageTitle(_ id: NotionID) -> String?
    /// Title of a database the integration can see, nil otherwise.
    func databaseTitle(_ id: NotionID) -> String?
    /// A full user object, nil if unknown.
    func user(_ id: NotionID) -> JSONValue?
    /// A stored file upload usable for attachment (status `uploaded`), as `(filename, url path)`.
    func uploadedFile(_ id: NotionID) -> (filename: String, path: String)?
    /// A custom emoji of the workspace (`{"id", "name", "url"}`), nil if unknown: Notion fills a
    /// custom emoji's name and image from the workspace, whatever the request says.
    func customEmoji(_ id: NotionID) -> JSONValue?
}

extension WorkspaceLookup {
    func customEmoji(_ id: NotionID) -> JSONValue? { nil }
}

/// A block to create, already in stored/response shape (payload with full rich text objects), with
/// its nested children. Ids and timestamps are assigned by the store.
struct NewBlock: Hashable, Sendable {
    var type: String
    /// The type payload, e.g. `{"rich_text":[…full items…],"color":"default"}` for a paragraph.
    var payload: JSONValue
    var children: [NewBlock]
    init(type: String, payload: JSONValue, children: [NewBlock] = []) {
        self.type = type
        self.payload = payload
        self.children = children
    }
}

/// Where appended children go.
enum AppendPosition: Hashable, Sendable {
    case end
    case start
    case afterBlock(NotionID)
}
