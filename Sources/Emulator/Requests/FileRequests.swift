import Foundation
import NotionModel

/// Icons, covers and the file objects of media blocks: request unions in, stored shapes out.
/// A `file_upload` reference resolves through `WorkspaceLookup.uploadedFile` to a Notion-hosted
/// `{"type":"file","file":{"url":<workspace-relative path>}}`; the handler signs the URL and adds
/// `expiry_time`. Resolved upload ids are collected so the store can mark them attached.
struct FileNormalizer {
    let lookup: any WorkspaceLookup
    var attachedUploads: [NotionID] = []

    init(lookup: any WorkspaceLookup) { self.lookup = lookup }

    /// `type` is `file` (Notion-hosted, workspace-relative url) or `external` (an imported
    /// `external_url` upload, whose bytes the emulator never fetched: `path` is the source URL).
    mutating func resolveUpload(_ value: JSONValue?, path: String) throws(ValidationFailure) -> (filename: String, type: String, file: JSONValue) {
        let object = try Validation.object(value, path)
        try Validation.onlyKeys(object, ["id"], path)
        let id = try Validation.uuid(object["id"], path + ".id")
        guard let upload = lookup.uploadedFile(id) else {
            throw ValidationFailure("Could not find file upload with ID: \(id.rawValue).")
        }
        if !attachedUploads.contains(id) { attachedUploads.append(id) }
        return (upload.filename, upload.path.contains("://") ? "external" : "file", ["url": .string(upload.path)])
    }

    func external(_ value: JSONValue?, path: String) throws(ValidationFailure) -> JSONValue {
        let object = try Validation.object(value, path)
        try Validation.onlyKeys(object, ["url"], path)
        return ["url": .string(try Validation.url(object["url"], path + ".url"))]
    }

    /// Icon union (emoji, external, file_upload, custom_emoji, native icon) or null.
    mutating func icon(_ value: JSONValue, path: String) throws(ValidationFailure) -> JSONValue {
        if value == .null { return .null }
        let object = try Validation.object(value, path)
        let kinds = ["emoji", "external", "file_upload", "custom_emoji", "icon"]
        let kind = try Self.unionKind(object, kinds: kinds, path: path)
        try Validation.onlyKeys(object, ["type", kind], path)
        let p = "\(path).\(kind)"
        switch kind {
        case "emoji":
            return ["type": "emoji", "emoji": .string(try Validation.nonEmptyString(object["emoji"], p))]
        case "external":
            return ["type": "external", "external": try external(object["external"], path: p)]
        case "file_upload":
            let upload = try resolveUpload(object["file_upload"], path: p)
            return ["type": .string(upload.type), .init(stringLiteral: upload.type): upload.file]
        case "custom_emoji":
            let emoji = try Validation.object(object["custom_emoji"], p)
            try Validation.onlyKeys(emoji, ["id", "name", "url"], p)
            let id = try Validation.uuid(emoji["id"], p + ".id")
            let known = lookup.customEmoji(id)
            return ["type": "custom_emoji", "custom_emoji": [
                "id": .string(id.rawValue), "name": known?["name"] ?? emoji["name"] ?? .null, "url": known?["url"] ?? emoji["url"] ?? .null,
            ]]
        default:
            let icon = try Validation.object(object["icon"], p)
            try Validation.onlyKeys(icon, ["name", "color"], p)
            let name = try Validation.nonEmptyString(icon["name"], p + ".name")
            let colors = ["gray", "lightgray", "brown", "yellow", "orange", "green", "blue", "purple", "pink", "red"]
            let color = try icon["color"].map { (c) throws(ValidationFailure) in try Validation.enumValue(c, p + ".color", colors) } ?? "gray"
            return ["type": "icon", "icon": ["name": .string(name), "color": .string(color)]]
        }
    }

    /// Cover union (external, file_upload) or null.
    mutating func cover(_ value: JSONValue, path: String) throws(ValidationFailure) -> JSONValue {
        if value == .null { return .null }
        let object = try Validation.object(value, path)
        let kind = try Self.unionKind(object, kinds: ["external", "file_upload"], path: path)
        try Validation.onlyKeys(object, ["type", kind], path)
        if kind == "external" {
            return ["type": "external", "external": try external(object["external"], path: "\(path).external")]
        }
        let upload = try resolveUpload(object["file_upload"], path: "\(path).file_upload")
        return ["type": .string(upload.type), .init(stringLiteral: upload.type): upload.file]
    }

    /// The file part of a media block: `type` + `external`|`file`, and the filename for `file` blocks.
    mutating func media(_ object: [String: JSONValue], path: String) throws(ValidationFailure) -> (fields: [String: JSONValue], filename: String) {
        let kind = try Self.unionKind(object, kinds: ["external", "file_upload"], path: path)
        if kind == "external" {
            let external = try external(object["external"], path: "\(path).external")
            let url = external["url"]?.stringValue ?? ""
            let name = URL(string: url)?.lastPathComponent ?? ""
            return (["type": "external", "external": external], name.isEmpty || name == "/" ? url : name)
        }
        let upload = try resolveUpload(object["file_upload"], path: "\(path).file_upload")
        return (["type": .string(upload.type), .init(stringLiteral: upload.type): upload.file], upload.filename)
    }

    /// The branch of a `type`-tagged union: the declared `type`, else the one key present; no branch
    /// gives Notion's "Fix one:" message.
    static func unionKind(_ object: [String: JSONValue], kinds: [String], path: String) throws(ValidationFailure) -> String {
        if let declared = object["type"] {
            let kind = try Validation.enumValue(declared, path + ".type", kinds)
            if object[kind] == nil { throw Validation.undefined("\(path).\(kind)") }
            return kind
        }
        let present = kinds.filter { object[$0] != nil }
        if present.count > 1 { throw Validation.notPresent("\(path).\(present[1])", object[present[1]]) }
        guard let kind = present.first else {
            throw Validation.unionFailure(kinds.map { Validation.sentence("\(path).\($0)", "defined", nil) })
        }
        return kind
    }
}
