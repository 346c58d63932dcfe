import Foundation
import Import
import NotionAPI
import NotionModel
import Testing

typealias H = WriterHarness

@Suite struct BlockWriterTests {
    static let created = "POST /v1/pages"

    /// Checks the page read back from the emulator equals the drafts and the returned ids are the stored ones.
    func expectStored(_ h: H, _ page: WrittenPage, _ drafts: [BlockDraft]) {
        #expect(h.stored(under: page.id) == drafts)
        #expect(page.blocks == h.storedIDs(under: page.id))
    }

    @Test func hundredAndOneBlocks() async throws {
        let h = try H()
        let drafts = (0..<101).map { H.paragraph("p\($0)") }
        let page = try await h.createPage(drafts)
        // pages.create names no block: its 100 are listed once; the 101st comes from the append's answer.
        #expect(h.transport.lines == [
            Self.created,
            "GET /v1/blocks/\(page.id)/children?page_size=100",
            "PATCH /v1/blocks/\(page.id)/children",
        ])
        #expect(h.transport.lines.count == minimumRequestsForAllIDs(drafts))
        #expect(h.transport.json(0)?["children"] == .array(drafts.prefix(100).map { $0.request(nesting: 0) }))
        #expect(h.transport.json(2) == ["children": [drafts[100].request(nesting: 0)]])
        expectStored(h, page, drafts)
        #expect(page.blocks.allSatisfy { $0.id != nil })
    }

    @Test func hundredAndOneBlocksFewestRequests() async throws {
        let h = try H()
        let drafts = (0..<101).map { H.paragraph("p\($0)") }
        let page = try await h.createPage(drafts, ids: .whereReturned)
        #expect(h.transport.lines == [Self.created, "PATCH /v1/blocks/\(page.id)/children"])
        #expect(h.stored(under: page.id) == drafts)
        // Only the appended block was named by a response.
        #expect(page.blocks.map(\.id).filter { $0 != nil }.count == 1)
        #expect(page.blocks[100].id == h.storedIDs(under: page.id)[100].id)
    }

    @Test func tableOf120Rows() async throws {
        let h = try H()
        let drafts = [H.table(rows: 120)]
        let page = try await h.createPage(drafts)
        let table = try #require(page.blocks.first?.id)
        // A table is created with its rows (the first 100); the other 20 are appended to it.
        #expect(h.transport.lines == [
            Self.created,
            "GET /v1/blocks/\(page.id)/children?page_size=1",
            "GET /v1/blocks/\(table)/children?page_size=100",
            "PATCH /v1/blocks/\(table)/children",
        ])
        #expect(h.transport.lines.count == minimumRequestsForAllIDs(drafts))
        var first = drafts[0]
        first.children = Array(first.children.prefix(100))
        #expect(h.transport.json(0)?["children"] == [first.request(nesting: 1)])
        #expect(h.transport.json(3) == ["children": .array(drafts[0].children.suffix(20).map { $0.request(nesting: 0) })])
        expectStored(h, page, drafts)
    }

    @Test func tableOf120RowsFewestRequests() async throws {
        let h = try H()
        let drafts = [H.table(rows: 120)]
        let page = try await h.createPage(drafts, ids: .whereReturned)
        let table = try #require(h.storedIDs(under: page.id).first?.id)
        #expect(h.transport.lines == [
            Self.created,
            "GET /v1/blocks/\(page.id)/children?page_size=1",
            "PATCH /v1/blocks/\(table)/children",
        ])
        #expect(h.stored(under: page.id) == drafts)
    }

    /// L1 → L2 → … → L6, and a paragraph after it.
    static let sixLevels: [BlockDraft] = {
        var item = H.bullet("level 6")
        for level in (1...5).reversed() { item = H.bullet("level \(level)", children: [item]) }
        return [item, H.paragraph("after the list")]
    }()

    @Test func listsSixLevelsDeep() async throws {
        let h = try H()
        let page = try await h.createPage(Self.sixLevels)
        var ids: [String] = []
        var node = page.blocks[0]
        while let id = node.id { ids.append(id); guard let next = node.children.first else { break }; node = next }
        #expect(ids.count == 6)
        #expect(h.transport.lines == [Self.created, "GET /v1/blocks/\(page.id)/children?page_size=2"]
            + ids.prefix(5).map { "PATCH /v1/blocks/\($0)/children" })
        #expect(h.transport.lines.count == minimumRequestsForAllIDs(Self.sixLevels))
        #expect(h.transport.json(0)?["children"] == .array(Self.sixLevels.map { $0.request(nesting: 0) }))
        expectStored(h, page, Self.sixLevels)
    }

    @Test func listsSixLevelsDeepFewestRequests() async throws {
        let h = try H()
        let page = try await h.createPage(Self.sixLevels, ids: .whereReturned)
        let stored = h.storedIDs(under: page.id)
        let l1 = try #require(stored[0].id), l2 = try #require(stored[0].children[0].id), l3 = try #require(stored[0].children[0].children[0].id)
        // Levels 4–6 travel together, nested two levels below level 4 (whose id the append names).
        #expect(h.transport.lines == [
            Self.created, "GET /v1/blocks/\(page.id)/children?page_size=2",
            "PATCH /v1/blocks/\(l1)/children", "PATCH /v1/blocks/\(l2)/children", "PATCH /v1/blocks/\(l3)/children",
        ])
        #expect(h.transport.json(4) == ["children": [Self.sixLevels[0].children[0].children[0].children[0].request(nesting: 2)]])
        #expect(h.stored(under: page.id) == Self.sixLevels)
    }

    /// 250 toggles of 9 paragraphs of 600 characters: 2,500 blocks, 3–3.5 MB of request JSON.
    static let big: [BlockDraft] = (0..<250).map { t in
        H.toggle("toggle \(t)", children: (0..<9).map { p in H.paragraph("\(t).\(p) " + String(repeating: "x", count: 600)) })
    }

    /// The same shape with short texts (every id costs a request here, so bytes never bind).
    static let bigShort: [BlockDraft] = (0..<250).map { t in
        H.toggle("toggle \(t)", children: (0..<9).map { p in H.paragraph("\(t).\(p)") })
    }

    @Test func pageOf2500BlocksWithNesting() async throws {
        let h = try H()
        #expect(Self.bigShort.reduce(0) { $0 + $1.count } == 2500)
        let page = try await h.createPage(Self.bigShort)
        let lines = h.transport.lines
        #expect(lines.count == minimumRequestsForAllIDs(Self.bigShort))
        #expect(lines.count == 254)
        #expect(lines.filter { $0.hasPrefix("GET") } == ["GET /v1/blocks/\(page.id)/children?page_size=100"])
        // Each toggle's nine paragraphs in one append to the toggle.
        #expect(h.transport.requests.filter { $0.url.path.hasSuffix("/children") && $0.method == "PATCH" }
            .compactMap { $0.body.flatMap { try? JSONValue(data: $0) }?["children"]?.arrayValue?.count }.sorted()
            == Array(repeating: 9, count: 250) + [50, 100])
        expectStored(h, page, Self.bigShort)
        #expect(page.blocks.allSatisfy { $0.id != nil && $0.children.allSatisfy { $0.id != nil } })
    }

    @Test func pageOf2500BlocksFewestRequests() async throws {
        let h = try H()
        let page = try await h.createPage(Self.big, ids: .whereReturned)
        let bodies = h.transport.requests.map { $0.body ?? Data() }
        // Bytes, not blocks, bound these requests: the fewest 500 KB bodies that hold 2 MB.
        let total = Self.big.reduce(0) { $0 + $1.request(nesting: 1).data().count }
        #expect(h.transport.lines.count == (total + 499_999) / 500_000)
        #expect(h.transport.lines.count == 7)
        #expect(bodies.allSatisfy { $0.count <= 500_000 })
        #expect(h.transport.lines.dropFirst().allSatisfy { $0 == "PATCH /v1/blocks/\(page.id)/children" })
        #expect(h.stored(under: page.id) == Self.big)
    }

    /// Two columns of three paragraphs; the second paragraph of the first column has a child.
    static let columns: [BlockDraft] = [BlockDraft("column_list", [:], children: [
        BlockDraft("column", [:], children: [H.paragraph("a1"), H.paragraph("a2", children: [H.paragraph("a2.1")]), H.paragraph("a3")]),
        BlockDraft("column", [:], children: [H.paragraph("b1"), H.paragraph("b2"), H.paragraph("b3")]),
    ])]

    @Test func columnsAreCreatedWithTheirContent() async throws {
        let h = try H()
        let page = try await h.createPage(Self.columns)
        let list = try #require(page.blocks[0].id)
        let c1 = try #require(page.blocks[0].children[0].id), c2 = try #require(page.blocks[0].children[1].id)
        let a2 = try #require(page.blocks[0].children[0].children[1].id)
        // A column list needs its columns and they their content in the same request: three levels
        // in pages.create, their ids listed level by level.
        #expect(h.transport.json(0)?["children"] == [Self.columns[0].request(nesting: 2)])
        let lines = h.transport.lines
        #expect(lines.count == 6)
        #expect(Array(lines.prefix(3)) == [
            Self.created, "GET /v1/blocks/\(page.id)/children?page_size=1", "GET /v1/blocks/\(list)/children?page_size=2"])
        // The two columns are listed in the same round, in either order.
        #expect(Set(lines.dropFirst(3).prefix(2)) == Set([c1, c2].map { "GET /v1/blocks/\($0)/children?page_size=3" }))
        #expect(lines.last == "PATCH /v1/blocks/\(a2)/children")
        #expect(h.transport.lines.count == minimumRequestsForAllIDs(Self.columns))
        expectStored(h, page, Self.columns)
    }

    @Test func anAppendWhoseAnswerWasLostIsFoundNotRepeated() async throws {
        let h = try H()
        let drafts = (0..<101).map { H.paragraph("p\($0)") }
        h.transport.dropAnswers.withLock { $0 = [2] }
        let page = try await h.createPage(drafts)
        // The append landed: listing the page finds block 101 after the 100, and nothing is sent twice.
        #expect(h.transport.lines == [
            Self.created, "GET /v1/blocks/\(page.id)/children?page_size=100", "PATCH /v1/blocks/\(page.id)/children",
            "GET /v1/blocks/\(page.id)/children?page_size=100",
            "GET /v1/blocks/\(page.id)/children?page_size=100&start_cursor=\(try #require(page.blocks[100].id))",
        ])
        expectStored(h, page, drafts)
    }

    @Test func anAppendAfterAnAnchorWhoseAnswerWasLostIsFoundAfterIt() async throws {
        let a = "393abc1e-edcd-8333-a333-000000000001", b = "393abc1e-edcd-8333-a333-000000000002"
        func stored(_ id: String, _ text: String) -> JSONValue {
            ["id": .string(id), "type": "paragraph", "paragraph": ["rich_text": [H.text(text)], "icon": nil, "color": "default"]]
        }
        let h = try H(rootBlocks: [stored(a, "A"), stored(b, "B")])
        h.transport.dropAnswers.withLock { $0 = [0] }
        let written = try await h.writer.append([H.paragraph("x"), H.paragraph("y")], to: H.root, after: a)
        #expect(h.transport.lines == ["PATCH /v1/blocks/\(H.root)/children", "GET /v1/blocks/\(H.root)/children?page_size=100"])
        #expect(h.stored(under: H.root) == [H.paragraph("A"), H.paragraph("x"), H.paragraph("y"), H.paragraph("B")])
        #expect(written.map(\.id) == h.storedIDs(under: H.root)[1...2].map(\.id))
    }

    @Test func anAppendLostBeforeItLandedIsSentAgain() async throws {
        let h = try H()
        let drafts = [H.toggle("t", children: [H.paragraph("c1"), H.paragraph("c2")])]
        h.transport.dropRequests.withLock { $0 = [2] }
        let page = try await h.createPage(drafts)
        let toggle = try #require(page.blocks[0].id)
        #expect(h.transport.lines == [
            Self.created, "GET /v1/blocks/\(page.id)/children?page_size=1",
            "PATCH /v1/blocks/\(toggle)/children", "GET /v1/blocks/\(toggle)/children?page_size=100", "PATCH /v1/blocks/\(toggle)/children",
        ])
        #expect(h.transport.json(2) == h.transport.json(4))
        expectStored(h, page, drafts)
    }

    @Test func appendAfterABlockKeepsOrderAcrossChunks() async throws {
        let a = "393abc1e-edcd-8333-a333-000000000001", b = "393abc1e-edcd-8333-a333-000000000002"
        func stored(_ id: String, _ text: String) -> JSONValue {
            ["id": .string(id), "type": "paragraph", "paragraph": ["rich_text": [H.text(text)], "icon": nil, "color": "default"]]
        }
        let h = try H(rootBlocks: [stored(a, "A"), stored(b, "B")])
        let drafts = (0..<150).map { H.paragraph("new \($0)") }
        let written = try await h.writer.append(drafts, to: H.root, after: a)
        #expect(h.transport.lines == Array(repeating: "PATCH /v1/blocks/\(H.root)/children", count: 2))
        #expect(h.transport.json(0)?["after"] == .string(a))
        #expect(h.transport.json(1)?["after"] == .string(try #require(written[99].id)))
        #expect(h.stored(under: H.root) == [H.paragraph("A")] + drafts + [H.paragraph("B")])
        #expect(written.map(\.id) == h.storedIDs(under: H.root).dropFirst().dropLast().map(\.id))
    }

    @Test func afterUsesPositionFrom2026() async throws {
        let a = "393abc1e-edcd-8333-a333-000000000001"
        let h = try H(version: .v2026_03_11, rootBlocks: [
            ["id": .string(a), "type": "divider", "divider": [:]]])
        _ = try await h.writer.append([H.paragraph("x")], to: H.root, after: a)
        #expect(h.transport.json(0) == ["children": [H.paragraph("x").request(nesting: 0)],
                                        "position": ["type": "after_block", "after_block": ["id": .string(a)]]])
    }

    @Test func independentParentsAreAppendedConcurrentlyInOneRound() async throws {
        let h = try H()
        let drafts = (0..<3).map { t in H.toggle("t\(t)", children: [H.paragraph("c\(t)")]) }
        let page = try await h.createPage(drafts)
        let appends = h.transport.lines.filter { $0.hasPrefix("PATCH") }
        #expect(Set(appends) == Set(page.blocks.map { "PATCH /v1/blocks/\($0.id!)/children" }))
        expectStored(h, page, drafts)
    }

    @Test func aRejectedDraftNamesThePageAndTheDraft() async throws {
        let h = try H()
        let long = String(repeating: "y", count: 2001)
        let drafts = [H.toggle("ok", children: [H.paragraph("fine"), H.paragraph(long)])]
        await #expect {
            _ = try await h.createPage(drafts)
        } throws: { error in
            guard let error = error as? BlockWriteError, let pageID = error.pageID, let toggle = error.parentID else { return false }
            return error.description == """
                writing drafts 0.0–0.1 under \(toggle): Notion returned 400 validation_error for block \(toggle): \
                body failed validation: body.children[1].paragraph.rich_text[0].text.content.length should be ≤ `2000`, \
                instead was `2001`. The page \(pageID) was created and holds the blocks written before this; delete it or \
                rerun the import to update it in place.
                """
        }
    }
}
