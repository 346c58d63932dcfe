import Foundation
import NotionModel
import Synchronization

/// Reads a workspace folder (format: `examples/workspace/README.md`) into a `WorkspaceSnapshot`.
public enum WorkspaceLoader {
    public static func load(from folder: URL) throws(WorkspaceLoadError) -> WorkspaceSnapshot {
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
        let workspaceURL = root.appendingPathComponent("workspace.json")
        guard fm.fileExists(atPath: workspaceURL.path) else {
            throw WorkspaceLoadError(file: "workspace.json", path: "", reason: "missing (a workspace folder needs workspace.json)")
        }
        let ws = try read(workspaceURL)
        guard let integrationIDText = ws["integration"]?["id"]?.stringValue else {
            throw WorkspaceLoadError(file: "workspace.json", path: "integration.id", reason: "missing id")
        }
        guard let integrationID = NotionID(integrationIDText) else {
            throw WorkspaceLoadError(file: "workspace.json", path: "integration.id", reason: "not a uuid: \(integrationIDText)")
        }
        let name = ws["integration"]?["name"]?.stringValue ?? "notion-export emulator"
        let tokens = (ws["tokens"]?.arrayValue ?? []).compactMap(\.stringValue)
        if tokens.isEmpty { throw WorkspaceLoadError(file: "workspace.json", path: "tokens", reason: "no tokens") }
        var users: [JSONValue] = []
        for (index, user) in (ws["users"]?.arrayValue ?? []).enumerated() {
            guard let id = user["id"]?.idValue else {
                throw WorkspaceLoadError(file: "workspace.json", path: "users[\(index)].id", reason: "missing id")
            }
            var u = user
            u["object"] = "user"
            u["id"] = .string(id.rawValue)
            if u["type"] == nil { u["type"] = "person" }
            if u["avatar_url"] == nil { u["avatar_url"] = .null }
            users.append(u)
        }
        var snapshot = WorkspaceSnapshot(integrationID: integrationID, integrationName: name, bot: ws["bot"], users: users,
                                         tokens: Set(tokens), customEmojis: ws["custom_emojis"]?.arrayValue ?? [])
        if var bot = ws["bot"] {
            bot["object"] = "user"
            if bot["id"] == nil { bot["id"] = .string(integrationID.rawValue) }
            snapshot.bot = bot
        }

        // Every *.json other than workspace.json, in path order; files/** bytes.
        var jsonFiles: [URL] = []
        if let enumerator = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator {
                let rel = relative(url, root)
                if rel.hasPrefix("files/") {
                    if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                       let data = try? Data(contentsOf: url) {
                        snapshot.addFile(path: rel, data: data)
                    }
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
        for (index, entry) in named.enumerated() {
            let file = entry.name
            let document = try parsed.get(index).get()
            let shared = document["shared"]?.boolValue ?? true
            if let page = document["page"] {
                try snapshot.addPage(page, blocks: document["blocks"]?.arrayValue ?? [],
                                     comments: document["comments"]?.arrayValue ?? [], shared: shared, file: file)
            } else if let database = document["database"] {
                try snapshot.addDatabase(database, dataSources: document["data_sources"]?.arrayValue ?? [], shared: shared, file: file)
            } else {
                throw WorkspaceLoadError(file: file, path: "", reason: "expected a top-level \"page\" or \"database\" key")
            }
        }
        try snapshot.validate()
        return snapshot
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
