import Foundation
import NotionModel

/// What earlier runs downloaded, kept at `OUT/.notion-export/assets.json`: key → local path,
/// SHA-256, size and the owner's `last_edited_time`. Canonical JSON (sorted keys, two-space
/// indent, trailing newline, no wall-clock time), so the same downloads give the same bytes.
///
/// ```json
/// {
///   "assets": {
///     "https://…/diagram.png": {"bytes": 824, "last_edited_time": "…", "path": "assets/diagram-d603278d269a.png", "sha256": "…"}
///   },
///   "version": 1
/// }
/// ```
struct AssetIndex: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        /// Relative to the output folder, `/`-separated.
        var path: String
        var sha256: String
        var bytes: Int64
        var lastEditedTime: String
    }

    static let version = 1
    var entries: [String: Entry] = [:]

    /// The index at `url`; empty when there is none. An unreadable index costs downloads, not the
    /// run: everything is downloaded again and the index rewritten.
    static func read(from url: URL) -> AssetIndex {
        guard let data = try? Data(contentsOf: url), let json = try? JSONValue(data: data),
              json["version"]?.intValue == version, let assets = json["assets"]?.objectValue else { return AssetIndex() }
        var index = AssetIndex()
        for (key, value) in assets {
            guard let path = value["path"]?.stringValue, let sha256 = value["sha256"]?.stringValue,
                  let bytes = value["bytes"]?.intValue, let time = value["last_edited_time"]?.stringValue else { continue }
            index.entries[key] = Entry(path: path, sha256: sha256, bytes: Int64(bytes), lastEditedTime: time)
        }
        return index
    }

    /// The file's bytes: canonical JSON and a trailing newline.
    var data: Data {
        var assets: [String: JSONValue] = [:]
        for (key, entry) in entries {
            assets[key] = ["path": .string(entry.path), "sha256": .string(entry.sha256), "bytes": .int(Int(entry.bytes)),
                           "last_edited_time": .string(entry.lastEditedTime)]
        }
        let json: JSONValue = ["assets": .object(assets), "version": .int(Self.version)]
        var data = json.data(pretty: true)
        data.append(0x0A)
        return data
    }

    /// Writes the index atomically (a temporary file renamed over the old one).
    func write(to url: URL) throws {
        try data.write(to: url, options: .atomic)
    }
}
