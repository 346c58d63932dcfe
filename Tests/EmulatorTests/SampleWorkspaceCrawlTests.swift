import Foundation
import NotionAPI
import NotionModel
import Testing
import TestSupport
@testable import Emulator

/// Crawls the bundled sample workspace through the emulator the way an exporter will (search,
/// block children, data source rows; small pages so every cursor is exercised) and checks that
/// what the API shows is exactly what the folder holds.
@Suite struct SampleWorkspaceCrawlTests {
    static let token = "ntn_sample_0000000000000000000000000000000000000000"
    static let unsharedPage = NotionID("ba9e0000-0000-8000-8000-000000000099")

    struct Crawl {
        var pages: Set<NotionID> = []
        var dataSources: Set<NotionID> = []
        var databases: Set<NotionID> = []
        var blocks = 0
        var duplicates: [NotionID] = []
        var blockTypes: Set<String> = []
        var requests = 0
        var fileURLs: [String] = []
    }

    final class Client {
        let handler: EmulatorHandler
        let version: String
        var requests = 0
        init(handler: EmulatorHandler, version: String) { self.handler = handler; self.version = version }

        func call(_ method: String, _ path: String, _ body: JSONValue? = nil) throws -> JSONValue {
            requests += 1
            let request = HTTPRequest(method: method, url: URL(string: "http://emulator.test" + path)!,
                                      headers: ["Authorization": "Bearer \(SampleWorkspaceCrawlTests.token)", "Notion-Version": version,
                                                "Content-Type": "application/json"],
                                      body: body?.data())
            let response = handler.respond(request)
            let json = try JSONValue(data: response.body)
            guard response.status == 200 else { throw CrawlError(status: response.status, body: json) }
            return json
        }

        /// Every result of a paginated endpoint, `page_size` at a time.
        func all(_ method: String, _ path: String, body: JSONValue = [:], pageSize: Int) throws -> [JSONValue] {
            var results: [JSONValue] = []
            var cursor: String?
            repeat {
                let page: JSONValue
                if method == "GET" {
                    let separator = path.contains("?") ? "&" : "?"
                    page = try call("GET", path + separator + "page_size=\(pageSize)" + (cursor.map { "&start_cursor=\($0)" } ?? ""))
                } else {
                    var b = body
                    b["page_size"] = .int(pageSize)
                    if let cursor { b["start_cursor"] = .string(cursor) }
                    page = try call(method, path, b)
                }
                let items = page["results"]?.arrayValue ?? []
                #expect(items.count <= pageSize)
                results += items
                cursor = page["next_cursor"]?.stringValue
                #expect((page["has_more"] == true) == (cursor != nil))
            } while cursor != nil
            return results
        }
    }

    struct CrawlError: Error { var status: Int; var body: JSONValue }

    static func crawl(version: String, pageSize: Int = 100) throws -> (Crawl, Workspace) {
        let workspace = try Workspace(contentsOf: Fixtures.sampleWorkspace, seed: 1, clock: { Date(timeIntervalSince1970: 1_783_000_000) })
        let handler = EmulatorHandler(workspace: workspace, baseURL: URL(string: "http://emulator.test")!)
        let client = Client(handler: handler, version: version)
        var crawl = Crawl()
        let hasDataSources = version >= "2025-09-03"

        func collectFiles(_ value: JSONValue) {
            switch value {
            case .object(let object):
                if let file = object["file"], let url = file["url"]?.stringValue, file["expiry_time"] != nil { crawl.fileURLs.append(url) }
                object.values.forEach(collectFiles)
            case .array(let values): values.forEach(collectFiles)
            default: break
            }
        }

        func children(of id: String) throws {
            for block in try client.all("GET", "/v1/blocks/\(id)/children", pageSize: pageSize) {
                crawl.blocks += 1
                collectFiles(block)
                let type = block["type"]?.stringValue ?? "?"
                crawl.blockTypes.insert(type)
                let blockID = try #require(block["id"]?.stringValue)
                switch type {
                case "child_page":
                    try page(blockID)
                case "child_database":
                    try database(blockID)
                default:
                    if block["has_children"] == true { try children(of: blockID) }
                }
            }
        }
        func page(_ id: String) throws {
            let nid = try #require(NotionID(id))
            guard crawl.pages.insert(nid).inserted else { crawl.duplicates.append(nid); return }
            collectFiles(try client.call("GET", "/v1/pages/\(id)"))
            try children(of: id)
        }
        func database(_ id: String) throws {
            let nid = try #require(NotionID(id))
            guard crawl.databases.insert(nid).inserted else { return }
            let object = try client.call("GET", "/v1/databases/\(id)")
            let rows: [JSONValue]
            if hasDataSources {
                var all: [JSONValue] = []
                for source in object["data_sources"]?.arrayValue ?? [] {
                    let sid = try #require(source["id"]?.stringValue)
                    crawl.dataSources.insert(try #require(NotionID(sid)))
                    all += try client.all("POST", "/v1/data_sources/\(sid)/query", pageSize: pageSize)
                }
                rows = all
            } else {
                #expect(object["properties"] != nil)
                rows = try client.all("POST", "/v1/databases/\(id)/query", pageSize: pageSize)
            }
            for row in rows { try page(try #require(row["id"]?.stringValue)) }
        }

        // Roots: what search finds at the top (workspace-level pages and databases).
        let found = try client.all("POST", "/v1/search", pageSize: pageSize)
        for object in found where object["parent"]?["type"] == "workspace" {
            if object["object"] == "page" { try page(try #require(object["id"]?.stringValue)) }
        }
        crawl.requests = client.requests
        return (crawl, workspace)
    }

    /// Pages of the folder the integration may see: shared, not in the trash, and so is every
    /// ancestor page and database (sharing is inherited in Notion). Computed from the folder's
    /// JSON, independently of the emulator's own visibility code.
    static func visiblePages(_ workspace: Workspace) -> Set<NotionID> {
        let snapshot = workspace.snapshot
        func parentVisible(_ parent: JSONValue?) -> Bool {
            if let id = parent?["page_id"]?.stringValue.flatMap({ NotionID($0) }) { return visible(page: id) }
            if let id = parent?["database_id"]?.stringValue.flatMap({ NotionID($0) }), let db = snapshot.databases[id] {
                return db.shared && db.json["in_trash"] != true && parentVisible(db.json["parent"])
            }
            return true
        }
        func visible(page id: NotionID) -> Bool {
            guard let record = snapshot.pages[id] else { return false }
            return record.shared && record.json["in_trash"] != true && parentVisible(record.json["parent"])
        }
        return Set(snapshot.pages.keys.filter { visible(page: $0) })
    }

    @Test(arguments: ["2022-06-28", "2025-09-03", "2026-03-11"])
    func crawlReachesEverySharedPageExactlyOnce(version: String) throws {
        let (crawl, workspace) = try Self.crawl(version: version)
        #expect(crawl.duplicates == [])
        #expect(crawl.pages.count >= 30)
        #expect(crawl.pages == Self.visiblePages(workspace))
        #expect(!crawl.pages.contains(try #require(Self.unsharedPage)))
        #expect(crawl.databases.count == 2)
        #expect(crawl.blocks > 300)
        if version == "2026-03-11" {
            #expect(crawl.blockTypes.contains("meeting_notes"))
            #expect(!crawl.blockTypes.contains("transcription"))
        }
        #expect(crawl.blockTypes.isSuperset(of: [
            "paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item", "numbered_list_item", "to_do",
            "toggle", "quote", "callout", "code", "equation", "divider", "breadcrumb", "table_of_contents", "table", "table_row",
            "column_list", "column", "image", "video", "audio", "pdf", "file", "bookmark", "embed", "link_preview", "link_to_page",
            "child_page", "child_database", "synced_block", "template", "tab", "unsupported", "ai_summary",
        ]))
    }

    /// Pages of two follow every cursor of every list (search, children, data source queries).
    @Test func theCrawlIsTheSameAtEveryPageSize() throws {
        let (small, _) = try Self.crawl(version: "2025-09-03", pageSize: 2)
        let (large, _) = try Self.crawl(version: "2025-09-03", pageSize: 100)
        #expect(small.blockTypes == large.blockTypes)
        #expect(small.pages == large.pages)
        #expect(small.blocks == large.blocks)
        #expect(small.requests > large.requests)
    }

    @Test func theUnsharedPageIsA404WithNotionsSentence() throws {
        let workspace = try Workspace(contentsOf: Fixtures.sampleWorkspace)
        let client = Client(handler: EmulatorHandler(workspace: workspace, baseURL: URL(string: "http://emulator.test")!), version: "2025-09-03")
        let id = try #require(Self.unsharedPage)
        do {
            _ = try client.call("GET", "/v1/pages/\(id.compact)")
            Issue.record("an unshared page was served")
        } catch let error as CrawlError {
            #expect(error.status == 404)
            #expect(error.body["message"] == .string("Could not find page with ID: \(id). Make sure the relevant pages and databases are shared with your integration \"notion-export sample\"."))
            #expect(error.body["additional_data"] == ["integration_id": "7775f3a3-893f-43fa-b625-460c61094c78"])
        }
    }

    @Test func everyHostedFileDownloadsUntilItsURLExpires() throws {
        let clock = TestClock()
        let workspace = try Workspace(contentsOf: Fixtures.sampleWorkspace, clock: clock.function)
        let handler = EmulatorHandler(workspace: workspace, baseURL: URL(string: "http://emulator.test")!)
        let (crawl, _) = try Self.crawl(version: "2025-09-03", pageSize: 100)
        #expect(crawl.fileURLs.count >= 8)
        // The crawl's URLs were signed by another handler; sign fresh ones with this clock.
        let client = Client(handler: handler, version: "2025-09-03")
        var urls: [String] = []
        for id in crawl.pages.sorted() {
            for block in try client.all("GET", "/v1/blocks/\(id)/children", pageSize: 100) {
                for key in ["image", "pdf", "file", "audio", "video"] {
                    if let url = block[key]?["file"]?["url"]?.stringValue { urls.append(url) }
                }
            }
        }
        #expect(urls.count >= 4)
        for url in urls {
            let response = handler.respond(HTTPRequest(method: "GET", url: URL(string: url)!))
            #expect(response.status == 200, "\(url)")
            let path = URL(string: url)!.path.split(separator: "/").dropFirst(2).joined(separator: "/")  // /files/<sig>/<path>
            let onDisk = try Data(contentsOf: Fixtures.sampleWorkspace.appendingPathComponent(path))
            #expect(response.body == onDisk, "\(path)")
        }
        clock.advance(3601)
        for url in urls {
            let response = handler.respond(HTTPRequest(method: "GET", url: URL(string: url)!))
            #expect(response.status == 403)
            #expect(String(decoding: response.body, as: UTF8.self).contains("<Code>AccessDenied</Code>"))
        }
    }
}
