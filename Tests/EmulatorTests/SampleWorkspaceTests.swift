import Foundation
import Testing
import NotionModel
import TestSupport

/// Structural promises of the bundled sample workspace (`examples/workspace/`), checked by walking
/// its JSON directly (independently of the emulator's loader).
@Suite struct SampleWorkspaceTests {
    struct Page {
        var path: String
        var json: JSONValue
        var id: String { json["page"]?["id"]?.stringValue ?? "" }
        var parent: JSONValue { json["page"]?["parent"] ?? .null }
        var shared: Bool { json["shared"]?.boolValue ?? true }
        var blocks: [JSONValue] { json["blocks"]?.arrayValue ?? [] }
        var title: String {
            let properties = json["page"]?["properties"]?.objectValue ?? [:]
            let title = properties.values.first { $0["type"]?.stringValue == "title" }
            return (title?["title"]?.arrayValue ?? []).compactMap { $0["plain_text"]?.stringValue }.joined()
        }
    }

    struct Workspace {
        var root = Fixtures.sampleWorkspace
        var workspace: JSONValue = .null
        var pages: [String: Page] = [:]
        var databases: [String: JSONValue] = [:]
        var dataSources: [String: JSONValue] = [:]
        /// Every block (not child_page/child_database references) by id, with its page id.
        var blocks: [String: (block: JSONValue, page: String)] = [:]
        var duplicateIDs: [String] = []

        init() throws {
            workspace = try JSONValue(data: Data(contentsOf: root.appendingPathComponent("workspace.json")))
            var seen = Set<String>()
            func claim(_ id: String) { if !seen.insert(id).inserted { duplicateIDs.append(id) } }
            for user in workspace["users"]?.arrayValue ?? [] { claim(user["id"]?.stringValue ?? "") }
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            var files: [URL] = []
            while let url = enumerator?.nextObject() as? URL {
                if url.pathExtension == "json", url.lastPathComponent != "workspace.json" { files.append(url) }
            }
            for url in files.sorted(by: { $0.path < $1.path }) {
                let json = try JSONValue(data: Data(contentsOf: url))
                let path = String(url.path.dropFirst(root.path.count + 1))
                if let id = json["page"]?["id"]?.stringValue {
                    claim(id)
                    let page = Page(path: path, json: json)
                    pages[id] = page
                    func visit(_ list: [JSONValue]) {
                        for block in list {
                            let type = block["type"]?.stringValue
                            if type != "child_page", type != "child_database", let blockID = block["id"]?.stringValue {
                                claim(blockID)
                                blocks[blockID] = (block, id)
                            }
                            visit(block["children"]?.arrayValue ?? [])
                        }
                    }
                    visit(page.blocks)
                } else if let id = json["database"]?["id"]?.stringValue {
                    claim(id)
                    databases[id] = json
                    for source in json["data_sources"]?.arrayValue ?? [] {
                        let sourceID = source["id"]?.stringValue ?? ""
                        claim(sourceID)
                        dataSources[sourceID] = source
                    }
                } else {
                    Issue.record("\(path): neither a page nor a database")
                }
            }
        }

        func depth(_ id: String) -> Int {
            guard let page = pages[id] else { return 0 }
            switch page.parent["type"]?.stringValue {
            case "page_id": return depth(page.parent["page_id"]?.stringValue ?? "") + 1
            case "data_source_id":
                let database = databases[page.parent["database_id"]?.stringValue ?? ""]
                return depth(database?["database"]?["parent"]?["page_id"]?.stringValue ?? "") + 1
            default: return 1
            }
        }

        var rows: [Page] { pages.values.filter { $0.parent["type"]?.stringValue == "data_source_id" } }

        /// Calls `body` on every JSON object below `value`.
        static func objects(in value: JSONValue, _ body: (JSONValue) -> Void) {
            switch value {
            case .object(let object):
                body(value)
                for child in object.values { objects(in: child, body) }
            case .array(let values): for child in values { objects(in: child, body) }
            default: break
            }
        }
    }

    static let workspace = Result { try Workspace() }

    @Test func workspaceJSONDescribesTheIntegration() throws {
        let ws = try Self.workspace.get()
        #expect(ws.workspace["integration"]?["id"]?.stringValue == "7775f3a3-893f-43fa-b625-460c61094c78")
        #expect(ws.workspace["integration"]?["name"]?.stringValue == "notion-export sample")
        #expect(ws.workspace["bot"]?["type"]?.stringValue == "bot")
        #expect(ws.workspace["tokens"]?.arrayValue == [.string("ntn_sample_0000000000000000000000000000000000000000")])
        let users = ws.workspace["users"]?.arrayValue ?? []
        #expect(users.count >= 3)
        #expect(users.allSatisfy { $0["person"]?["email"]?.stringValue?.contains("@") == true })
        let emoji = try #require(ws.workspace["custom_emojis"]?[0]?["url"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: ws.root.appendingPathComponent(emoji).path))
    }

    @Test func idsAreValidAndUnique() throws {
        let ws = try Self.workspace.get()
        #expect(ws.duplicateIDs.isEmpty)
        for id in Array(ws.pages.keys) + Array(ws.blocks.keys) + Array(ws.databases.keys) + Array(ws.dataSources.keys) {
            let parsed = try #require(NotionID(id))
            #expect(parsed.rawValue == id, "not lowercase dashed: \(id)")
            #expect(parsed.hasValidVariant, "bad variant: \(id)")
        }
    }

    @Test func countsAndDepth() throws {
        let ws = try Self.workspace.get()
        let regular = ws.pages.values.filter { $0.parent["type"]?.stringValue != "data_source_id" }
        #expect(regular.count >= 30)
        #expect(ws.pages.keys.map(ws.depth).max() ?? 0 >= 4)
        #expect(ws.pages.values.contains { $0.blocks.count > 100 })
        let blog = try #require(ws.databases.values.first { $0["database"]?["title"]?[0]?["plain_text"]?.stringValue == "Blog" })
        let blogID = blog["database"]?["id"]?.stringValue
        let blogRows = ws.rows.filter { $0.parent["database_id"]?.stringValue == blogID }
        #expect(blogRows.count >= 10)
        #expect(blogRows.contains { $0.json["page"]?["properties"]?["Status"]?["status"]?["name"]?.stringValue == "Draft" })
        #expect(blogRows.allSatisfy { !$0.blocks.isEmpty })
        #expect(ws.databases.count >= 2)
    }

    @Test func everyBlockTypeIsPresent() throws {
        let ws = try Self.workspace.get()
        var types = Set(ws.blocks.values.compactMap { $0.block["type"]?.stringValue })
        for page in ws.pages.values {
            Workspace.objects(in: .array(page.blocks)) { if let t = $0["type"]?.stringValue, $0["id"] != nil { types.insert(t) } }
        }
        let expected = ["paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item", "numbered_list_item",
                        "to_do", "toggle", "quote", "callout", "code", "equation", "divider", "breadcrumb", "table_of_contents", "table",
                        "table_row", "column_list", "column", "image", "video", "audio", "pdf", "file", "bookmark", "embed",
                        "link_preview", "link_to_page", "child_page", "child_database", "synced_block", "template", "tab",
                        "meeting_notes", "unsupported", "ai_summary"]
        for type in expected { #expect(types.contains(type), "no \(type) block") }
        let languages = Set(ws.blocks.values.compactMap { $0.block["code"]?["language"]?.stringValue })
        #expect(languages.count >= 10)
        #expect(languages.isSuperset(of: ["plain text", "c++", "shell", "mermaid"]))
        #expect(ws.blocks.values.contains { $0.block["unsupported"]?["block_type"]?.stringValue == "form" })
    }

    @Test func unsharedPageExistsAndIsMentioned() throws {
        let ws = try Self.workspace.get()
        let unshared = ws.pages.values.filter { !$0.shared }
        #expect(unshared.count == 1)
        let hidden = try #require(unshared.first).id
        var mentionedFrom = Set<String>()
        for page in ws.pages.values where page.shared {
            Workspace.objects(in: .array(page.blocks)) {
                if $0["mention"]?["page"]?["id"]?.stringValue == hidden { mentionedFrom.insert(page.id) }
            }
        }
        #expect(!mentionedFrom.isEmpty)
    }

    /// Every dual relation is paired in both schemas, and every row's value is mirrored on the
    /// related row's synced property (the emulator keeps them so only on writes).
    @Test func dualRelationsAgreeBothWays() throws {
        let ws = try Self.workspace.get()
        var checked = 0
        for (sid, source) in ws.dataSources {
            for (name, property) in source["properties"]?.objectValue ?? [:] where property["relation"]?["type"] == "dual_property" {
                let target = property["relation"]?["data_source_id"]?.stringValue ?? ""
                let synced = property["relation"]?["dual_property"]
                let reverseName = synced?["synced_property_name"]?.stringValue ?? ""
                let reverse = ws.dataSources[target]?["properties"]?[reverseName]
                #expect(reverse?["id"] == synced?["synced_property_id"], "\(name): reverse \(reverseName)")
                #expect(reverse?["relation"]?["data_source_id"] == .string(sid), "\(name): reverse target")
                #expect(reverse?["relation"]?["dual_property"]
                    == ["synced_property_id": property["id"] ?? .null, "synced_property_name": .string(name)], "\(name)")
                for page in ws.pages.values where page.parent["data_source_id"]?.stringValue == sid {
                    for related in page.json["page"]?["properties"]?[name]?["relation"]?.arrayValue ?? [] {
                        let other = ws.pages[related["id"]?.stringValue ?? ""]
                        let back = other?.json["page"]?["properties"]?[reverseName]?["relation"]?.arrayValue ?? []
                        #expect(back.contains(["id": .string(page.id)]), "\(page.path) → \(other?.path ?? "?"): \(reverseName)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 50)
    }

    @Test func referencesResolve() throws {
        let ws = try Self.workspace.get()
        let users = Set((ws.workspace["users"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
        for page in ws.pages.values {
            switch page.parent["type"]?.stringValue {
            case "page_id": #expect(ws.pages[page.parent["page_id"]?.stringValue ?? ""] != nil, "\(page.path): parent")
            case "data_source_id": #expect(ws.dataSources[page.parent["data_source_id"]?.stringValue ?? ""] != nil, "\(page.path): data source")
            case "workspace": break
            default: Issue.record("\(page.path): parent \(page.parent)")
            }
            Workspace.objects(in: page.json) { object in
                if let id = object["mention"]?["page"]?["id"]?.stringValue { #expect(ws.pages[id] != nil, "\(page.path): mention \(id)") }
                if let id = object["mention"]?["database"]?["id"]?.stringValue { #expect(ws.databases[id] != nil, "\(page.path): mention \(id)") }
                if let id = object["mention"]?["user"]?["id"]?.stringValue { #expect(users.contains(id), "\(page.path): user \(id)") }
                if object["type"]?.stringValue == "relation" {
                    for target in object["relation"]?.arrayValue ?? [] {
                        #expect(ws.pages[target["id"]?.stringValue ?? ""] != nil, "\(page.path): relation")
                    }
                }
                if let link = object["link_to_page"] {
                    let id = link["page_id"]?.stringValue ?? link["database_id"]?.stringValue ?? ""
                    #expect(ws.pages[id] != nil || ws.databases[id] != nil, "\(page.path): link_to_page \(id)")
                }
                if object["type"]?.stringValue == "child_page" {
                    let id = object["id"]?.stringValue ?? ""
                    #expect(ws.pages[id]?.parent["page_id"]?.stringValue == page.id, "\(page.path): child_page \(id)")
                }
                if object["type"]?.stringValue == "child_database" {
                    let id = object["id"]?.stringValue ?? ""
                    #expect(ws.databases[id]?["database"]?["parent"]?["page_id"]?.stringValue == page.id, "\(page.path): child_database")
                }
                if let url = object["url"]?.stringValue, url.hasPrefix("files/") {
                    #expect(FileManager.default.fileExists(atPath: ws.root.appendingPathComponent(url).path), "\(page.path): \(url)")
                }
                if object["type"]?.stringValue == "text", let content = object["text"]?["content"]?.stringValue {
                    #expect(content.utf16.count <= 2000, "\(page.path): rich text over 2000")
                    #expect(object["plain_text"]?.stringValue == content)
                }
            }
        }
    }

    @Test func syncedBlocksPointToAnOriginalOnAnotherPage() throws {
        let ws = try Self.workspace.get()
        let duplicates = ws.blocks.values.filter { $0.block["synced_block"]?["synced_from"]?["block_id"] != nil }
        #expect(Set(duplicates.map(\.page)).count >= 2)
        for duplicate in duplicates {
            let originalID = duplicate.block["synced_block"]?["synced_from"]?["block_id"]?.stringValue ?? ""
            let original = try #require(ws.blocks[originalID])
            #expect(original.block["synced_block"]?["synced_from"] == .null)
            let children = original.block["children"]?.arrayValue ?? []
            #expect(!children.isEmpty)
            #expect(original.page != duplicate.page)
        }
    }

    @Test func hardCasesArePresent() throws {
        let ws = try Self.workspace.get()
        let titles = ws.pages.values.map(\.title)
        #expect(titles.contains { $0.contains("/") && $0.contains("..") && $0.contains("#") && $0.contains("\"") })
        // A rich text longer than 2000 characters, split into several text objects.
        var longest = 0
        for page in ws.pages.values {
            Workspace.objects(in: .array(page.blocks)) { object in
                guard let items = object["rich_text"]?.arrayValue, items.count > 1 else { return }
                longest = max(longest, items.compactMap { $0["plain_text"]?.stringValue?.count }.reduce(0, +))
            }
        }
        #expect(longest > 2000)
        // A relation with more than 25 entries (page objects cap at 25).
        #expect(ws.rows.contains { row in
            (row.json["page"]?["properties"]?.objectValue ?? [:]).values.contains { ($0["relation"]?.arrayValue?.count ?? 0) > 25 }
        })
        #expect(ws.pages.values.contains { !($0.json["comments"]?.arrayValue ?? []).isEmpty })
    }
}
