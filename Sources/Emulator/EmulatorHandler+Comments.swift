import Foundation
import NotionAPI
import NotionModel

extension EmulatorHandler {
    func listComments(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        guard let raw = c.first("block_id") else {
            throw NotionAPIError.validation("query failed validation: query.block_id should be defined, instead was `undefined`.")
        }
        guard let id = NotionID(raw) else {
            throw NotionAPIError.validation("query failed validation: query.block_id should be a valid uuid, instead was `\"\(raw)\"`.")
        }
        guard s.blockVisible(id) else { throw Self.notFound("block", id.rawValue, c) }
        let comments = s.content.commentOrder.filter { cid in
            let parent = s.content.comments[cid]?["parent"]
            return parent?["page_id"]?.idValue == id || parent?["block_id"]?.idValue == id
        }
        let page = try Self.page(comments, id: \.rawValue, cursor: Self.startCursor(c, inBody: false), size: Self.pageSize(c, inBody: false))
        return Self.list(page.items.map { s.renderComment($0, c.shaping) }, next: page.next, type: "comment")
    }

    func createComment(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let lookup = StateLookup(state: s, now: c.now)
        let request = try CommentRequests.create(body: c.body, version: c.version, lookup: lookup)
        var parent: JSONValue
        var discussion: String
        switch request.target {
        case .discussion(let did):
            guard let first = s.content.comments.values.first(where: { $0["discussion_id"]?.idValue == did }) else {
                throw Self.notFound("discussion", did.rawValue, c)
            }
            parent = first["parent"] ?? .null
            discussion = did.rawValue
        case .page(let pid):
            guard s.pageVisible(pid) else { throw Self.notFound("page", pid.rawValue, c) }
            parent = ["type": "page_id", "page_id": .string(pid.rawValue)]
            discussion = s.ids.next(.discussion).rawValue
        case .block(let bid):
            guard s.blockVisible(bid) else { throw Self.notFound("block", bid.rawValue, c) }
            parent = ["type": "block_id", "block_id": .string(bid.rawValue)]
            discussion = s.ids.next(.discussion).rawValue
        case nil:
            throw NotionAPIError.validation("body failed validation: body.parent should be defined, instead was `undefined`.")
        }
        let id = s.ids.next(.comment)
        let now = JSONValue.string(NotionTime.minute(c.now))
        var comment: JSONValue = [
            "object": "comment", "id": .string(id.rawValue), "parent": parent, "discussion_id": .string(discussion),
            "created_time": now, "last_edited_time": now, "created_by": author(s), "rich_text": commentText(request),
            "display_name": displayName(request.displayName, s),
        ]
        if c.body["attachments"] != nil {
            comment["attachments"] = .array(request.attachments.compactMap { uid in
                guard let file = lookup.uploadedFile(uid) else { return nil }
                let mime = MIMEType.forPath(file.filename)
                let category = mime.hasPrefix("image/") ? "image" : mime.hasPrefix("audio/") ? "audio"
                    : mime.hasPrefix("video/") ? "video" : mime == "application/pdf" ? "pdf" : "productivity"
                return ["category": .string(category), "file": ["url": .string(file.path)]]
            })
            attach(request.attachments, &s)
        }
        s.content.comments[id] = comment
        s.content.commentOrder.append(id)
        return s.renderComment(id, c.shaping)
    }

    /// The stored rich text of a comment write. `markdown` bodies are kept as plain text (the emulator
    /// does not parse Notion-flavoured Markdown).
    func commentText(_ request: CommentWrite) -> JSONValue {
        request.richText ?? RichTextRequests.fromPlainText(request.markdown ?? "")
    }

    /// `display_name` of a new comment: `{"type","resolved_name"}`; the integration's name by default.
    func displayName(_ requested: JSONValue?, _ s: WorkspaceState) -> JSONValue {
        switch requested?["type"]?.stringValue {
        case "custom":
            return ["type": "custom", "resolved_name": requested?["custom"]?["name"] ?? .null]
        case "user":
            return ["type": "user", "resolved_name": s.content.users.first?["name"] ?? .string(s.content.integrationName)]
        default:
            return ["type": "integration", "resolved_name": .string(s.content.integrationName)]
        }
    }

    func commentByID(_ endpoint: Endpoint, _ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "comment_id")
        guard s.content.comments[id] != nil else { throw Self.notFound("comment", id.rawValue, c) }
        switch endpoint {
        case .commentsUpdate:
            let request = try CommentRequests.update(body: c.body, version: c.version, lookup: StateLookup(state: s, now: c.now))
            s.content.comments[id]!["rich_text"] = commentText(request)
            s.content.comments[id]!["last_edited_time"] = .string(NotionTime.minute(c.now))
            return s.renderComment(id, c.shaping)
        case .commentsDelete:
            let out = s.renderComment(id, c.shaping)
            s.content.comments[id] = nil
            s.content.commentOrder.removeAll { $0 == id }
            return out
        default:
            return s.renderComment(id, c.shaping)
        }
    }
}
