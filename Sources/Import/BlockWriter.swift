import Foundation
import NotionAPI
import NotionModel

/// The id Notion gave a written block, with its children's: a tree parallel to the drafts.
public struct WrittenBlock: Sendable, Hashable {
    /// Nil only with `BlockWriter.IDs.whereReturned`, for blocks no response named.
    public var id: String?
    public var children: [WrittenBlock]

    public init(id: String?, children: [WrittenBlock] = []) {
        self.id = id
        self.children = children
    }

    /// Blocks of this tree whose id is known, this one included.
    public var knownIDs: Int { (id == nil ? 0 : 1) + children.reduce(0) { $0 + $1.knownIDs } }
}

/// A page created with its content.
public struct WrittenPage: Sendable, Hashable {
    public var id: String
    public var blocks: [WrittenBlock]
}

/// A write that failed: where (page, parent block, which drafts) and Notion's answer.
public struct BlockWriteError: Error, Sendable, CustomStringConvertible {
    /// The page created before the failure, if any: it holds the blocks written so far.
    public var pageID: String?
    /// The page or block the failing request wrote under.
    public var parentID: String?
    /// The drafts concerned, as index paths (`3.0.12`: top-level draft 3, its first child, its 13th child).
    public var drafts: String
    public var reason: Reason

    public enum Reason: Sendable {
        case notion(NotionError)
        /// One block (with the children it must be created with) over a per-request limit.
        case tooLarge(String)
        /// Listing a parent to learn ids found other blocks than the ones written.
        case unexpectedChildren(String)
    }

    public var description: String {
        let place = parentID.map { "under \($0)" } ?? "creating the page"
        let partial = pageID.map { " The page \($0) was created and holds the blocks written before this; delete it or rerun the import to update it in place." } ?? ""
        switch reason {
        case .notion(let error):
            return "writing drafts \(drafts) \(place): \(error.description)\(partial)"
        case .tooLarge(let detail):
            return "draft \(drafts) \(place) cannot be written: \(detail) Split the content (shorter text, fewer table rows) and rerun.\(partial)"
        case .unexpectedChildren(let detail):
            return "listing \(parentID ?? "the page") to learn the new blocks' ids: \(detail) Someone may have edited the page during the import; rerun.\(partial)"
        }
    }
}

/// Writes trees of `BlockDraft`s with as few requests as the API allows.
///
/// What the API gives back decides the plan: `pages.create` returns the page and no block ids, an
/// append returns its first-level blocks only (reference §6), listing returns one parent's
/// children. So every id costs a share of a response about its parent: knowing all ids needs at
/// least `1 + Σ ⌈children/100⌉` requests (over the page and every block with children), and the
/// writer meets that bound with `.all`. Nesting levels inside a request then saves nothing (their
/// ids would have to be listed, one request per parent, like an append), so `.all` nests only
/// where Notion requires it (table rows, columns). `.whereReturned` nests two levels and packs up
/// to 1000 blocks per request, for when ids are not needed.
public struct BlockWriter: Sendable {
    public enum IDs: Sendable, Hashable {
        /// Every block's id (what the import manifest keeps for in-place updates).
        case all
        /// Only ids a response names; fewest requests.
        case whereReturned
    }

    /// Notion's per-request limits (reference §4): children per array, nested levels below the
    /// request's first level, block elements and bytes per request.
    public struct Limits: Sendable, Hashable {
        public var childrenPerArray = 100
        public var nestedLevels = 2
        public var blocksPerRequest = 1000
        public var bytesPerRequest = 500_000

        public init() {}
    }

    let client: NotionClient
    let ids: IDs
    let limits: Limits

    public init(client: NotionClient, ids: IDs = .all, limits: Limits = Limits()) {
        self.client = client
        self.ids = ids
        self.limits = limits
    }

    /// Creates a page with `children`: the first ones travel inside `pages.create`, the rest and
    /// deeper levels follow breadth-first.
    /// `position`: where among the parent page's blocks (`{"type":"after_block",…}`, `page_start`).
    public func createPage(parent: JSONValue, properties: JSONValue, icon: JSONValue? = nil, cover: JSONValue? = nil,
                           position: JSONValue? = nil, children: [BlockDraft]) async throws(BlockWriteError) -> WrittenPage {
        var tree = DraftTree(children)
        var body: JSONValue = ["parent": parent, "properties": properties]
        if let position { body["position"] = position }
        if let icon { body["icon"] = icon }
        if let cover { body["cover"] = cover }
        let chunk = try tree.nextChunk(of: 0, ids: ids, limits: limits, overhead: body.data().count + 16)
        if !chunk.items.isEmpty { body["children"] = .array(chunk.items) }
        let page: JSONValue
        do {
            page = try await client.send(.pagesCreate, body: body, subject: nil)
        } catch {
            throw BlockWriteError(pageID: nil, parentID: nil, drafts: tree.range(chunk.nodes), reason: .notion(error))
        }
        guard let pageID = page["id"]?.stringValue else {
            throw BlockWriteError(pageID: nil, parentID: nil, drafts: tree.range(chunk.nodes),
                                  reason: .notion(NotionError(reason: .malformedResponse("a page without id"), request: "POST /v1/pages")))
        }
        tree.id[0] = pageID
        tree.apply(chunk, returned: nil)
        do {
            try await write(&tree, after: nil)
        } catch {
            var error = error
            error.pageID = pageID
            throw error
        }
        return WrittenPage(id: pageID, blocks: tree.written(0).children)
    }

    /// `after` that appends at the start of the parent (`position: start`).
    public static let start = "position:start"

    /// Appends `drafts` to a page or block, at the end, right after the block `after`, or at the
    /// start (`after: BlockWriter.start`).
    public func append(_ drafts: [BlockDraft], to parent: String, after: String? = nil) async throws(BlockWriteError) -> [WrittenBlock] {
        var tree = DraftTree(drafts)
        tree.id[0] = parent
        try await write(&tree, after: after)
        return tree.written(0).children
    }

    // MARK: Rounds

    /// Breadth-first rounds: in each, every parent with a known id and pending work (children to
    /// append, or inline children whose ids are needed) gets one task; tasks of different parents
    /// run concurrently, a parent's own requests in order.
    func write(_ tree: inout DraftTree, after anchor: String?) async throws(BlockWriteError) {
        var round = 0
        while true {
            let work = tree.pendingWork(ids: ids)
            if work.isEmpty { return }
            let snapshot = tree
            let results: [TaskResult]
            do {
                results = try await withThrowingTaskGroup(of: TaskResult.self) { group in
                    for job in work {
                        let start = round == 0 && job.node == 0 ? anchor : nil
                        group.addTask { try await self.run(job, in: snapshot, after: start) }
                    }
                    var all: [TaskResult] = []
                    for try await result in group { all.append(result) }
                    return all
                }
            } catch let error as BlockWriteError {
                throw error
            } catch {
                throw BlockWriteError(pageID: nil, parentID: nil, drafts: "", reason: .notion(
                    NotionError(reason: .transport("cancelled"), request: "PATCH /v1/blocks/{block_id}/children")))
            }
            for result in results {
                for (node, id) in result.ids { tree.id[node] = id }
                for chunk in result.chunks { tree.apply(chunk, returned: nil) }
            }
            round += 1
        }
    }

    struct TaskResult: Sendable {
        var ids: [(Int, String)]
        var chunks: [DraftTree.Chunk]
    }

    /// One parent's task: list it when inline children's ids are needed, then append what is left
    /// of its children in chunks, each after the previous one when writing after an anchor.
    func run(_ job: DraftTree.Job, in snapshot: DraftTree, after anchor: String?) async throws(BlockWriteError) -> TaskResult {
        var tree = snapshot
        let parentID = tree.id[job.node]!
        var result = TaskResult(ids: [], chunks: [])
        if job.list {
            let created = Array(tree.children[job.node].prefix(tree.sent[job.node]))
            var found: [JSONValue] = []
            var cursor: String?
            repeat {
                var query = [URLQueryItem(name: "page_size", value: String(min(100, max(1, created.count - found.count))))]
                if let cursor { query.append(URLQueryItem(name: "start_cursor", value: cursor)) }
                let page: JSONValue
                do {
                    page = try await client.send(.blocksChildrenList, ["block_id": parentID], query: query, subject: .block(parentID))
                } catch {
                    throw BlockWriteError(pageID: nil, parentID: parentID, drafts: tree.range(created), reason: .notion(error))
                }
                found += page["results"]?.arrayValue ?? []
                cursor = page["has_more"] == true ? page["next_cursor"]?.stringValue : nil
            } while cursor != nil && found.count < created.count
            let types = found.prefix(created.count).map { $0["type"]?.stringValue ?? "?" }
            guard types == created.map({ tree.type[$0] }) else {
                throw BlockWriteError(pageID: nil, parentID: parentID, drafts: tree.range(created), reason: .unexpectedChildren(
                    "expected \(created.count) blocks (\(created.map { tree.type[$0] }.prefix(5).joined(separator: ", "))…), found \(types.count) (\(types.prefix(5).joined(separator: ", "))…)."))
            }
            for (node, block) in zip(created, found) {
                guard let id = block["id"]?.stringValue else { continue }
                result.ids.append((node, id))
            }
        }
        var after = anchor
        while tree.sent[job.node] < tree.children[job.node].count {
            var overhead = 16
            if after != nil { overhead += 80 }
            let chunk = try tree.nextChunk(of: job.node, ids: ids, limits: limits, overhead: overhead)
            var body: JSONValue = ["children": .array(chunk.items)]
            if after == Self.start {
                body["position"] = ["type": "start"]
            } else if let after {
                if client.options.version >= .v2026_03_11 {
                    body["position"] = ["type": "after_block", "after_block": ["id": .string(after)]]
                } else {
                    body["after"] = .string(after)
                }
            }
            let returned: [String]
            do {
                let response = try await client.send(.blocksChildrenAppend, ["block_id": parentID], body: body, subject: .block(parentID))
                returned = (response["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            } catch {
                guard case .unsafeToRetry = error.reason else {
                    throw BlockWriteError(pageID: nil, parentID: parentID, drafts: tree.range(chunk.nodes), reason: .notion(error))
                }
                let known = Set(tree.id.compactMap { $0 } + result.ids.map(\.1))
                returned = try await settle(chunk, body: body, under: parentID, after: after, known: known, in: tree)
            }
            guard returned.count == chunk.nodes.count else {
                throw BlockWriteError(pageID: nil, parentID: parentID, drafts: tree.range(chunk.nodes), reason: .unexpectedChildren(
                    "the append returned \(returned.count) blocks for \(chunk.nodes.count) sent."))
            }
            result.ids += zip(chunk.nodes, returned).map { ($0, $1) }
            tree.apply(chunk, returned: returned)
            result.chunks.append(chunk)
            if anchor != nil { after = returned.last }
        }
        return result
    }
}

extension BlockWriter {
    /// An append whose answer was lost after it may have landed (a dropped connection, a 5xx): the
    /// client does not repeat it, since that could duplicate the blocks. The parent's children say
    /// whether it landed: the chunk's blocks right after `after` (or last, appending at the end),
    /// of the chunk's types and unknown to this write. If they are there their ids are taken,
    /// otherwise the append is sent once more.
    func settle(_ chunk: DraftTree.Chunk, body: JSONValue, under parentID: String, after: String?, known: Set<String>,
                in tree: DraftTree) async throws(BlockWriteError) -> [String] {
        let children: [JSONValue]
        do {
            children = try await client.blockChildren(parentID).collect()
        } catch let error as NotionError {
            throw BlockWriteError(pageID: nil, parentID: parentID, drafts: tree.range(chunk.nodes), reason: .notion(error))
        } catch {
            throw BlockWriteError(pageID: nil, parentID: parentID, drafts: tree.range(chunk.nodes), reason: .unexpectedChildren("\(error)"))
        }
        let start: Int?
        if after == Self.start {
            start = 0
        } else if let after {
            start = children.firstIndex { $0["id"]?.stringValue == after }.map { $0 + 1 }
        } else {
            start = children.count >= chunk.nodes.count ? children.count - chunk.nodes.count : nil
        }
        if let start, start + chunk.nodes.count <= children.count {
            let candidates = children[start..<(start + chunk.nodes.count)]
            let ids = candidates.compactMap { $0["id"]?.stringValue }
            if candidates.map({ $0["type"]?.stringValue ?? "" }) == chunk.nodes.map({ tree.type[$0] }),
               ids.count == chunk.nodes.count, known.isDisjoint(with: ids) {
                return ids
            }
        }
        do {
            let response = try await client.send(.blocksChildrenAppend, ["block_id": parentID], body: body, subject: .block(parentID))
            return (response["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        } catch {
            throw BlockWriteError(pageID: nil, parentID: parentID, drafts: tree.range(chunk.nodes), reason: .notion(error))
        }
    }
}

/// The drafts as a flat tree (node 0 is the page or parent written under), with what has been
/// created and the ids learned so far.
struct DraftTree: Sendable {
    var type: [String] = [""]
    var draft: [BlockDraft?] = [nil]
    var parent: [Int] = [-1]
    var children: [[Int]] = [[]]
    /// Index path of each node, for errors.
    var path: [[Int]] = [[]]
    /// Levels below each node (0: no children).
    var height: [Int] = [0]
    /// The node's request JSON without children, in bytes.
    var bareBytes: [Int] = [0]
    var id: [String?] = [nil]
    /// How many of a node's children have been created.
    var sent: [Int] = [0]
    var created: [Bool] = [true]

    init(_ drafts: [BlockDraft]) {
        func add(_ draft: BlockDraft, parent: Int, index: Int) -> Int {
            let node = type.count
            type.append(draft.type)
            var bare = draft
            bare.children = []
            self.draft.append(bare)
            self.parent.append(parent)
            children.append([])
            path.append(path[parent] + [index])
            height.append(0)
            bareBytes.append(bare.request(nesting: 0).data().count)
            id.append(nil)
            sent.append(0)
            created.append(false)
            for (i, child) in draft.children.enumerated() {
                let c = add(child, parent: node, index: i)
                children[node].append(c)
                height[node] = max(height[node], height[c] + 1)
            }
            return node
        }
        for (i, draft) in drafts.enumerated() {
            let c = add(draft, parent: 0, index: i)
            children[0].append(c)
            height[0] = max(height[0], height[c] + 1)
        }
    }

    func written(_ node: Int) -> WrittenBlock {
        WrittenBlock(id: id[node], children: children[node].map { written($0) })
    }

    func range(_ nodes: [Int]) -> String {
        guard let first = nodes.first, let last = nodes.last else { return "(none)" }
        let a = path[first].map(String.init).joined(separator: "."), b = path[last].map(String.init).joined(separator: ".")
        return a == b ? a : "\(a)–\(b)"
    }

    /// Blocks Notion only accepts with children in the same request, and how many levels they need.
    static func requiredLevels(_ type: String) -> Int {
        switch type {
        case "table", "column": 1
        case "column_list": 2
        default: 0
        }
    }

    struct Job: Sendable, Hashable {
        var node: Int
        /// List the node's children first, to learn the ids of those created inline.
        var list: Bool
    }

    /// Parents with known ids that have children to append or inline children whose ids are needed.
    func pendingWork(ids: BlockWriter.IDs) -> [Job] {
        var needsList = Set<Int>()
        var appendable = Set<Int>()
        for node in 0..<type.count where created[node] {
            let hasPending = sent[node] < children[node].count
            if hasPending, id[node] != nil { appendable.insert(node) }
            if ids == .all, id[node] != nil, children[node].prefix(sent[node]).contains(where: { id[$0] == nil }) {
                needsList.insert(node)
            }
            if hasPending, id[node] == nil {
                // Its id comes from listing the nearest ancestor whose id is known, a level per round.
                var p = parent[node]
                while p > 0, id[p] == nil { p = parent[p] }
                needsList.insert(p)
            }
        }
        return appendable.union(needsList).sorted().map { Job(node: $0, list: needsList.contains($0)) }
    }

    /// The next request's worth of `node`'s remaining children: at most 100 first-level blocks, the
    /// levels the mode allows, within the block and byte budget.
    struct Chunk: Sendable {
        var items: [JSONValue]
        /// First-level nodes, in order.
        var nodes: [Int]
        /// Every node created by the chunk and how many of its children travelled with it.
        var inline: [(node: Int, sent: Int)]
    }

    func nextChunk(of node: Int, ids: BlockWriter.IDs, limits: BlockWriter.Limits, overhead: Int) throws(BlockWriteError) -> Chunk {
        var chunk = Chunk(items: [], nodes: [], inline: [])
        var blocks = 0
        var bytes = overhead
        for child in children[node].dropFirst(sent[node]) {
            if chunk.nodes.count == limits.childrenPerArray { break }
            let required = Self.requiredLevels(type[child])
            let wanted = ids == .all ? required : limits.nestedLevels
            var accepted = false
            // A block that does not fit whole waits for the next request, where it may; only a block
            // too big for an empty request travels with fewer levels (the rest appended to its id).
            let forms = chunk.nodes.isEmpty ? Array(stride(from: max(wanted, required), through: required, by: -1)) : [max(wanted, required)]
            for levels in forms {
                let encoded = encode(child, levels: levels, mode: ids, limits: limits)
                if blocks + encoded.count <= limits.blocksPerRequest, bytes + encoded.bytes + 1 <= limits.bytesPerRequest {
                    chunk.items.append(encoded.json)
                    chunk.nodes.append(child)
                    chunk.inline += encoded.inline
                    blocks += encoded.count
                    bytes += encoded.bytes + 1
                    accepted = true
                    break
                }
            }
            if accepted { continue }
            if chunk.nodes.isEmpty {
                let encoded = encode(child, levels: required, mode: ids, limits: limits)
                throw BlockWriteError(pageID: nil, parentID: id[node], drafts: range([child]), reason: .tooLarge(
                    "a \(type[child]) block is \(encoded.bytes) bytes and \(encoded.count) blocks in its smallest request form; Notion takes \(limits.bytesPerRequest) bytes and \(limits.blocksPerRequest) blocks per request."))
            }
            break
        }
        return chunk
    }

    /// A node in request form with up to `levels` levels of children: whole subtrees that fit, and
    /// for blocks that need children (tables, columns) the first 100 of them. `.all` nests only the
    /// latter.
    func encode(_ node: Int, levels: Int, mode: BlockWriter.IDs, limits: BlockWriter.Limits)
        -> (json: JSONValue, count: Int, bytes: Int, inline: [(node: Int, sent: Int)]) {
        let draft = self.draft[node]!
        let kids = children[node]
        let required = Self.requiredLevels(type[node])
        let include: Bool
        if levels == 0 || kids.isEmpty {
            include = false
        } else if required > 0 {
            include = true
        } else {
            include = mode == .whereReturned && fits(node, levels: levels, limits: limits)
        }
        guard include else { return (draft.request(nesting: 0), 1, bareBytes[node], [(node, 0)]) }
        var items: [JSONValue] = []
        var count = 1
        var bytes = bareBytes[node] + 14
        var inline: [(node: Int, sent: Int)] = []
        let sending = kids.prefix(limits.childrenPerArray)
        for kid in sending {
            let encoded = encode(kid, levels: levels - 1, mode: mode, limits: limits)
            items.append(encoded.json)
            count += encoded.count
            bytes += encoded.bytes + 1
            inline += encoded.inline
        }
        inline.insert((node, sending.count), at: 0)
        var json = draft.request(nesting: 0)
        if case .object(var fields) = json[type[node]] {
            fields["children"] = .array(items)
            json[type[node]] = .object(fields)
        }
        return (json, count, bytes, inline)
    }

    /// Whether the whole subtree travels within `levels` levels and 100 children per array.
    func fits(_ node: Int, levels: Int, limits: BlockWriter.Limits) -> Bool {
        guard height[node] <= levels else { return false }
        var stack = [node]
        while let n = stack.popLast() {
            if children[n].count > limits.childrenPerArray { return false }
            stack += children[n]
        }
        return true
    }

    mutating func apply(_ chunk: Chunk, returned: [String]?) {
        for (node, count) in chunk.inline {
            created[node] = true
            sent[node] = count
        }
        if let first = chunk.nodes.first { sent[parent[first]] += chunk.nodes.count }
        if let returned {
            for (node, id) in zip(chunk.nodes, returned) { self.id[node] = id }
        }
    }
}
