import Foundation
import Markdown
import NotionAPI
import NotionMarkdown
import NotionModel
import Testing

/// Random rich text → Markdown → cmark-gfm's HTML: every character comes back with exactly the
/// formatting Notion gave it. The oracle reads the HTML, not our AST, so it checks the escaping,
/// the marker placement and the HTML fallbacks together.
@Suite struct RichTextPropertyTests {
    struct Styled: Equatable, CustomStringConvertible {
        var character: Character
        var marks: Set<String>
        var description: String { "\(character.debugDescription)\(marks.sorted())" }
    }

    static let alphabet = Array("ab cd *_`~[]()<>!#|\\&;:/.-1+=\"'é😀\t\n  ")
    static let links = ["https://example.com/", "https://example.com/a_(b)?q=1&r=2", "mailto:x@example.com", "https://example.com/<x>"]
    static let colors = ["red", "blue_background"]

    static func randomItems(_ random: inout SplitMix64) -> [RichText] {
        (0..<random.int(1..<7)).map { _ in
            let content = String((0..<random.int(1..<9)).map { _ in random.pick(alphabet) })
            var annotations = Annotations.plain
            annotations.bold = random.chance(35)
            annotations.italic = random.chance(35)
            annotations.strikethrough = random.chance(20)
            annotations.code = random.chance(15)
            annotations.underline = random.chance(10)
            if random.chance(10) { annotations.color = Color(rawValue: random.pick(colors)) }
            let link = random.chance(15) ? random.pick(links) : nil
            return RichText.text(content, link: link, annotations: annotations)
        }
    }

    /// What each character should look like: whitespace carries no emphasis (it moves outside
    /// the markers), everything else carries its item's marks.
    static func expected(_ items: [RichText]) -> [Styled] {
        let styled = items.flatMap { item -> [Styled] in
            let a = item.annotations
            return item.plainText.map { character in
                var marks: Set<String> = []
                if character == "\n" { return Styled(character: character, marks: marks) }
                if !character.isWhitespace {
                    if a.bold { marks.insert("b") }
                    if a.italic { marks.insert("i") }
                    if a.strikethrough { marks.insert("s") }
                }
                if a.code { marks.insert("c") }
                if a.underline { marks.insert("u") }
                if a.color != .default { marks.insert("color=\(a.color.rawValue)") }
                if let href = item.href { marks.insert("a=\(href)") }
                return Styled(character: character, marks: marks)
            }
        }
        // A paragraph cannot start or end with a line break: those are trimmed.
        var result = Array(styled)
        while result.first?.character == "\n" { result.removeFirst() }
        while result.last?.character == "\n" { result.removeLast() }
        return result
    }

    /// Reads cmark-gfm's HTML for one paragraph back into styled characters.
    static func styled(_ html: String) -> [Styled] {
        var out: [Styled] = []
        var stack: [String?] = []
        var index = html.startIndex
        func marks() -> Set<String> { Set(stack.compactMap { $0 }) }
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                let end = html[index...].firstIndex(of: ">")!
                let tag = String(html[html.index(after: index)..<end])
                index = html.index(after: end)
                if tag.hasPrefix("/") { stack.removeLast(); continue }
                if tag == "br /" { out.append(Styled(character: "\n", marks: [])); continue }
                let name = String(tag.prefix { $0 != " " })
                switch name {
                case "p": stack.append(nil)
                case "strong": stack.append("b")
                case "em": stack.append("i")
                case "del": stack.append("s")
                case "code": stack.append("c")
                case "u": stack.append("u")
                case "span": stack.append("color=" + attribute("data-color", tag))
                case "a": stack.append("a=" + (attribute("href", tag).removingPercentEncoding ?? "?"))
                default: Issue.record("unexpected tag <\(tag)> in \(html)"); stack.append(nil)
                }
                continue
            }
            if character == "&" {
                let end = html[index...].firstIndex(of: ";")!
                let entity = String(html[index...end])
                index = html.index(after: end)
                let decoded: Character = switch entity {
                case "&amp;": "&"
                case "&lt;": "<"
                case "&gt;": ">"
                case "&quot;": "\""
                default: "?"
                }
                out.append(Styled(character: decoded, marks: marks()))
                continue
            }
            index = html.index(after: index)
            if character == "\n", index == html.endIndex || html[index...].hasPrefix("</p>") { continue }
            if character == "\n", out.last?.character == "\n" { continue } // after <br />
            out.append(Styled(character: character, marks: marks()))
        }
        // Breaks at the paragraph's edges (kept inside an element, trimmed outside) are not
        // content; emphasis on whitespace is not observable. Compare without either.
        while out.first?.character == "\n" { out.removeFirst() }
        while out.last?.character == "\n" { out.removeLast() }
        return out.map { styled in
            guard styled.character.isWhitespace else { return styled }
            return Styled(character: styled.character, marks: styled.marks.subtracting(["b", "i", "s"]))
        }
    }

    static func attribute(_ name: String, _ tag: String) -> String {
        guard let range = tag.range(of: name + "=\"") else { return "?" }
        let value = String(tag[range.upperBound...].prefix { $0 != "\"" })
        return value.replacing("&amp;", with: "&").replacing("&quot;", with: "\"").replacing("&lt;", with: "<").replacing("&gt;", with: ">")
    }

    @Test(arguments: 0..<8) func randomRichTextSurvivesFormattingAndParsing(batch: Int) {
        var random = SplitMix64(seed: UInt64(batch) &* 7919 &+ 1)
        let converter = NotionMarkdownConverter()
        for round in 0..<(Int(ProcessInfo.processInfo.environment["PROP_ROUNDS"] ?? "250") ?? 250) {
            let items = Self.randomItems(&random)
            let inlines = converter.inlines(items, resolver: StandaloneResolver()).inlines
            let markdown = MarkdownFormatter().format([.paragraph(inlines)])
            let html = CMark.html(markdown, options: [.unsafe])
            let got = Self.styled(html)
            let want = Self.expected(items)
            if got != want {
                Issue.record("batch \(batch) round \(round):\nmarkdown: \(markdown)\nhtml: \(html)\ngot:  \(got)\nwant: \(want)")
                return
            }
            // Formatting what cmark parsed gives the same text again (idempotent dialect).
            #expect(MarkdownDocument.parse(markdown).formatted() == markdown, "batch \(batch) round \(round): \(markdown)")
        }
    }
}

/// Seeded choices for the property tests (a failure names a reproducible seed).
extension SplitMix64 {
    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
}
