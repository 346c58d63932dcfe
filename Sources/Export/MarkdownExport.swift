import Foundation
import Markdown
import NotionAPI
import NotionMarkdown
import NotionModel
import Synchronization

/// What `notion-export markdown` did: files written and left alone, assets, and everything the
/// run report must list (warnings per file, unreadable targets, skipped files).
public struct MarkdownExportSummary: Sendable {
    /// Documents written because they were new or changed, relative to OUT, sorted.
    public var written: [String]
    /// Documents whose bytes were already on disk.
    public var unchanged: [String]
    public var assets: AssetResults
    public var warnings: [ExportWarning]
    public var issues: [FetchIssue]

    public var documents: Int { written.count + unchanged.count }
}

/// The whole Markdown export: discover → fetch tree → assets → link graph → render → write.
public struct MarkdownExport: Sendable {
    public var fetcher: Fetcher
    public var assetOptions: AssetOptions
    /// Download external files too (kept as links by default).
    public var downloadExternal: Bool
    public var renderer: MarkdownRenderer

    public init(fetcher: Fetcher, assetOptions: AssetOptions = AssetOptions(), downloadExternal: Bool = false,
                renderer: MarkdownRenderer = MarkdownRenderer()) {
        self.fetcher = fetcher
        self.assetOptions = assetOptions
        self.downloadExternal = downloadExternal
        self.renderer = renderer
    }

    public func run(_ roots: [ExportRoot], into outputDirectory: URL,
                    stage: (@Sendable (ExportStage) -> Void)? = nil) async throws(ExportError) -> MarkdownExportSummary {
        stage?(.fetchTree)
        let workspace = try await fetcher.fetch(roots)
        stage?(.assets)
        let store = AssetStore(outputDirectory: outputDirectory, client: fetcher.client, options: assetOptions)
        let assets = try await store.download(workspace.assetReferences(includeExternal: downloadExternal))
        stage?(.layout)
        let layout = ExportLayout(workspace)
        // Render, write and check a batch of documents at a time: memory holds one batch.
        stage?(.render)
        let plan = renderer.plan(workspace, layout: layout, assets: assets.paths)
        let writer = MarkdownTreeWriter(outputDirectory: outputDirectory)
        var summary = MarkdownExportSummary(written: [], unchanged: [], assets: assets, warnings: [], issues: workspace.issues)
        for start in stride(from: 0, to: plan.jobs.count, by: Self.batchSize) {
            let documents = renderer.render(plan, start..<min(start + Self.batchSize, plan.jobs.count))
            let outcome = try writer.write(documents)
            summary.written += outcome.written
            summary.unchanged += outcome.unchanged
            summary.warnings += documents.flatMap { document in document.warnings.map { ExportWarning(path: document.path, warning: $0) } }
            summary.warnings += MarkdownTreeWriter.check(documents)
        }
        summary.warnings.sort()
        return summary
    }

    /// Documents rendered, written and checked together (enough to keep every core busy).
    static let batchSize = 256
}

extension ConversionWarning.Kind {
    /// A written file that cmark-gfm does not read back as written (a bug: please report it).
    public static let markdownCheck = ConversionWarning.Kind(rawValue: "markdown check")
}

/// Writes rendered documents under OUT: atomically, only when the bytes changed, never outside OUT.
public struct MarkdownTreeWriter: Sendable {
    public var outputDirectory: URL

    public init(outputDirectory: URL) {
        self.outputDirectory = outputDirectory
    }

    public func write(_ documents: [RenderedDocument]) throws(ExportError) -> (written: [String], unchanged: [String]) {
        let root = outputDirectory.standardizedFileURL
        var written: [String] = []
        var unchanged: [String] = []
        for document in documents {
            let url = root.appending(path: document.path).standardizedFileURL
            guard url.path.hasPrefix(root.path + "/") else {
                throw ExportError(stage: .write, subject: document.path, reason: .fileSystem("the path leaves the output folder; nothing was written there."))
            }
            if let link = FileManager.default.linkedFolder(in: document.path, under: root) {
                throw ExportError(stage: .write, subject: document.path, reason: .fileSystem(FileManager.linkedFolderSentence(link, under: root)))
            }
            let data = Data(document.text.utf8)
            // A link where a file goes is replaced (the rename replaces the link, never its target).
            if !FileManager.default.isSymbolicLink(url), let existing = try? Data(contentsOf: url), existing == data {
                unchanged.append(document.path)
                continue
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                throw ExportError(stage: .write, subject: document.path,
                                  reason: .fileSystem("cannot write \(url.path): \(error.localizedDescription) Check that the folder is writable."))
            }
            written.append(document.path)
        }
        return (written, unchanged)
    }

    /// Every document's Markdown, parsed by cmark-gfm and formatted again, must come back byte for
    /// byte: the check that the converter only writes the canonical dialect.
    public static func check(_ documents: [RenderedDocument]) -> [ExportWarning] {
        let failures = Mutex<[ExportWarning]>([])
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            let document = documents[index]
            let body = Self.body(of: document.text)
            guard MarkdownDocument.parse(body).formatted() != body else { return }
            let warning = ConversionWarning(.markdownCheck, "cmark-gfm does not read this file back as written; please report it with the page.")
            failures.withLock { $0.append(ExportWarning(path: document.path, warning: warning)) }
        }
        return failures.withLock { $0 }
    }

    /// The Markdown after the front matter.
    public static func body(of text: String) -> String {
        guard text.hasPrefix("---\n") else { return text }
        // The closing `\n---\n`, found in the bytes.
        let bytes = text.utf8
        let fence = Array("\n---\n".utf8)
        var index = bytes.index(bytes.startIndex, offsetBy: 3)
        while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
            guard let end = bytes.index(newline, offsetBy: fence.count, limitedBy: bytes.endIndex) else { return text }
            if bytes[newline..<end].elementsEqual(fence) {
                let rest = text[end...]
                return String(rest.hasPrefix("\n") ? rest.dropFirst() : rest)
            }
            index = bytes.index(after: newline)
        }
        return text
    }
}
