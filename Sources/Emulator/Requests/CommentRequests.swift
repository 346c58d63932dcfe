import Foundation
import NotionAPI
import NotionModel

/// Where a new comment goes.
enum CommentTarget: Hashable, Sendable {
    case page(NotionID)
    case block(NotionID)
    case discussion(NotionID)
}

/// A validated `POST /v1/comments` or `PATCH /v1/comments/{id}`.
struct CommentWrite: Hashable, Sendable {
    /// Nil for updates.
    var target: CommentTarget?
    /// Normalized rich text; nil when the request used `markdown`.
    var richText: JSONValue?
    var markdown: String?
    /// Upload ids from `attachments` (≤ 3).
    var attachments: [NotionID]
    /// `{"type":"integration"|"user"|"custom", "custom"?: {"name"}}`, nil when not given.
    var displayName: JSONValue?
}

enum CommentRequests {
    static func create(body: JSONValue, version: NotionVersion, lookup: any WorkspaceLookup) throws(ValidationFailure) -> CommentWrite {
        let object = try Validation.object(body, "body")
        try Validation.onlyKeys(object, ["parent", "discussion_id", "rich_text", "markdown", "attachments", "display_name"], "body")
        let target: CommentTarget
        if let parent = object["parent"] {
            if let discussion = object["discussion_id"] { throw Validation.notPresent("body.discussion_id", discussion) }
            let parentObject = try Validation.object(parent, "body.parent")
            let kind = try FileNormalizer.unionKind(parentObject, kinds: ["page_id", "block_id"], path: "body.parent")
            try Validation.onlyKeys(parentObject, ["type", kind], "body.parent")
            let id = try Validation.uuid(parentObject[kind], "body.parent.\(kind)")
            target = kind == "page_id" ? .page(id) : .block(id)
        } else if let discussion = object["discussion_id"] {
            target = .discussion(try Validation.uuid(discussion, "body.discussion_id"))
        } else {
            throw Validation.unionFailure([
                Validation.sentence("body.parent", "defined", nil), Validation.sentence("body.discussion_id", "defined", nil),
            ])
        }
        var write = try content(object, lookup: lookup)
        write.target = target
        if let raw = object["attachments"] {
            let items = try Validation.array(raw, "body.attachments")
            try Validation.maxCount(items, Limits.commentAttachments, "body.attachments")
            var files = FileNormalizer(lookup: lookup)
            for (index, item) in items.enumerated() {
                let path = "body.attachments[\(index)]"
                let attachment = try Validation.object(item, path)
                try Validation.onlyKeys(attachment, ["file_upload_id", "type"], path)
                _ = try files.resolveUpload(["id": attachment["file_upload_id"] ?? .null], path: path)
            }
            write.attachments = files.attachedUploads
        }
        if let raw = object["display_name"] {
            let display = try Validation.object(raw, "body.display_name")
            let type = try Validation.enumValue(display["type"], "body.display_name.type", ["integration", "user", "custom"])
            try Validation.onlyKeys(display, type == "custom" ? ["type", "custom"] : ["type"], "body.display_name")
            var out: JSONValue = ["type": .string(type)]
            if type == "custom" {
                let custom = try Validation.object(display["custom"], "body.display_name.custom")
                try Validation.onlyKeys(custom, ["name"], "body.display_name.custom")
                out["custom"] = ["name": .string(try Validation.nonEmptyString(custom["name"], "body.display_name.custom.name"))]
            }
            write.displayName = out
        }
        return write
    }

    static func update(body: JSONValue, version: NotionVersion, lookup: any WorkspaceLookup) throws(ValidationFailure) -> CommentWrite {
        let object = try Validation.object(body, "body")
        try Validation.onlyKeys(object, ["rich_text", "markdown"], "body")
        return try content(object, lookup: lookup)
    }

    static func content(_ object: [String: JSONValue], lookup: any WorkspaceLookup) throws(ValidationFailure) -> CommentWrite {
        var write = CommentWrite(target: nil, richText: nil, markdown: nil, attachments: [], displayName: nil)
        if let richText = object["rich_text"] {
            if let markdown = object["markdown"] { throw Validation.notPresent("body.markdown", markdown) }
            write.richText = try RichTextRequests.normalize(richText, path: "body.rich_text", lookup: lookup)
        } else if let markdown = object["markdown"] {
            write.markdown = try Validation.nonEmptyString(markdown, "body.markdown")
        } else {
            throw Validation.unionFailure([
                Validation.sentence("body.rich_text", "defined", nil), Validation.sentence("body.markdown", "defined", nil),
            ])
        }
        return write
    }
}

/// A validated `POST /v1/file_uploads`.
struct FileUploadCreate: Hashable, Sendable {
    var mode: String
    var filename: String?
    var contentType: String?
    var numberOfParts: Int?
    var externalURL: String?
}

enum FileUploadRequests {
    static func create(body: JSONValue, version: NotionVersion) throws(ValidationFailure) -> FileUploadCreate {
        let object = try Validation.object(body, "body")
        try Validation.onlyKeys(object, ["mode", "filename", "content_type", "number_of_parts", "external_url"], "body")
        let mode = try object["mode"].map { (m) throws(ValidationFailure) in
            try Validation.enumValue(m, "body.mode", ["single_part", "multi_part", "external_url"]) } ?? "single_part"
        var filename: String?
        if let raw = object["filename"] {
            let name = try Validation.nonEmptyString(raw, "body.filename")
            if name.utf8.count > Limits.filenameBytes {
                throw Validation.failure("body.filename.length", "≤ `\(Limits.filenameBytes)`", .int(name.utf8.count))
            }
            filename = name
        }
        let contentType = try object["content_type"].map { (c) throws(ValidationFailure) in try Validation.nonEmptyString(c, "body.content_type") }
        var parts: Int?
        if let raw = object["number_of_parts"] {
            let number = try Validation.number(raw, "body.number_of_parts")
            guard number >= 1, number <= 1000, number.rounded() == number else {
                throw Validation.failure("body.number_of_parts", "≥ `1`", raw)
            }
            parts = Int(number)
        }
        var external: String?
        if let raw = object["external_url"] { external = try Validation.url(raw, "body.external_url") }
        switch mode {
        case "multi_part":
            if parts == nil { throw Validation.undefined("body.number_of_parts") }
            if filename == nil { throw Validation.undefined("body.filename") }
        case "external_url":
            guard let external else { throw Validation.undefined("body.external_url") }
            if !external.hasPrefix("https://") { throw Validation.failure("body.external_url", "an https URL", raw(object["external_url"])) }
            if filename == nil { throw Validation.undefined("body.filename") }
        default:
            if let value = object["number_of_parts"] { throw Validation.notPresent("body.number_of_parts", value) }
            if let value = object["external_url"] { throw Validation.notPresent("body.external_url", value) }
        }
        return FileUploadCreate(mode: mode, filename: filename, contentType: contentType, numberOfParts: parts, externalURL: external)
    }

    private static func raw(_ value: JSONValue?) -> JSONValue? { value }
}
