import NotionModel

/// A backup's raw blocks (Notion's response form, as `BackupDocuments` keeps them) → the drafts
/// that recreate them (request form), for `restore`.
///
/// Read-only keys go (ids, times, authors, `has_children`, `plain_text`, `href`, `expiry_time`);
/// what only the restore can resolve becomes a placeholder:
/// - a Notion-hosted file (its URL is the backup's stable id) → an upload of the backed-up asset,
///   `{"type": "file_upload", "file_upload": {"id": "local-file:<path>"}}`, the path relative to
///   the backup's root; a file the backup did not keep → its block becomes a warning callout;
/// - a page, database or block the restore recreates under a new id (page and database mentions,
///   `link_to_page`, a synced block's original) → `restore-id:<old id>`;
/// - `child_page` and `child_database` → drafts of those types, `{"title": …, "id":
///   "restore-id:<old id>"}`: not blocks an append can create; the restore creates the page or
///   database there (`position: after_block`).
///
/// Blocks the API cannot create (`link_preview`, `unsupported`, `template`, `meeting_notes` /
/// `transcription`) become the nearest creatable block plus an `ImportWarning`.
public struct RestoreDrafts {
    /// The backup document's path, for warnings.
    public var file: String
    /// A hosted file's stable id (its `url` in the backup) → the asset's path in the backup.
    public var asset: (String) -> String?
    public private(set) var warnings: [ImportWarning] = []

    public init(file: String, asset: @escaping (String) -> String?) {
        self.file = file
        self.asset = asset
    }

    public static let placeholderID = "restore-id:"

    /// Block types an append (or, for pages and databases, a create) can make.
    public static let creatable: Set<String> = [
        "paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item", "numbered_list_item", "to_do",
        "toggle", "quote", "callout", "code", "equation", "divider", "breadcrumb", "table_of_contents", "table", "table_row",
        "column_list", "column", "image", "video", "audio", "pdf", "file", "bookmark", "embed", "link_to_page", "child_page",
        "child_database", "synced_block", "tab",
    ]

    public mutating func drafts(_ blocks: [JSONValue]) -> [BlockDraft] {
        blocks.compactMap { draft($0) }
    }

    mutating func draft(_ block: JSONValue) -> BlockDraft? {
        guard let type = block["type"]?.stringValue else { return nil }
        let id = block["id"]?.stringValue ?? "?"
        var body = block[type]?.objectValue ?? [:]
        let children = drafts(block["children"]?.arrayValue ?? [])
        func warn(_ message: String) { warnings.append(ImportWarning(file: file, construct: "\(type) block", message: "block \(id): \(message)")) }
        func callout(_ text: String) -> BlockDraft {
            BlockDraft("callout", ["rich_text": [Self.text(text)], "icon": ["type": "emoji", "emoji": "⚠️"], "color": "yellow_background"], children: children)
        }
        body["rich_text"] = body["rich_text"].map(richText)
        body["caption"] = body["caption"].map(richText)
        switch type {
        case "child_page", "child_database":
            return BlockDraft(type, ["title": body["title"] ?? "", "id": .string(Self.placeholderID + id)])
        case "link_to_page":
            for key in ["page_id", "database_id"] {
                if let target = body[key]?.stringValue { body[key] = .string(Self.placeholderID + target) }
            }
        case "synced_block":
            if let original = block["synced_block"]?["synced_from"]?["block_id"]?.stringValue {
                // A duplicate shows its original's children: it is recreated pointing at the new original.
                return BlockDraft(type, ["synced_from": ["type": "block_id", "block_id": .string(Self.placeholderID + original)]])
            }
            body["synced_from"] = .null
        case "image", "video", "audio", "pdf", "file":
            guard let source = file(body) else {
                warn("its file was not in the backup (over the size limit or unreachable): a note stands in its place.")
                return callout("The \(type) of block \(id) could not be restored: the backup has no copy of its file.")
            }
            body = body.filter { ["caption", "name"].contains($0.key) }.merging(source) { _, new in new }
        case "callout":
            if let icon = body["icon"], case .object = icon { body["icon"] = self.icon(icon) }
        case "table_row":
            body["cells"] = .array((body["cells"]?.arrayValue ?? []).map(richText))
        case "link_preview":
            warn("a link preview cannot be created through the API: restored as a bookmark.")
            return BlockDraft("bookmark", ["url": body["url"] ?? "", "caption": []])
        case "template":
            warn("template buttons cannot be created through the API: restored as a toggle with the button's content.")
            return BlockDraft("toggle", ["rich_text": body["rich_text"] ?? [], "color": "default"], children: children)
        case "meeting_notes", "transcription":
            warn("meeting notes cannot be created through the API: restored as a toggle with their content.")
            let title = body["title"]?.arrayValue.map { JSONValue.array($0) } ?? .array([Self.text("Meeting notes")])
            return BlockDraft("toggle", ["rich_text": richText(title), "color": "default"], children: children)
        case _ where !Self.creatable.contains(type):
            // `unsupported` (Notion names the kind in `block_type`), or a type this version does not know.
            let kind = type == "unsupported" ? body["block_type"]?.stringValue ?? "unknown" : type
            warn("Notion gives no content for `\(kind)` blocks: a note stands in its place.")
            return callout("Notion block `\(kind)` could not be restored (block \(id)).")
        default:
            break
        }
        // Response-only keys inside the payload.
        body["icon"] = body["icon"] == .null ? nil : body["icon"]
        return BlockDraft(type, .object(body), children: children)
    }

    /// A file object → request form: external URLs as they are, hosted files as uploads of the
    /// backed-up copy; nil when the backup has none.
    func file(_ object: [String: JSONValue]) -> [String: JSONValue]? {
        switch object["type"]?.stringValue {
        case "external": return ["type": "external", "external": ["url": object["external"]?["url"] ?? ""]]
        case "file":
            guard let url = object["file"]?["url"]?.stringValue, let path = asset(url) else { return nil }
            return ["type": "file_upload", "file_upload": ["id": .string("local-file:" + path)]]
        case "file_upload": return ["type": "file_upload", "file_upload": object["file_upload"] ?? [:]]
        default: return nil
        }
    }

    /// An icon → request form (custom emoji by id, hosted images uploaded again).
    func icon(_ icon: JSONValue) -> JSONValue? {
        switch icon["type"]?.stringValue {
        case "emoji", "external", "icon": return icon
        case "custom_emoji": return ["type": "custom_emoji", "custom_emoji": ["id": icon["custom_emoji"]?["id"] ?? ""]]
        case "file": return file(icon.objectValue ?? [:]).map(JSONValue.object)
        default: return nil
        }
    }

    func richText(_ items: JSONValue) -> JSONValue { Self.requestRichText(items) }

    /// Response rich text → request rich text.
    static func requestRichText(_ items: JSONValue) -> JSONValue {
        .array((items.arrayValue ?? []).map { (item: JSONValue) -> JSONValue in
            var out: [String: JSONValue] = ["annotations": item["annotations"] ?? [:]]
            let type = item["type"]?.stringValue ?? "text"
            switch type {
            case "mention":
                let mention = item["mention"] ?? [:]
                let kind = mention["type"]?.stringValue ?? ""
                switch kind {
                case "user": out["mention"] = ["type": "user", "user": ["id": mention["user"]?["id"] ?? ""]]
                case "page", "database":
                    let target = JSONValue.string(placeholderID + (mention[kind]?["id"]?.stringValue ?? ""))
                    out["mention"] = .object(["type": .string(kind), kind: ["id": target]])
                case "custom_emoji": out["mention"] = ["type": "custom_emoji", "custom_emoji": ["id": mention["custom_emoji"]?["id"] ?? ""]]
                case "date", "template_mention": out["mention"] = mention
                default:
                    // link_preview and link_mention cannot be created: the text, linked.
                    let url = item["href"]?.stringValue ?? mention[kind]?["url"]?.stringValue ?? mention[kind]?["href"]?.stringValue
                    out["text"] = ["content": item["plain_text"] ?? "", "link": url.map { ["url": .string($0)] } ?? .null]
                    out["type"] = "text"
                    return .object(out)
                }
                out["type"] = "mention"
            case "equation":
                out["type"] = "equation"
                out["equation"] = ["expression": item["equation"]?["expression"] ?? ""]
            default:
                out["type"] = "text"
                let link = item["text"]?["link"]
                out["text"] = ["content": item["text"]?["content"] ?? item["plain_text"] ?? "",
                               "link": link.flatMap { $0 == .null ? nil : ["url": $0["url"] ?? ""] } ?? .null]
            }
            return .object(out)
        })
    }

    static func text(_ content: String) -> JSONValue {
        ["type": "text", "text": ["content": .string(content), "link": .null]]
    }
}
