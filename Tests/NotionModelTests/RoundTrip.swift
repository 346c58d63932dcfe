import Foundation
import NotionModel
import Testing

/// Decodes `json` as `T` (from the JSON text, as the API client will) and checks that encoding the
/// result gives equivalent JSON: equal after `droppingNulls` (null and absent keys are alike).
@discardableResult
func roundTrip<T: Codable>(
    _ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
) throws -> T {
    let original = try JSONValue(string: json)
    let value: T
    do {
        value = try JSONDecoder().decode(T.self, from: Data(json.utf8))
    } catch let error as DecodingError {
        Issue.record("decoding \(T.self) failed \(error.readableDescription)", sourceLocation: sourceLocation)
        throw error
    }
    let encoded = try JSONValue(encoding: value)
    let difference = jsonDifference(encoded.droppingNulls, original.droppingNulls)
    #expect(difference == nil, "\(T.self) round trip: \(difference ?? "")", sourceLocation: sourceLocation)
    return value
}

/// The first place where two JSON values differ, as a readable path, or nil when they are equal.
func jsonDifference(_ encoded: JSONValue, _ original: JSONValue, path: String = "$") -> String? {
    switch (encoded, original) {
    case (.object(let a), .object(let b)):
        for key in Set(a.keys).union(b.keys).sorted() {
            guard let x = a[key] else { return "\(path).\(key): missing after encoding (was \(b[key]!.jsonString()))" }
            guard let y = b[key] else { return "\(path).\(key): added by encoding (\(x.jsonString()))" }
            if let difference = jsonDifference(x, y, path: "\(path).\(key)") { return difference }
        }
        return nil
    case (.array(let a), .array(let b)):
        guard a.count == b.count else { return "\(path): \(a.count) items after encoding, \(b.count) before" }
        for (index, (x, y)) in zip(a, b).enumerated() {
            if let difference = jsonDifference(x, y, path: "\(path)[\(index)]") { return difference }
        }
        return nil
    default:
        return encoded == original ? nil : "\(path): \(encoded.jsonString()) after encoding, \(original.jsonString()) before"
    }
}

/// Common test data.
enum Sample {
    static let userID = "7775f3a3-893f-43fa-b625-460c61094c78"
    static let pageID = "393abc1e-edcd-81d5-beec-e345d8013f05"
    static let blockID = "393abc1e-edcd-8181-b2fd-dd37c96a3532"
    static let databaseID = "3e631832-5efa-4702-8171-8b8a0e6651ba"
    static let dataSourceID = "393abc1e-edcd-8179-9372-000bd163e729"
    static let partialUser = #"{"object":"user","id":"\#(userID)"}"#

    static func text(_ content: String) -> String {
        #"{"type":"text","text":{"content":"\#(content)","link":null},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"\#(content)","href":null}"#
    }

    /// A full block object around `"type": t, t: payload`.
    static func block(_ type: String, _ payload: String, hasChildren: Bool = false) -> String {
        #"{"object":"block","id":"\#(blockID)","parent":{"type":"page_id","page_id":"\#(pageID)"},"created_time":"2026-07-04T09:08:00.000Z","last_edited_time":"2026-07-04T09:08:00.000Z","created_by":\#(partialUser),"last_edited_by":\#(partialUser),"has_children":\#(hasChildren),"in_trash":false,"type":"\#(type)","\#(type)":\#(payload),"archived":false,"request_id":"92d6f9db-a2d4-4fb7-a841-13a98ece10f3"}"#
    }

    /// A page property value `{"id","type": t, t: payload}`.
    static func property(_ type: String, _ payload: String, extra: String = "") -> String {
        #"{"id":"x%40zJ","type":"\#(type)","\#(type)":\#(payload)\#(extra)}"#
    }

    static func id(_ string: String) -> NotionID { NotionID(string)! }
}
