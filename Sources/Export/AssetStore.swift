import Foundation
import NotionAPI
import NotionModel
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How the `assets` stage downloads.
public struct AssetOptions: Sendable, Hashable {
    /// Files larger than this (by `Content-Length` or by the bytes received) are skipped.
    public var maxBytes: Int64
    /// Downloads in flight at once. They do not count against Notion's API rate budget.
    public var concurrency: Int
    /// The folder inside the output folder that holds the files (a relative path).
    public var folder: String

    public init(maxBytes: Int64 = 100 * 1024 * 1024, concurrency: Int = 8, folder: String = "assets") {
        self.maxBytes = maxBytes
        self.concurrency = concurrency
        self.folder = folder
    }
}

/// A file the `assets` stage left out, and why: which file, which block or page, what to do.
public struct SkippedAsset: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var key: String
    public var owner: AssetReference.Owner
    /// The file's readable name (`AssetReference.nameHint`).
    public var name: String
    /// What happened and what to do.
    public var reason: String

    public init(key: String, owner: AssetReference.Owner, name: String, reason: String) {
        self.key = key
        self.owner = owner
        self.name = name
        self.reason = reason
    }

    public var description: String { "\(ExportStage.assets): “\(name)” in \(owner) was not downloaded: \(reason)" }

    public static func < (lhs: SkippedAsset, rhs: SkippedAsset) -> Bool { (lhs.key, lhs.owner) < (rhs.key, rhs.owner) }
}

/// What the `assets` stage did: where each file is, what it left out, what it cost.
public struct AssetResults: Sendable, Hashable {
    /// Reference key → the file's path relative to the output folder (`assets/diagram-d603278d269a.png`).
    /// Keys with identical bytes share one file.
    public var paths: [String: String]
    /// Sorted by key.
    public var skipped: [SkippedAsset]
    /// Files fetched from their host in this run.
    public var downloaded: Int
    /// Files kept from an earlier run without any request (same key, owner unchanged).
    public var reused: Int
    /// Owners re-read through the Notion API for a fresh URL (expired signed URLs); one read per
    /// owner however many of its files had expired.
    public var refreshed: Int
    /// Bytes downloaded in this run.
    public var bytes: Int64

    public init(paths: [String: String] = [:], skipped: [SkippedAsset] = [], downloaded: Int = 0, reused: Int = 0,
                refreshed: Int = 0, bytes: Int64 = 0) {
        self.paths = paths
        self.skipped = skipped
        self.downloaded = downloaded
        self.reused = reused
        self.refreshed = refreshed
        self.bytes = bytes
    }

    /// The local file of a file object as a block, page or property holds it, if it was downloaded.
    public func path(for file: FileObject) -> String? {
        AssetReference.key(for: file).flatMap { paths[$0] }
    }
}

/// The `assets` stage: downloads files into `OUT/<folder>/` under content-addressed, readable
/// names, once.
///
/// - Names are `<slug of the name>-<first 12 hex digits of SHA-256>.<ext>`; identical bytes are
///   one file, named after the smallest key holding them, so the folder is a pure function of the
///   references and the files' bytes.
/// - `OUT/.notion-export/assets.json` remembers key → path, SHA-256, size and the owner's
///   `last_edited_time`. A reference with the same key and time whose file is still there costs
///   no request at all.
/// - Files come from their host through a URLSession of the stage's own, `concurrency` at a time,
///   outside the API rate budget; the Notion token is never sent to a file host.
/// - A Notion-hosted URL that has expired (its `expiry_time` has passed, or the host answers 403)
///   is renewed by re-reading its owner through the `NotionClient`, once per owner.
/// - One file never fails the stage: files over the size cap, files whose owner is gone, and
///   files the host refuses even with a fresh URL are skipped with a reason. Only an output
///   folder that cannot be written throws.
/// - The folder holds what the references name: files an earlier run downloaded that no
///   reference names any more (or that were skipped this time) are deleted. One run per output
///   folder at a time.
public struct AssetStore: Sendable {
    public let outputDirectory: URL
    public let client: NotionClient
    public let options: AssetOptions
    /// Wall-clock time, to tell expired URLs before asking the host (injected in tests).
    let now: @Sendable () -> Date

    /// A signed URL this close to its expiry is renewed before use rather than after a 403.
    static let expiryMargin: TimeInterval = 60

    /// - Parameters:
    ///   - outputDirectory: the export's output folder (`OUT`).
    ///   - client: re-reads owners of expired files; its scheduler and token are not used for
    ///     the downloads themselves.
    ///   - now: the wall clock compared with `expiry_time`.
    public init(outputDirectory: URL, client: NotionClient, options: AssetOptions = AssetOptions(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.outputDirectory = outputDirectory
        self.client = client
        self.options = options
        self.now = now
    }

    /// `OUT/.notion-export/assets.json`.
    public var indexURL: URL { stateDirectory.appendingPathComponent("assets.json") }
    var stateDirectory: URL { outputDirectory.appendingPathComponent(".notion-export", isDirectory: true) }
    var temporaryDirectory: URL { stateDirectory.appendingPathComponent("assets-partial", isDirectory: true) }

    /// Downloads what is not there yet and returns where every file is. Throws only when the
    /// output folder cannot be written.
    public func download(_ references: [AssetReference]) async throws(ExportError) -> AssetResults {
        let folder = try validatedFolder()
        let files = FileManager.default
        for checked in [".notion-export", folder] {
            if let link = files.linkedFolder(in: checked + "/-", under: outputDirectory) {  // "-": a file in `checked`
                throw ExportError(stage: .assets, subject: link, reason: .fileSystem(FileManager.linkedFolderSentence(link, under: outputDirectory)))
            }
        }
        try fileSystem("create \(temporaryDirectory.path)") {
            try? files.removeItem(at: temporaryDirectory)  // partial downloads of an interrupted run
            try files.createDirectory(at: temporaryDirectory, withIntermediateDirectories: true)
            try files.createDirectory(at: outputDirectory.appendingPathComponent(folder, isDirectory: true),
                                      withIntermediateDirectories: true)
        }
        defer { try? files.removeItem(at: temporaryDirectory) }

        let previous = AssetIndex.read(from: indexURL)
        var unique: [AssetReference] = []
        for reference in references.sorted() where unique.last?.key != reference.key { unique.append(reference) }

        var obtained: [Obtained] = []
        var pending: [AssetReference] = []
        for reference in unique {
            if let entry = previous.entries[reference.key], entry.lastEditedTime == reference.ownerLastEditedTime,
               Self.isInside(folder: folder, entry.path), fileSize(entry.path) == entry.bytes {
                obtained.append(Obtained(reference: reference, sha256: entry.sha256, bytes: entry.bytes, source: .existing(entry.path)))
            } else {
                pending.append(reference)
            }
        }
        let reused = obtained.count

        var skipped: [SkippedAsset] = []
        var downloaded = 0
        var bytes: Int64 = 0
        let refresher = OwnerRefresher(client: client)
        if !pending.isEmpty {
            let session = makeSession()
            defer { session.finishTasksAndInvalidate() }
            for outcome in await fetchAll(pending, session: session, refresher: refresher) {
                switch outcome {
                case .obtained(let item):
                    obtained.append(item)
                    downloaded += 1
                    bytes += item.bytes
                case .skipped(let skip):
                    skipped.append(skip)
                }
            }
        }

        // A cancelled run changes nothing: its skips are cancellations, not files gone from Notion.
        guard !Task.isCancelled else {
            return AssetResults(skipped: skipped.sorted(), downloaded: 0, reused: reused, refreshed: refresher.reads)
        }
        let index = try place(obtained, folder: folder)
        // Files earlier runs wrote that nothing refers to any more.
        let kept = Set(index.entries.values.map(\.path))
        for entry in previous.entries.values where !kept.contains(entry.path) && Self.isInside(folder: folder, entry.path) {
            try? files.removeItem(at: outputDirectory.appendingPathComponent(entry.path))
        }
        try fileSystem("write \(indexURL.path)") { try index.write(to: indexURL) }

        return AssetResults(paths: index.entries.mapValues(\.path), skipped: skipped.sorted(), downloaded: downloaded,
                            reused: reused, refreshed: refresher.reads, bytes: bytes)
    }

    // MARK: Placing files

    /// A file the stage has: already in place from an earlier run, or downloaded to a temporary file.
    struct Obtained: Sendable {
        enum Source: Sendable {
            /// Relative to the output folder.
            case existing(String)
            case temporary(URL)
        }
        var reference: AssetReference
        var sha256: String
        var bytes: Int64
        var source: Source
    }

    /// Moves downloads into place, one file per content, named after the smallest key holding
    /// that content; returns the new index.
    func place(_ obtained: [Obtained], folder: String) throws(ExportError) -> AssetIndex {
        let files = FileManager.default
        var index = AssetIndex()
        let groups = Dictionary(grouping: obtained, by: \.sha256)
        for sha256 in groups.keys.sorted() {
            let group = groups[sha256]!.sorted { $0.reference < $1.reference }
            let first = group[0].reference
            let name = AssetName.fileName(name: first.nameHint, sha256: sha256,
                                          fallbackExtensions: [AssetName.fileExtension(of: first.key)])
            let path = folder + "/" + name
            let destination = outputDirectory.appendingPathComponent(path)
            if !files.fileExists(atPath: destination.path) {
                try fileSystem("write \(destination.path)") {
                    var temporary: URL?
                    var existing: String?
                    for item in group {
                        switch item.source {
                        case .temporary(let url): temporary = temporary ?? url
                        case .existing(let path): existing = existing ?? path
                        }
                    }
                    if let temporary {
                        try files.moveItem(at: temporary, to: destination)  // same volume: an atomic rename
                    } else if let existing {
                        // Renamed because a smaller key with the same bytes appeared: copy, then
                        // rename into place; the old name goes when nothing refers to it.
                        let staging = temporaryDirectory.appendingPathComponent(UUID().uuidString)
                        try files.copyItem(at: outputDirectory.appendingPathComponent(existing), to: staging)
                        try files.moveItem(at: staging, to: destination)
                    }
                }
            }
            for item in group {
                index.entries[item.reference.key] = AssetIndex.Entry(path: path, sha256: sha256, bytes: item.bytes,
                                                                     lastEditedTime: item.reference.ownerLastEditedTime)
            }
        }
        return index
    }

    // MARK: Downloading

    enum Outcome: Sendable {
        case obtained(Obtained)
        case skipped(SkippedAsset)
    }

    /// Downloads `references`, `options.concurrency` at a time; outcomes in the order given.
    func fetchAll(_ references: [AssetReference], session: URLSession, refresher: OwnerRefresher) async -> [Outcome] {
        let width = max(1, options.concurrency)
        return await withTaskGroup(of: (Int, Outcome).self) { group in
            var outcomes = [Outcome?](repeating: nil, count: references.count)
            var next = 0
            func start() {
                let index = next
                group.addTask { (index, await fetch(references[index], session: session, refresher: refresher)) }
                next += 1
            }
            while next < min(width, references.count) { start() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < references.count { start() }
            }
            return outcomes.map { $0! }
        }
    }

    /// One file: renew an expired URL, download, check the size, hash.
    func fetch(_ reference: AssetReference, session: URLSession, refresher: OwnerRefresher) async -> Outcome {
        func skip(_ reason: String) -> Outcome {
            .skipped(SkippedAsset(key: reference.key, owner: reference.owner, name: reference.nameHint, reason: reason))
        }
        var url = reference.url
        var renewed = false
        if reference.isHosted, let expiry = reference.expiryDate, expiry <= now().addingTimeInterval(Self.expiryMargin) {
            switch await refresher.freshURL(for: reference) {
            case .success(let fresh): url = fresh
            case .failure(let failure): return skip(failure.reason)
            }
            renewed = true
        }
        var retried = false
        while true {
            switch await get(url, session: session) {
            case .file(let file, let declaredLength):
                let size = fileSize(absolute: file) ?? 0
                if declaredLength > options.maxBytes || size > options.maxBytes {
                    return skip("it is \(max(declaredLength, size)) bytes, over the \(options.maxBytes)-byte limit: "
                                + "raise the asset size limit to include it.")
                }
                do {
                    let sha256 = try SHA256.hex(ofFileAt: file)
                    return .obtained(Obtained(reference: reference, sha256: sha256, bytes: size, source: .temporary(file)))
                } catch {
                    return skip("cannot read the download in \(temporaryDirectory.path): \(error.localizedDescription).")
                }
            case .status(let status) where (status == 401 || status == 403) && reference.isHosted && !renewed:
                // Notion's file host (S3) answers 403 to an expired signature.
                switch await refresher.freshURL(for: reference) {
                case .success(let fresh): url = fresh
                case .failure(let failure): return skip(failure.reason)
                }
                renewed = true
            case .status(let status) where status >= 500 && !retried:
                retried = true
            case .transport where !retried:
                retried = true
            case .status(let status):
                let host = URL(string: url)?.host ?? "the file host"
                if reference.isHosted {
                    return skip("\(host) answered \(status)\(renewed ? " to a URL renewed by re-reading \(reference.owner)" : ""): "
                                + "rerun the export later; if it persists, open the file in Notion to check it still exists.")
                }
                return skip("\(host) answered \(status) for the external file \(reference.key): fix the link in \(reference.owner) "
                            + "or export without external files.")
            case .transport(let detail):
                let host = URL(string: url)?.host ?? "the file host"
                return skip("could not download it from \(host): \(detail); check the network and rerun.")
            case .local(let detail):
                return skip(detail)
            }
        }
    }

    enum Response {
        /// 200: the body in a temporary file inside the output folder, and the declared length (-1 when none).
        case file(URL, declaredLength: Int64)
        case status(Int)
        case transport(String)
        /// The download could not be kept (the output folder is not writable).
        case local(String)
    }

    func get(_ address: String, session: URLSession) async -> Response {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            return .transport("“\(address)” is not an http(s) URL")
        }
        let location: URL
        let response: URLResponse
        do {
            (location, response) = try await session.download(for: Self.request(url))
        } catch {
            return .transport(error.localizedDescription)
        }
        let files = FileManager.default
        defer { try? files.removeItem(at: location) }
        guard let http = response as? HTTPURLResponse else { return .transport("the answer is not HTTP") }
        guard http.statusCode == 200 else { return .status(http.statusCode) }
        // Into the output folder's volume, so that placing the file is an atomic rename.
        let file = temporaryDirectory.appendingPathComponent(UUID().uuidString)
        do {
            do {
                try files.moveItem(at: location, to: file)
            } catch {
                try files.copyItem(at: location, to: file)  // another volume, where rename cannot go
            }
        } catch {
            return .local("cannot write \(file.path): \(error.localizedDescription); check that the output folder is writable.")
        }
        return .file(file, declaredLength: http.expectedContentLength)
    }

    /// A plain GET: no Authorization header (the file host must never see the Notion token), no
    /// cookies, no cache.
    static func request(_ url: URL) -> URLRequest {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 120)
        request.httpMethod = "GET"
        request.httpShouldHandleCookies = false
        return request
    }

    /// The stage's own session: its connections are not the API client's, and its pool is as
    /// wide as the stage's concurrency (URLSession's default is 6 per host).
    func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, options.concurrency)
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpAdditionalHeaders = ["User-Agent": "notion-export/0.1"]
        return URLSession(configuration: configuration)
    }

    // MARK: Helpers

    /// `options.folder` as a clean relative path.
    func validatedFolder() throws(ExportError) -> String {
        let parts = options.folder.split(separator: "/", omittingEmptySubsequences: true)
        guard !options.folder.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw ExportError(stage: .assets, subject: "folder “\(options.folder)”",
                              reason: .fileSystem("must be a relative path inside the output folder, such as “assets”."))
        }
        return parts.joined(separator: "/")
    }

    /// Whether an index path names a file directly in `folder` (the only files the stage deletes).
    static func isInside(folder: String, _ path: String) -> Bool {
        guard path.hasPrefix(folder + "/") else { return false }
        let name = path.dropFirst(folder.count + 1)
        return !name.isEmpty && !name.contains("/") && name != ".." && name != "."
    }

    func fileSize(_ relativePath: String) -> Int64? {
        fileSize(absolute: outputDirectory.appendingPathComponent(relativePath))
    }

    func fileSize(absolute url: URL) -> Int64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        return (attributes[.size] as? NSNumber)?.int64Value
    }

    func fileSystem(_ action: String, _ body: () throws -> Void) throws(ExportError) {
        do {
            try body()
        } catch {
            throw ExportError(stage: .assets, subject: outputDirectory.path,
                              reason: .fileSystem("cannot \(action): \(error.localizedDescription); check that the output folder is writable and has space."))
        }
    }
}

extension AssetReference {
    /// When a hosted file's URL stops working (`expiry_time`).
    /// A stable file id saved in place of the URL (a backup's raw JSON: no scheme, no host) has
    /// no working URL: it counts as expired, so the owner is re-read for a fresh one.
    var expiryDate: Date? {
        if case .file(let url, _) = file, !url.contains("://") { return .distantPast }
        guard case .file(_, let expiry?) = file else { return nil }
        return NotionTimestamp.date(expiry)
    }
}

/// Re-reads owners of expired files through the API, once per owner however many of its files
/// ask, and finds the files' fresh URLs in them.
final class OwnerRefresher: Sendable {
    struct Failure: Error, Sendable {
        var reason: String
    }

    let client: NotionClient
    private let pending = Mutex<[AssetReference.Owner: Task<Result<JSONValue, NotionError>, Never>]>([:])

    init(client: NotionClient) { self.client = client }

    /// Owners read so far.
    var reads: Int { pending.withLock { $0.count } }

    /// The URL the owner holds now for the reference's file.
    func freshURL(for reference: AssetReference) async -> Result<String, Failure> {
        let owner = reference.owner
        switch await read(owner) {
        case .failure(let error) where error.code == .objectNotFound || error.status == 404:
            return .failure(Failure(reason: "its URL has expired and \(owner) can no longer be read (deleted, or no longer shared "
                                    + "with the integration): share the page again (••• → Connections) and rerun."))
        case .failure(let error):
            return .failure(Failure(reason: "its URL has expired and re-reading \(owner) for a fresh one failed: \(error)"))
        case .success(let object):
            guard let url = Self.urls(in: object).first(where: { AssetReference.hostedKey($0) == reference.key }) else {
                return .failure(Failure(reason: "its URL has expired and \(owner) no longer holds the file (it changed after "
                                        + "the fetch): rerun the export."))
            }
            return .success(url)
        }
    }

    func read(_ owner: AssetReference.Owner) async -> Result<JSONValue, NotionError> {
        let client = client
        let task = pending.withLock { pending in
            if let task = pending[owner] { return task }
            let task = Task { () -> Result<JSONValue, NotionError> in
                do throws(NotionError) {
                    return .success(try await Self.retrieve(owner, client))
                } catch {
                    return .failure(error)
                }
            }
            pending[owner] = task
            return task
        }
        return await task.value
    }

    static func retrieve(_ owner: AssetReference.Owner, _ client: NotionClient) async throws(NotionError) -> JSONValue {
        switch owner {
        case .block(let id): try await client.send(.blocksRetrieve, ["block_id": id.rawValue], subject: .block(id.rawValue))
        case .page(let id): try await client.send(.pagesRetrieve, ["page_id": id.rawValue], subject: .page(id.rawValue))
        case .database(let id):
            try await client.send(.databasesRetrieve, ["database_id": id.rawValue], subject: .database(id.rawValue))
        case .dataSource(let id):
            try await client.send(.dataSourcesRetrieve, ["data_source_id": id.rawValue], subject: .dataSource(id.rawValue))
        }
    }

    /// Every string under a `url` key, depth first.
    static func urls(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            var found: [String] = []
            for key in object.keys.sorted() {
                if key == "url", let url = object[key]?.stringValue { found.append(url) } else { found += urls(in: object[key]!) }
            }
            return found
        case .array(let array): return array.flatMap(urls(in:))
        default: return []
        }
    }
}
