import Markdown
import Testing

/// SplitMix64: small, seeded, good enough to pick tree shapes.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random GFM trees in the shape the parser produces (texts merged, whitespace outside
/// emphasis, no two lists of one kind side by side, footnotes defined at the end in the order
/// they are referenced), so that `parse(format(tree)) == tree` can be asserted exactly.
struct TreeGenerator {
    var random: SplitMix64
    var footnotes: [String] = []
    /// cmark-gfm 0.29.0.gfm.6 does not see task items inside block quotes (`> - [x] a` is text).
    var quoteDepth = 0

    static let edgeWords = ["alpha", "beta", "gamma", "x1", "Zed", "42"]
    static let words = edgeWords + [
        "*x*", "_y_", "**", "#", "1.", "2)", "-", "+", "=", "[a]", "[^z]", "<b>", "a|b", "\\", "`", "``", "&amp;", "&", "~",
        "~~s~~", "!", "![i]", "www.x.org", "http://x.org", "> q", "a:b", "(p)", "\"q\"", "é", "日本", "---", "***",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }

    mutating func sentence() -> String {
        let count = int(1...4)
        if count == 1 { return pick(Self.edgeWords) }
        var parts = [pick(Self.edgeWords)]
        for _ in 0..<(count - 2) { parts.append(pick(Self.words)) }
        parts.append(pick(Self.edgeWords))
        return parts.joined(separator: " ")
    }

    /// Text, then (element, text) pairs; elements are separated from words by spaces.
    mutating func inlines(depth: Int, breaks: Bool, links: Bool, footnote: Bool = false) -> [MarkdownInline] {
        var result: [MarkdownInline] = [.text(sentence())]
        for _ in 0..<int(0...3) {
            let element = inlineElement(depth: depth, links: links)
            if breaks, chance(20) {
                result.append(chance(50) ? .softBreak : .lineBreak)
                result.append(.text(sentence()))
                continue
            }
            appendText(" ", to: &result)
            result.append(element)
            result.append(.text(" " + sentence()))
        }
        if footnote, chance(30) {
            let label = "n\(footnotes.count + 1)"
            footnotes.append(label)
            result.append(.footnoteReference(label))
            result.append(.text(" " + sentence()))
        }
        return result
    }

    func appendText(_ text: String, to inlines: inout [MarkdownInline]) {
        if case .text(let last)? = inlines.last { inlines[inlines.count - 1] = .text(last + text) } else { inlines.append(.text(text)) }
    }

    mutating func inlineElement(depth: Int, links: Bool) -> MarkdownInline {
        let choice = int(0...(links ? 9 : 5))
        switch choice {
        case 0 where depth > 0: return .emphasis(inlines(depth: depth - 1, breaks: false, links: links))
        case 1 where depth > 0: return .strong(inlines(depth: depth - 1, breaks: false, links: links))
        case 2 where depth > 0: return .strikethrough(inlines(depth: depth - 1, breaks: false, links: links))
        case 3: return .code(pick(["x", "a`b", "`", " a ", "a|b", "*", "``y", "<b>", "\\"]))
        case 4: return .html(pick(["<kbd>", "</kbd>", "<!-- c -->"]))
        case 6: return .link(destination: pick(["https://e.com/a", "a b", "p(q)", "u", "a\\b", "&amp;"]),
                             title: pick(["", "T", "a \"q\""]), inlines(depth: min(depth, 1), breaks: false, links: false))
        case 7: return .image(source: pick(["i.png", "a b.png"]), title: pick(["", "T"]), alt: [.text(sentence())])
        case 8: return .autolink(pick(["https://e.com/x", "mailto:a@b.co", "ftp://f.org/p?q=1"]))
        default: return .code(pick(["y", "a b"]))
        }
    }

    mutating func blocks(depth: Int, count: ClosedRange<Int>, topLevel: Bool = false) -> [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        for _ in 0..<int(count) {
            var block = self.block(depth: depth, topLevel: topLevel)
            if case .list(let list)? = result.last, case .list(let next) = block, list.kind.ordered == next.kind.ordered {
                block = .paragraph(inlines(depth: 1, breaks: true, links: true))
            }
            result.append(block)
        }
        return result
    }

    mutating func block(depth: Int, topLevel: Bool) -> MarkdownBlock {
        switch int(0...(depth > 0 ? 10 : 6)) {
        case 0, 1: return .paragraph(inlines(depth: 2, breaks: true, links: true, footnote: topLevel))
        case 2: return .heading(level: int(1...6), inlines(depth: 1, breaks: false, links: true))
        case 3: return .thematicBreak
        case 4:
            let lines = (0..<int(0...3)).map { _ in pick(["let x = 1", "```", "~~~", "    indented", "", "\tTab", "`a`", "<div>"]) }
            return .codeBlock(info: pick(["", "swift", "a b", "c++"]), text: lines.map { $0 + "\n" }.joined())
        case 5: return .htmlBlock(pick(["<div>\nx\n</div>\n", "<!-- note -->\n", "<table><tr><td>a</td></tr></table>\n"]))
        case 6:
            let columns = int(1...3)
            let alignments = (0..<columns).map { _ in pick([MarkdownTableAlignment.none, .left, .center, .right]) }
            func row() -> [[MarkdownInline]] { (0..<columns).map { _ in chance(15) ? [] : inlines(depth: 1, breaks: false, links: true) } }
            return .table(MarkdownTable(alignments: alignments, header: row(), rows: (0..<int(0...3)).map { _ in row() }))
        case 7:
            quoteDepth += 1
            defer { quoteDepth -= 1 }
            return .blockQuote(blocks(depth: depth - 1, count: 1...3))
        case 8:
            quoteDepth += 1
            defer { quoteDepth -= 1 }
            return .alert(pick(MarkdownAlertKind.allCases), blocks(depth: depth - 1, count: 1...2))
        default: return .list(list(depth: depth - 1))
        }
    }

    /// `afterParagraph`: the list follows a paragraph in a tight item, so it must be able to
    /// interrupt it (an ordered list there starts at 1).
    mutating func list(depth: Int, afterParagraph: Bool = false) -> MarkdownList {
        let kind: MarkdownListKind = chance(50) ? .bullet : .ordered(start: afterParagraph ? 1 : int(0...12))
        let tight = chance(60)
        let items = (0..<int(tight ? 1...3 : 2...3)).map { _ -> MarkdownListItem in
            let checked: Bool? = quoteDepth == 0 && chance(25) ? chance(50) : nil
            var blocks: [MarkdownBlock] = [.paragraph(inlines(depth: 1, breaks: true, links: true))]
            if tight {
                if depth > 0, chance(40) { blocks.append(.list(list(depth: depth - 1, afterParagraph: true))) }
            } else if depth > 0 {
                blocks += self.blocks(depth: depth - 1, count: 0...2)
                // cmark-gfm quirk: a table ending an item makes every enclosing list loose.
                if case .table? = blocks.last { blocks.append(.paragraph([.text(sentence())])) }
            }
            return MarkdownListItem(checked: checked, blocks)
        }
        return MarkdownList(kind, tight: tight, items: items)
    }

    mutating func document() -> [MarkdownBlock] {
        footnotes = []
        var result = blocks(depth: 3, count: 1...5, topLevel: true)
        for label in footnotes { result.append(.footnoteDefinition(label: label, [.paragraph([.text(sentence())])])) }
        return result
    }
}

extension MarkdownListKind {
    var ordered: Bool { if case .ordered = self { true } else { false } }
}

@Suite struct PropertyTests {
    static let seeds: [UInt64] = (0..<300).map { 0x5EED_0000 + UInt64($0) }

    @Test(arguments: seeds) func generatedTreeSurvivesFormatAndParse(_ seed: UInt64) {
        var generator = TreeGenerator(random: SplitMix64(seed: seed))
        let tree = generator.document()
        let formatted = MarkdownFormatter().format(tree)
        let reparsed = MarkdownDocument.parse(formatted)
        #expect(reparsed.blocks == tree, "formatted as:\n\(formatted)")
        #expect(reparsed.formatted() == formatted, "not idempotent:\n\(formatted)")
        #expect(CMark.html(reparsed.formatted()) == CMark.html(formatted))
        #expect(reparsed.diagnostics.isEmpty)
    }
}

extension PropertyTests {
    /// The generator reaches every block and inline kind, so the property above covers them all.
    @Test func generatorCoversEveryKind() {
        var blockKinds = Set<String>()
        var inlineKinds = Set<String>()
        func visit(_ inlines: [MarkdownInline]) {
            for inline in inlines {
                switch inline {
                case .text: inlineKinds.insert("text")
                case .softBreak: inlineKinds.insert("softBreak")
                case .lineBreak: inlineKinds.insert("lineBreak")
                case .code: inlineKinds.insert("code")
                case .emphasis(let children): inlineKinds.insert("emphasis"); visit(children)
                case .strong(let children): inlineKinds.insert("strong"); visit(children)
                case .strikethrough(let children): inlineKinds.insert("strikethrough"); visit(children)
                case .link(_, _, let children): inlineKinds.insert("link"); visit(children)
                case .image(_, _, let alt): inlineKinds.insert("image"); visit(alt)
                case .autolink: inlineKinds.insert("autolink")
                case .html: inlineKinds.insert("html")
                case .footnoteReference: inlineKinds.insert("footnoteReference")
                }
            }
        }
        for seed in Self.seeds {
            var generator = TreeGenerator(random: SplitMix64(seed: seed))
            for block in allBlocks(generator.document()) {
                switch block {
                case .paragraph(let inlines): blockKinds.insert("paragraph"); visit(inlines)
                case .heading(_, let inlines): blockKinds.insert("heading"); visit(inlines)
                case .thematicBreak: blockKinds.insert("thematicBreak")
                case .blockQuote: blockKinds.insert("blockQuote")
                case .list(let list):
                    blockKinds.insert(list.tight ? "tightList" : "looseList")
                    if list.items.contains(where: { $0.checked != nil }) { blockKinds.insert("task") }
                case .codeBlock: blockKinds.insert("codeBlock")
                case .htmlBlock: blockKinds.insert("htmlBlock")
                case .table(let table): blockKinds.insert("table"); table.header.forEach(visit); table.rows.joined().forEach(visit)
                case .footnoteDefinition: blockKinds.insert("footnoteDefinition")
                case .alert: blockKinds.insert("alert")
                }
            }
        }
        #expect(blockKinds.count == 12, "\(blockKinds.sorted())")
        #expect(inlineKinds.count == 12, "\(inlineKinds.sorted())")
    }
}
