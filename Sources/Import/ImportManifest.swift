import Export
import Foundation
import NotionModel

/// What an import has written, kept outside the user's files so that a re-run updates the same
/// pages instead of creating new ones.
///
/// One manifest per (import root, parent). For every document (by its `ImportPlan` path): the
/// page's id, the hash of the Markdown it was written from, and the ids of the blocks written
/// (a tree parallel to the drafts, each with its draft's hash), so an update can keep the blocks
/// that did not change. A page about to be created is recorded as `pending` first (with the time
/// of the request): if the run dies between the create and the record, the next run looks for the
/// page under its parent instead of creating a second one. File uploads by content hash, so one
/// file is sent once. Synced originals by the id their Markdown names (`synced`), recorded as soon
/// as an original is written, so that copies written by a later run (after the original's page was
/// finished) point at the block written and not at the id the Markdown names.
///
/// The file is JSON with sorted keys, written atomically: the same state gives the same bytes.
public struct ImportManifest: Sendable, Hashable {
    public struct Block: Sendable, Hashable {
        public var id: String
        /// SHA-256 of the draft's request JSON (without children).
        public var hash: String
        public var children: [Block]

        public init(id: String, hash: String, children: [Block] = []) {
            self.id = id
            self.hash = hash
            self.children = children
        }
    }

    public struct Page: Sendable, Hashable {
        /// Nil while `pending`.
        public var id: String?
        /// When the create request was sent (ISO 8601), while its answer is not recorded.
        public var pending: String?
        /// SHA-256 of the Markdown file's bytes when it was last written.
        public var hash: String
        public var blocks: [Block]
        /// A database's: where its rows go (its data source from 2025-09-03, else the database).
        public var dataSource: String?

        public init(id: String? = nil, pending: String? = nil, hash: String, blocks: [Block] = [], dataSource: String? = nil) {
            self.id = id
            self.pending = pending
            self.hash = hash
            self.blocks = blocks
            self.dataSource = dataSource
        }
    }

    public static let version = 1
    /// The page or database the import writes under.
    public var parent: String
    public var pages: [String: Page] = [:]
    /// SHA-256 of a file's bytes → its file upload id.
    public var uploads: [String: String] = [:]
    /// A synced original's id in the Markdown (`<!-- notion:synced_block id=… -->`) → the block
    /// written for it, which the copies (`from=…`) point at.
    public var synced: [String: String] = [:]

    public init(parent: String) {
        self.parent = parent
    }

    /// Where the manifest of importing `root` under `parent` lives in a state folder.
    public static func url(in state: URL, root: URL, parent: String) -> URL {
        let rootHash = SHA256.hex(Data(root.standardizedFileURL.path.utf8)).prefix(12)
        let name = parent.filter { $0 != "-" }.lowercased() + "-" + rootHash + ".json"
        return state.appending(path: name)
    }

    /// The manifest at `url`, or an empty one when there is none yet.
    public static func load(from url: URL, parent: String) throws(ImportError) -> ImportManifest {
        guard let data = try? Data(contentsOf: url) else { return ImportManifest(parent: parent) }
        func corrupt(_ why: String) -> ImportError {
            ImportError(path: url.path, message: "is not an import manifest (\(why)): remove it to start over; the next run finds the pages it created by their titles instead of creating them again.")
        }
        guard let json = try? JSONValue(data: data) else { throw corrupt("not JSON") }
        guard json["version"]?.intValue == version else { throw corrupt("version \(json["version"]?.intValue.map(String.init) ?? "missing"), expected \(version)") }
        guard let recordedParent = json["parent"]?.stringValue else { throw corrupt("no parent") }
        guard recordedParent == parent else {
            throw ImportError(path: url.path, message: "belongs to an import under \(recordedParent), not \(parent).")
        }
        var manifest = ImportManifest(parent: parent)
        for (path, value) in json["pages"]?.objectValue ?? [:] {
            guard let hash = value["hash"]?.stringValue else { throw corrupt("page \(path) has no hash") }
            manifest.pages[path] = Page(id: value["id"]?.stringValue, pending: value["pending"]?.stringValue, hash: hash,
                                        blocks: try blocks(value["blocks"], corrupt), dataSource: value["data_source"]?.stringValue)
        }
        for (hash, value) in json["uploads"]?.objectValue ?? [:] {
            guard let id = value.stringValue else { throw corrupt("upload \(hash) has no id") }
            manifest.uploads[hash] = id
        }
        for (old, value) in json["synced"]?.objectValue ?? [:] {
            guard let id = value.stringValue else { throw corrupt("synced block \(old) has no id") }
            manifest.synced[old] = id
        }
        return manifest
    }

    private static func blocks(_ json: JSONValue?, _ corrupt: (String) -> ImportError) throws(ImportError) -> [Block] {
        var out: [Block] = []
        for item in json?.arrayValue ?? [] {
            guard let id = item["id"]?.stringValue, let hash = item["hash"]?.stringValue else { throw corrupt("a block without id or hash") }
            out.append(Block(id: id, hash: hash, children: try blocks(item["children"], corrupt)))
        }
        return out
    }

    public var json: JSONValue {
        func blocks(_ list: [Block]) -> JSONValue {
            .array(list.map { block in
                var fields: [String: JSONValue] = ["id": .string(block.id), "hash": .string(block.hash)]
                if !block.children.isEmpty { fields["children"] = blocks(block.children) }
                return .object(fields)
            })
        }
        var pages: [String: JSONValue] = [:]
        for (path, page) in self.pages {
            var fields: [String: JSONValue] = ["hash": .string(page.hash), "blocks": blocks(page.blocks)]
            if let id = page.id { fields["id"] = .string(id) }
            if let pending = page.pending { fields["pending"] = .string(pending) }
            if let source = page.dataSource { fields["data_source"] = .string(source) }
            pages[path] = .object(fields)
        }
        var fields: [String: JSONValue] = [
            "version": .int(Self.version), "parent": .string(parent), "pages": .object(pages),
            "uploads": .object(uploads.mapValues(JSONValue.string)),
        ]
        // Left out when empty: a manifest of an import without synced blocks keeps its bytes.
        if !synced.isEmpty { fields["synced"] = .object(synced.mapValues(JSONValue.string)) }
        return .object(fields)
    }

    /// Writes the manifest atomically (a crash leaves the old one or the new one, never half).
    public func save(to url: URL) throws(ImportError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try json.data(pretty: true).write(to: url, options: .atomic)
        } catch {
            throw ImportError(path: url.path, message: "cannot be written (\(error.localizedDescription)): check that the state folder is writable.")
        }
    }
}
