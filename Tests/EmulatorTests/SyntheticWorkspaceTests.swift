import Foundation
import Testing
import NotionModel
@testable import Emulator

@Suite struct SyntheticWorkspaceTests {
    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("synthetic-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every regular file below `root`, by relative path.
    static func tree(_ root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = root.resolvingSymlinksInPath().path + "/"
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = url.resolvingSymlinksInPath().path
            out[String(path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return out
    }

    static func generate(pages: Int, seed: UInt64) throws -> (URL, [String: Data]) {
        let dir = try temporaryDirectory()
        try SyntheticWorkspace(pages: pages, seed: seed).write(to: dir)
        return (dir, try tree(dir))
    }

    @Test func sameSeedGivesByteIdenticalTrees() throws {
        let (a, treeA) = try Self.generate(pages: 60, seed: 42)
        let (b, treeB) = try Self.generate(pages: 60, seed: 42)
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(treeA.keys.sorted() == treeB.keys.sorted())
        for (path, data) in treeA { #expect(treeB[path] == data, "\(path) differs") }
    }

    @Test func differentSeedsDiffer() throws {
        let (a, treeA) = try Self.generate(pages: 50, seed: 1)
        let (b, treeB) = try Self.generate(pages: 50, seed: 2)
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(treeA != treeB)
        let pagesA = Set(treeA.keys.filter { $0.hasPrefix("pages/") })
        #expect(pagesA.count == 50)
    }

    @Test(arguments: [1, 2, 7, 60])
    func pageCountIsExact(pages: Int) throws {
        let (dir, tree) = try Self.generate(pages: pages, seed: 7)
        defer { try? FileManager.default.removeItem(at: dir) }
        var count = 0
        for (path, data) in tree where path.hasSuffix(".json") {
            let json = try JSONValue(data: data)
            if json["page"] != nil { count += 1 }
        }
        #expect(count == pages)
    }

    @Test func everyFileParsesAndEveryReferenceResolves() throws {
        let (dir, tree) = try Self.generate(pages: 120, seed: 2026)
        defer { try? FileManager.default.removeItem(at: dir) }
        var defined = Set<String>()
        var referenced: [(String, String)] = []  // (id, where)
        var childPages: [(String, String)] = []   // (child id, parent page id)
        var childDatabases: [(String, String)] = []
        var pageParents: [String: String] = [:]  // page id -> parent page id
        var depth: [String: Int] = [:]
        var rows = 0, tables = 0, images = 0, mentions = 0
        var fileRefs = Set<String>()

        func walk(_ value: JSONValue, in file: String) {
            switch value {
            case .object(let object):
                for key in ["page_id", "database_id", "data_source_id", "block_id"] {
                    if let id = object[key]?.stringValue { referenced.append((id, file)) }
                }
                if object["type"]?.stringValue == "mention", let id = value["mention"]?["page"]?["id"]?.stringValue {
                    referenced.append((id, file)); mentions += 1
                }
                if let url = value["file"]?["url"]?.stringValue, url.hasPrefix("files/") { fileRefs.insert(url) }
                for child in object.values { walk(child, in: file) }
            case .array(let values): for child in values { walk(child, in: file) }
            default: break
            }
        }
        func blocks(_ list: [JSONValue], page: String, file: String) {
            for block in list {
                let id = try! #require(block["id"]?.stringValue)
                switch block["type"]?.stringValue {
                case "child_page": childPages.append((id, page))
                case "child_database": childDatabases.append((id, page))
                default:
                    #expect(!defined.contains(id), "duplicate block id \(id)")
                    defined.insert(id)
                }
                if block["type"]?.stringValue == "table" { tables += 1 }
                if block["type"]?.stringValue == "image" { images += 1 }
                blocks(block["children"]?.arrayValue ?? [], page: page, file: file)
            }
        }

        let workspace = try JSONValue(data: try #require(tree["workspace.json"]))
        for user in workspace["users"]?.arrayValue ?? [] { defined.insert(try #require(user["id"]?.stringValue)) }
        #expect(workspace["tokens"]?[0]?.stringValue == SyntheticWorkspace.token)

        for (path, data) in tree where path.hasSuffix(".json") && path != "workspace.json" {
            let json = try JSONValue(data: data)
            if let page = json["page"] {
                let id = try #require(page["id"]?.stringValue)
                #expect(NotionID(id)?.hasValidVariant == true)
                #expect(!defined.contains(id)); defined.insert(id)
                if page["parent"]?["type"]?.stringValue == "data_source_id" { rows += 1 }
                if let parent = page["parent"]?["page_id"]?.stringValue { pageParents[id] = parent }
                blocks(json["blocks"]?.arrayValue ?? [], page: id, file: path)
                // Block parents are implicit; walk everything but the page's own id fields.
                walk(page["parent"] ?? .null, in: path)
                walk(page["properties"] ?? .null, in: path)
                walk(json["blocks"] ?? .null, in: path)
            } else if let database = json["database"] {
                defined.insert(try #require(database["id"]?.stringValue))
                for source in json["data_sources"]?.arrayValue ?? [] { defined.insert(try #require(source["id"]?.stringValue)) }
                walk(database["parent"] ?? .null, in: path)
            } else {
                Issue.record("unknown document \(path)")
            }
        }
        for (id, file) in referenced { #expect(defined.contains(id), "\(file) refers to unknown \(id)") }
        for (child, parent) in childPages { #expect(pageParents[child] == parent, "child_page \(child) is not a child of \(parent)") }
        #expect(childDatabases.count == 1)
        // Every page with a page parent is listed as a child_page in it.
        #expect(Set(childPages.map(\.0)) == Set(pageParents.keys))
        for path in fileRefs { #expect(tree[path] != nil, "missing \(path)") }

        func depthOf(_ id: String) -> Int {
            if let known = depth[id] { return known }
            let d = pageParents[id].map { depthOf($0) + 1 } ?? 1
            depth[id] = d
            return d
        }
        let maxDepth = pageParents.keys.map(depthOf).max() ?? 1
        #expect(maxDepth <= 5 && maxDepth >= 3)
        #expect(rows == 12)
        #expect(tables > 3 && images > 3 && mentions > 30)
    }

    @Test func writesRealisticPages() throws {
        let (dir, tree) = try Self.generate(pages: 30, seed: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        var counts: [Int] = []
        for (path, data) in tree where path.hasPrefix("pages/") && !path.hasPrefix("pages/tasks/") {
            let json = try JSONValue(data: data)
            counts.append(json["blocks"]?.arrayValue?.count ?? 0)
        }
        #expect(counts.count == 27)
        #expect(counts.allSatisfy { $0 >= 20 && $0 <= 60 })
        let png = try #require(tree["files/synthetic/diagram.png"])
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    /// What the generator writes is a workspace the emulator serves: it loads, and every page is
    /// there. (Its speed is measured in BENCHMARKS.md, not here.)
    @Test func theEmulatorLoadsIt() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try SyntheticWorkspace(pages: 120, seed: 9).write(to: dir)
        let workspace = try Workspace(contentsOf: dir)
        #expect(workspace.counts.pages == 120)
        #expect(workspace.counts.databases == 1)
        #expect(workspace.counts.blocks > 120 * 20)
    }
}
