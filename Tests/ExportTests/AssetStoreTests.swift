import Emulator
import Export
import Foundation
import NotionAPI
import NotionModel
import Synchronization
import Testing
import TestSupport

/// The `assets` stage against the emulator over loopback: the sample workspace's files (and a
/// small workspace with duplicate bytes), expiring URLs, the size cap, the index.
@Suite struct AssetStoreTests {
    static let handbook = PageID(NotionID("ba9e0000-0000-8000-8000-000000000002")!)  // file cover and icon, callout icon
    static let offsite = PageID(NotionID("ba9e0000-0000-8000-8000-000000000020")!)  // cover = its image block's file
    static let files = Fixtures.sampleWorkspace.appendingPathComponent("files")
    /// 2026-02-01T00:00:00Z: the emulator's date in tests that move time.
    static let start = Date(timeIntervalSince1970: 1_769_904_000)

    // MARK: The sample workspace

    @Test func theSampleWorkspacesFilesAreDownloadedOnceUnderReadableContentAddressedNames() async throws {
        let harness = try await EmulatorHarness.start()
        let client = harness.client()
        let fetched = try await Fetcher(client: client).fetch([.workspace])
        let out = try TemporaryFolder()
        defer { out.remove() }

        // Every hosted file once (architecture-diagram.png is in three places, security-whitepaper.pdf
        // in five), sorted by key; the owner is the first block holding it, else the page.
        let references = fetched.assetReferences(includeExternal: false)
        let expected: [(key: String, owner: String, file: String, name: String)] = [
            ("0d238fe350f37285/files/images/offsite-venue.png", "block b10c0020-0000-8000-8000-000000000002",
             "images/offsite-venue.png", "offsite-venue-5d5ed6abdd4f.png"),
            ("14b974bd94aeee40/files/docs/brand-assets.zip", "block b10c0018-0000-8000-8000-000000000009",
             "docs/brand-assets.zip", "brand-assets-7a22bf93dac8.zip"),
            ("50e68b1335bd06c3/files/images/architecture-diagram.png", "block b10c000c-0000-8000-8000-000000000005",
             "images/architecture-diagram.png", "architecture-diagram-d603278d269a.png"),
            ("72b79bb827f8d9de/files/icons/callout-warning.png", "block b10c0002-0000-8000-8000-000000000008",
             "icons/callout-warning.png", "callout-warning-843d3c7d602a.png"),
            ("72f42c84ee921255/files/docs/security-whitepaper.pdf", "block b10c000c-0000-8000-8000-000000000028",
             "docs/security-whitepaper.pdf", "security-whitepaper-994f26f80a0e.pdf"),
            ("7a426b696c83442b/files/images/release-timeline.png", "block b10c001a-0000-8000-8000-000000000002",
             "images/release-timeline.png", "release-timeline-1495fe517dd5.png"),
            ("a09fb762922865cc/files/docs/release-notes-2.4.txt", "block b10c0012-0000-8000-8000-000000000006",
             "docs/release-notes-2.4.txt", "release-notes-2-4-b2c650462cf1.txt"),
            ("a8f89d279988a3ce/files/covers/acme-gradient.png", "page ba9e0000-0000-8000-8000-000000000002",
             "covers/acme-gradient.png", "acme-gradient-9f463361ec57.png"),
            ("f16bd171f6550f1c/files/icons/handbook.png", "page ba9e0000-0000-8000-8000-000000000002",
             "icons/handbook.png", "handbook-53c49386b8ab.png"),
        ]
        #expect(references.map(\.key) == expected.map { "/files/\($0.key)" })
        #expect(references.map(\.owner.description) == expected.map(\.owner))
        #expect(references.allSatisfy { $0.isHosted })
        // External files (covers, icons, media on other hosts) only when asked for.
        let withExternal = fetched.assetReferences(includeExternal: true)
        #expect(withExternal.count == 22)
        #expect(withExternal.filter(\.isHosted) == references)

        let requestsAfterFetch = client.metrics.requests
        let first = try await AssetStore(outputDirectory: out.url, client: client).download(references)
        #expect(first.skipped == [])
        #expect((first.downloaded, first.reused, first.refreshed, first.bytes) == (9, 0, 0, 16_928))
        #expect(client.metrics.requests == requestsAfterFetch, "fresh URLs need no API request")
        #expect(harness.handler.counters.count("files.get") == 9)
        #expect(try out.list("assets") == expected.map(\.name).sorted())
        for file in expected {
            #expect(first.paths["/files/\(file.key)"] == "assets/\(file.name)")
            let local = try Data(contentsOf: out.url.appendingPathComponent("assets/\(file.name)"))
            #expect(local == (try Data(contentsOf: Self.files.appendingPathComponent(file.file))), "\(file.name)")
        }
        #expect(try out.list(".notion-export") == ["assets.json"], "no partial downloads left behind")

        let index = try String(contentsOf: out.url.appendingPathComponent(".notion-export/assets.json"), encoding: .utf8)
        #expect(index == """
            {
              "assets": {
                "/files/0d238fe350f37285/files/images/offsite-venue.png": {
                  "bytes": 12521,
                  "last_edited_time": "2025-12-08T13:00:00.000Z",
                  "path": "assets/offsite-venue-5d5ed6abdd4f.png",
                  "sha256": "5d5ed6abdd4fa32846cc2b17290dc85148210965a27e10c1703ac56239adbbe5"
                },
                "/files/14b974bd94aeee40/files/docs/brand-assets.zip": {
                  "bytes": 346,
                  "last_edited_time": "2025-10-14T09:00:00.000Z",
                  "path": "assets/brand-assets-7a22bf93dac8.zip",
                  "sha256": "7a22bf93dac8f3a84f8894dd29b4b64286cc0055982414e9d92ef9da84245805"
                },
                "/files/50e68b1335bd06c3/files/images/architecture-diagram.png": {
                  "bytes": 824,
                  "last_edited_time": "2026-01-12T09:25:00.000Z",
                  "path": "assets/architecture-diagram-d603278d269a.png",
                  "sha256": "d603278d269a061593860a7e089a0ecc6ac7e41bcbb69cae229761b9ae26bcb2"
                },
                "/files/72b79bb827f8d9de/files/icons/callout-warning.png": {
                  "bytes": 167,
                  "last_edited_time": "2026-01-18T11:20:00.000Z",
                  "path": "assets/callout-warning-843d3c7d602a.png",
                  "sha256": "843d3c7d602acdb7af1ca7bda7a5f2e43f08262823eb341157c42cc1898cc7a8"
                },
                "/files/72f42c84ee921255/files/docs/security-whitepaper.pdf": {
                  "bytes": 710,
                  "last_edited_time": "2026-01-12T09:25:00.000Z",
                  "path": "assets/security-whitepaper-994f26f80a0e.pdf",
                  "sha256": "994f26f80a0e93376acd0f8510c3c41f65e4e1a8adb1866e85f4362c50529272"
                },
                "/files/7a426b696c83442b/files/images/release-timeline.png": {
                  "bytes": 345,
                  "last_edited_time": "2026-01-20T18:00:00.000Z",
                  "path": "assets/release-timeline-1495fe517dd5.png",
                  "sha256": "1495fe517dd570157ae154ac36ca162687dc0e1cf20bc820ad47f79bf5216e70"
                },
                "/files/a09fb762922865cc/files/docs/release-notes-2.4.txt": {
                  "bytes": 90,
                  "last_edited_time": "2025-09-22T10:00:00.000Z",
                  "path": "assets/release-notes-2-4-b2c650462cf1.txt",
                  "sha256": "b2c650462cf145ea343a39272400e302ce512c964bb5bd71346b68f42842941c"
                },
                "/files/a8f89d279988a3ce/files/covers/acme-gradient.png": {
                  "bytes": 1658,
                  "last_edited_time": "2026-01-18T11:20:00.000Z",
                  "path": "assets/acme-gradient-9f463361ec57.png",
                  "sha256": "9f463361ec575036a59a1e810ca93742b07a1889c1ce827ed4bb2a5bd11434a4"
                },
                "/files/f16bd171f6550f1c/files/icons/handbook.png": {
                  "bytes": 267,
                  "last_edited_time": "2026-01-18T11:20:00.000Z",
                  "path": "assets/handbook-53c49386b8ab.png",
                  "sha256": "53c49386b8aba6f6b4e5a991efd5dc82fa585724599f4f095e43da6149ddd2de"
                }
              },
              "version": 1
            }

            """)

        // Again, as a later run would: nothing downloaded, no request of any kind, same index.
        let emulatorRequests = harness.handler.counters.total
        let second = try await AssetStore(outputDirectory: out.url, client: client).download(references)
        #expect((second.downloaded, second.reused, second.refreshed, second.bytes) == (0, 9, 0, 0))
        #expect(second.paths == first.paths)
        #expect(harness.handler.counters.total == emulatorRequests)
        #expect(client.metrics.requests == requestsAfterFetch)
        #expect(try String(contentsOf: out.url.appendingPathComponent(".notion-export/assets.json"), encoding: .utf8) == index)
        #expect(try out.list("assets") == expected.map(\.name).sorted())
        await harness.stop()
    }

    // MARK: Expiring URLs

    /// URLs signed at the fetch have expired an hour later. Whether the store knows it from
    /// `expiry_time` (no doomed request) or learns it from the host's 403, each owner is read once
    /// (the handbook page for its cover and icon) and every file arrives.
    @Test(arguments: [false, true])
    func expiredURLsAreRenewedByReadingEachOwnerOnce(storeSeesTheExpiry: Bool) async throws {
        let date = TestDate(Self.start)
        let harness = try await EmulatorHarness.start(wallClock: { date.now() })
        let client = harness.client()
        let references = try await Self.shallowFetch([Self.handbook, Self.offsite], client).assetReferences(includeExternal: false)
        #expect(references.map(\.owner.description).sorted() == [
            "block b10c0002-0000-8000-8000-000000000008", "block b10c0020-0000-8000-8000-000000000002",
            "page ba9e0000-0000-8000-8000-000000000002", "page ba9e0000-0000-8000-8000-000000000002",
        ])
        date.advance(2 * 3600)
        let out = try TemporaryFolder()
        defer { out.remove() }
        let before = client.metrics
        let start = Self.start
        let storeDate: @Sendable () -> Date = { storeSeesTheExpiry ? date.now() : start }
        let store = AssetStore(outputDirectory: out.url, client: client, now: storeDate)
        let results = try await store.download(references)

        #expect(results.skipped == [])
        #expect((results.downloaded, results.refreshed) == (4, 3))
        #expect(client.metrics.requests - before.requests == 3)
        #expect(client.metrics.requestsByEndpoint["pages.retrieve", default: 0] - before.requestsByEndpoint["pages.retrieve", default: 0] == 1)
        #expect(client.metrics.requestsByEndpoint["blocks.retrieve", default: 0] == 2)
        #expect(harness.handler.counters.count("files.get", status: 403) == (storeSeesTheExpiry ? 0 : 4))
        #expect(harness.handler.counters.count("files.get", status: 200) == 4)
        #expect(try out.list("assets") == [
            "acme-gradient-9f463361ec57.png", "callout-warning-843d3c7d602a.png", "handbook-53c49386b8ab.png",
            "offsite-venue-5d5ed6abdd4f.png",
        ])
        #expect(try Data(contentsOf: out.url.appendingPathComponent("assets/offsite-venue-5d5ed6abdd4f.png"))
            == Data(contentsOf: Self.files.appendingPathComponent("images/offsite-venue.png")))
        await harness.stop()
    }

    @Test func aFileWhoseOwnerIsGoneIsSkippedWithWhatToDo() async throws {
        let harness = try await EmulatorHarness.start()
        let client = harness.client()
        let fetched = try await Self.shallowFetch([Self.offsite], client).assetReferences(includeExternal: false)
        let image = try #require(fetched.first)
        let gone = BlockID(NotionID("b10c0020-0000-8000-8000-0000000000ff")!)
        let expired = try #require(AssetReference(file: .file(url: image.url, expiryTime: "2026-01-01T00:00:00.000Z"),
                                                  owner: .block(gone), ownerLastEditedTime: image.ownerLastEditedTime))
        // An external file the host refuses: there is no owner to renew it from.
        let base = harness.server.baseURL.absoluteString.trimmingSuffix("/")
        let external = try #require(AssetReference(file: .external(url: "\(base)/files/0000/missing.png"),
                                                   owner: .page(Self.offsite), ownerLastEditedTime: "2026-01-01T00:00:00.000Z"))
        let out = try TemporaryFolder()
        defer { out.remove() }
        let before = client.metrics.requests

        let results = try await AssetStore(outputDirectory: out.url, client: client).download([expired, external])
        #expect(results.skipped.map(\.description) == [
            "assets: “offsite-venue.png” in block b10c0020-0000-8000-8000-0000000000ff was not downloaded: its URL has expired "
                + "and block b10c0020-0000-8000-8000-0000000000ff can no longer be read (deleted, or no longer shared with the "
                + "integration): share the page again (••• → Connections) and rerun.",
            "assets: “missing.png” in page ba9e0000-0000-8000-8000-000000000020 was not downloaded: 127.0.0.1 answered 403 for "
                + "the external file \(base)/files/0000/missing.png: fix the link in page ba9e0000-0000-8000-8000-000000000020 "
                + "or export without external files.",
        ])
        #expect(results.paths.isEmpty)
        #expect((results.downloaded, results.refreshed) == (0, 1))
        #expect(client.metrics.requests - before == 1)  // the one attempt to re-read the block: 404
        #expect(harness.handler.counters.count("blocks.retrieve", status: 404) == 1)
        #expect(harness.handler.counters.count("files.get", status: 200) == 0)
        #expect(try out.list("assets") == [])
        await harness.stop()
    }

    @Test func aFileTheHostRefusesEvenWithARenewedURLIsSkipped() async throws {
        // URLs that are expired when issued: the renewed one fails like the first.
        let harness = try await EmulatorHarness.start(fileURLLifetime: 0)
        let client = harness.client()
        let references = try await Self.shallowFetch([Self.offsite], client).assetReferences(includeExternal: false)
        let out = try TemporaryFolder()
        defer { out.remove() }
        let before = client.metrics.requests

        let results = try await AssetStore(outputDirectory: out.url, client: client).download(references)
        #expect(results.skipped.map(\.description) == [
            "assets: “offsite-venue.png” in block b10c0020-0000-8000-8000-000000000002 was not downloaded: 127.0.0.1 answered 403 "
                + "to a URL renewed by re-reading block b10c0020-0000-8000-8000-000000000002: rerun the export later; if it "
                + "persists, open the file in Notion to check it still exists.",
        ])
        #expect((results.downloaded, results.refreshed) == (0, 1))
        #expect(client.metrics.requests - before == 1)
        // `expiry_time` already said so: the only file request is the renewed URL's.
        #expect(harness.handler.counters.count("files.get", status: 403) == 1)
        #expect(try out.list("assets") == [])
        await harness.stop()
    }

    // MARK: Size, content, changes

    @Test func filesOverTheSizeCapAreSkippedWithTheReason() async throws {
        let harness = try await EmulatorHarness.start()
        let client = harness.client()
        let references = try await Self.shallowFetch([Self.handbook, Self.offsite], client).assetReferences(includeExternal: false)
        let out = try TemporaryFolder()
        defer { out.remove() }

        let results = try await AssetStore(outputDirectory: out.url, client: client, options: AssetOptions(maxBytes: 1_000))
            .download(references)
        // Sorted by key: the emulator's signed folder of offsite-venue.png (0d23…) sorts first.
        #expect(results.skipped.map(\.description) == [
            "assets: “offsite-venue.png” in block b10c0020-0000-8000-8000-000000000002 was not downloaded: it is 12521 bytes, "
                + "over the 1000-byte limit: raise the asset size limit to include it.",
            "assets: “acme-gradient.png” in page ba9e0000-0000-8000-8000-000000000002 was not downloaded: it is 1658 bytes, "
                + "over the 1000-byte limit: raise the asset size limit to include it.",
        ])
        #expect(results.downloaded == 2)
        #expect(try out.list("assets") == ["callout-warning-843d3c7d602a.png", "handbook-53c49386b8ab.png"])
        let index = try String(contentsOf: out.url.appendingPathComponent(".notion-export/assets.json"), encoding: .utf8)
        #expect(!index.contains("offsite-venue") && !index.contains("acme-gradient"))
        await harness.stop()
    }

    /// Two keys with the same bytes are one file, named after the smaller key, however the keys
    /// arrived: a later run that adds the smaller key renames the file and drops the old name.
    @Test func identicalBytesAreOneFileNamedAfterTheSmallestKey() async throws {
        let workspace = try TemporaryFolder()
        defer { workspace.remove() }
        try Self.writeDuplicatesWorkspace(to: workspace.url)
        let harness = try await EmulatorHarness.start(workspace: workspace.url)
        let client = harness.client()
        let page = PageID(NotionID("ba9e0000-0000-8000-8000-0000000000f1")!)
        let references = try await Fetcher(client: client).fetch([.page(page)]).assetReferences(includeExternal: false)
        #expect(references.map(\.nameHint).sorted() == ["logo-copy.png", "logo.png", "notes.txt"])
        let names = ["logo.png": "logo-53c49386b8ab.png", "logo-copy.png": "logo-copy-53c49386b8ab.png"]
        let logos = references.filter { $0.nameHint.hasPrefix("logo") }  // sorted by key, as all references
        let (smaller, larger) = (logos[0], logos[1])
        let notes = try #require(references.first { $0.nameHint == "notes.txt" })
        let out = try TemporaryFolder()
        defer { out.remove() }
        let store = AssetStore(outputDirectory: out.url, client: client)

        let first = try await store.download([larger, notes])
        let largerName = try #require(names[larger.nameHint])
        #expect(try out.list("assets") == [largerName, "notes-cf26ac9c3650.txt"].sorted())

        let second = try await store.download(references)
        let smallerName = try #require(names[smaller.nameHint])
        #expect((second.downloaded, second.reused) == (1, 2))
        #expect(second.paths[smaller.key] == "assets/\(smallerName)")
        #expect(second.paths[larger.key] == "assets/\(smallerName)")
        #expect(try out.list("assets") == [smallerName, "notes-cf26ac9c3650.txt"].sorted())
        #expect(try Data(contentsOf: out.url.appendingPathComponent("assets/\(smallerName)")) == Self.logo)
        #expect(first.paths[notes.key] == second.paths[notes.key])

        // A fresh folder gets the same result in one run.
        let fresh = try TemporaryFolder()
        defer { fresh.remove() }
        let once = try await AssetStore(outputDirectory: fresh.url, client: client).download(references)
        #expect(once.paths == second.paths)
        #expect(try fresh.list("assets") == out.list("assets"))
        await harness.stop()
    }

    @Test func aFileIsDownloadedAgainWhenItsOwnerChangedOrTheFileIsGone() async throws {
        let harness = try await EmulatorHarness.start()
        let client = harness.client()
        let references = try await Self.shallowFetch([Self.offsite], client).assetReferences(includeExternal: false)
        let image = try #require(references.first)
        let out = try TemporaryFolder()
        defer { out.remove() }
        let store = AssetStore(outputDirectory: out.url, client: client)
        let file = out.url.appendingPathComponent("assets/offsite-venue-5d5ed6abdd4f.png")

        #expect(try await store.download([image]).downloaded == 1)
        #expect(try await store.download([image]).reused == 1)
        try FileManager.default.removeItem(at: file)
        #expect(try await store.download([image]).downloaded == 1)
        var edited = image
        edited.ownerLastEditedTime = "2026-02-01T09:00:00.000Z"
        let again = try await store.download([edited])
        #expect((again.downloaded, again.reused) == (1, 0))
        #expect(again.paths[image.key] == "assets/offsite-venue-5d5ed6abdd4f.png")
        #expect(try await store.download([edited]).reused == 1)
        #expect(harness.handler.counters.count("files.get") == 3)
        #expect(FileManager.default.fileExists(atPath: file.path))
        await harness.stop()
    }

    // MARK: Helpers

    /// Pages and their top-level blocks, read directly (the fetch stage would walk their subpages too).
    static func shallowFetch(_ ids: [PageID], _ client: NotionClient) async throws -> FetchedWorkspace {
        var pages: [FetchedPage] = []
        for id in ids {
            let page = try await client.send(.pagesRetrieve, ["page_id": id.rawValue]).decode(Page.self)
            let blocks = try await client.blockChildren(id.rawValue).collect().map { try $0.decode(Block.self) }
            pages.append(FetchedPage(page: page, blocks: blocks))
        }
        return FetchedWorkspace(pages: pages, tables: [], issues: [])
    }

    static let logo = (try? Data(contentsOf: files.appendingPathComponent("icons/handbook.png"))) ?? Data()

    /// The sample's workspace.json and one page: a cover and an image with the same bytes under
    /// two paths, and a `file` block.
    static func writeDuplicatesWorkspace(to folder: URL) throws {
        let manager = FileManager.default
        for path in ["files/a", "files/b", "files/docs", "files/emoji", "pages"] {
            try manager.createDirectory(at: folder.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        try manager.copyItem(at: Fixtures.sampleWorkspace.appendingPathComponent("workspace.json"),
                             to: folder.appendingPathComponent("workspace.json"))
        try manager.copyItem(at: files.appendingPathComponent("emoji/shipit.png"), to: folder.appendingPathComponent("files/emoji/shipit.png"))
        try logo.write(to: folder.appendingPathComponent("files/a/logo.png"))
        try logo.write(to: folder.appendingPathComponent("files/b/logo-copy.png"))
        try Data("Meeting notes\n".utf8).write(to: folder.appendingPathComponent("files/docs/notes.txt"))
        let page: JSONValue = [
            "page": [
                "id": "ba9e0000-0000-8000-8000-0000000000f1",
                "parent": ["type": "workspace", "workspace": true],
                "cover": ["type": "file", "file": ["url": "files/a/logo.png"]],
                "properties": ["title": ["id": "title", "type": "title", "title": [Self.text("Duplicates")]]],
            ],
            "blocks": [
                ["object": "block", "id": "b10c00f1-0000-8000-8000-000000000001", "type": "image",
                 "image": ["caption": [], "type": "file", "file": ["url": "files/b/logo-copy.png"]]],
                ["object": "block", "id": "b10c00f1-0000-8000-8000-000000000002", "type": "file",
                 "file": ["caption": [], "type": "file", "file": ["url": "files/docs/notes.txt"], "name": "notes.txt"]],
            ],
        ]
        try page.data(pretty: true).write(to: folder.appendingPathComponent("pages/duplicates.json"))
    }

    static func text(_ content: String) -> JSONValue {
        ["type": "text", "text": ["content": .string(content), "link": nil],
         "annotations": ["bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"],
         "plain_text": .string(content), "href": nil]
    }
}

/// A settable date shared by the emulator and the store.
final class TestDate: Sendable {
    private let date: Mutex<Date>
    init(_ start: Date) { date = Mutex(start) }
    func now() -> Date { date.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { date.withLock { $0 += seconds } }
}


extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
