import Foundation
import NotionModel

/// What a backup holds, kept at `OUT/.notion-export/backup.json`: every page and database with its
/// path, `last_edited_time`, the SHA-256 of its raw JSON, its parent, the child pages and
/// databases its content holds and its assets; and every file the backup owns (so a later run
/// can remove what is gone upstream without touching files it did not write). Canonical JSON, no
/// run time: an unchanged workspace gives the same bytes.
public struct BackupManifest: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// The Markdown file, relative to OUT; the raw JSON is beside it (`.json`).
        public var path: String
        public var lastEditedTime: String
        /// SHA-256 of the raw JSON document.
        public var sha256: String
        /// The id of the parent (page, block, database or data source), or `workspace`.
        public var parent: String
        /// Pages and databases whose `child_page` / `child_database` blocks the content holds.
        public var contains: [NotionID]
        /// Downloaded files the document refers to, relative to OUT.
        public var assets: [String]
        /// Edited in the same minute as (or after) the run that saved it began: the next run
        /// fetches it again, since Notion's minute-rounded `last_edited_time` would not show a
        /// later edit in that minute.
        public var recheck: Bool

        public init(path: String, lastEditedTime: String, sha256: String, parent: String, contains: [NotionID] = [],
                    assets: [String] = [], recheck: Bool = false) {
            self.path = path
            self.lastEditedTime = lastEditedTime
            self.sha256 = sha256
            self.parent = parent
            self.contains = contains
            self.assets = assets
            self.recheck = recheck
        }

        /// The raw JSON beside the Markdown file.
        public var jsonPath: String { String(path.dropLast(3)) + ".json" }
    }

    public static let format = 1
    public var pages: [NotionID: Entry] = [:]
    public var databases: [NotionID: Entry] = [:]
    /// Every file the backup wrote (Markdown, JSON, CSV, assets), relative to OUT, sorted.
    public var files: [String] = []

    public init() {}

    /// The manifest at `url`; empty when there is none or it cannot be read (the run then
    /// fetches everything and rewrites it).
    public static func read(from url: URL) -> BackupManifest? {
        guard let data = try? Data(contentsOf: url), let json = try? JSONValue(data: data),
              json["format"]?.intValue == format else { return nil }
        var manifest = BackupManifest()
        func entries(_ key: String) -> [NotionID: Entry] {
            var result: [NotionID: Entry] = [:]
            for (id, value) in json[key]?.objectValue ?? [:] {
                guard let id = NotionID(id), let path = value["path"]?.stringValue, let time = value["last_edited_time"]?.stringValue,
                      let sha256 = value["sha256"]?.stringValue else { continue }
                result[id] = Entry(path: path, lastEditedTime: time, sha256: sha256, parent: value["parent"]?.stringValue ?? "workspace",
                                   contains: (value["contains"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap { NotionID($0) } },
                                   assets: (value["assets"]?.arrayValue ?? []).compactMap(\.stringValue),
                                   recheck: value["recheck"]?.boolValue ?? false)
            }
            return result
        }
        manifest.pages = entries("pages")
        manifest.databases = entries("databases")
        manifest.files = (json["files"]?.arrayValue ?? []).compactMap(\.stringValue)
        return manifest
    }

    /// Canonical JSON and a trailing newline.
    public var data: Data {
        func object(_ entries: [NotionID: Entry]) -> JSONValue {
            var out: [String: JSONValue] = [:]
            for (id, entry) in entries {
                var value: [String: JSONValue] = ["path": .string(entry.path), "last_edited_time": .string(entry.lastEditedTime),
                                                  "sha256": .string(entry.sha256), "parent": .string(entry.parent)]
                if !entry.contains.isEmpty { value["contains"] = .array(entry.contains.sorted().map { .string($0.rawValue) }) }
                if !entry.assets.isEmpty { value["assets"] = .array(entry.assets.sorted().map { .string($0) }) }
                if entry.recheck { value["recheck"] = true }
                out[id.rawValue] = .object(value)
            }
            return .object(out)
        }
        let json: JSONValue = ["format": .int(Self.format), "pages": object(pages), "databases": object(databases),
                               "files": .array(files.sorted().map { .string($0) })]
        return BackupDocuments.data(json)
    }
}

extension Parent {
    /// The id a manifest records as the parent: `workspace` when there is none.
    var manifestKey: String {
        switch self {
        case .page(let id): id.rawValue
        case .database(let id): id.rawValue
        case .dataSource(let id, _): id.rawValue
        case .block(let id): id.rawValue
        case .workspace, .unknown: "workspace"
        }
    }
}
