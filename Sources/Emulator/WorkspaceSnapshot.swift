import Foundation
import NotionModel

/// A problem in a workspace's input: which file, where in it, and what is wrong.
public struct WorkspaceLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var reason: String
    public init(file: String, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(file): at \(path): \(reason)" }
}

/// The whole content of an emulated workspace as plain values, in stored form (2025-09-03
/// response shapes without `archived`). `WorkspaceLoader` builds one from a folder; tests can
/// build one in code with `addPage`/`addDatabase`/`addFile`, then call `validate()`.
public struct WorkspaceSnapshot: Sendable {
    public static let defaultTimestamp = "2026-01-05T10:00:00.000Z"

    public var integrationID: NotionID
    public var integrationName: String
    /// The bot user of the integration (`GET /v1/users/me`).
    public var bot: JSONValue
    /// Workspace members (people), listed before the bot.
    public var users: [JSONValue]
    public var tokens: Set<String>
    public var customEmojis: [JSONValue]
    /// Public integrations that may run the OAuth flow (`oauth_clients` in workspace.json).
    public var oauthClients: [OAuthClient] = []

    var pages: [NotionID: PageRecord] = [:]
    var pageOrder: [NotionID] = []
    var blocks: [NotionID: JSONValue] = [:]
    /// Ordered child ids of a page or block: blocks, and ids of child pages/databases.
    var children: [NotionID: [NotionID]] = [:]
    var databases: [NotionID: DatabaseRecord] = [:]
    var databaseOrder: [NotionID] = []
    var dataSources: [NotionID: JSONValue] = [:]
    var comments: [NotionID: JSONValue] = [:]
    var commentOrder: [NotionID] = []
    var fileUploads: [NotionID: UploadRecord] = [:]
    var uploadOrder: [NotionID] = []
    /// Bytes of Notion-hosted files by workspace-relative path (`files/x.png`, `assets/x.png`).
    public var files: [String: Data] = [:]
    /// Where each object came from (for error messages).
    var origins: [NotionID: String] = [:]
    /// The file the workspace metadata came from (for error messages): `workspace.json`, or a
    /// backup's `.notion-export/workspace.json`.
    var metadataFile = "workspace.json"

    struct PageRecord: Sendable {
        var json: JSONValue
        var shared: Bool
        /// The integration was added to this page itself (••• → Connections): it is visible even
        /// when its parent is not, as in Notion. Otherwise a page is visible when its parent is.
        var connected = false

        /// Replaces the title: the value of the property of type `title` (`title` if there is none).
        mutating func setTitle(_ title: String) {
            var properties = json["properties"]?.objectValue ?? [:]
            let key = properties.first { $0.value["type"]?.stringValue == "title" }?.key ?? "title"
            var value = properties[key] ?? ["id": "title", "type": "title"]
            value["title"] = RichTextRequests.fromPlainText(title)
            properties[key] = value
            json["properties"] = .object(properties)
        }
    }

    struct DatabaseRecord: Sendable {
        var json: JSONValue
        var shared: Bool
        var dataSourceIDs: [NotionID]
    }

    struct UploadRecord: Sendable {
        var json: JSONValue
        var parts: [Int: Data] = [:]
        var filePath: String?
        /// The source of an `external_url` upload (no bytes are stored for those).
        var externalURL: String?
    }

    public init(integrationID: NotionID, integrationName: String, bot: JSONValue? = nil, users: [JSONValue] = [],
                tokens: Set<String>, customEmojis: [JSONValue] = []) {
        self.integrationID = integrationID
        self.integrationName = integrationName
        self.bot = bot ?? [
            "object": "user", "id": .string(integrationID.rawValue), "name": .string(integrationName), "avatar_url": nil,
            "type": "bot",
            "bot": ["owner": ["type": "workspace", "workspace": true], "workspace_name": .string(integrationName),
                    "workspace_id": .string(integrationID.rawValue),
                    "workspace_limits": ["max_file_upload_size_in_bytes": 5_242_880]],
        ]
        self.users = users
        self.tokens = tokens
        self.customEmojis = customEmojis
    }

    /// The default author of loaded objects: the first member, else the bot.
    var defaultAuthor: JSONValue {
        let id = users.first?["id"] ?? bot["id"] ?? .string(integrationID.rawValue)
        return ["object": "user", "id": id]
    }

    // MARK: Building

    /// Adds a page document: `page` (only `id`, `parent`, `properties` required), its `blocks`
    /// (each may hold nested `children`), optional `comments`. `file` names the source in errors.
    public mutating func addPage(_ page: JSONValue, blocks: [JSONValue] = [], comments: [JSONValue] = [], shared: Bool = true,
                                 connected: Bool = false, file: String = "<code>") throws(WorkspaceLoadError) {
        func fail(_ path: String, _ reason: String) -> WorkspaceLoadError { WorkspaceLoadError(file: file, path: path, reason: reason) }
        guard case .object = page else { throw fail("page", "expected an object") }
        guard let idText = page["id"]?.stringValue else { throw fail("page.id", "missing id") }
        guard let id = NotionID(idText) else { throw fail("page.id", "not a uuid: \(idText)") }
        if let other = origins[id] { throw fail("page.id", "duplicate id \(id) (also in \(other))") }
        guard let parent = page["parent"], parent["type"]?.stringValue != nil else { throw fail("page.parent", "missing parent") }
        guard case .object = page["properties"] ?? .null else { throw fail("page.properties", "missing properties") }
        var json = page
        json["object"] = "page"
        json["id"] = .string(id.rawValue)
        json["parent"] = Self.normalizedParent(parent)
        for key in ["created_time", "last_edited_time"] where json[key] == nil { json[key] = .string(Self.defaultTimestamp) }
        for key in ["created_by", "last_edited_by"] where json[key] == nil { json[key] = defaultAuthor }
        for key in ["cover", "icon", "public_url"] where json[key] == nil { json[key] = .null }
        for key in ["in_trash", "is_archived", "is_locked"] where json[key] == nil { json[key] = false }
        if let archived = json["archived"]?.boolValue, page["in_trash"] == nil { json["in_trash"] = .bool(archived) }
        json["archived"] = nil
        json["request_id"] = nil
        if json["url"] == nil { json["url"] = .string(Self.pageURL(title: Self.title(ofPage: json), id: id)) }
        origins[id] = file
        pages[id] = PageRecord(json: json, shared: shared, connected: connected)
        pageOrder.append(id)
        var childIDs: [NotionID] = []
        for (index, block) in blocks.enumerated() {
            childIDs.append(try addBlock(block, parent: ["type": "page_id", "page_id": .string(id.rawValue)], defaults: json,
                                         path: "blocks[\(index)]", file: file))
        }
        children[id, default: []].append(contentsOf: childIDs)
        for (index, comment) in comments.enumerated() {
            guard let cid = comment["id"]?.idValue else {
                throw fail("comments[\(index)].id", "missing id")
            }
            var c = comment
            c["object"] = "comment"
            c["id"] = .string(cid.rawValue)
            if c["parent"] == nil { c["parent"] = ["type": "page_id", "page_id": .string(id.rawValue)] }
            if c["discussion_id"] == nil { c["discussion_id"] = .string(cid.rawValue) }
            for key in ["created_time", "last_edited_time"] where c[key] == nil { c[key] = .string(Self.defaultTimestamp) }
            if c["created_by"] == nil { c["created_by"] = defaultAuthor }
            if c["rich_text"] == nil { c["rich_text"] = [] }
            if c["display_name"] == nil { c["display_name"] = ["type": "user", "resolved_name": .string(users.first?["name"]?.stringValue ?? "")] }
            c["request_id"] = nil
            self.comments[cid] = c
            commentOrder.append(cid)
        }
    }

    /// Adds a block (and its nested `children`) under `parent`; returns its id. Child page and child
    /// database references (`{"id","type":"child_page"}`) are recorded as positions only.
    mutating func addBlock(_ block: JSONValue, parent: JSONValue, defaults: JSONValue, path: String,
                           file: String) throws(WorkspaceLoadError) -> NotionID {
        func fail(_ p: String, _ reason: String) -> WorkspaceLoadError { WorkspaceLoadError(file: file, path: p, reason: reason) }
        guard case .object = block else { throw fail(path, "expected a block object") }
        guard let idText = block["id"]?.stringValue else { throw fail("\(path).id", "missing id") }
        guard let id = NotionID(idText) else { throw fail("\(path).id", "not a uuid: \(idText)") }
        guard let type = block["type"]?.stringValue else { throw fail("\(path).type", "missing type") }
        if type == "child_page" || type == "child_database" {
            pendingReferences.append(PendingReference(id: id, type: type, file: file, path: path))
            return id
        }
        if let other = origins[id] { throw fail("\(path).id", "duplicate id \(id) (also in \(other))") }
        guard block[type] != nil else { throw fail("\(path).\(type)", "missing the \(type) payload") }
        var json = block
        let nested = json["children"]?.arrayValue ?? []
        json["children"] = nil
        json["object"] = "block"
        json["id"] = .string(id.rawValue)
        json["parent"] = parent
        for key in ["created_time", "last_edited_time", "created_by", "last_edited_by"] where json[key] == nil {
            json[key] = defaults[key] ?? (key.hasSuffix("_by") ? defaultAuthor : .string(Self.defaultTimestamp))
        }
        if json["in_trash"] == nil { json["in_trash"] = .bool(json["archived"]?.boolValue ?? false) }
        json["archived"] = nil
        json["has_children"] = nil
        json["request_id"] = nil
        origins[id] = file
        blocks[id] = json
        var childIDs: [NotionID] = []
        for (index, child) in nested.enumerated() {
            childIDs.append(try addBlock(child, parent: ["type": "block_id", "block_id": .string(id.rawValue)], defaults: defaults,
                                         path: "\(path).children[\(index)]", file: file))
        }
        if !childIDs.isEmpty { children[id, default: []].append(contentsOf: childIDs) }
        return id
    }

    struct PendingReference: Sendable {
        var id: NotionID
        var type: String
        var file: String
        var path: String
    }
    var pendingReferences: [PendingReference] = []

    /// Adds a database container and its data sources.
    public mutating func addDatabase(_ database: JSONValue, dataSources: [JSONValue], shared: Bool = true,
                                     file: String = "<code>") throws(WorkspaceLoadError) {
        func fail(_ path: String, _ reason: String) -> WorkspaceLoadError { WorkspaceLoadError(file: file, path: path, reason: reason) }
        guard let idText = database["id"]?.stringValue else { throw fail("database.id", "missing id") }
        guard let id = NotionID(idText) else { throw fail("database.id", "not a uuid: \(idText)") }
        if let other = origins[id] { throw fail("database.id", "duplicate id \(id) (also in \(other))") }
        guard let parent = database["parent"], parent["type"] != nil else { throw fail("database.parent", "missing parent") }
        var json = database
        json["object"] = "database"
        json["id"] = .string(id.rawValue)
        json["parent"] = Self.normalizedParent(parent)
        if json["title"] == nil { json["title"] = [] }
        if json["description"] == nil { json["description"] = [] }
        for key in ["is_inline", "in_trash", "is_locked"] where json[key] == nil { json[key] = false }
        if let archived = json["archived"]?.boolValue, database["in_trash"] == nil { json["in_trash"] = .bool(archived) }
        for key in ["created_time", "last_edited_time"] where json[key] == nil { json[key] = "2026-01-05T10:00:00.000+00:00" }
        for key in ["icon", "cover", "public_url"] where json[key] == nil { json[key] = .null }
        if json["url"] == nil { json["url"] = .string("https://www.notion.so/\(id.compact)") }
        json["archived"] = nil
        json["data_sources"] = nil
        json["request_id"] = nil
        origins[id] = file
        var ids: [NotionID] = []
        for (index, source) in dataSources.enumerated() {
            guard let sidText = source["id"]?.stringValue else { throw fail("data_sources[\(index)].id", "missing id") }
            guard let sid = NotionID(sidText) else { throw fail("data_sources[\(index)].id", "not a uuid: \(sidText)") }
            if let other = origins[sid] { throw fail("data_sources[\(index)].id", "duplicate id \(sid) (also in \(other))") }
            guard case .object(let props) = source["properties"] ?? .null else {
                throw fail("data_sources[\(index)].properties", "missing properties")
            }
            var ds = source
            ds["object"] = "data_source"
            ds["id"] = .string(sid.rawValue)
            ds["parent"] = ["type": "database_id", "database_id": .string(id.rawValue)]
            ds["database_parent"] = json["parent"]
            if ds["title"] == nil { ds["title"] = json["title"] }
            if ds["description"] == nil { ds["description"] = [] }
            for key in ["is_inline", "in_trash"] where ds[key] == nil { ds[key] = json[key] ?? false }
            for key in ["icon", "cover", "public_url"] where ds[key] == nil { ds[key] = .null }
            for key in ["created_time", "last_edited_time"] where ds[key] == nil { ds[key] = .string(Self.defaultTimestamp) }
            for key in ["created_by", "last_edited_by"] where ds[key] == nil { ds[key] = defaultAuthor }
            if ds["url"] == nil { ds["url"] = json["url"] }
            var schema: [String: JSONValue] = [:]
            for (name, config) in props {
                var c = config
                c["name"] = .string(name)
                if c["id"] == nil { c["id"] = .string(c["type"]?.stringValue == "title" ? "title" : Self.propertyID(for: name)) }
                if c["description"] == nil { c["description"] = .null }
                if let type = c["type"]?.stringValue, c[type] == nil { c[type] = [:] }
                schema[name] = c
            }
            ds["properties"] = .object(schema)
            ds["archived"] = nil
            ds["request_id"] = nil
            origins[sid] = file
            self.dataSources[sid] = ds
            ids.append(sid)
        }
        databases[id] = DatabaseRecord(json: json, shared: shared, dataSourceIDs: ids)
        databaseOrder.append(id)
    }

    /// Adds the bytes of a Notion-hosted file at a workspace-relative path (`files/x.png`).
    public mutating func addFile(path: String, data: Data) { files[path] = data }

    /// Checks cross references after every document is added: parents exist, child page/database
    /// blocks point at existing objects, relative file urls exist. Places child pages/databases
    /// whose parent page holds no reference block after the parent's other blocks.
    public mutating func validate() throws(WorkspaceLoadError) {
        for reference in pendingReferences {
            let exists = reference.type == "child_page" ? pages[reference.id] != nil : databases[reference.id] != nil
            if !exists {
                throw WorkspaceLoadError(file: reference.file, path: "\(reference.path).id",
                                         reason: "\(reference.type) block points at a missing \(reference.type == "child_page" ? "page" : "database") \(reference.id)")
            }
        }
        pendingReferences = []
        // The ids a parent's children list holds, as a set made on first use: `contains` on the
        // list made loading quadratic in the number of child pages of one parent.
        var placed: [NotionID: Set<NotionID>] = [:]
        func place(_ id: NotionID, under parent: NotionID) {
            if placed[parent] == nil { placed[parent] = Set(children[parent] ?? []) }
            if placed[parent]!.insert(id).inserted { children[parent, default: []].append(id) }
        }
        func checkParent(_ parent: JSONValue?, _ id: NotionID, _ path: String) throws(WorkspaceLoadError) {
            let file = origins[id] ?? "<code>"
            switch parent?["type"]?.stringValue {
            case "page_id":
                guard let pid = parent?["page_id"]?.idValue, pages[pid] != nil else {
                    throw WorkspaceLoadError(file: file, path: "\(path).parent.page_id", reason: "unknown parent page \(parent?["page_id"]?.stringValue ?? "")")
                }
                place(id, under: pid)
            case "data_source_id":
                guard let sid = parent?["data_source_id"]?.idValue, dataSources[sid] != nil else {
                    throw WorkspaceLoadError(file: file, path: "\(path).parent.data_source_id",
                                             reason: "unknown parent data source \(parent?["data_source_id"]?.stringValue ?? "")")
                }
            case "database_id":
                guard let did = parent?["database_id"]?.idValue, databases[did] != nil else {
                    throw WorkspaceLoadError(file: file, path: "\(path).parent.database_id",
                                             reason: "unknown parent database \(parent?["database_id"]?.stringValue ?? "")")
                }
            case "block_id":
                guard let bid = parent?["block_id"]?.idValue, blocks[bid] != nil else {
                    throw WorkspaceLoadError(file: file, path: "\(path).parent.block_id", reason: "unknown parent block")
                }
                place(id, under: bid)
            case "workspace": break
            default:
                throw WorkspaceLoadError(file: file, path: "\(path).parent.type", reason: "unknown parent type")
            }
        }
        for id in pageOrder { try checkParent(pages[id]?.json["parent"], id, "page") }
        for id in databaseOrder { try checkParent(databases[id]?.json["parent"], id, "database") }
        // Rows of data sources: fill data_source parents' database_id.
        for id in pageOrder {
            guard var record = pages[id], record.json["parent"]?["type"]?.stringValue == "data_source_id",
                  let sid = record.json["parent"]?["data_source_id"]?.idValue,
                  let database = dataSources[sid]?["parent"]?["database_id"] else { continue }
            record.json["parent"]?["database_id"] = database
            pages[id] = record
        }
        // Relative file urls must exist. The JSON path of a missing one is built only when found:
        // building it for every node made this walk a third of the load time.
        func missingFile(_ value: JSONValue) -> (path: [String], url: String)? {
            switch value {
            case .object(let object):
                if let url = object["url"]?.stringValue, Self.isRelativeFilePath(url), files[url] == nil { return (["url"], url) }
                for (key, child) in object {
                    if let found = missingFile(child) { return ([key] + found.path, found.url) }
                }
            case .array(let array):
                for (index, child) in array.enumerated() {
                    if let found = missingFile(child) { return (["[\(index)]"] + found.path, found.url) }
                }
            default: break
            }
            return nil
        }
        func checkFiles(_ value: JSONValue, _ path: String, _ file: String) throws(WorkspaceLoadError) {
            guard let (components, url) = missingFile(value) else { return }
            let suffix = components.map { $0.hasPrefix("[") ? $0 : ".\($0)" }.joined()
            throw WorkspaceLoadError(file: file, path: path + suffix, reason: "file not found: \(url)")
        }
        for (id, record) in pages { try checkFiles(record.json, "page", origins[id] ?? "<code>") }
        for (id, block) in blocks { try checkFiles(block, "block(\(id))", origins[id] ?? "<code>") }
        for (id, record) in databases { try checkFiles(record.json, "database", origins[id] ?? "<code>") }
        for (id, comment) in comments { try checkFiles(comment, "comment(\(id))", origins[id] ?? "<code>") }
        for (index, emoji) in customEmojis.enumerated() { try checkFiles(emoji, "custom_emojis[\(index)]", metadataFile) }
    }

    // MARK: Edits

    /// The page whose content holds a block: up the block's `block_id` parents to the first
    /// `page_id` parent. Nil for a page, a database or an unknown id (a child page is not part of
    /// its parent's content), for blocks below a database, data source or the workspace, and on a
    /// parent cycle.
    func owningPage(ofBlock id: NotionID) -> NotionID? {
        var seen: Set<NotionID> = [id]
        var current = id
        while let parent = blocks[current]?["parent"] {
            switch parent["type"]?.stringValue {
            case "page_id":
                guard let page = parent["page_id"]?.idValue, pages[page] != nil else { return nil }
                return page
            case "block_id":
                guard let next = parent["block_id"]?.idValue, seen.insert(next).inserted else { return nil }
                if pages[next] != nil { return next }
                current = next
            default:
                return nil
            }
        }
        return nil
    }

    /// Marks the page owning a block as edited at `time` (and by `author` when given), as Notion
    /// does when any block inside a page changes. Pages further up are not touched.
    mutating func markOwningPageEdited(ofBlock id: NotionID, time: String, by author: JSONValue? = nil) {
        guard let page = owningPage(ofBlock: id) else { return }
        pages[page]!.json["last_edited_time"] = .string(time)
        if let author { pages[page]!.json["last_edited_by"] = author }
    }

    // MARK: Helpers

    static func isRelativeFilePath(_ url: String) -> Bool {
        // A workspace file is a path with no URL scheme (`files/x.png`): `https://…`, `mailto:…`,
        // `data:…`, absolute paths and `#anchors` are not.
        guard let first = url.first, first != "/", first != "#" else { return false }
        if let colon = url.firstIndex(of: ":"),
           url[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }) { return false }
        return true
    }

    static func normalizedParent(_ parent: JSONValue) -> JSONValue {
        var p = parent
        for key in ["page_id", "database_id", "data_source_id", "block_id"] {
            if let text = p[key]?.stringValue, let id = NotionID(text) { p[key] = .string(id.rawValue) }
        }
        return p
    }

    static func title(ofPage page: JSONValue) -> String {
        for (_, value) in page["properties"]?.objectValue ?? [:] where value["type"]?.stringValue == "title" || value["title"] != nil {
            if let array = value["title"] { return array.plainText }
        }
        return ""
    }

    /// `https://www.notion.so/<Title-Slug>-<id>`.
    static func pageURL(title: String, id: NotionID, base: String = "https://www.notion.so") -> String {
        var slug = ""
        var lastDash = true
        for scalar in title.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
                lastDash = false
            } else if !lastDash {
                slug += "-"
                lastDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "\(base)/\(id.compact)" : "\(base)/\(slug)-\(id.compact)"
    }

    /// A short property id derived from the name, URL-encoded like Notion's (`%5Ckxk`).
    static func propertyID(for name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var out = ""
        for _ in 0..<4 {
            out.append(alphabet[Int(hash % UInt64(alphabet.count))])
            hash /= UInt64(alphabet.count)
        }
        return out
    }
}
