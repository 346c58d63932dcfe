@testable import Emulator
import Foundation
import NotionModel
import Testing

/// A tiny workspace for request normalization tests.
struct FakeLookup: WorkspaceLookup {
    static let pageID = NotionID("393abc1e-edcd-8170-aebf-cf1d14057b30")!
    static let hiddenPageID = NotionID("393abc1e-edcd-8170-aebf-cf1d14057b31")!
    static let databaseID = NotionID("3d0982b9-f958-41d0-8437-cf2e00981c7f")!
    static let userID = NotionID("7775f3a3-893f-43fa-b625-460c61094c78")!
    static let uploadID = NotionID("393abc1e-edcd-81cc-b617-00b2433488d0")!

    func pageTitle(_ id: NotionID) -> String? { id == Self.pageID ? "Project Plan" : nil }
    func databaseTitle(_ id: NotionID) -> String? { id == Self.databaseID ? "Tasks" : nil }
    func user(_ id: NotionID) -> JSONValue? {
        guard id == Self.userID else { return nil }
        return ["object": "user", "id": .string(id.rawValue), "name": "Ada", "avatar_url": nil, "type": "person",
                "person": ["email": "ada@example.com"]]
    }
    func uploadedFile(_ id: NotionID) -> (filename: String, path: String)? {
        id == Self.uploadID ? ("notes.txt", "/files/393abc1e-edcd-81cc-b617-00b2433488d0/notes.txt") : nil
    }
}

func json(_ text: String) -> JSONValue {
    do { return try JSONValue(string: text) } catch { Issue.record("bad JSON in test: \(error)"); return .null }
}

/// Runs `body` and returns the validation message it threw (nil when it did not throw).
func failureMessage<T>(_ body: () throws(ValidationFailure) -> T) -> String? {
    do { _ = try body(); return nil } catch { return error.message }
}

/// A rich text item in full response shape.
func textItem(_ content: String, link: String? = nil, bold: Bool = false, color: String = "default") -> JSONValue {
    [
        "type": "text", "text": ["content": .string(content), "link": link.map { ["url": .string($0)] } ?? .null],
        "annotations": ["bold": .bool(bold), "italic": false, "strikethrough": false, "underline": false, "code": false,
                        "color": .string(color)],
        "plain_text": .string(content), "href": link.map { .string($0) } ?? .null,
    ]
}

func paragraphRequest(_ content: String) -> JSONValue {
    ["paragraph": ["rich_text": [["text": ["content": .string(content)]]]]]
}
