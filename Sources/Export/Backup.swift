import Foundation
import NotionAPI
import NotionMarkdown
import NotionModel
import Synchronization

/// How a backup runs besides what it fetches.
public struct BackupOptions: Sendable {
    public var assetOptions: AssetOptions
    /// Download external files too (kept as links by default).
    public var downloadExternal: Bool
    public var renderer: MarkdownRenderer
    /// Compare only: fetch and render, write nothing, download nothing.
    public var check: Bool
    /// The wall clock (the run's start decides which pages are settled; injected in tests).
    public var now: @Sendable () -> Date
    /// Keep every rendered document in `BackupSummary.snapshot` (the site builds from it). Off,
    /// a run holds only the batch it is writing: the documents of a 10,000-page workspace are
    /// 40 MB of Markdown.
    public var keepSnapshot: Bool

    public init(assetOptions: AssetOptions = AssetOptions(), downloadExternal: Bool = false, renderer: MarkdownRenderer = MarkdownRenderer(),
                check: Bool = false, now: @escaping @Sendable () -> Date = { Date() }, keepSnapshot: Bool = false) {
        self.assetOptions = assetOptions
        self.downloadExternal = downloadExternal
        self.renderer = renderer
        self.check = check
        self.now = now
        self.keepSnapshot = keepSnapshot
    }
}

/// What a backup run did (or, with `check`, would do).
public struct BackupSummary: Sendable {
    /// Pages and databases by their Markdown path, sorted.
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []
    public var unchanged: [String] = []
    /// Pages whose content was requested from Notion, and pages taken from the saved backup.
    public var fetchedPages = 0
    public var reusedPages = 0
    /// Files written (or that would be) and removed, relative to OUT, sorted.
    public var written: [String] = []
    public var deleted: [String] = []
    public var assets = AssetResults()
    public var warnings: [ExportWarning] = []
    public var issues: [FetchIssue] = []
    /// What the backup holds now, for builds on top of it (the static site), when
    /// `BackupOptions.keepSnapshot`.
    public var snapshot: BackupSnapshot?

    /// Nothing to write or remove: the tree already is the workspace.
    public var isUpToDate: Bool { written.isEmpty && deleted.isEmpty && assets.downloaded == 0 }
}

/// The workspace a backup run ended with: the fetched objects, their layout, the rendered
/// Markdown documents and where each downloaded file is (relative to OUT).
public struct BackupSnapshot: Sendable {
    public var workspace: FetchedWorkspace
    public var layout: ExportLayout
    public var documents: [RenderedDocument]
    public var assets: [String: String]
}

/// `notion-export backup`: the whole workspace (or the named roots) as a git-friendly tree,
/// lossless (raw JSON beside every Markdown file), byte-stable, incremental and resumable.
///
/// ```
/// OUT/
///   acme-home.md              the page as Markdown (front matter + body)
///   acme-home.json            its raw JSON (BackupDocuments)
///   acme-home/…               child pages, the same way
///   blog.md / blog.json       a database: its table, its raw JSON,
///   blog.csv                  its rows as CSV (one file per data source),
///   blog/…                    its row pages
///   assets/…                  downloaded files (AssetStore)
///   .notion-export/
///     backup.json             the manifest (BackupManifest)
///     assets.json             the asset index
///     workspace.json          integration, bot and users: the emulator serves OUT as a workspace
/// ```
///
/// Runs: discover (search; one query per data source; one retrieve per database) → the walk,
/// which takes every page `SavedContent` still holds current from disk and fetches the rest,
/// saving each fetched page to `.notion-export/pending/` as it completes → assets → render →
/// write (journal of files about to be written, then each file atomically, then removals, then
/// the manifest; the pending pages go last). A run stopped at any point leaves whole files only,
/// and the next run reuses what the stopped one saved.
public struct Backup: Sendable {
    public var client: NotionClient
    public var fetchOptions: FetchOptions
    public var options: BackupOptions
    public var progress: (@Sendable (FetchProgress) -> Void)?

    public init(client: NotionClient, fetchOptions: FetchOptions = FetchOptions(), options: BackupOptions = BackupOptions(),
                progress: (@Sendable (FetchProgress) -> Void)? = nil) {
        self.client = client
        self.fetchOptions = fetchOptions
        self.options = options
        self.progress = progress
    }

    static let stateFolder = ".notion-export"
    static let manifestPath = ".notion-export/backup.json"
    static let journalPath = ".notion-export/journal.json"
    static let workspacePath = ".notion-export/workspace.json"

    public func run(_ roots: [ExportRoot], into outputDirectory: URL,
                    stage: (@Sendable (ExportStage) -> Void)? = nil) async throws(ExportError) -> BackupSummary {
        let out = outputDirectory.standardizedFileURL
        let started = options.now()
        guard client.options.version.hasDataSources else {
            throw ExportError(stage: .discover, subject: "Notion-Version \(client.options.version)", reason: .invalidRoot(
                "is too old for a backup, which keeps databases and their data sources apart: use 2025-09-03 or later (the default)."))
        }
        // Pending pages are saved under the state folder while fetching: never through a link.
        if let link = FileManager.default.linkedFolder(in: Self.journalPath, under: out) {
            throw ExportError(stage: .write, subject: link, reason: .fileSystem(FileManager.linkedFolderSentence(link, under: out)))
        }
        stage?(.discover)
        let previous = BackupManifest.read(from: out.appending(path: Self.manifestPath)) ?? BackupManifest()
        let pendingFolder = PendingPage.folder(in: out)
        let pending = PendingPage.read(from: pendingFolder)

        // Discover: search finds every page and data source with its time and parent, so named
        // roots cost nothing more and moves below them are seen.
        var fetchOptions = self.fetchOptions
        fetchOptions.retrieveDatabases = true
        let rootIDs = Set(roots.compactMap { root -> NotionID? in
            switch root {
            case .page(let id): id.id
            case .database(let id): id.id
            case .workspace: nil
            }
        })
        let everything = roots.isEmpty || roots.contains(.workspace)
        let discoverer = Fetcher(client: client, options: fetchOptions, progress: progress)
        let discovered = try await discoverer.discover([.workspace] + roots.filter { $0 != .workspace })
        let discovery = everything ? discovered : discovered.restricted(to: rootIDs)

        let saved = SavedContent(outputDirectory: out, manifest: previous, pending: pending, discovery: discovered)
        let counts = PageCounts()
        let check = options.check
        let fetcher = Fetcher(client: client, options: fetchOptions, progress: progress, stored: saved) { page in
            counts.add(page)
            if !page.reused && !check { PendingPage.write(page, fetched: started, to: pendingFolder) }
        }
        stage?(.fetchTree)
        let workspace = try await fetcher.fetchTree(discovery)
        let settledNow = Set(workspace.pages.filter { BackupTiming.isSettled(lastEditedTime: $0.page.lastEditedTime, savedAt: started) }.map(\.id))
        let reused = counts.reusedIDs
        let pendingSettled = Dictionary(pending.map { ($0.id, $0.settled) }, uniquingKeysWith: { a, _ in a })

        stage?(.assets)
        let references = workspace.assetReferences(includeExternal: options.downloadExternal)
        let assets: AssetResults
        if check {
            let index = AssetIndex.read(from: out.appending(path: "\(Self.stateFolder)/assets.json"))
            var paths: [String: String] = [:]
            for reference in references { if let entry = index.entries[reference.key] { paths[reference.key] = entry.path } }
            assets = AssetResults(paths: paths)
        } else {
            let store = AssetStore(outputDirectory: out, client: client, options: options.assetOptions, now: options.now)
            assets = try await store.download(references)
        }

        stage?(.layout)
        let layout = ExportLayout(workspace)
        let journal = Self.readJournal(out)
        // Files that changed are staged in the state folder as they are built (a batch at a
        // time: the tree is never all in memory) and renamed into place by the write stage.
        if !check { Self.removeInterruptedWrites(in: out, journal: journal) }
        let staging = check ? nil : out.appending(path: Self.temporaryFolder)
        if let staging {
            do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true) } catch {
                throw ExportError(stage: .render, subject: Self.temporaryFolder,
                                  reason: .fileSystem("\(error.localizedDescription) Check that the output folder is writable."))
            }
        }

        // Each document: its Markdown, raw JSON (and CSV for a database), compared with the disk.
        stage?(.render)
        let renderer = options.renderer
        let plan = renderer.plan(workspace, layout: layout, assets: assets.paths)
        let context = BackupContext(workspace)
        let users = workspace.userNames
        let assetPaths = assets.paths
        var manifest = BackupManifest()
        var built = BuiltFiles()
        var documents: [RenderedDocument] = []
        var warnings: [ExportWarning] = []
        for start in stride(from: 0, to: plan.jobs.count, by: MarkdownExport.batchSize) {
            let batch = plan.jobs[start..<min(start + MarkdownExport.batchSize, plan.jobs.count)].concurrentMap { job in
                Self.build(job, plan: plan, renderer: renderer, context: context, users: users, assets: assetPaths)
            }
            let rendered = batch.map(\.markdown)
            warnings += rendered.flatMap { document in document.warnings.map { ExportWarning(path: document.path, warning: $0) } }
            warnings += MarkdownTreeWriter.check(rendered)
            if options.keepSnapshot { documents += rendered }
            let compared = try batch.flatMap(\.files).concurrentMap { file in
                Result { () throws(ExportError) in try Self.compare(file.path, file.data, in: out, staging: staging) }
            }.map { result throws(ExportError) in try result.get() }
            for (path, staged) in compared { built.add(path, staged: staged) }
            for document in batch {
                switch document.entry {
                case .page(let id, var entry):
                    // Settled when saved: now if fetched now; as recorded if reused.
                    if reused.contains(id) {
                        entry.recheck = !(pendingSettled[id] ?? !(previous.pages[id.id]?.recheck ?? false))
                    } else {
                        entry.recheck = !settledNow.contains(id)
                    }
                    manifest.pages[id.id] = entry
                case .database(let id, let entry):
                    manifest.databases[id] = entry
                case nil:
                    break
                }
            }
        }
        let workspaceData = try await workspaceDocument(out, users: Self.users(in: workspace, names: users))
        let (workspacePath, workspaceStaged) = try Self.compare(Self.workspacePath, workspaceData, in: out, staging: staging)
        built.add(workspacePath, staged: workspaceStaged)
        manifest.files = built.paths.sorted()

        // Compare with the disk.
        stage?(.compare)
        var summary = BackupSummary(assets: assets, warnings: warnings.sorted(), issues: workspace.issues)
        if options.keepSnapshot {
            summary.snapshot = BackupSnapshot(workspace: workspace, layout: layout, documents: documents, assets: assets.paths)
        }
        summary.fetchedPages = workspace.pages.count - reused.count
        summary.reusedPages = reused.count
        summary.written = built.changed.keys.sorted()
        let owned = Set(previous.files).union(journal)
        summary.deleted = owned.subtracting(built.paths).filter { Self.isInside(out, $0) }.sorted()
        let written = Set(summary.written)
        for (id, entry) in manifest.pages.merging(manifest.databases, uniquingKeysWith: { a, _ in a }) {
            let old = previous.pages[id] ?? previous.databases[id]
            let touched = [entry.path, entry.jsonPath].contains { written.contains($0) } || old?.path != entry.path
            if old == nil { summary.added.append(entry.path) } else if touched { summary.changed.append(entry.path) } else { summary.unchanged.append(entry.path) }
        }
        for (id, entry) in previous.pages.merging(previous.databases, uniquingKeysWith: { a, _ in a })
        where manifest.pages[id] == nil && manifest.databases[id] == nil {
            summary.removed.append(entry.path)
        }
        summary.added.sort(); summary.changed.sort(); summary.removed.sort(); summary.unchanged.sort()
        guard !check else { return summary }

        stage?(.write)
        try write(staged: built.changed.compactMapValues { $0 }, written: summary.written, deleted: summary.deleted, manifest: manifest, into: out)
        try? FileManager.default.removeItem(at: pendingFolder)
        return summary
    }

    /// The files the run built: every path, and those whose bytes differ from the disk (with the
    /// staged file holding the new bytes; nil when nothing is staged, in a check).
    struct BuiltFiles {
        var paths: Set<String> = []
        var changed: [String: URL?] = [:]

        mutating func add(_ path: String, staged: URL??) {
            paths.insert(path)
            if let staged { changed[path] = staged }
        }
    }

    /// One document's files and manifest entry.
    struct BuiltDocument: Sendable {
        enum Entry: Sendable {
            case page(PageID, BackupManifest.Entry)
            case database(NotionID, BackupManifest.Entry)
        }
        var markdown: RenderedDocument
        var files: [(path: String, data: Data)]
        var entry: Entry?
    }

    /// A page's Markdown and raw JSON (its blocks read once for both), or a database's Markdown,
    /// raw JSON and CSV (one per data source).
    static func build(_ job: MarkdownRenderer.Job, plan: MarkdownRenderer.Plan, renderer: MarkdownRenderer, context: BackupContext,
                      users: [UserID: String], assets: [String: String]) -> BuiltDocument {
        switch job {
        case .page(let fetched, let path):
            let blocks = fetched.blocks
            let markdown = renderer.render(.page(FetchedPage(page: fetched.page, blocks: blocks), path), plan)
            let document = BackupDocuments.page(fetched.page, blocks: blocks, in: context)
            let data = BackupDocuments.data(document)
            var entry = BackupManifest.Entry(path: path, lastEditedTime: fetched.page.lastEditedTime, sha256: SHA256.hex(data),
                                             parent: fetched.page.parent.manifestKey)
            entry.contains = BackupDocuments.childObjects(in: blocks).sorted()
            entry.assets = assetPaths(in: document, assets: assets)
            return BuiltDocument(markdown: markdown, files: [(path, Data(markdown.text.utf8)), (entry.jsonPath, data)],
                                 entry: .page(fetched.id, entry))
        case .database(let tables, let path):
            let markdown = renderer.render(job, plan)
            let document = BackupDocuments.database(tables)
            let data = BackupDocuments.data(document)
            let database = tables.lazy.compactMap(\.database).first
            let id = database?.id.id ?? tables[0].databaseID?.id ?? tables[0].id
            var entry = BackupManifest.Entry(path: path, lastEditedTime: database?.lastEditedTime ?? tables[0].dataSource?.lastEditedTime ?? "",
                                             sha256: SHA256.hex(data),
                                             parent: (database?.parent ?? tables[0].dataSource?.databaseParent)?.manifestKey ?? "workspace")
            entry.assets = assetPaths(in: document, assets: assets)
            var files: [(path: String, data: Data)] = [(path, Data(markdown.text.utf8)), (entry.jsonPath, data)]
            let resolver = LinkResolver(layout: plan.layout, document: id, assets: assets, users: users)
            for table in tables {
                let name = tables.count == 1 ? "" : "-" + String(table.id.compact.suffix(8))
                files.append((String(path.dropLast(3)) + name + ".csv", Data(DatabaseCSV.csv(table, pages: plan.pages, resolver: resolver).utf8)))
            }
            return BuiltDocument(markdown: markdown, files: files, entry: .database(id, entry))
        }
    }

    /// Compares a built file with the disk: `.none` when the disk already holds these bytes;
    /// otherwise the staged copy (`staging` nil: a check, nothing staged).
    static func compare(_ path: String, _ data: Data, in out: URL, staging: URL?) throws(ExportError) -> (String, URL??) {
        if (try? Data(contentsOf: out.appending(path: path))) == data { return (path, .none) }
        guard let staging else { return (path, .some(nil)) }
        let staged = staging.appending(path: UUID().uuidString)
        do { try data.write(to: staged) } catch {
            throw ExportError(stage: .render, subject: path,
                              reason: .fileSystem("cannot stage it in \(temporaryFolder): \(error.localizedDescription) Check that the output folder is writable and has space."))
        }
        return (path, .some(staged))
    }

    // MARK: Parts

    /// Where the tree's files are written before they are renamed into place (same volume, so
    /// the rename is atomic): a run killed mid-write leaves nothing in the user's folders.
    static let temporaryFolder = ".notion-export/tmp"

    /// A run killed during a write leaves a temporary file: in `temporaryFolder` for the tree's
    /// files, or Foundation's (`.dat.nosync…`) beside the state files (manifest, pending pages)
    /// and `assets/`. The next run clears them before writing.
    static func removeInterruptedWrites(in out: URL, journal: [String]) {
        let fm = FileManager.default
        try? fm.removeItem(at: out.appending(path: temporaryFolder))
        var folders: Set<String> = ["", stateFolder, "\(stateFolder)/pending", "assets"]
        for path in journal where isInside(out, path) { folders.insert(path.split(separator: "/").dropLast().joined(separator: "/")) }
        for folder in folders {
            let url = folder.isEmpty ? out : out.appending(path: folder)
            for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasPrefix(".dat.nosync") {
                try? fm.removeItem(at: url.appending(path: name))
            }
        }
    }

    /// The downloaded files a raw document refers to.
    static func assetPaths(in document: JSONValue, assets: [String: String]) -> [String] {
        var paths: Set<String> = []
        func visit(_ value: JSONValue) {
            switch value {
            case .array(let items): items.forEach(visit)
            case .object(let object):
                if object["type"] == "file", let url = object["file"]?["url"]?.stringValue, let path = assets[AssetReference.hostedKey(url)] {
                    paths.insert(path)
                }
                if object["type"] == "external", let url = object["external"]?["url"]?.stringValue, let path = assets[AssetReference.stableKey(url)] {
                    paths.insert(path)
                }
                object.values.forEach(visit)
            default: break
            }
        }
        visit(document)
        return paths.sorted()
    }

    /// `.notion-export/workspace.json`: what the emulator needs to serve the backup (integration,
    /// bot, users; never a token). The bot is read once (`users/me`), on the first run.
    /// The users the content shows, as complete as it shows them (a `people` value carries the
    /// person's email), sorted by id; users known only by name get a minimal object.
    static func users(in workspace: FetchedWorkspace, names: [UserID: String]) -> [JSONValue] {
        var best: [String: JSONValue] = [:]
        func consider(_ user: JSONValue) {
            guard let id = user["id"]?.stringValue, user["name"]?.stringValue != nil, user["type"] != "bot" else { return }
            var user = user
            user["object"] = "user"
            if let kept = best[id], (kept.objectValue?.count ?? 0, kept.jsonString()) >= (user.objectValue?.count ?? 0, user.jsonString()) { return }
            best[id] = user
        }
        func visit(_ value: JSONValue) {
            switch value {
            case .array(let items): items.forEach(visit)
            case .object(let object):
                if object["object"] == "user" { consider(value) }
                object.values.forEach(visit)
            default: break
            }
        }
        for page in workspace.pages { visit(page.page.raw["properties"] ?? .null) }
        for (id, name) in names where best[id.rawValue] == nil {
            best[id.rawValue] = ["object": "user", "id": .string(id.rawValue), "name": .string(name), "type": "person"]
        }
        return best.keys.sorted().map { best[$0]! }
    }

    func workspaceDocument(_ out: URL, users: [JSONValue]) async throws(ExportError) -> Data {
        var document = (try? Data(contentsOf: out.appending(path: Self.workspacePath))).flatMap { try? JSONValue(data: $0) } ?? [:]
        if document["bot"] == nil || document["integration"]?["id"] == nil {
            let bot: JSONValue
            do { bot = try await client.send(.usersMe, subject: .workspace) } catch {
                throw ExportError(stage: .discover, subject: "the integration (users/me)", reason: .notion(error))
            }
            var object = bot
            object["request_id"] = nil
            document["bot"] = object
            document["integration"] = ["id": object["id"] ?? .null, "name": object["name"] ?? "notion-export backup"]
        }
        document["users"] = .array(users)
        document["tokens"] = nil
        return BackupDocuments.data(document)
    }

    static func readJournal(_ out: URL) -> [String] {
        guard let data = try? Data(contentsOf: out.appending(path: journalPath)), let json = try? JSONValue(data: data) else { return [] }
        return (json["files"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    static func isInside(_ out: URL, _ path: String) -> Bool {
        let url = out.appending(path: path).standardizedFileURL
        return url.path.hasPrefix(out.path + "/") && !path.split(separator: "/").contains("..")
    }

    /// Journal, files (each staged copy renamed into place: atomic), removals, manifest, journal removed.
    func write(staged: [String: URL], written: [String], deleted: [String], manifest: BackupManifest,
               into out: URL) throws(ExportError) {
        let fm = FileManager.default
        func attempt(_ what: String, _ body: () throws -> Void) throws(ExportError) {
            do { try body() } catch {
                throw ExportError(stage: .write, subject: what,
                                  reason: .fileSystem("\(error.localizedDescription) Check that the output folder is writable and has space."))
            }
        }
        for path in [Self.journalPath] + written {
            if let link = fm.linkedFolder(in: path, under: out) {
                throw ExportError(stage: .write, subject: path, reason: .fileSystem(FileManager.linkedFolderSentence(link, under: out)))
            }
        }
        try attempt(Self.journalPath) {
            try fm.createDirectory(at: out.appending(path: Self.stateFolder), withIntermediateDirectories: true)
            let journal: JSONValue = ["files": .array(written.map { .string($0) })]
            try BackupDocuments.data(journal).write(to: out.appending(path: Self.journalPath), options: .atomic)
        }
        for path in written {
            guard Self.isInside(out, path) else {
                throw ExportError(stage: .write, subject: path, reason: .fileSystem("the path leaves the output folder; nothing was written there."))
            }
            guard let source = staged[path] else { continue }
            let url = out.appending(path: path)
            try attempt(path) {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // rename(2) replaces the target (or a link standing there) atomically.
                guard rename(source.path, url.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
                }
            }
        }
        try? fm.removeItem(at: out.appending(path: Self.temporaryFolder))
        for path in deleted {
            let url = out.appending(path: path)
            try? fm.removeItem(at: url)
            fm.removeEmptyFolders(above: url, upTo: out)
        }
        try attempt(Self.manifestPath) { try manifest.data.write(to: out.appending(path: Self.manifestPath), options: .atomic) }
        try? fm.removeItem(at: out.appending(path: Self.journalPath))
    }
}

/// Pages the walk completed, and which of them came from the saved backup.
final class PageCounts: Sendable {
    let reused = Mutex<Set<PageID>>([])
    func add(_ page: CompletedPage) {
        if page.reused { _ = reused.withLock { $0.insert(page.page.id) } }
    }
    var reusedIDs: Set<PageID> { reused.withLock { $0 } }
}
