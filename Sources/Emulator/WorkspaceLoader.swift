import Foundation
import NotionModel
import Synchronization

/// Reads a workspace folder (format: `examples/workspace/README.md`) into a `WorkspaceSnapshot`.
/// A backup tree is a workspace folder too: its metadata is `.notion-export/workspace.json`, its
/// downloaded files are under `assets/`, and hidden files and folders (`.git/`, …) are ignored.
public enum WorkspaceLoader {
    /// Where a folder may keep its workspace metadata, relative to it, in order of preference:
    /// `workspace.json`, else a backup's `.notion-export/workspace.json`.
    static let metadataFiles = ["workspace.json", ".notion-export/workspace.json"]

    /// Folders whose every regular file is the bytes of a Notion-hosted file, by relative path:
    /// `files/` (hand-written workspaces) and `assets/` (a backup's downloads).
    static let fileFolders = ["files/", "assets/"]

    /// The metadata file of a folder (one of `metadataFiles`), nil when it has none.
    static func metadataFile(in folder: URL) -> String? {
        let root = folder.standardizedFileURL
        return metadataFiles.first { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
    }

    /// - Parameters:
    ///   - folder: the workspace folder or backup tree.
    ///   - tokens: bearer tokens accepted besides the metadata's own `tokens` (which may be absent);
    ///     loading fails when there are none at all.
    public static func load(from folder: URL, tokens: [String] = []) throws(WorkspaceLoadError) -> WorkspaceSnapshot {
        let fm = FileManager.default
        let root = folder.standardizedFileURL
        @Sendable func read(_ url: URL) throws(WorkspaceLoadError) -> JSONValue {
            let name = relative(url, root)
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw WorkspaceLoadError(file: name, path: "", reason: "cannot read: \(error.localizedDescription)")
            }
            do { return try JSONValue(data: data) } catch {
                throw WorkspaceLoadError(file: name, path: "", reason: "\(error)")
            }
        }
        guard let metadata = metadataFile(in: root) else {
            throw WorkspaceLoadError(file: "workspace.json", path: "",
                                     reason: "missing (a workspace folder needs workspace.json, a backup .notion-export/workspace.json)")
        }
        let ws = try read(root.appendingPathComponent(metadata))
        guard let integrationIDText = ws["integration"]?["id"]?.stringValue else {
            throw WorkspaceLoadError(file: metadata, path: "integration.id", reason: "missing id")
        }
        guard let integrationID = NotionID(integrationIDText) else {
            throw WorkspaceLoadError(file: metadata, path: "integration.id", reason: "not a uuid: \(integrationIDText)")
        }
        let name = ws["integration"]?["name"]?.stringValue ?? "notion-export emulator"
        let accepted = Set((ws["tokens"]?.arrayValue ?? []).compactMap(\.stringValue) + tokens).subtracting([""])
        if accepted.isEmpty {
            throw WorkspaceLoadError(file: metadata, path: "tokens",
                                     reason: "no accepted tokens: pass --token TOKEN or add \"tokens\": [\"…\"] to \(metadata)")
        }
        var users: [JSONValue] = []
        for (index, user) in (ws["users"]?.arrayValue ?? []).enumerated() {
            guard let id = user["id"]?.idValue else {
                throw WorkspaceLoadError(file: metadata, path: "users[\(index)].id", reason: "missing id")
            }
            var u = user
            u["object"] = "user"
            u["id"] = .string(id.rawValue)
            if u["type"] == nil { u["type"] = "person" }
            if u["avatar_url"] == nil { u["avatar_url"] = .null }
            users.append(u)
        }
        var snapshot = WorkspaceSnapshot(integrationID: integrationID, integrationName: name, bot: ws["bot"], users: users,
                                         tokens: accepted, customEmojis: ws["custom_emojis"]?.arrayValue ?? [])
        snapshot.metadataFile = metadata
        snapshot.oauthClients = try OAuthClient.load(ws["oauth_clients"], file: metadata)
        if var bot = ws["bot"] {
            bot["object"] = "user"
            if bot["id"] == nil { bot["id"] = .string(integrationID.rawValue) }
            snapshot.bot = bot
        }

        // Bytes of every file under files/ and assets/; every other *.json is a document, except
        // workspace.json and hidden files and folders (`.git/`, a backup's `.notion-export/`).
        var jsonFiles: [URL] = []
        if let enumerator = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator {
                let rel = relative(url, root)
                if fileFolders.contains(where: rel.hasPrefix) {
                    if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                       let data = try? Data(contentsOf: url) {
                        snapshot.addFile(path: rel, data: data)
                    }
                } else if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    if url.lastPathComponent.hasPrefix(".") { enumerator.skipDescendants() }
                } else if url.pathExtension == "json", rel != "workspace.json" {
                    jsonFiles.append(url)
                }
            }
        }
        // Parse on every core (parsing is most of the load time), then add in path order so the
        // result never depends on timing.
        let named = jsonFiles.map { (name: relative($0, root), url: $0) }.sorted { $0.name < $1.name }
        let parsed = ParsedDocuments(count: named.count)
        DispatchQueue.concurrentPerform(iterations: named.count) { index in
            parsed.set(index, Result { () throws(WorkspaceLoadError) in try read(named[index].url) })
        }
        // A backup's raw JSON names Notion-hosted files by their stable id (the URL path without the
        // signature); its asset index says which downloaded file holds each.
        let backupFiles = Self.backupAssetIndex(root, into: &snapshot)
        for (index, entry) in named.enumerated() {
            let file = entry.name
            let document = backupFiles.isEmpty ? try parsed.get(index).get() : Self.localizingFiles(try parsed.get(index).get(), backupFiles)
            let shared = document["shared"]?.boolValue ?? true
            if let page = document["page"] {
                try snapshot.addPage(page, blocks: document["blocks"]?.arrayValue ?? [],
                                     comments: document["comments"]?.arrayValue ?? [], shared: shared,
                                     connected: document["connected"]?.boolValue ?? false, file: file)
            } else if let database = document["database"] {
                try snapshot.addDatabase(database, dataSources: document["data_sources"]?.arrayValue ?? [], shared: shared, file: file)
            } else {
                throw WorkspaceLoadError(file: file, path: "", reason: "expected a top-level \"page\" or \"database\" key")
            }
        }
        try snapshot.validate()
        return snapshot
    }

    /// A backup's hosted files: stable file id → the workspace-relative path to serve it from,
    /// with the bytes of the downloaded file (`.notion-export/assets.json` says which file holds
    /// each id). The path is the id's own (`/files/<sig>/files/x.png`, as this emulator served
    /// it, gives `files/x.png`; Notion's `/<space>/<file>/x.png` gives `<space>/<file>/x.png`),
    /// so the file keeps its name and, served again, its id.
    static func backupAssetIndex(_ root: URL, into snapshot: inout WorkspaceSnapshot) -> [String: String] {
        guard let data = try? Data(contentsOf: root.appendingPathComponent(".notion-export/assets.json")),
              let json = try? JSONValue(data: data), let assets = json["assets"]?.objectValue else { return [:] }
        var paths: [String: String] = [:]
        for (key, entry) in assets where key.hasPrefix("/") {
            guard let file = entry["path"]?.stringValue, !file.split(separator: "/").contains(".."),
                  let bytes = try? Data(contentsOf: root.appendingPathComponent(file)) else { continue }
            var parts = key.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            if parts.count > 2, parts[0] == "files", parts[1].count == 16, parts[1].allSatisfy(\.isHexDigit) { parts.removeFirst(2) }
            let relative = parts.map { $0.removingPercentEncoding ?? String($0) }.joined(separator: "/")
            guard !relative.isEmpty, !relative.split(separator: "/").contains("..") else { continue }
            snapshot.addFile(path: relative, data: bytes)
            paths[key] = relative
        }
        return paths
    }

    /// Hosted file objects whose url is a stable id in `files` point at the downloaded file instead.
    static func localizingFiles(_ value: JSONValue, _ files: [String: String]) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map { localizingFiles($0, files) })
        case .object(var object):
            if object["type"] == "file", var file = object["file"]?.objectValue, let url = file["url"]?.stringValue, let path = files[url] {
                file["url"] = .string(path)
                object["file"] = .object(file)
                return .object(object)
            }
            for (key, item) in object { object[key] = localizingFiles(item, files) }
            return .object(object)
        default:
            return value
        }
    }

    /// Results of parallel parsing, one slot per file.
    final class ParsedDocuments: Sendable {
        let slots: Mutex<[Result<JSONValue, WorkspaceLoadError>?]>
        init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
        func set(_ index: Int, _ result: Result<JSONValue, WorkspaceLoadError>) { slots.withLock { $0[index] = result } }
        func get(_ index: Int) -> Result<JSONValue, WorkspaceLoadError> { slots.withLock { $0[index]! } }
    }

    private static func relative(_ url: URL, _ root: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : url.lastPathComponent
    }
}
