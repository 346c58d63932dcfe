import Foundation
import NotionModel

/// The raw JSON a backup keeps beside each Markdown file, in the emulator's workspace format
/// (`examples/workspace/README.md`), so a backup can be re-rendered, restored or served as a
/// workspace without an API call:
///
/// - a page: `{"page": <page object>, "blocks": [<block objects, each with "children">]}`;
/// - a database: `{"database": <database object>, "data_sources": [<data source objects>]}`.
///
/// Canonical, so an unchanged workspace gives the same bytes: keys sorted, two-space indent,
/// trailing newline, no `request_id`; a Notion-hosted file's signed URL is reduced to its stable
/// id (the URL's path, `/<space>/<file id>/<name>`) and loses its `expiry_time`; `child_page` and
/// `child_database` blocks are refreshed from the page or database they stand for (a page is a
/// block: its title and times are the page's), so a renamed child does not need its parent
/// fetched again. Synced block references hold no children (they show their original's).
public enum BackupDocuments {
    /// The document of a fetched page.
    public static func page(_ page: FetchedPage, in workspace: BackupContext) -> JSONValue {
        self.page(page.page, blocks: page.blocks, in: workspace)
    }

    /// The document of a page whose blocks were already read.
    public static func page(_ page: Page, blocks: [Block], in workspace: BackupContext) -> JSONValue {
        var object = page.raw
        object["request_id"] = nil
        return canonical(["page": object, "blocks": .array(blocks.map { block($0, workspace) })])
    }

    /// The document of a database: the container (when it was read) and its data sources.
    public static func database(_ tables: [FetchedTable]) -> JSONValue {
        var document: [String: JSONValue] = [:]
        if var database = tables.lazy.compactMap(\.database).first?.raw {
            database["request_id"] = nil
            document["database"] = database
        }
        document["data_sources"] = .array(tables.sorted { $0.id < $1.id }.compactMap { table -> JSONValue? in
            guard var source = table.dataSource?.raw else { return nil }
            source["request_id"] = nil
            return source
        })
        return canonical(.object(document))
    }

    /// A document's bytes: canonical JSON and a trailing newline.
    public static func data(_ document: JSONValue) -> Data {
        var data = document.data(pretty: true)
        data.append(0x0A)
        return data
    }

    static func block(_ block: Block, _ workspace: BackupContext) -> JSONValue {
        var json = block.raw
        switch block.content {
        case .childPage:
            if let page = workspace.pages[PageID(block.id.id)] { json = refreshed(json, childPage: page) }
            return json
        case .childDatabase:
            if let database = workspace.databases[DatabaseID(block.id.id)] { json = refreshed(json, childDatabase: database) }
            return json
        case .syncedBlock(let synced) where synced.syncedFrom != nil:
            return json
        default:
            if !block.children.isEmpty { json["children"] = .array(block.children.map { self.block($0, workspace) }) }
            return json
        }
    }

    /// A `child_page` block as Notion serves it now: the page's title, times, authors and trash flag.
    static func refreshed(_ block: JSONValue, childPage page: FetchedPage) -> JSONValue {
        var json = block
        let raw = page.page.raw
        for key in ["created_time", "last_edited_time", "created_by", "last_edited_by", "in_trash"] where raw[key] != nil {
            json[key] = raw[key]
        }
        json["has_children"] = .bool(page.hasBlocks)
        json["child_page"] = ["title": .string(page.page.title?.plainText ?? "")]
        return json
    }

    /// A `child_database` block with the database's title and (minute) edit time.
    static func refreshed(_ block: JSONValue, childDatabase database: Database) -> JSONValue {
        var json = block
        json["child_database"] = ["title": .string(database.title.plainText)]
        if let time = database.raw["last_edited_time"]?.stringValue, let minute = minuteTimestamp(time) {
            json["last_edited_time"] = .string(minute)
        }
        return json
    }

    /// `2026-07-04T09:09:12.949+00:00` → `2026-07-04T09:09:00.000Z` (how blocks give times).
    static func minuteTimestamp(_ time: String) -> String? {
        guard let date = NotionTimestamp.date(time) else { return nil }
        let seconds = (date.timeIntervalSince1970 / 60).rounded(.down) * 60
        return NotionTimestamp.string(Date(timeIntervalSince1970: seconds))
    }

    /// Signed URLs → stable ids, `request_id` dropped, at any depth.
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map(canonical))
        case .object(var object):
            var reduced = false
            if object["type"] == "file", var file = object["file"]?.objectValue, let url = file["url"]?.stringValue {
                file["url"] = .string(AssetReference.hostedKey(url))
                file["expiry_time"] = nil
                object["file"] = .object(file)
                reduced = true
            }
            // A custom emoji's image is a signed URL too.
            if object["type"] == "custom_emoji", var emoji = object["custom_emoji"]?.objectValue, let url = emoji["url"]?.stringValue,
               url.contains("?") {
                emoji["url"] = .string(AssetReference.hostedKey(url))
                object["custom_emoji"] = .object(emoji)
            }
            for (key, item) in object where !(reduced && key == "file") {
                object[key] = canonical(item)
            }
            return .object(object)
        default:
            return value
        }
    }

    // MARK: Reading documents back

    /// A saved page document as the walk's block lists: the page's children, then every
    /// block's that has them, without the `children` keys.
    public static func lists(ofPageDocument document: JSONValue) -> [NotionID: [JSONValue]]? {
        guard let id = document["page"]?["id"].notionID, let blocks = document["blocks"]?.arrayValue else { return nil }
        var lists: [NotionID: [JSONValue]] = [:]
        func add(_ blocks: [JSONValue], under parent: NotionID) {
            lists[parent] = blocks.map { block in
                var block = block
                if let children = block["children"]?.arrayValue, let child = block["id"].notionID {
                    add(children, under: child)
                }
                block["children"] = nil
                return block
            }
        }
        add(blocks, under: id)
        return lists
    }

    /// The nested `blocks` of a page document from block lists (the form a fetch completes).
    public static func nested(_ lists: [NotionID: [JSONValue]], under parent: NotionID) -> [JSONValue] {
        (lists[parent] ?? []).map { block in
            var block = block
            if let id = block["id"].notionID, lists[id] != nil, id != parent {
                block["children"] = .array(nested(lists, under: id))
            }
            return block
        }
    }

    /// The ids of the pages and databases a fetched page's blocks hold (`child_page`,
    /// `child_database`; not the copies a synced reference shows).
    public static func childObjects(in blocks: [Block]) -> Set<NotionID> {
        var ids: Set<NotionID> = []
        for block in blocks {
            switch block.content {
            case .childPage, .childDatabase: ids.insert(block.id.id)
            case .syncedBlock(let synced) where synced.syncedFrom != nil: continue
            default: ids.formUnion(childObjects(in: block.children))
            }
        }
        return ids
    }

    /// The ids of the pages and databases a page's content holds (`child_page`, `child_database`).
    public static func childObjects(_ lists: [NotionID: [JSONValue]]) -> Set<NotionID> {
        var ids: Set<NotionID> = []
        for blocks in lists.values {
            for block in blocks where block["type"] == "child_page" || block["type"] == "child_database" {
                if let id = block["id"].notionID { ids.insert(id) }
            }
        }
        return ids
    }
}

/// What refreshing `child_page` and `child_database` blocks needs: the fetched pages and databases.
public struct BackupContext: Sendable {
    public var pages: [PageID: FetchedPage]
    public var databases: [DatabaseID: Database]

    public init(_ workspace: FetchedWorkspace) {
        pages = Dictionary(workspace.pages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var databases: [DatabaseID: Database] = [:]
        for table in workspace.tables { if let database = table.database { databases[database.id] = database } }
        self.databases = databases
    }
}

/// Notion's timestamps: `2026-01-05T10:00:00.000Z` (pages, blocks) and
/// `2026-07-04T09:09:12.949+00:00` (databases).
enum NotionTimestamp {
    static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
