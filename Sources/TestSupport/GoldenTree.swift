import Foundation

/// Whole-output-tree comparison: unexpected files fail, missing files fail, each differing file
/// shows its first differing line. Records when `NOTION_EXPORT_RECORD=1` (and then fails).
/// Returns the problems found (empty when the trees are equal); `GoldenTree.expect` records them.
public enum GoldenTree {
    public static func files(in root: URL, excluding: [String] = []) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [String] = []
        let base = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            if path == ".editorconfig" || excluding.contains(where: { path.hasPrefix($0) }) { continue }
            out.append(path)
        }
        return out.sorted()
    }

    public static func compare(_ actual: URL, with golden: URL, excluding: [String]) throws -> [String] {
        var problems: [String] = []
        let actualFiles = try files(in: actual, excluding: excluding)
        if ProcessInfo.processInfo.environment["NOTION_EXPORT_RECORD"] == "1" || !FileManager.default.fileExists(atPath: golden.path) {
            try? FileManager.default.removeItem(at: golden)
            for path in actualFiles {
                let target = golden.appending(path: path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: actual.appending(path: path), to: target)
            }
            try "root = true\n\n[*]\ntrim_trailing_whitespace = false\ninsert_final_newline = false\n"
                .write(to: golden.appending(path: ".editorconfig"), atomically: true, encoding: .utf8)
            return ["Recorded new golden tree at \(golden.path) (\(actualFiles.count) files); rerun without NOTION_EXPORT_RECORD."]
        }
        let goldenFiles = try files(in: golden)
        let unexpected = actualFiles.filter { !goldenFiles.contains($0) }, missing = goldenFiles.filter { !actualFiles.contains($0) }
        if !unexpected.isEmpty { problems.append("unexpected files: \(unexpected)") }
        if !missing.isEmpty { problems.append("missing files: \(missing)") }
        for path in actualFiles where goldenFiles.contains(path) {
            let got = try String(contentsOf: actual.appending(path: path), encoding: .utf8)
            let want = try String(contentsOf: golden.appending(path: path), encoding: .utf8)
            guard got != want else { continue }
            let a = got.split(separator: "\n", omittingEmptySubsequences: false), b = want.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            problems.append("\(path) differs at line \(line + 1):\n  got:  \(line < a.count ? String(a[line]) : "<end>")\n  want: \(line < b.count ? String(b[line]) : "<end>")")
        }
        return problems
    }
}

/// A folder of its own under the system's temporary folder.
public struct TemporaryFolder {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("asset-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// File names in a subfolder, sorted.
    public func list(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(path).path).sorted()
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Every file of a folder with its bytes (`.git/` left out).
public struct TreeSnapshot: Equatable {
    public var files: [String: Data]
    public var paths: [String] { files.keys.sorted() }

    public init(_ root: URL) throws {
        files = [:]
        for path in try GoldenTree.files(in: root, excluding: [".git/"]) {
            files[path] = try Data(contentsOf: root.appending(path: path))
        }
    }

    /// Files whose bytes differ or that are new in `other`, and files gone from it.
    public func changes(to other: TreeSnapshot) -> (written: Set<String>, deleted: Set<String>) {
        (Set(other.files.keys.filter { files[$0] != other.files[$0] }), Set(files.keys.filter { other.files[$0] == nil }))
    }

    public func write(to folder: URL, where include: (String) -> Bool) throws {
        for (path, data) in files where include(path) {
            let url = folder.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}
