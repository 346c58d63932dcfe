import Foundation
import NotionAPI
import NotionModel

/// A deterministic, synthetic workspace in the emulator's on-disk format (`examples/workspace/README.md`),
/// for load tests and benchmarks: `pages` pages in a realistic hierarchy (branching about 5, at most
/// 5 levels), about 10% of them rows of one database, 20–40 blocks per page (paragraphs with
/// annotations, links and page mentions, headings, nested lists, to-dos, code, quotes, callouts,
/// toggles, a table or a hosted image every few pages, child page blocks).
///
/// The same `pages` and `seed` always give byte-identical files: the generator uses its own
/// SplitMix64 generator (never the system's), derives every page's content from a generator seeded
/// with the page's index, and writes compact JSON with a fixed key order.
public struct SyntheticWorkspace: Sendable {
    public let pages: Int
    public let seed: UInt64

    public init(pages: Int, seed: UInt64) {
        precondition(pages >= 0, "pages must not be negative")
        self.pages = pages
        self.seed = seed
    }

    /// The integration and bearer token written to `workspace.json` (the same as the sample's).
    public static let integrationID = "7775f3a3-893f-43fa-b625-460c61094c78"
    public static let token = "ntn_sample_0000000000000000000000000000000000000000"

    /// Writes `workspace.json`, `pages/…`, `databases/…` and `files/…` below `directory`, which is
    /// created if needed. Existing files of the same names are replaced; other files are left alone.
    public func write(to directory: URL) throws {
        let plan = Plan(pages: pages, seed: seed)
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        func put(_ relative: String, _ bytes: [UInt8]) throws {
            let url = directory.appendingPathComponent(relative)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try put("workspace.json", plan.workspaceJSON())
        for (path, bytes) in SyntheticFiles.all { try put(path, bytes) }
        if plan.hasDatabase { try put("databases/synthetic-tasks.json", plan.databaseJSON()) }
        for folder in Set((0..<pages).map { plan.folder(ofPage: $0) }).sorted() {
            try fm.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // Every page depends only on the plan and its own index, so pages are built in parallel.
        let failure = FirstError()
        let chunk = 64
        DispatchQueue.concurrentPerform(iterations: (pages + chunk - 1) / chunk) { batch in
            for index in (batch * chunk)..<min(pages, (batch + 1) * chunk) {
                do {
                    try Data(plan.pageJSON(index)).write(to: directory.appendingPathComponent(plan.path(ofPage: index)))
                } catch {
                    failure.record(error)
                    return
                }
            }
        }
        if let error = failure.error { throw error }
    }
}

/// The first error thrown by any of the parallel page writers.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var first: (any Error)?
    func record(_ error: any Error) { lock.withLock { if first == nil { first = error } } }
    var error: (any Error)? { lock.withLock { first } }
}

// MARK: - Random numbers

/// Helpers over the emulator's seeded generator (SplitMix64), so output never
/// depends on the standard library's generators.
extension SplitMix64 {
    /// Uniform enough for test data (modulo bias is irrelevant here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A generator for an independent stream, e.g. one per page.
    static func stream(_ seed: UInt64, _ salt: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        return SplitMix64(seed: mixer.next())
    }
}

// MARK: - JSON with a fixed key order

/// A JSON value whose objects keep their keys in the order written, so that output is stable and
/// reads like the API's. Serialized compactly.
indirect enum OrderedJSON {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([OrderedJSON])
    case object(KeyValuePairs<String, OrderedJSON>)
    case fields([(String, OrderedJSON)])

    func serialize(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .string(let value): OrderedJSON.escape(value, into: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (i, value) in values.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                value.serialize(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for i in 0..<pairs.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                OrderedJSON.escape(pairs[i].key, into: &out)
                out.append(UInt8(ascii: ":"))
                pairs[i].value.serialize(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .fields(let pairs):
            out.append(UInt8(ascii: "{"))
            for i in 0..<pairs.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                OrderedJSON.escape(pairs[i].0, into: &out)
                out.append(UInt8(ascii: ":"))
                pairs[i].1.serialize(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func escape(_ string: String, into out: inout [UInt8]) {
        var string = string
        string.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            var start = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }  // control, ", \
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
            out.append(UInt8(ascii: "\""))
        }
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        serialize(into: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }
}

extension OrderedJSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: OrderedJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, OrderedJSON)...) { self = .fields(elements) }
}

// MARK: - The plan: hierarchy, titles and ids, fixed before any content is generated

private struct Plan {
    let pages: Int
    let seed: UInt64
    /// Regular pages are 0..<regularCount; rows of the database follow.
    let regularCount: Int
    var hasDatabase: Bool { pages > regularCount }
    /// Parent page index of each regular page (nil for a workspace root).
    var parent: [Int?] = []
    var depth: [Int] = []
    var children: [[Int]] = []
    var titles: [String] = []
    /// The page holding the database (a child_database block).
    var databaseHost = 0
    let idTag: String

    static let maxDepth = 5

    init(pages: Int, seed: UInt64) {
        self.pages = pages
        self.seed = seed
        let rows = pages >= 2 ? max(1, pages / 10) : 0
        regularCount = pages - rows
        var tagRandom = SplitMix64.stream(seed, 0x1D)
        idTag = Plan.hex(tagRandom.next() >> 32, digits: 8)

        // Breadth-first: each parent takes 3–7 children; when the shallowest open parent is at the
        // maximum depth, a new workspace root starts.
        var random = SplitMix64.stream(seed, 0x7EE)
        parent.reserveCapacity(regularCount)
        depth.reserveCapacity(regularCount)
        children = Array(repeating: [], count: regularCount)
        var queue: [Int] = []
        var head = 0
        var quota = 0
        for index in 0..<regularCount {
            while head < queue.count, children[queue[head]].count >= quota {
                head += 1
                quota = random.int(3...7)
            }
            if head < queue.count, depth[queue[head]] < Plan.maxDepth {
                let p = queue[head]
                parent.append(p)
                depth.append(depth[p] + 1)
                children[p].append(index)
            } else {
                parent.append(nil)
                depth.append(1)
                queue.removeAll(keepingCapacity: true)
                head = 0
                quota = random.int(3...7)
            }
            if depth[index] < Plan.maxDepth { queue.append(index) }
        }

        var titleRandom = SplitMix64.stream(seed, 0x717)
        titles.reserveCapacity(pages)
        for index in 0..<pages {
            titles.append(Words.title(&titleRandom, index: index, isRow: index >= regularCount))
        }
        if regularCount > 0 {
            databaseHost = titleRandom.below(min(regularCount, 5))
        }
    }

    // Ids: <8 hex of the seed>-<kind>-8000-8<3 hex>-<12 hex index>, valid (version 8, variant 8)
    // and unique per kind and index.
    func id(_ kind: String, _ index: Int) -> String {
        "\(idTag)-\(kind)-8000-8\(Plan.hex(UInt64(index >> 48) & 0xFFF, digits: 3))-\(Plan.hex(UInt64(index) & 0xFFFF_FFFF_FFFF, digits: 12))"
    }
    func pageID(_ index: Int) -> String { id("0001", index) }
    func blockID(page: Int, _ n: Int) -> String { id("0002", page << 12 | n) }
    var databaseID: String { id("0003", 1) }
    var dataSourceID: String { id("0004", 1) }
    func userID(_ index: Int) -> String { id("0005", index) }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    /// `pages/000/…` for regular pages, `pages/tasks/000/…` for rows, 1,000 files a folder at most.
    func folder(ofPage index: Int) -> String {
        let bucket = String(index / 1000)
        let padded = String(repeating: "0", count: max(0, 3 - bucket.count)) + bucket
        return index >= regularCount ? "pages/tasks/\(padded)" : "pages/\(padded)"
    }

    func path(ofPage index: Int) -> String {
        let number = String(index)
        let padded = String(repeating: "0", count: max(0, 5 - number.count)) + number
        return "\(folder(ofPage: index))/\(padded)-\(Words.slug(titles[index])).json"
    }

    func url(title: String, id: String) -> String {
        let slug = Words.slug(title, keepCase: true)
        let compact = id.replacingOccurrences(of: "-", with: "")
        return "https://www.notion.so/" + (slug.isEmpty ? "" : slug + "-") + compact
    }

    // MARK: workspace.json

    static let people: [(String, String)] = [
        ("Ada Reyes", "ada.reyes@synthetic.example"), ("Bo Lindqvist", "bo.lindqvist@synthetic.example"),
        ("Chidi Okoro", "chidi.okoro@synthetic.example"), ("Dana Weiß", "dana.weiss@synthetic.example"),
    ]

    func user(_ index: Int) -> OrderedJSON {
        let (name, email) = Plan.people[index]
        return .object([
            "object": "user", "id": .string(userID(index + 1)), "name": .string(name), "avatar_url": .null,
            "type": "person", "person": .object(["email": .string(email)]),
        ])
    }

    func partialUser(_ index: Int) -> OrderedJSON { .object(["object": "user", "id": .string(userID(index + 1))]) }

    func workspaceJSON() -> [UInt8] {
        OrderedJSON.object([
            "integration": .object(["id": .string(SyntheticWorkspace.integrationID), "name": "notion-export synthetic"]),
            "bot": .object([
                "object": "user", "id": .string(SyntheticWorkspace.integrationID), "name": "notion-export synthetic",
                "avatar_url": .null, "type": "bot",
                "bot": .object([
                    "owner": .object(["type": "workspace", "workspace": true]), "workspace_name": "Synthetic",
                    "workspace_id": .string(id("0006", 1)),
                    "workspace_limits": .object(["max_file_upload_size_in_bytes": 5_242_880]),
                ]),
            ]),
            "users": .array((0..<Plan.people.count).map(user)),
            "tokens": .array([.string(SyntheticWorkspace.token)]),
            "custom_emojis": .array([]),
        ]).bytes
    }

    // MARK: database

    static let statusOptions: [(String, String, String)] = [
        ("st-1", "Not started", "gray"), ("st-2", "In progress", "blue"), ("st-3", "Done", "green"),
    ]
    static let tagOptions: [(String, String, String)] = [
        ("tg-1", "backend", "blue"), ("tg-2", "frontend", "purple"), ("tg-3", "docs", "yellow"),
        ("tg-4", "bug", "red"), ("tg-5", "infra", "gray"),
    ]

    static func options(_ list: [(String, String, String)]) -> OrderedJSON {
        .array(list.map { .object(["id": .string($0.0), "name": .string($0.1), "color": .string($0.2), "description": .null]) })
    }
    static func option(_ o: (String, String, String)) -> OrderedJSON {
        .object(["id": .string(o.0), "name": .string(o.1), "color": .string(o.2)])
    }

    func schema(_ id: String, _ name: String, _ type: String, _ config: OrderedJSON) -> (String, OrderedJSON) {
        (name, .fields([("id", .string(id)), ("name", .string(name)), ("description", .null), ("type", .string(type)), (type, config)]))
    }

    func databaseJSON() -> [UInt8] {
        let title = RichText.plain("Tasks")
        let hostParent: OrderedJSON = .object(["type": "page_id", "page_id": .string(pageID(databaseHost))])
        let url: OrderedJSON = .string("https://www.notion.so/" + databaseID.replacingOccurrences(of: "-", with: ""))
        let properties: OrderedJSON = .fields([
            schema("title", "Name", "title", .object([:])),
            schema("St%3At", "Status", "status", .object([
                "options": Plan.options(Plan.statusOptions),
                "groups": .array([
                    .object(["id": "gr-1", "name": "To-do", "color": "gray", "option_ids": ["st-1"]]),
                    .object(["id": "gr-2", "name": "In progress", "color": "blue", "option_ids": ["st-2"]]),
                    .object(["id": "gr-3", "name": "Complete", "color": "green", "option_ids": ["st-3"]]),
                ]),
            ])),
            schema("Tg%3Ag", "Tags", "multi_select", .object(["options": Plan.options(Plan.tagOptions)])),
            schema("Es%3At", "Estimate", "number", .object(["format": "number"])),
            schema("Dn%3Ae", "Done", "checkbox", .object([:])),
            schema("Du%3Ae", "Due", "date", .object([:])),
            schema("Ow%3An", "Owner", "people", .object([:])),
            schema("No%3At", "Notes", "rich_text", .object([:])),
        ])
        return OrderedJSON.object([
            "database": .object([
                "object": "database", "id": .string(databaseID), "title": title, "description": .array([]),
                "parent": hostParent, "is_inline": false, "in_trash": false, "is_locked": false,
                "created_time": "2025-03-01T09:00:00.000+00:00", "last_edited_time": "2025-06-01T09:00:00.000+00:00",
                "data_sources": .array([.object(["id": .string(dataSourceID), "name": "Tasks"])]),
                "icon": .object(["type": "emoji", "emoji": "✅"]), "cover": .null, "url": url, "public_url": .null,
            ]),
            "data_sources": .array([.object([
                "object": "data_source", "id": .string(dataSourceID), "cover": .null,
                "icon": .object(["type": "emoji", "emoji": "✅"]),
                "created_time": "2025-03-01T09:00:00.000Z", "created_by": partialUser(0), "last_edited_by": partialUser(0),
                "last_edited_time": "2025-06-01T09:00:00.000Z", "title": title, "description": .array([]),
                "is_inline": false, "properties": properties,
                "parent": .object(["type": "database_id", "database_id": .string(databaseID)]),
                "database_parent": hostParent, "url": url, "public_url": .null, "in_trash": false,
            ])]),
            "shared": true,
        ]).bytes
    }

    // MARK: pages

    func pageJSON(_ index: Int) -> [UInt8] {
        var random = SplitMix64.stream(seed, UInt64(index) &+ 0x1000)
        let isRow = index >= regularCount
        let author = random.below(Plan.people.count)
        let (created, edited) = Words.timestamps(&random)
        let parentJSON: OrderedJSON
        if isRow {
            parentJSON = .object(["type": "data_source_id", "data_source_id": .string(dataSourceID), "database_id": .string(databaseID)])
        } else if let p = parent[index] {
            parentJSON = .object(["type": "page_id", "page_id": .string(pageID(p))])
        } else {
            parentJSON = .object(["type": "workspace", "workspace": true])
        }
        let icon: OrderedJSON = random.chance(60) ? .object(["type": "emoji", "emoji": .string(random.pick(Words.emoji))]) : .null
        let cover: OrderedJSON = !isRow && random.chance(15)
            ? .object(["type": "external", "external": .object(["url": .string("https://www.notion.so/images/page-cover/gradients_\(random.int(1...11)).png")])])
            : .null
        let properties: OrderedJSON = isRow ? rowProperties(index, &random) : .object(["title": titleProperty(index)])

        var content = ContentBuilder(plan: self, page: index, random: random)
        let blocks = content.blocks(isRow: isRow)

        return OrderedJSON.object([
            "page": .object([
                "object": "page", "id": .string(pageID(index)), "created_time": .string(created), "last_edited_time": .string(edited),
                "created_by": partialUser(author), "last_edited_by": partialUser(author), "cover": cover, "icon": icon,
                "parent": parentJSON, "in_trash": false, "is_archived": false, "is_locked": false,
                "properties": properties, "url": .string(url(title: titles[index], id: pageID(index))), "public_url": .null,
            ]),
            "blocks": .array(blocks),
            "comments": .array([]),
            "shared": true,
        ]).bytes
    }

    func titleProperty(_ index: Int) -> OrderedJSON {
        .object(["id": "title", "type": "title", "title": RichText.plain(titles[index])])
    }

    func rowProperties(_ index: Int, _ random: inout SplitMix64) -> OrderedJSON {
        let status = random.pick(Plan.statusOptions)
        var tags: [OrderedJSON] = []
        for tag in Plan.tagOptions where random.chance(25) { tags.append(Plan.option(tag)) }
        let due: OrderedJSON = random.chance(70)
            ? .object(["start": .string("2025-\(Words.two(random.int(1...12)))-\(Words.two(random.int(1...28)))"), "end": .null, "time_zone": .null])
            : .null
        return .object([
            "Name": titleProperty(index),
            "Status": .object(["id": "St%3At", "type": "status", "status": Plan.option(status)]),
            "Tags": .object(["id": "Tg%3Ag", "type": "multi_select", "multi_select": .array(tags)]),
            "Estimate": .object(["id": "Es%3At", "type": "number", "number": random.chance(80) ? .int(random.int(1...13)) : .null]),
            "Done": .object(["id": "Dn%3Ae", "type": "checkbox", "checkbox": .bool(status.1 == "Done")]),
            "Due": .object(["id": "Du%3Ae", "type": "date", "date": due]),
            "Owner": .object(["id": "Ow%3An", "type": "people", "people": .array([user(random.below(Plan.people.count))])]),
            "Notes": .object(["id": "No%3At", "type": "rich_text", "rich_text": RichText.plain(Words.sentence(&random, 4...10))]),
        ])
    }
}

// MARK: - Rich text

private enum RichText {
    static func annotations(bold: Bool = false, italic: Bool = false, strikethrough: Bool = false, underline: Bool = false,
                            code: Bool = false, color: String = "default") -> OrderedJSON {
        .object(["bold": .bool(bold), "italic": .bool(italic), "strikethrough": .bool(strikethrough),
                 "underline": .bool(underline), "code": .bool(code), "color": .string(color)])
    }

    static let plainAnnotations = annotations()

    static func text(_ content: String, link: String? = nil, annotations: OrderedJSON = plainAnnotations) -> OrderedJSON {
        .object([
            "type": "text",
            "text": .object(["content": .string(content), "link": link.map { .object(["url": .string($0)]) } ?? .null]),
            "annotations": annotations, "plain_text": .string(content), "href": link.map { .string($0) } ?? .null,
        ])
    }

    static func plain(_ content: String) -> OrderedJSON { .array([text(content)]) }

    static func pageMention(id: String, title: String) -> OrderedJSON {
        .object([
            "type": "mention", "mention": .object(["type": "page", "page": .object(["id": .string(id)])]),
            "annotations": plainAnnotations, "plain_text": .string(title),
            "href": .string("https://www.notion.so/" + id.replacingOccurrences(of: "-", with: "")),
        ])
    }
}

// MARK: - Page content

private struct ContentBuilder {
    let plan: Plan
    let page: Int
    var random: SplitMix64
    var counter = 0

    init(plan: Plan, page: Int, random: SplitMix64) {
        self.plan = plan
        self.page = page
        self.random = random
    }

    mutating func nextID() -> String {
        counter += 1
        return plan.blockID(page: page, counter)
    }

    mutating func block(_ type: String, _ payload: OrderedJSON, children: [OrderedJSON] = []) -> OrderedJSON {
        var fields: [(String, OrderedJSON)] = [("object", "block"), ("id", .string(nextID())), ("type", .string(type)), (type, payload)]
        if !children.isEmpty { fields.append(("children", .array(children))) }
        return .fields(fields)
    }

    /// A sentence, usually one plain run; about a third of them carry one annotated or linked span
    /// in the middle, and some end with a page mention.
    mutating func richText(_ words: ClosedRange<Int> = 6...24, mentions: Bool = true) -> OrderedJSON {
        let sentence = Words.sentence(&random, words)
        var items: [OrderedJSON] = []
        let utf8 = Array(sentence.utf8)
        let spaces = utf8.indices.filter { utf8[$0] == 0x20 }
        if spaces.count >= 3, random.chance(35) {
            // Split at word boundaries: "before ", "span", " after".
            let a = random.below(spaces.count - 2)
            let b = a + 1 + random.below(min(3, spaces.count - a - 1))
            let before = String(decoding: utf8[...spaces[a]], as: UTF8.self)
            let span = String(decoding: utf8[(spaces[a] + 1)..<spaces[b]], as: UTF8.self)
            let after = String(decoding: utf8[spaces[b]...], as: UTF8.self)
            items.append(RichText.text(before))
            switch random.below(6) {
            case 0: items.append(RichText.text(span, annotations: RichText.annotations(bold: true)))
            case 1: items.append(RichText.text(span, annotations: RichText.annotations(italic: true)))
            case 2: items.append(RichText.text(span, annotations: RichText.annotations(code: true)))
            case 3: items.append(RichText.text(span, annotations: RichText.annotations(color: random.pick(Words.colors))))
            default: items.append(RichText.text(span, link: "https://example.com/\(Words.slug(span))"))
            }
            items.append(RichText.text(after))
        } else {
            items.append(RichText.text(sentence))
        }
        if mentions, plan.pages > 1, random.chance(15) {
            let target = random.below(plan.pages)
            items.append(RichText.text(" See "))
            items.append(RichText.pageMention(id: plan.pageID(target), title: plan.titles[target]))
            items.append(RichText.text("."))
        }
        return .array(items)
    }

    mutating func paragraph() -> OrderedJSON {
        block("paragraph", .object(["rich_text": richText(), "icon": .null, "color": "default"]))
    }

    mutating func heading(_ level: Int, toggleable: Bool = false, children: [OrderedJSON] = []) -> OrderedJSON {
        block("heading_\(level)", .object(["rich_text": richText(2...6, mentions: false), "is_toggleable": .bool(toggleable), "color": "default"]),
              children: children)
    }

    mutating func list(_ type: String, depth: Int) -> OrderedJSON {
        var children: [OrderedJSON] = []
        if depth < 4, random.chance(depth == 1 ? 25 : 20) {
            for _ in 0..<random.int(1...2) { children.append(list(type, depth: depth + 1)) }
        }
        let payload: OrderedJSON = type == "to_do"
            ? .object(["rich_text": richText(3...12), "checked": .bool(random.chance(40)), "color": "default"])
            : .object(["rich_text": richText(3...12), "color": "default"])
        return block(type, payload, children: children)
    }

    mutating func code() -> OrderedJSON {
        let (language, text) = random.pick(Words.code)
        return block("code", .object(["caption": random.chance(50) ? RichText.plain(Words.sentence(&random, 2...5)) : .array([]),
                                      "rich_text": RichText.plain(text), "language": .string(language)]))
    }

    mutating func table() -> [OrderedJSON] {
        let width = random.int(2...4)
        var rows: [OrderedJSON] = []
        for r in 0..<random.int(3...6) {
            var cells: [OrderedJSON] = []
            for _ in 0..<width {
                cells.append(r == 0 ? RichText.plain(Words.word(&random).capitalized) : richText(1...4, mentions: false))
            }
            rows.append(block("table_row", .object(["cells": .array(cells)])))
        }
        return [block("table", .object(["table_width": .int(width), "has_column_header": true, "has_row_header": .bool(random.chance(30))]),
                      children: rows)]
    }

    mutating func blocks(isRow: Bool) -> [OrderedJSON] {
        var out: [OrderedJSON] = []
        let target = isRow ? random.int(5...12) : random.int(20...40)
        let wantsTable = random.chance(30)
        let wantsImage = random.chance(25)
        if random.chance(50) { out.append(heading(1)) }
        while out.count < target {
            switch random.below(100) {
            case 0..<34: out.append(paragraph())
            case 34..<42: out.append(heading(random.int(2...3)))
            case 42..<52:
                for _ in 0..<random.int(2...4) { out.append(list("bulleted_list_item", depth: 1)) }
            case 52..<58:
                for _ in 0..<random.int(2...4) { out.append(list("numbered_list_item", depth: 1)) }
            case 58..<65:
                for _ in 0..<random.int(2...4) { out.append(list("to_do", depth: 1)) }
            case 65..<71: out.append(code())
            case 71..<76:
                out.append(block("quote", .object(["rich_text": richText(), "color": "default"])))
            case 76..<82:
                out.append(block("callout", .object([
                    "rich_text": richText(),
                    "icon": .object(["type": "emoji", "emoji": .string(random.pick(Words.emoji))]),
                    "color": .string(random.pick(["gray_background", "blue_background", "yellow_background", "red_background"])),
                ])))
            case 82..<88:
                var kids: [OrderedJSON] = []
                for _ in 0..<random.int(1...3) { kids.append(paragraph()) }
                if random.chance(40) {
                    out.append(heading(random.int(1...3), toggleable: true, children: kids))
                } else {
                    out.append(block("toggle", .object(["rich_text": richText(3...10), "color": "default"]), children: kids))
                }
            case 88..<92: out.append(block("divider", .object([:])))
            default: out.append(paragraph())
            }
        }
        if wantsTable { out.insert(contentsOf: table(), at: random.below(out.count + 1)) }
        if wantsImage {
            let file = random.pick(SyntheticFiles.images)
            let image = block("image", .object([
                "caption": random.chance(60) ? RichText.plain(Words.sentence(&random, 2...6)) : .array([]),
                "type": "file", "file": .object(["url": .string(file)]),
            ]))
            out.insert(image, at: random.below(out.count + 1))
        }
        if !isRow {
            for child in plan.children[page] {
                out.append(.object(["id": .string(plan.pageID(child)), "type": "child_page"]))
            }
            if plan.hasDatabase, page == plan.databaseHost {
                out.append(.object(["id": .string(plan.databaseID), "type": "child_database"]))
            }
        }
        return out
    }
}

// MARK: - Words

private enum Words {
    static let vocabulary: [String] = """
        the a an of to and in for on with by from as at into over under about after before between through \
        system service api client server export import page block database workspace team project roadmap \
        release deploy build test cache queue index search sync backup restore schema query filter sort \
        markdown table list toggle heading callout quote code image file link mention comment user owner \
        fast slow simple robust clear stable new old small large first last next previous daily weekly \
        update review plan design write read fetch parse render convert migrate monitor alert fix ship \
        incident metric latency throughput budget goal risk decision tradeoff feedback customer onboarding \
        Grüße Straße naïve café 日本語 東京 مرحبا שלום
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    static let titleNouns = ["Roadmap", "Runbook", "Notes", "Spec", "Guide", "Checklist", "Retro", "Plan", "Overview",
                             "FAQ", "Design Doc", "Postmortem", "Playbook", "Onboarding", "Glossary", "Handbook"]
    static let titleTopics = ["Search", "Billing", "Sync", "Export", "Import", "Auth", "Caching", "Mobile", "API", "Analytics",
                              "Storage", "Notifications", "Permissions", "Editor", "Comments", "Backups", "Q3", "Q4", "Infra"]
    static let emoji = ["📄", "📘", "🚀", "🧭", "✅", "🛠️", "📊", "🔒", "💡", "🗂️", "🧪", "📝", "🌍", "🔥", "🎯"]
    static let colors = ["gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red",
                         "yellow_background", "blue_background", "red_background"]
    static let code: [(String, String)] = [
        ("swift", "let pages = try await client.search(query: \"\")\nprint(pages.count)"),
        ("python", "for page in pages:\n    print(page[\"id\"])"),
        ("shell", "notion-export export --out ./site"),
        ("json", "{\n  \"object\": \"page\"\n}"),
        ("sql", "SELECT id, title FROM pages WHERE in_trash = 0;"),
        ("javascript", "const blocks = await notion.blocks.children.list({ block_id: id });"),
        ("yaml", "export:\n  format: gfm\n  assets: _assets"),
        ("plain text", "Plain text keeps   its spacing."),
    ]

    static func word(_ random: inout SplitMix64) -> String { random.pick(vocabulary) }

    static func sentence(_ random: inout SplitMix64, _ count: ClosedRange<Int>) -> String {
        let n = random.int(count)
        var words: [String] = []
        words.reserveCapacity(n)
        for _ in 0..<n { words.append(word(&random)) }
        var text = words.joined(separator: " ")
        if let first = text.first { text = first.uppercased() + text.dropFirst() }
        return text + "."
    }

    static func title(_ random: inout SplitMix64, index: Int, isRow: Bool) -> String {
        if isRow { return "Task \(index): \(random.pick(["Fix", "Write", "Review", "Ship", "Measure", "Plan"])) \(word(&random)) \(word(&random))" }
        return "\(random.pick(titleTopics)) \(random.pick(titleNouns)) \(index)"
    }

    static func slug(_ title: String, keepCase: Bool = false) -> String {
        var out = ""
        var dash = false
        // ASCII letters and digits only (CharacterSet is slow on Linux).
        for byte in title.utf8 {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isAlphanumeric {
                if dash, !out.isEmpty { out.append("-") }
                dash = false
                out.unicodeScalars.append(Unicode.Scalar(keepCase || byte > 0x5A || byte < 0x41 ? byte : byte + 0x20))
            } else {
                dash = true
            }
        }
        return out
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Minute-precision created/edited timestamps in 2025, edited not before created.
    static func timestamps(_ random: inout SplitMix64) -> (String, String) {
        func one() -> String {
            "2025-\(two(random.int(1...12)))-\(two(random.int(1...28)))T\(two(random.int(7...19))):\(two(random.int(0...59))):00.000Z"
        }
        let a = one(), b = one()
        return a <= b ? (a, b) : (b, a)
    }
}

// MARK: - Files

/// The hosted files the synthetic pages refer to: two tiny PNGs, built here (stored deflate blocks,
/// so no zlib is needed).
enum SyntheticFiles {
    static let images = ["files/synthetic/diagram.png", "files/synthetic/photo.png"]

    static let all: [(String, [UInt8])] = [
        (images[0], png(width: 48, height: 32) { x, y in (x / 8 + y / 8) % 2 == 0 ? (52, 120, 246) : (240, 244, 250) }),
        (images[1], png(width: 48, height: 32) { x, y in (UInt8(80 + y * 4), UInt8(140 + x), 200) }),
    ]

    static func png(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                let (r, g, b) = pixel(x, y)
                raw.append(contentsOf: [r, g, b])
            }
        }
        // zlib stream of stored blocks.
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, raw.count - offset)
            let final: UInt8 = offset + length >= raw.count ? 1 : 0
            zlib.append(final)
            zlib.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)])
            zlib.append(contentsOf: raw[offset..<(offset + length)])
            offset += length
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        zlib.append(contentsOf: bigEndian((b << 16) | a))

        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]
        out += chunk("IHDR", header)
        out += chunk("IDAT", zlib)
        out += chunk("IEND", [])
        return out
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
