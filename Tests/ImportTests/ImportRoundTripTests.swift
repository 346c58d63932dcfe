import Emulator
import Export
import Foundation
import Import
import Markdown
import NotionAPI
import NotionModel
import TestSupport
import Testing

/// The key acceptance: every page of the sample workspace, exported, imported back over its own
/// content (its blocks deleted, the importer's blocks written in their place by the test writer,
/// child pages kept where they stand) and exported again, gives the same Markdown body and title.
/// Links between pages resolve because every page stays where it was; local files are uploaded
/// through the emulator's file-upload API.
@Suite(.serialized) struct ImportRoundTripTests {
    /// Pages whose body cannot come back byte for byte, and why (each checked to still differ).
    static let knownDifferences: [String: String] = [
        "acme-home/company/team-directory.md": "the placeholder of a `form` block comes back as a callout (it gains its notion:callout comment): Notion gives the API nothing else to restore",
        "acme-home/product/roadmap-2026/q1-planning.md": "the placeholder of an unknown `ai_summary` block comes back as a callout, as above",
        "acme-home/engineering-handbook.md": "a synced block's original is created anew, so its id in `notion:synced_block id=…` changes",
        "acme-home/meeting-notes.md": "the API cannot create template blocks: `<details data-template>` comes back as a toggle",
        "acme-home/meeting-notes/2026-01-12-weekly-sync.md": "the API cannot create meeting notes: `<details data-meeting-notes>` comes back as a toggle",
        "acme-home/product/roadmap-2026/q2-planning.md": "the API cannot create link previews: `\"link_preview\"` comes back as a bookmark",
    ]

    @Test func everySamplePageRoundTripsThroughImport() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let first = try TemporaryFolder()
        let second = try TemporaryFolder()
        defer { first.remove(); second.remove() }
        _ = try await MarkdownExport(fetcher: Fetcher(client: harness.client())).run([.workspace], into: first.url)

        // Every document and its id, from the front matter.
        let files = try GoldenTree.files(in: first.url).filter { $0.hasSuffix(".md") && !$0.hasPrefix("assets/") }
        var ids: [String: String] = [:]
        var databases: Set<String> = []
        for path in files {
            let text = try String(contentsOf: first.url.appending(path: path), encoding: .utf8)
            let document = MarkdownImporter().read(text, file: path)
            if let id = document.frontMatter?["notion_id"]?.stringValue { ids[path] = id }
            if document.frontMatter?["notion_object"] == "database" { databases.insert(path) }
        }
        #expect(ids.count == 73)

        let client = NotionClient(options: .init(baseURL: harness.server.baseURL, token: NotionToken(harness.token),
                                                 scheduler: .init(maxConcurrent: 4, requestsPerSecond: nil, burst: 2)),
                                  transport: InProcessTransport(handler: harness.handler))
        var warnings = 0
        var blocks = 0
        for path in files where !databases.contains(path) {
            let text = try String(contentsOf: first.url.appending(path: path), encoding: .utf8)
            let document = MarkdownImporter().read(text, file: path)
            warnings += document.warnings.count
            blocks += document.blocks.reduce(0) { $0 + $1.count }
            let pageID = try #require(ids[path])
            try await Self.replaceContent(of: pageID, with: document, path: path, ids: ids, client: client,
                                          handler: harness.handler, token: harness.token, assets: first.url)
        }

        _ = try await MarkdownExport(fetcher: Fetcher(client: harness.client())).run([.workspace], into: second.url)
        var differing: [String] = []
        for path in files where !databases.contains(path) {
            let before = try String(contentsOf: first.url.appending(path: path), encoding: .utf8)
            let after = (try? String(contentsOf: second.url.appending(path: path), encoding: .utf8)) ?? ""
            let same = MarkdownTreeWriter.body(of: before) == MarkdownTreeWriter.body(of: after)
                && Self.carried(before) == Self.carried(after)
            if !same {
                differing.append(path)
                if Self.knownDifferences[path] == nil {
                    Issue.record(Comment(rawValue: "\(path) does not round-trip:\n" + Self.firstDifference(MarkdownTreeWriter.body(of: before), MarkdownTreeWriter.body(of: after))))
                }
            }
        }
        for path in Self.knownDifferences.keys.sorted() where !differing.contains(path) {
            Issue.record("\(path) now round-trips: remove it from knownDifferences")
        }
        #expect(blocks >= 700, "the pages' content was written: \(blocks) blocks (750 when written)")
        #expect(differing.count == Self.knownDifferences.count)
        print("round trip: \(files.count - databases.count) pages, \(blocks) blocks written, \(differing.count) differ, \(warnings) import warnings")
    }

    /// The front matter's lines that the import carries: the title, the icon and the cover (a
    /// mapping icon's indented lines included).
    static func carried(_ text: String) -> [String] {
        let frontMatter = String(decoding: text.utf8.prefix(text.utf8.count - MarkdownTreeWriter.body(of: text).utf8.count), as: UTF8.self)
        var out: [String] = []
        var inside = false
        for line in frontMatter.split(separator: "\n") {
            if line.hasPrefix(" ") { if inside { out.append(String(line)) }; continue }
            inside = line.hasPrefix("title:") || line.hasPrefix("icon:") || line.hasPrefix("cover:")
            if inside { out.append(String(line)) }
        }
        return out
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(x, y)).firstIndex { $0 != $1 } ?? min(x.count, y.count)
        return "line \(line + 1)\n  before: \(line < x.count ? String(x[line]) : "<end>")\n  after:  \(line < y.count ? String(y[line]) : "<end>")"
    }

    /// Deletes the page's blocks except its child pages and databases, then writes `blocks` around them.
    static func replaceContent(of pageID: String, with document: ImportDocument, path: String, ids: [String: String],
                               client: NotionClient, handler: EmulatorHandler, token: String, assets: URL) async throws {
        var kept: Set<String> = []
        var cursor: String?
        var existing: [JSONValue] = []
        repeat {
            var query = [URLQueryItem(name: "page_size", value: "100")]
            if let cursor { query.append(URLQueryItem(name: "start_cursor", value: cursor)) }
            let list = try await client.send(.blocksChildrenList, ["block_id": pageID], query: query)
            existing += list["results"]?.arrayValue ?? []
            cursor = list["next_cursor"]?.stringValue
        } while cursor != nil
        for block in existing {
            let id = block["id"]?.stringValue ?? ""
            if block["type"] == "child_page" || block["type"] == "child_database" { kept.insert(id); continue }
            _ = try await client.send(.blocksDelete, ["block_id": id])
        }
        let folder = (path as NSString).deletingLastPathComponent
        let resolve = { @Sendable (target: String) -> (id: String, fragment: String?)? in
            let parts = target.split(separator: "#", maxSplits: 1).map(String.init)
            let full = (("/" + folder as NSString).appendingPathComponent(parts[0]) as NSString).standardizingPath
            let relative = full.hasPrefix("/") ? String(full.dropFirst()) : full
            return ids[relative].map { ($0, parts.count > 1 ? parts[1] : nil) }
        }
        let keptIDs = kept
        var writer = TestBlockWriter(
            client: client,
            page: { target, key in
                guard let (id, fragment) = resolve(target) else { return .string("https://example.com/missing/" + target) }
                if key == "page_id" || key == "database_id" { return .string(id) }
                return .string("https://www.notion.so/" + id.replacing("-", with: "") + (fragment.map { "#" + $0 } ?? ""))
            },
            file: { file in try await upload(file, folder: folder, assets: assets, client: client, handler: handler, token: token) },
            childPage: { draft, _ in
                let target = draft.body["page_id"]?.stringValue ?? draft.body["database_id"]?.stringValue ?? ""
                guard target.hasPrefix("local-page:"), let (id, _) = resolve(String(target.dropFirst("local-page:".count))),
                      keptIDs.contains(id) else { throw RoundTripError(message: "\(path): child \(target) is not a child of the page") }
                return id
            })
        try await writer.write(document.blocks, under: pageID, after: "start")
        // Icon and cover, set afresh from the front matter (files uploaded again).
        var patch: [String: JSONValue] = ["icon": .null, "cover": .null]
        if let icon = document.icon { patch["icon"] = try await writer.resolve(icon, key: "icon") }
        if let cover = document.cover { patch["cover"] = try await writer.resolve(cover, key: "cover") }
        _ = try await client.send(.pagesUpdate, ["page_id": pageID], body: .object(patch))
    }

    struct RoundTripError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Uploads a file of the first export (`assets/<name>-<hash>.<ext>`) under its original name
    /// (the hash dropped), as a real import would, so the second export names it the same.
    static func upload(_ file: String, folder: String, assets: URL, client: NotionClient, handler: EmulatorHandler,
                       token: String) async throws -> JSONValue {
        let location = (("/" + folder as NSString).appendingPathComponent(file) as NSString).standardizingPath
        let data = try Data(contentsOf: assets.appending(path: location.hasPrefix("/") ? String(location.dropFirst()) : location))
        var name = (location as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension
        var base = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        if let dash = base.lastIndex(of: "-"), base[base.index(after: dash)...].count == 12 { base = String(base[..<dash]) }
        name = ext.isEmpty ? base : base + "." + ext
        let created = try await client.send(.fileUploadsCreate, body: ["filename": .string(name)])
        let id = try #require(created["id"]?.stringValue)
        let boundary = "roundtrip-boundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += data
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        let request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1/v1/file_uploads/\(id)/send")!,
                                  headers: ["Authorization": "Bearer \(token)", "Notion-Version": NotionVersion.default.rawValue,
                                            "Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body)
        let response = try await handler.handle(request)
        guard response.status == 200 else {
            throw RoundTripError(message: "upload of \(file) failed: \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return ["type": "file_upload", "file_upload": ["id": .string(id)]]
    }
}
