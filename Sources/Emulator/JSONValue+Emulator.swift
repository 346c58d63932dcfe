import Foundation
import NotionModel

extension JSONValue {
    /// Plain text of a rich text array. Items in a workspace file may omit `plain_text`; their
    /// `text.content` stands in for it.
    var plainText: String {
        (arrayValue ?? []).compactMap { $0["plain_text"]?.stringValue ?? $0["text"]?["content"]?.stringValue }.joined()
    }

    /// The value as a Notion id, when it is a string holding a uuid.
    var idValue: NotionID? { stringValue.flatMap { NotionID($0) } }
}
