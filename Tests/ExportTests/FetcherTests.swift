import Emulator
@testable import Export
import Foundation
import NotionAPI
import NotionModel
import Testing
import Synchronization
import TestSupport

/// The fetch stages against the sample workspace (examples/workspace) served over loopback.
@Suite struct FetcherTests {
    static let unshared = PageID(NotionID("ba9e0000-0000-8000-8000-000000000026")!)
    static let blog = DatabaseID(NotionID("dbdb0000-0000-8000-8000-000000000001")!)

    static func fetch(_ roots: [ExportRoot] = [.workspace], version: NotionVersion = .default, options: FetchOptions = FetchOptions(),
                      shape: LoadShape = .none, clock: (any SchedulerClock)? = nil) async throws -> (FetchedWorkspace, RunMetrics, EmulatorHarness) {
        let harness = try await EmulatorHarness.start(shape: shape, clock: clock)
        let client = harness.client(version: version)
        let fetched = try await Fetcher(client: client, options: options).fetch(roots)
        await harness.stop()
        return (fetched, client.metrics, harness)
    }

    /// The fetch decodes each page's tree once (its digest, which also checks it); layout, users
    /// and assets read the digest and decode nothing more. The digest says what the blocks say.
    @Test func theStagesBeforeRenderDecodeEachPageOnce() async throws {
        let (fetched, _, _) = try await Self.fetch()
        let spool = try #require(fetched.pages.first?.spool)
        let byFetch = spool.decodeCount
        #expect(byFetch == fetched.pages.count)
        let hosted = fetched.assetReferences(includeExternal: false)
        let all = fetched.assetReferences(includeExternal: true)
        let layout = ExportLayout(fetched)
        let names = fetched.userNames
        #expect(spool.decodeCount == byFetch)
        #expect(hosted.count == 9 && all.count > hosted.count)
        #expect(layout.entries.count == 73)
        #expect(!names.isEmpty)
        var children = 0
        for page in fetched.pages {
            let blocks = page.blocks
            #expect(page.digest.files(includeExternal: true) == FetchedWorkspace.blockReferences(blocks, includeExternal: true))
            func walk(_ blocks: [Block]) -> [NotionID] {
                blocks.flatMap { block -> [NotionID] in
                    switch block.content {
                    case .childPage, .childDatabase: [block.id.id]
                    default: walk(block.children)
                    }
                }
            }
            #expect(page.digest.childObjects == walk(blocks))
            children += page.digest.childObjects.count
        }
        #expect(children > 0)
    }

    /// Every block of every page, depth first, with the page it is in.
    static func allBlocks(_ workspace: FetchedWorkspace) -> [Block] {
        func flatten(_ blocks: [Block]) -> [Block] { blocks.flatMap { [$0] + flatten($0.children) } }
        return workspace.pages.flatMap { flatten($0.blocks) }
    }

    /// Blocks as the API lists them: a synced reference's children are the original's, so they
    /// are not counted under the reference.
    static func listedBlocks(_ workspace: FetchedWorkspace) -> [Block] {
        func flatten(_ blocks: [Block]) -> [Block] {
            blocks.flatMap { block -> [Block] in
                if case .syncedBlock(let synced) = block.content, !synced.isOriginal { return [block] }
                return [block] + flatten(block.children)
            }
        }
        return workspace.pages.flatMap { flatten($0.blocks) }
    }

    @Test func theWholeWorkspaceIsFetchedOnceWithTheMinimumOfRequests() async throws {
        let (fetched, metrics, harness) = try await Self.fetch()
        // The oracle: the test crawler's view of everything shared.
        let oracleHarness = try await EmulatorHarness.start()
        let oracle = try await WorkspaceCrawler(client: oracleHarness.client()).crawl()
        await oracleHarness.stop()

        let pageIDs = Set(fetched.pages.map(\.id.rawValue))
        let oraclePages = Set(oracle.filter { $0.value["object"] == "page" }.keys)
        #expect(fetched.pages.count == 71)  // 38 pages less the unshared one, and 34 rows
        #expect(pageIDs == oraclePages)
        #expect(!pageIDs.contains(Self.unshared.rawValue))

        // Child page and child database blocks are the pages and databases themselves in the oracle.
        let blocks = Self.listedBlocks(fetched).filter { $0.type != .childPage && $0.type != .childDatabase }
        let blockIDs = blocks.map(\.id.rawValue)
        #expect(Set(blockIDs).count == blockIDs.count, "a block appears twice")
        let oracleBlocks = Set(oracle.filter { $0.value["object"] == "block" }.keys)
        #expect(Set(blockIDs) == oracleBlocks)

        #expect(fetched.tables.count == 2)
        #expect(fetched.tables.map(\.rows.count).reduce(0, +) == 34)
        #expect(fetched.issues.isEmpty, "\(fetched.issues)")  // the unshared page is only mentioned

        // Requests: the minimum (one search, one children list per page and per block with
        // children, synced references excluded, one query per data source) plus one property
        // item list per truncated property; nothing retrieved twice, no page retrieved at all
        // (search returned every one).
        let truncated = oracle.values.filter { $0["object"] == "page" }
            .flatMap { $0["properties"]?.objectValue?.values.map { $0 } ?? [] }
            .filter { $0["has_more"] == true }.count
        #expect(truncated >= 1)
        #expect(metrics.requestsByEndpoint["pages.properties.retrieve"] == truncated)
        #expect(metrics.requestsByEndpoint["pages.retrieve"] == nil)
        #expect(metrics.requests == harness.workspace.minimumReadRequests() + truncated)
    }

    @Test func progressNamesTheStageAndCountsUp() async throws {
        let harness = try await EmulatorHarness.start()
        let lines = Lines()
        let root = try ExportRoot(parsing: "https://www.notion.so/Engineering-Handbook-ba9e0000000080008000000000000002")
        let fetched = try await Fetcher(client: harness.client(), progress: { lines.append($0) }).fetch([root])
        await harness.stop()
        let all = lines.all
        #expect(all.first?.description == "discover: 1 page, 0 block lists, 0 tables")
        // Reports from concurrent tasks may arrive out of order; the largest count is the total.
        #expect(all.dropFirst().allSatisfy { $0.stage == .fetchTree })
        #expect(all.map(\.pages).max() == fetched.pages.count)
    }

    final class Lines: Sendable {
        let lines = Mutex<[FetchProgress]>([])
        func append(_ line: FetchProgress) { lines.withLock { $0.append(line) } }
        var all: [FetchProgress] { lines.withLock { $0 } }
    }

    @Test func truncatedRelationsAreCompleted() async throws {
        let (fetched, _, _) = try await Self.fetch()
        let relations = fetched.pages.flatMap { Array($0.page.properties.values) }.compactMap { property -> ([PropertyValue.PageReference], Bool?)? in
            if case .relation(let references, let hasMore) = property.value { return (references, hasMore) }
            return nil
        }
        #expect(relations.contains { $0.0.count == 28 })
        #expect(!relations.contains { $0.1 == true })
    }

    @Test func syncedReferencesCarryTheOriginalsChildrenFetchedOnce() async throws {
        let harness = try await EmulatorHarness.start()
        let paths = Paths()
        let client = NotionClient(options: NotionClient.Options(baseURL: harness.server.baseURL, token: NotionToken(harness.token),
                                                                       scheduler: .init(maxConcurrent: 8, requestsPerSecond: nil, burst: 2)),
                                  observer: { paths.append($0.path) })
        let fetched = try await Fetcher(client: client).fetch([.workspace])
        await harness.stop()
        let all = Self.allBlocks(fetched)
        let originals = all.filter { if case .syncedBlock(let s) = $0.content { s.isOriginal } else { false } }
        let references = all.filter { if case .syncedBlock(let s) = $0.content { !s.isOriginal } else { false } }
        let original = try #require(originals.first)
        #expect(!original.children.isEmpty)
        #expect(references.count >= 2)
        for reference in references {
            guard case .syncedBlock(let synced) = reference.content else { continue }
            #expect(synced.syncedFrom == original.id)
            #expect(reference.children == original.children)
            #expect(!paths.all.contains { $0.hasPrefix("/v1/blocks/\(reference.id.rawValue)/children") })
        }
        // The original's children were listed once; so was every other list.
        #expect(paths.all.filter { $0.hasPrefix("/v1/blocks/\(original.id.rawValue)/children") }.count == 1)
        #expect(Set(paths.all).count == paths.all.count)
        let titles = Set(fetched.pages.filter { Self.contains($0.blocks, references) }.compactMap { $0.page.title?.map(\.plainText).joined() })
        #expect(titles == ["Incident Response", "On-call Handbook"])
    }

    final class Paths: Sendable {
        let paths = Mutex<[String]>([])
        func append(_ path: String) { paths.withLock { $0.append(path) } }
        var all: [String] { paths.withLock { $0 } }
    }

    static func contains(_ blocks: [Block], _ targets: [Block]) -> Bool {
        blocks.contains { block in targets.contains { $0.id == block.id } || contains(block.children, targets) }
    }

    @Test func aSyncedOriginalOutsideTheRootIsListedOnce() async throws {
        // Incident Response alone: its reference's original lives in Engineering Handbook.
        let (all, _, _) = try await Self.fetch()
        let incident = try #require(all.pages.first { $0.page.title?.map(\.plainText).joined() == "Incident Response" })
        let (fetched, metrics, _) = try await Self.fetch([.page(incident.id)])
        let reference = try #require(Self.allBlocks(fetched).first {
            if case .syncedBlock(let s) = $0.content { !s.isOriginal } else { false }
        })
        #expect(!reference.children.isEmpty)
        #expect(fetched.page(incident.id)?.blocks == incident.blocks)
        #expect(metrics.requests > 0)
    }

    @Test func aDatabaseRootWithFilterAndSortsGivesPublishedRowsNewestFirst() async throws {
        let query = DatabaseQuery(filter: ["property": "Status", "status": ["equals": "Published"]],
                                  sorts: [["property": "Published", "direction": "descending"]])
        for version in [NotionVersion.v2022_06_28, .v2025_09_03] {
            let (fetched, _, _) = try await Self.fetch([.database(Self.blog)], version: version, options: FetchOptions(query: query))
            let table = try #require(fetched.tables.first)
            #expect(fetched.tables.count == 1)
            #expect(table.databaseID == Self.blog)
            let rows = table.rows.compactMap { fetched.page($0)?.page }
            #expect(rows.count == table.rows.count)
            #expect(!rows.isEmpty)
            for row in rows {
                guard case .status(let status)? = row.properties["Status"]?.value else { Issue.record("no status"); continue }
                #expect(status?.name == "Published")
            }
            let dates = rows.compactMap { row -> String? in
                if case .date(let date)? = row.properties["Published"]?.value { return date?.start }
                return nil
            }
            #expect(dates.count == rows.count)
            #expect(dates == dates.sorted(by: >), "\(version)")
        }
    }

    @Test func aRootGivenAsANotionURLWorks() async throws {
        let root = try ExportRoot(parsing: "https://www.notion.so/Acme-Home-ba9e0000000080008000000000000001")
        let (fetched, _, _) = try await Self.fetch([root])
        let home = try #require(fetched.page(PageID(NotionID("ba9e0000-0000-8000-8000-000000000001")!)))
        #expect(!home.blocks.isEmpty)
        #expect(fetched.pages.count > 1)  // child pages are documents of their own
    }

    @Test func aBareDatabaseIdIsTriedAsADatabase() async throws {
        let root = try ExportRoot(parsing: "dbdb0000000080008000000000000001")
        #expect(root == .page(PageID(Self.blog.id)))
        let (fetched, _, _) = try await Self.fetch([root])
        #expect(fetched.tables.map(\.databaseID) == [Self.blog])
        #expect(fetched.tables.first?.rows.isEmpty == false)
    }

    @Test func rootsSearchAlreadyFoundAreNotReadAgain() async throws {
        let (fetched, metrics, harness) = try await Self.fetch([.page(PageID(NotionID("ba9e0000-0000-8000-8000-000000000001")!)), .workspace, .database(Self.blog)])
        let truncated = metrics.requestsByEndpoint["pages.properties.retrieve"] ?? 0
        #expect(metrics.requests == harness.workspace.minimumReadRequests() + truncated)
        #expect(fetched.pages.count == 71)
    }

    @Test func anUnsharedRootIsAnErrorWithTheSharingHint() async throws {
        await #expect {
            _ = try await Self.fetch([.page(Self.unshared)])
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("discover: Notion returned 404 object_not_found for page \(Self.unshared.rawValue)")
                && text.contains("share it with your integration")
        }
    }

    @Test func unsharedLinkTargetsAreReportedOnceAndTheRunGoesOn() async throws {
        // Two links (in Meeting Notes and Architecture) now point at the unshared HR page.
        let harness = try await EmulatorHarness.start()
        for block in ["b10c001d-0000-8000-8000-000000000007", "b10c000b-0000-8000-8000-000000000003"] {
            try harness.workspace.editBlock(NotionID(block)!, payload: ["type": "page_id", "page_id": .string(Self.unshared.rawValue)])
        }
        let client = harness.client()
        let fetched = try await Fetcher(client: client).fetch([.workspace])
        await harness.stop()
        #expect(fetched.pages.count == 71)
        #expect(fetched.page(Self.unshared) == nil)
        let issue = try #require(fetched.issues.first)
        #expect(fetched.issues.count == 1)
        #expect(issue.subject == "page \(Self.unshared.rawValue)")
        #expect(issue.foundIn.hasPrefix("block b10c000b-0000-8000-8000-000000000003 in "))  // the smaller of the two, always
        #expect(issue.message.contains("share it with your integration"))
        // Each unreadable target costs one request, once.
        #expect(client.metrics.requestsByEndpoint["pages.retrieve"] == 1)
    }

    @Test func everyVersionGivesTheSamePagesAndBlocks() async throws {
        let (current, _, _) = try await Self.fetch(version: .v2025_09_03)
        for version in [NotionVersion.v2022_06_28, .v2026_03_11] {
            let (other, metrics, harness) = try await Self.fetch(version: version)
            #expect(other.pages.map(\.id) == current.pages.map(\.id), "\(version)")
            #expect(Self.allBlocks(other).map(\.id) == Self.allBlocks(current).map(\.id), "\(version)")
            // 2026-03-11 renamed `transcription` blocks to `meeting_notes`; nothing else differs.
            let renamed = { (block: Block) in block.type == .transcription ? BlockType.meetingNotes : block.type }
            #expect(Self.allBlocks(other).map(renamed) == Self.allBlocks(current).map(renamed), "\(version)")
            #expect(other.tables.map(\.rows.count) == current.tables.map(\.rows.count), "\(version)")
            let truncated = metrics.requestsByEndpoint["pages.properties.retrieve"] ?? 0
            #expect(metrics.requests == harness.workspace.minimumReadRequests() + truncated, "\(version)")
        }
    }

    @Test func faultsAndRetriesGiveTheIdenticalResult() async throws {
        let (clean, _, _) = try await Self.fetch()
        let (faulty, metrics, harness) = try await Self.fetch(shape: LoadShape(faultRate: 0.2, seed: 7), clock: WarpClock())
        #expect(harness.shaper.counters.faults.values.reduce(0, +) > 10)
        #expect(metrics.retries > 0)
        #expect(Self.fingerprint(faulty) == Self.fingerprint(clean))
        #expect(faulty.pages.map(\.id) == clean.pages.map(\.id))
        #expect(faulty.tables.map(\.rows) == clean.tables.map(\.rows))
    }

    /// The whole result as JSON, without what differs between two servers (signed file URLs carry
    /// the port and the signing time): every page's object, its block tree (ids, types, payloads,
    /// nesting) and every table's rows.
    static func fingerprint(_ workspace: FetchedWorkspace) -> JSONValue {
        func tree(_ blocks: [Block]) -> JSONValue {
            .array(blocks.map { block in
                var object = WorkspaceCrawler.normalized(block.raw)
                object["children"] = tree(block.children)
                return object
            })
        }
        return [
            "pages": .array(workspace.pages.map { ["page": WorkspaceCrawler.normalized($0.page.raw), "blocks": tree($0.blocks)] }),
            "tables": .array(workspace.tables.map { ["id": .string($0.id.rawValue), "rows": .array($0.rows.map { .string($0.rawValue) })] }),
            "issues": .array(workspace.issues.map { .string($0.description) }),
        ]
    }
}
