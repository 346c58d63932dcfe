import Foundation
import Import
import NotionAPI
import NotionModel

/// A tiny writer for tests only (the real one is `BlockWriter`'s job): appends drafts under a
/// block with at most 100 blocks per request and children nested at most 2 levels per request;
/// deeper levels and overflow are appended to the created ids afterwards. Placeholders are
/// resolved by the caller's closures first.
struct TestBlockWriter {
    let client: NotionClient
    /// `local-page:<path>` → a page id (for `page_id`/`database_id`) or URL (for links), by key.
    var page: @Sendable (_ path: String, _ key: String) -> JSONValue
    /// `local-file:<path>` → a file object in request form.
    var file: @Sendable (_ path: String) async throws -> JSONValue
    /// Requests sent, for counting.
    var requests = 0

    static let perRequest = 100

    /// `child_page`/`child_database` drafts, which an append cannot create: the caller creates (or
    /// finds) the page under `parent` and returns its block id, which then anchors what follows.
    var childPage: @Sendable (_ draft: BlockDraft, _ parent: String) async throws -> String

    /// Appends `drafts` under `parent` (at the end, or after `after`); returns the first-level ids.
    @discardableResult
    /// `after` may be `"start"`: before the parent's existing children.
    mutating func write(_ drafts: [BlockDraft], under parent: String, after: String? = nil) async throws -> [String] {
        var ids: [String] = []
        var anchor = after
        var pending: [BlockDraft] = []
        for (index, draft) in drafts.enumerated() {
            let isPage = draft.type == "child_page" || draft.type == "child_database"
            if !isPage { pending.append(draft) }
            if !pending.isEmpty, isPage || pending.count == Self.perRequest || index == drafts.count - 1 {
                let created = try await append(pending, under: parent, after: anchor)
                ids += created
                anchor = created.last ?? anchor
                pending = []
            }
            if isPage {
                let id = try await childPage(draft, parent)
                ids.append(id)
                anchor = id
            }
        }
        return ids
    }

    mutating func append(_ chunk: [BlockDraft], under parent: String, after anchor: String?) async throws -> [String] {
        var children: [JSONValue] = []
        for draft in chunk { children.append(try await shallow(draft, levels: 2)) }
        var body: [String: JSONValue] = ["children": .array(children)]
        if anchor == "start" {
            body["position"] = ["type": "start"]
        } else if let anchor {
            body["position"] = ["type": "after_block", "after_block": ["id": .string(anchor)]]
        }
        let response = try await client.send(.blocksChildrenAppend, ["block_id": parent], body: .object(body))
        requests += 1
        let created = (response["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        for (draft, id) in zip(chunk, created) { try await finish(draft, id: id, sentLevels: 2) }
        return created
    }

    /// The request of `draft` with up to `levels` levels of (at most 100) children, placeholders resolved.
    func shallow(_ draft: BlockDraft, levels: Int) async throws -> JSONValue {
        var request = try await resolve(draft.request(nesting: 0), key: "")
        if levels > 0, !draft.children.isEmpty, case .object(var outer) = request, case .object(var inner)? = outer[draft.type] {
            var children: [JSONValue] = []
            for child in draft.children.prefix(Self.perRequest) { children.append(try await shallow(child, levels: levels - 1)) }
            inner["children"] = .array(children)
            outer[draft.type] = .object(inner)
            request = .object(outer)
        }
        return request
    }

    /// Appends what `shallow` could not send: children below the levels sent, and past the 100th.
    mutating func finish(_ draft: BlockDraft, id: String, sentLevels: Int) async throws {
        guard !draft.children.isEmpty else { return }
        guard sentLevels > 0 else {
            try await write(draft.children, under: id)
            return
        }
        let sent = Array(draft.children.prefix(Self.perRequest))
        if sent.contains(where: { !$0.children.isEmpty }) {
            let childIDs = try await children(of: id)
            for (child, childID) in zip(sent, childIDs) { try await finish(child, id: childID, sentLevels: sentLevels - 1) }
        }
        if draft.children.count > Self.perRequest {
            let created = try await children(of: id)
            try await write(Array(draft.children.dropFirst(Self.perRequest)), under: id, after: created.last)
        }
    }

    mutating func children(of id: String) async throws -> [String] {
        var ids: [String] = []
        var cursor: String?
        repeat {
            var query = [URLQueryItem(name: "page_size", value: "100")]
            if let cursor { query.append(URLQueryItem(name: "start_cursor", value: cursor)) }
            let page = try await client.send(.blocksChildrenList, ["block_id": id], query: query)
            requests += 1
            ids += (page["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            cursor = page["next_cursor"]?.stringValue
        } while cursor != nil
        return ids
    }

    func resolve(_ json: JSONValue, key: String) async throws -> JSONValue {
        switch json {
        case .string(let text) where text.hasPrefix("local-page:"):
            return page(String(text.dropFirst("local-page:".count)), key)
        case .object(let object):
            if object["type"] == "file_upload", let id = object["file_upload"]?["id"]?.stringValue, id.hasPrefix("local-file:") {
                var resolved = try await file(String(id.dropFirst("local-file:".count)))
                // Media keep their caption and name next to the file.
                if case .object(var fields) = resolved {
                    for (name, value) in object where name != "type" && name != "file_upload" { fields[name] = try await resolve(value, key: name) }
                    resolved = .object(fields)
                }
                return resolved
            }
            var out: [String: JSONValue] = [:]
            for (name, value) in object { out[name] = try await resolve(value, key: name) }
            return .object(out)
        case .array(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try await resolve(item, key: key)) }
            return .array(out)
        default:
            return json
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
