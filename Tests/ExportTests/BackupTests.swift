import Emulator
import Export
import Foundation
import NotionAPI
import NotionModel
import Synchronization
import TestSupport
import Testing

/// The backup tree of the sample workspace through the emulator over real HTTP: the golden tree,
/// byte stability, incremental runs after edits upstream (each must equal a fresh backup of the
/// edited workspace), the minute-rounding overlap, hostile titles. Re-record the golden tree
/// with `NOTION_EXPORT_RECORD=1 swift test --filter BackupTests`.
@Suite(.serialized) struct BackupTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/sample-backup")

    /// Search, one query per data source, one read per database.
    static let discoveryRequests = 1 + 2 + 2

    @Test func theSampleBacksUpToTheGoldenTreeAndARerunChangesNoByteWithDiscoveryRequestsOnly() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let out = try TemporaryFolder()
        defer { out.remove() }

        let client = harness.client()
        let summary = try await Backup(client: client).run([.workspace], into: out.url)
        // The Markdown export's minimum and truncated relation, the two database containers, users/me.
        // (Retries, which a loaded machine can cause, are not requests the backup chose to make.)
        #expect(client.metrics.requests - client.metrics.retries == harness.workspace.minimumReadRequests() + 1 + 2 + 1)
        #expect(summary.added.count == 73 && summary.changed.isEmpty && summary.removed.isEmpty)
        #expect(summary.fetchedPages == 71 && summary.reusedPages == 0)
        #expect(summary.assets.downloaded == 9 && summary.warnings.count == 5)

        // The Markdown is the Markdown export's, file for file; the rest is the golden backup.
        let tree = try TreeSnapshot(out.url)
        let markdown = try TemporaryFolder()
        defer { markdown.remove() }
        try tree.write(to: markdown.url) { $0.hasSuffix(".md") }
        for problem in try GoldenTree.compare(markdown.url, with: MarkdownExportTests.golden, excluding: []) { Issue.record(Comment(rawValue: problem)) }
        let rest = try TemporaryFolder()
        defer { rest.remove() }
        try tree.write(to: rest.url) { !$0.hasSuffix(".md") && !$0.hasPrefix("assets/") }
        for problem in try GoldenTree.compare(rest.url, with: Self.golden, excluding: []) { Issue.record(Comment(rawValue: problem)) }
        #expect(tree.paths.filter { $0.hasSuffix(".csv") } == ["acme-home/marketing/blog.csv", "acme-home/marketing/topics.csv"])

        // Again: not one byte changes, and only discovery is requested.
        let again = harness.client()
        let second = try await Backup(client: again).run([.workspace], into: out.url)
        #expect(again.metrics.requests - again.metrics.retries == Self.discoveryRequests)
        #expect(again.metrics.requestsByEndpoint == ["search": 1, "data_sources.query": 2, "databases.retrieve": 2])
        #expect(second.isUpToDate && second.written.isEmpty && second.deleted.isEmpty)
        #expect(second.fetchedPages == 0 && second.reusedPages == 71 && second.unchanged.count == 73)
        let unchanged = try TreeSnapshot(out.url)
        #expect(unchanged == tree)

        // --check agrees, and writes nothing.
        let check = try await Backup(client: harness.client(), options: BackupOptions(check: true)).run([.workspace], into: out.url)
        #expect(check.isUpToDate)
    }

    @Test func theEmulatorServesABackupAndExportingFromItGivesTheSameTrees() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let out = try TemporaryFolder()
        defer { out.remove() }
        _ = try await Backup(client: harness.client()).run([.workspace], into: out.url)
        let original = try TreeSnapshot(out.url)

        // The backup folder as a workspace: no API call reaches the original.
        let served = try await EmulatorHarness.start(workspace: out.url, tokens: ["ntn_backup_test"])
        defer { Task { await served.stop() } }
        let markdown = try TemporaryFolder()
        defer { markdown.remove() }
        let export = try await MarkdownExport(fetcher: Fetcher(client: served.client())).run([.workspace], into: markdown.url)
        #expect(export.documents == 73 && export.assets.downloaded == 9 && export.assets.skipped.isEmpty)
        for problem in try GoldenTree.compare(markdown.url, with: MarkdownExportTests.golden, excluding: ["assets/", ".notion-export/"]) { Issue.record(Comment(rawValue: problem)) }
        #expect(try markdown.list("assets") == out.list("assets"))

        // A backup of the served backup is the backup.
        let again = try TemporaryFolder()
        defer { again.remove() }
        _ = try await Backup(client: served.client()).run([.workspace], into: again.url)
        let copy = try TreeSnapshot(again.url)
        #expect(copy.paths == original.paths)
        for path in copy.paths where copy.files[path] != original.files[path] {
            Issue.record("\(path) differs in the backup of the served backup")
        }
    }

    // MARK: Changes upstream

    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (EmulatorHarness) async throws -> Void
        /// Pages fetched by the incremental run.
        var fetched: Int
        /// Files (outside `.notion-export/`) the incremental run writes and removes.
        var written: Set<String>
        var deleted: Set<String>
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "a synced block's original edited", change: { harness in
            try harness.workspace.editBlock(NotionID("b10c0002-0000-8000-8000-000000000001")!,
                                            payload: ["rich_text": richText("Edited upstream.")], merge: true)
        }, fetched: 1, written: ["acme-home/engineering-handbook.md", "acme-home/engineering-handbook.json",
                                 // Its child_page block carries the page's new last_edited_time.
                                 "acme-home.json",
                                 "acme-home/engineering-handbook/runbooks/incident-response.md",
                                 "acme-home/engineering-handbook/runbooks/on-call-handbook.md"], deleted: []),
        Scenario(name: "a leaf page trashed", change: { harness in
            try harness.workspace.setTrashed(NotionID("ba9e0000-0000-8000-8000-000000000006")!, true)
        }, fetched: 1, written: ["acme-home/engineering-handbook/onboarding.md", "acme-home/engineering-handbook/onboarding.json"],
           deleted: ["acme-home/engineering-handbook/onboarding/first-week-checklist.md",
                     "acme-home/engineering-handbook/onboarding/first-week-checklist.json"]),
        Scenario(name: "a page moved", change: { harness in
            try harness.workspace.movePage(NotionID("ba9e0000-0000-8000-8000-000000000009")!, toPage: NotionID("ba9e0000-0000-8000-8000-00000000000f")!)
        }, fetched: 3, written: ["acme-home/engineering-handbook/coding-standards.md", "acme-home/engineering-handbook/coding-standards.json",
                                 "acme-home/engineering-handbook/runbooks.md", "acme-home/engineering-handbook/runbooks.json",
                                 "acme-home/engineering-handbook/runbooks/code-review-guidelines.md",
                                 "acme-home/engineering-handbook/runbooks/code-review-guidelines.json",
                                 // It links to the moved page: the relative link follows.
                                 "acme-home/engineering-handbook/onboarding/first-week-checklist.md"],
           deleted: ["acme-home/engineering-handbook/coding-standards/code-review-guidelines.md",
                     "acme-home/engineering-handbook/coding-standards/code-review-guidelines.json"]),
        Scenario(name: "a page added", change: { harness in
            _ = try await harness.client().send(.pagesCreate, body: [
                "parent": ["page_id": "ba9e0000-0000-8000-8000-000000000016"],
                "properties": ["title": ["title": [["text": ["content": "Q2 Risks"]]]]],
                "children": [["paragraph": ["rich_text": [["text": ["content": "Hiring may slip."]]]]]],
            ])
        }, fetched: 2, written: ["acme-home/product/roadmap-2026/q2-planning.md", "acme-home/product/roadmap-2026/q2-planning.json",
                                 "acme-home/product/roadmap-2026/q2-planning/q2-risks.md",
                                 "acme-home/product/roadmap-2026/q2-planning/q2-risks.json"], deleted: []),
        Scenario(name: "a data source with a row added to a database", change: { harness in
            let created = try await harness.client().send(.dataSourcesCreate, body: [
                "parent": ["type": "database_id", "database_id": "dbdb0000-0000-8000-8000-000000000001"],
                "title": [["text": ["content": "Guest posts"]]],
                "properties": ["Name": ["title": [:]]],
            ])
            let dataSource = try #require(created["id"]?.stringValue)
            _ = try await harness.client().send(.pagesCreate, body: [
                "parent": ["type": "data_source_id", "data_source_id": .string(dataSource)],
                "properties": ["Name": ["title": [["text": ["content": "A Guest Post"]]]]],
                "children": [["paragraph": ["rich_text": [["text": ["content": "Written by a guest."]]]]]],
            ])
            // The row is fetched; the database gets one CSV per data source (named by id) instead of one.
        }, fetched: 1, written: ["acme-home/marketing/blog/a-guest-post.md", "acme-home/marketing/blog/a-guest-post.json",
                                 "acme-home/marketing/blog.md", "acme-home/marketing/blog.json",
                                 "acme-home/marketing/blog-00000001.csv", "acme-home/marketing/blog-658eec67.csv"],
           deleted: ["acme-home/marketing/blog.csv"]),
    ]

    @Test(arguments: scenarios)
    func anIncrementalRunAfterAChangeEqualsAFreshBackup(_ scenario: Scenario) async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let out = try TemporaryFolder()
        defer { out.remove() }
        _ = try await Backup(client: harness.client()).run([.workspace], into: out.url)
        let before = try TreeSnapshot(out.url)

        try await scenario.change(harness)
        let client = harness.client()
        let summary = try await Backup(client: client).run([.workspace], into: out.url)
        #expect(summary.fetchedPages == scenario.fetched)
        let after = try TreeSnapshot(out.url)
        let changes = before.changes(to: after)
        #expect(changes.written.filter { !$0.hasPrefix(".notion-export/") } == scenario.written)
        #expect(changes.deleted == scenario.deleted)
        #expect(Set(summary.written.filter { !$0.hasPrefix(".notion-export/") }) == scenario.written)
        #expect(Set(summary.deleted) == scenario.deleted)

        // The same tree as a backup made from scratch now.
        let fresh = try TemporaryFolder()
        defer { fresh.remove() }
        _ = try await Backup(client: harness.client()).run([.workspace], into: fresh.url)
        let expected = try TreeSnapshot(fresh.url)
        #expect(after.paths == expected.paths)
        for path in after.paths where after.files[path] != expected.files[path] {
            Issue.record("\(path) differs from a fresh backup")
        }
    }

    @Test func aRenamedChildPageMovesItsFilesWithoutFetchingItsParent() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let out = try TemporaryFolder()
        defer { out.remove() }
        _ = try await Backup(client: harness.client()).run([.workspace], into: out.url)
        try harness.workspace.renamePage(NotionID("ba9e0000-0000-8000-8000-000000000018")!, title: "Spec: Offline Mode v2")
        let summary = try await Backup(client: harness.client()).run([.workspace], into: out.url)
        #expect(summary.fetchedPages == 1)
        #expect(summary.removed.isEmpty && summary.added.isEmpty)
        #expect(summary.changed.contains("acme-home/product/specs/spec-offline-mode-v2.md"))
        #expect(summary.changed.contains("acme-home/product/specs.md"))
        #expect(Set(summary.deleted) == ["acme-home/product/specs/spec-offline-mode.md", "acme-home/product/specs/spec-offline-mode.json"])
        let specs = try String(contentsOf: out.url.appending(path: "acme-home/product/specs.json"), encoding: .utf8)
        #expect(specs.contains("\"title\": \"Spec: Offline Mode v2\""))

        let fresh = try TemporaryFolder()
        defer { fresh.remove() }
        _ = try await Backup(client: harness.client()).run([.workspace], into: fresh.url)
        let renamed = try TreeSnapshot(out.url), rebuilt = try TreeSnapshot(fresh.url)
        #expect(renamed == rebuilt)
    }

    /// A saved page's raw JSON damaged between runs (a block that no longer decodes) is an error
    /// naming the block, the page and the stage when the next run reads it back, not a crash; the
    /// backup is left as it was.
    @Test func aDamagedSavedPageIsAnErrorNamingTheBlock() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let out = try TemporaryFolder()
        defer { out.remove() }
        _ = try await Backup(client: harness.client()).run([.workspace], into: out.url)
        let file = out.url.appending(path: "maras-scratchpad.json")
        var document = try JSONValue(data: Data(contentsOf: file))
        var blocks = try #require(document["blocks"]?.arrayValue)
        blocks[0]["paragraph"]?["rich_text"] = "not a list"
        document["blocks"] = .array(blocks)
        try document.data(pretty: true).write(to: file)
        let before = try TreeSnapshot(out.url)
        do {
            _ = try await Backup(client: harness.client()).run([.workspace], into: out.url)
            Issue.record("the damaged page was read without an error")
        } catch {
            #expect(error.stage == .fetchTree)
            #expect("\(error)".contains("block b10c0025-0000-8000-8000-000000000001 in ba9e0000-0000-8000-8000-000000000025"), "\(error)")
        }
        #expect(try TreeSnapshot(out.url) == before)
    }

    // MARK: Minute rounding

    @Test func anEditInTheSameMinuteAsTheLastRunIsNotMissed() async throws {
        let now = Mutex(Date(timeIntervalSince1970: 1_795_000_000))  // 2026-11-18T…:40Z: 40 s into a minute
        let clock: @Sendable () -> Date = { now.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
        let harness = try await EmulatorHarness.start(wallClock: clock)
        defer { Task { await harness.stop() } }
        let out = try TemporaryFolder()
        defer { out.remove() }
        let block = NotionID("b10c0006-0000-8000-8000-000000000002")!  // a paragraph
        func edit(_ text: String) throws {
            try harness.workspace.editBlock(block, payload: ["rich_text": richText(text)], merge: true)
        }
        func backup() async throws -> BackupSummary {
            try await Backup(client: harness.client(), options: BackupOptions(now: clock)).run([.workspace], into: out.url)
        }
        let page = "acme-home/engineering-handbook/onboarding/first-week-checklist.md"
        func text() throws -> String { try String(contentsOf: out.url.appending(path: page), encoding: .utf8) }

        try edit("First edit.")
        advance(5)
        let first = try await backup()
        let firstText = try text()
        #expect(first.fetchedPages == 71 && firstText.contains("First edit."))

        // Ten seconds later, in the same minute: Notion's last_edited_time does not move.
        advance(10)
        try edit("Second edit, same minute.")
        advance(5)
        let second = try await backup()
        #expect(second.fetchedPages == 1, "a page edited in the minute of the last run is fetched again")
        let secondText = try text()
        #expect(secondText.contains("Second edit, same minute."))

        // Once its time is settled before a run starts, the page is trusted again.
        advance(600)
        let third = try await backup()
        #expect(third.fetchedPages == 1)
        let fourth = try await backup()
        #expect(fourth.fetchedPages == 0 && fourth.isUpToDate)
    }

    // MARK: Changes during a run

    /// Passes requests to the emulator in-process, applying `change` once, just before the first
    /// request whose path (dashes removed) contains `trigger`: a change made upstream mid-run.
    final class MidRunChange: HTTPTransport {
        let inner: InProcessTransport
        let trigger: String
        let change: @Sendable () throws -> Void
        let fired = Mutex(false)
        init(_ harness: EmulatorHarness, trigger: String, change: @escaping @Sendable () throws -> Void) {
            inner = InProcessTransport(handler: harness.shaper)
            self.trigger = trigger
            self.change = change
        }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            if request.url.path.replacingOccurrences(of: "-", with: "").contains(trigger),
               fired.withLock({ let first = !$0; $0 = true; return first }) {
                try change()
            }
            return try await inner.send(request)
        }
    }

    static func client(_ harness: EmulatorHarness, transport: any HTTPTransport) -> NotionClient {
        NotionClient(options: NotionClient.Options(baseURL: harness.server.baseURL, token: NotionToken(harness.token),
                                                   scheduler: .init(maxConcurrent: 8, requestsPerSecond: nil, burst: 2)),
                     transport: transport)
    }

    /// A page search listed is unshared (or trashed) just before its blocks are read: the run
    /// finishes every other page, names the page in its issues, and writes nothing for it that a
    /// later run would take as complete. Once the page is readable again, the next incremental run
    /// gives the tree of a fresh backup.
    @Test(arguments: ["unshared", "trashed"])
    func aPageLostMidRunIsReportedAndTheNextRunCatchesUp(_ how: String) async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let out = try TemporaryFolder()
        defer { out.remove() }
        // First Week Checklist, a leaf page under Onboarding.
        let page = NotionID("ba9e0000-0000-8000-8000-000000000006")!
        let transport = MidRunChange(harness, trigger: "/v1/blocks/\(page.rawValue.replacingOccurrences(of: "-", with: ""))/children") {
            if how == "unshared" { try harness.workspace.setShared(page, false) } else { try harness.workspace.setTrashed(page, true) }
        }
        let summary = try await Backup(client: Self.client(harness, transport: transport)).run([.workspace], into: out.url)
        #expect(transport.fired.withLock { $0 })
        let tree = try TreeSnapshot(out.url)
        let files = "acme-home/engineering-handbook/onboarding/first-week-checklist"
        #expect(tree.paths.filter { $0.hasSuffix(".md") && !$0.hasPrefix(files) }.count == 72)
        if how == "unshared" {
            #expect(summary.issues.map(\.description) == [
                "fetch tree: block \(page.rawValue) (linked from page \(page.rawValue)): Notion returned 404 object_not_found for block "
                + "\(page.rawValue): it is not shared with the integration, or it does not exist: share it with your integration (in Notion: "
                + "its ••• menu → Connections → your integration; sharing a page also shares every page below it) and rerun. "
                + "`notion-export list` shows what the integration can reach."])
            #expect(!tree.paths.contains("\(files).md"))
        }

        if how == "unshared" { try harness.workspace.setShared(page, true) } else { try harness.workspace.setTrashed(page, false) }
        _ = try await Backup(client: harness.client()).run([.workspace], into: out.url)
        let after = try TreeSnapshot(out.url)
        let fresh = try TemporaryFolder()
        defer { fresh.remove() }
        _ = try await Backup(client: harness.client()).run([.workspace], into: fresh.url)
        let expected = try TreeSnapshot(fresh.url)
        #expect(after.paths == expected.paths)
        for path in after.paths where after.files[path] != expected.files[path] {
            Issue.record("\(path) differs from a fresh backup")
        }
    }

    // MARK: Hostile titles

    @Test func hostileTitlesStayInsideTheBackup() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let titles = ["../x", "CON", String(repeating: "long title ", count: 28), "🚀 Launch 🚀", "a/b\\c", "..", "/etc/passwd", ".git"]
        let ids = ["06", "08", "09", "0c", "0d", "0e", "18", "1b"].map { NotionID("ba9e0000-0000-8000-8000-0000000000\($0)")! }
        for (id, title) in zip(ids, titles) { try harness.workspace.renamePage(id, title: title) }
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let out = parent.url.appending(path: "backup")
        let summary = try await Backup(client: harness.client()).run([.workspace], into: out)
        #expect(summary.added.count == 73)
        // Nothing beside OUT, every name portable, and a second run is still byte-stable.
        let beside = try FileManager.default.contentsOfDirectory(atPath: parent.url.path)
        #expect(beside == ["backup"])
        let tree = try TreeSnapshot(out)
        for path in tree.paths {
            for component in path.split(separator: "/") {
                #expect(component != ".." && component != "." && component.utf8.count <= 255, "\(path)")
                let stem = component.split(separator: ".").first.map { $0.lowercased() } ?? ""
                #expect(!["con", "prn", "aux", "nul"].contains(stem), "\(path)")
            }
            #expect(!path.hasPrefix(".git/"), "\(path)")
        }
        let again = try await Backup(client: harness.client()).run([.workspace], into: out)
        #expect(again.isUpToDate)
        let unchanged = try TreeSnapshot(out)
        #expect(unchanged == tree)
    }
}

/// Rich text as the API returns it (what the in-process editing API stores as given).
func richText(_ text: String) -> JSONValue {
    [["type": "text", "text": ["content": .string(text), "link": .null], "plain_text": .string(text), "href": .null,
      "annotations": ["bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"]]]
}

/// Every file under a folder (`.git/` left out) with its bytes.
