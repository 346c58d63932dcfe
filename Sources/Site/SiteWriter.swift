import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Export
import NotionModel

/// Writes a built site into its folder: only files whose bytes changed (each atomically), assets
/// copied from the backup cache when missing or different, and the files an earlier build wrote
/// that this one no longer has removed. Files the site never wrote (a CNAME, a .git folder) are
/// left alone: the list of the site's own files is kept in the cache.
public struct SiteWriter: Sendable {
    public var output: URL
    /// The backup tree the assets come from.
    public var cache: URL

    public init(output: URL, cache: URL) {
        self.output = output
        self.cache = cache
    }

    public struct Result: Sendable, Hashable {
        public var written: [String] = []
        public var unchanged = 0
        public var removed: [String] = []
        public var assetsCopied = 0
    }

    var manifestURL: URL { cache.appending(path: ".notion-export/site-files.json") }

    public func write(_ site: SiteBuilder.Output) throws(SiteWriteError) -> Result {
        let fm = FileManager.default
        var result = Result()
        func attempt(_ path: String, _ body: () throws -> Void) throws(SiteWriteError) {
            do { try body() } catch {
                throw SiteWriteError(path: output.appending(path: path).path, message: "cannot be written (\(error.localizedDescription)): check that the output folder is writable and the disk is not full.")
            }
        }
        try attempt("") { try fm.createDirectory(at: output, withIntermediateDirectories: true) }
        // Folders first (each once, parents before children), then the files on every core.
        let files = site.files.sorted(by: { $0.key < $1.key })
        let folders = Set(files.map { ($0.key as NSString).deletingLastPathComponent }).subtracting([""]).sorted()
        for folder in folders {
            if let link = fm.linkedFolder(in: folder + "/-", under: output) {  // "-": a file in `folder`
                throw SiteWriteError(path: output.appending(path: link).path, message: FileManager.linkedFolderMessage(link, under: output))
            }
            // One mkdir each (parents come first in sorted order); Foundation's walk up is the fallback.
            let url = output.appending(path: folder)
            if mkdir(url.path, 0o755) == 0 || errno == EEXIST { continue }
            try attempt(folder) { try fm.createDirectory(at: url, withIntermediateDirectories: true) }
        }
        enum Outcome: Sendable { case unchanged, written, failed(SiteWriteError) }
        let folder = output
        let outcomes = files.concurrentMap { path, data -> Outcome in
            let url = folder.appending(path: path)
            // A link where a file goes is replaced, never written through.
            let linked = FileManager.default.isSymbolicLink(url)
            let existing = linked ? nil : try? Data(contentsOf: url)
            if existing == data { return .unchanged }
            do {
                if linked { try FileManager.default.removeItem(at: url) }
                // A changed file is replaced atomically (a reader never sees half of it); a new one
                // is written in place: if that is cut short, the next build finds different bytes.
                try data.write(to: url, options: existing == nil ? [] : .atomic)
                return .written
            } catch {
                return .failed(SiteWriteError(path: url.path, message: "cannot be written (\(error.localizedDescription)): check that the output folder is writable and the disk is not full."))
            }
        }
        for ((path, _), outcome) in zip(files, outcomes) {
            switch outcome {
            case .unchanged: result.unchanged += 1
            case .written: result.written.append(path)
            case .failed(let error): throw error
            }
        }
        for path in site.assets {
            let source = cache.appending(path: path)
            let target = output.appending(path: path)
            // Asset names carry their content hash: a file of the same size is the same file.
            if let a = try? fm.attributesOfItem(atPath: target.path)[.size] as? Int, let b = try? fm.attributesOfItem(atPath: source.path)[.size] as? Int, a == b {
                continue
            }
            guard fm.fileExists(atPath: source.path) else { continue }
            try attempt(path) {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? fm.removeItem(at: target)
                try fm.copyItem(at: source, to: target)
            }
            result.assetsCopied += 1
        }
        let owned = Set(site.files.keys).union(site.assets)
        let previous = (try? Data(contentsOf: manifestURL)).flatMap { try? JSONValue(data: $0) }?.arrayValue?.compactMap(\.stringValue) ?? []
        for path in previous.sorted() where !owned.contains(path) && !path.split(separator: "/").contains("..") {
            let url = output.appending(path: path)
            guard fm.fileExists(atPath: url.path) else { continue }
            try attempt(path) { try fm.removeItem(at: url) }
            result.removed.append(path)
            fm.removeEmptyFolders(above: url, upTo: output)
        }
        try attempt(manifestURL.path) {
            try fm.createDirectory(at: manifestURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONValue.array(owned.sorted().map(JSONValue.string)).data(pretty: true).write(to: manifestURL, options: .atomic)
        }
        return result
    }
}

public struct SiteWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path) \(message)" }
}
