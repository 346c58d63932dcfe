import Import
import NotionModel
import Testing

/// Notion's request limits (notion-api.md §4), applied by the importer before anything is sent.
@Suite struct ImportLimitsTests {
    static func read(_ markdown: String) -> ImportDocument { MarkdownImporter().read(markdown, file: "limits.md") }

    static func texts(_ block: JSONValue, _ type: String) -> [String] {
        (block[type]?["rich_text"]?.arrayValue ?? []).compactMap { $0["text"]?["content"]?.stringValue }
    }

    @Test func longTextSplitsOnAGraphemeBoundaryAndKeepsEveryCharacter() throws {
        // 1999 letters then a flag emoji (4 UTF-16 units, one grapheme) straddling unit 2000, then more text.
        let text = String(repeating: "a", count: 1999) + "🇩🇪 **bold** tail"
        let document = Self.read(text + "\n")
        #expect(document.blocks.count == 1 && document.warnings.isEmpty)
        let items = try #require(document.blocks.first?.request(nesting: 0)["paragraph"]?["rich_text"]?.arrayValue)
        let contents = items.compactMap { $0["text"]?["content"]?.stringValue }
        #expect(contents == [String(repeating: "a", count: 1999), "🇩🇪 ", "bold", " tail"])
        #expect(contents.allSatisfy { $0.utf16.count <= 2000 })
        #expect(contents.joined() == String(repeating: "a", count: 1999) + "🇩🇪 bold tail")
        #expect(items[2]["annotations"] == ["bold": true] && items[1]["annotations"] == nil)
    }

    @Test func textOfExactlyTwoThousandUnitsStaysOneItemAndOneMoreSplits() {
        let exact = Self.read(String(repeating: "é", count: 2000) + "\n")
        #expect(Self.texts(exact.blocks[0].request(nesting: 0), "paragraph").map(\.utf16.count) == [2000])
        let over = Self.read(String(repeating: "é", count: 2001) + "\n")
        #expect(Self.texts(over.blocks[0].request(nesting: 0), "paragraph").map(\.utf16.count) == [2000, 1])
    }

    @Test func adjacentRunsWithTheSameMarksMergeBeforeCounting() {
        // `**a****b**` does not parse as one strong, but `**a** **b**`'s parts with equal marks merge.
        let document = Self.read("<strong>a</strong><strong>b</strong> plain\n")
        let items = document.blocks[0].request(nesting: 0)["paragraph"]?["rich_text"]?.arrayValue ?? []
        #expect(items.count == 2)
        #expect(items.first?["text"]?["content"] == "ab")
    }

    @Test func moreThanOneHundredRunsSplitTheBlockIntoConsecutiveBlocksOfItsType() throws {
        // 150 runs: bold and plain alternating, in a list item with a child.
        let runs = (0..<75).map { "**b\($0)**p\($0)" }.joined()
        let document = Self.read("- " + runs + "\n  - child\n")
        #expect(document.blocks.map(\.type) == ["bulleted_list_item", "bulleted_list_item"])
        let first = document.blocks[0].request(nesting: 1)["bulleted_list_item"]
        let second = document.blocks[1].request(nesting: 1)["bulleted_list_item"]
        #expect(first?["rich_text"]?.arrayValue?.count == 100 && second?["rich_text"]?.arrayValue?.count == 50)
        #expect(first?["children"] == nil, "the children go to the last part")
        #expect(second?["children"]?.arrayValue?.count == 1)
        #expect(document.warnings.map(\.description) == [
            "limits.md:1: rich text: a bulleted_list_item has 150 rich-text items (Notion allows 100 per block); it is split into 2 consecutive bulleted_list_item blocks.",
        ])
        let all = (first?["rich_text"]?.arrayValue ?? []) + (second?["rich_text"]?.arrayValue ?? [])
        #expect(all.compactMap { $0["text"]?["content"]?.stringValue }.joined() == (0..<75).map { "b\($0)p\($0)" }.joined())
    }

    @Test func listsSixLevelsDeepKeepTheirExactStructure() {
        let markdown = """
        - l1
          1. l2
             - [x] l3
               - l4
                 1. l5
                    - l6
                    - l6b
          2. l2b
        - l1b

        """
        let document = Self.read(markdown)
        func shape(_ drafts: [BlockDraft]) -> String {
            drafts.map { draft in
                let text = draft.body["rich_text"]?[0]?["text"]?["content"]?.stringValue ?? ""
                let start = draft.body["list_start_index"]?.intValue.map { "@\($0)" } ?? ""
                let checked = draft.body["checked"]?.boolValue.map { $0 ? "[x]" : "[ ]" } ?? ""
                let inner = draft.children.isEmpty ? "" : "(" + shape(draft.children) + ")"
                return "\(draft.type):\(checked)\(text)\(start)\(inner)"
            }.joined(separator: ",")
        }
        #expect(shape(document.blocks) == "bulleted_list_item:l1(numbered_list_item:l2(to_do:[x]l3(bulleted_list_item:l4(numbered_list_item:l5(bulleted_list_item:l6,bulleted_list_item:l6b)))),numbered_list_item:l2b),bulleted_list_item:l1b")
        #expect(document.blocks.reduce(0) { $0 + $1.count } == 9 && document.warnings.isEmpty)
    }

    @Test func aTableOfOneHundredTwentyRowsIsOneTableWithEveryRow() throws {
        let rows = (1...120).map { "| r\($0) | \($0) |" }.joined(separator: "\n")
        let document = Self.read("| Name | N |\n| --- | --- |\n" + rows + "\n")
        let table = try #require(document.blocks.first)
        #expect(document.blocks.count == 1 && table.type == "table")
        #expect(table.body == ["table_width": 2, "has_column_header": true, "has_row_header": false])
        #expect(table.children.count == 121 && table.children.allSatisfy { $0.type == "table_row" })
        #expect(table.children[120].body == ["cells": [[["type": "text", "text": ["content": "r120"]]], [["type": "text", "text": ["content": "120"]]]]])
    }

    @Test func longEquationsAndURLsAreCarriedAsTextWithWarnings() {
        let expression = String(repeating: "x+", count: 600)
        let url = "https://example.com/" + String(repeating: "a", count: 2000)
        let document = Self.read("```math\n\(expression)\n```\n\n[long](\(url)) and $`\(expression)`$\n")
        #expect(document.blocks.map(\.type) == ["code", "paragraph"])
        #expect(document.blocks[0].body["language"] == "latex")
        let items = document.blocks[1].body["rich_text"]?.arrayValue ?? []
        // “long” lost its link, so it merges with “ and ”: two items.
        #expect(items.map { $0["text"]?["link"] == nil } == [true, true])
        #expect(items.last?["annotations"] == ["code": true] && items.last?["text"]?["content"]?.stringValue == expression)
        #expect(document.warnings.map(\.construct) == ["equation", "URL", "equation"])
    }
}

/// Warnings name the file and the line in the file (front matter included) and say what happened.
@Suite struct ImportWarningTests {
    @Test func warningsCountLinesFromTheTopOfTheFile() {
        let markdown = "---\ntitle: T\n---\n\nText\n\n##### Deep\n\n> [!NOTE]\n> <kbd>x</kbd>\n"
        let document = MarkdownImporter().read(markdown, file: "docs/page.md")
        #expect(document.title == "T")
        #expect(document.warnings.map(\.description) == [
            "docs/page.md:7: heading level 5: Notion headings go to level 4; this one becomes a heading_4.",
            "docs/page.md:10: raw HTML: inline HTML <kbd> is not one of the forms notion-export writes; it is kept as text.",
            "docs/page.md:10: raw HTML: inline HTML </kbd> is not one of the forms notion-export writes; it is kept as text.",
        ])
    }

    @Test func aDocumentWithoutFrontMatterIsTitledByItsFileName() {
        let document = MarkdownImporter().read("# Heading\n", file: "notes/Weekly Sync.md")
        #expect(document.title == "Weekly Sync" && document.frontMatter == nil && document.icon == nil)
    }

    @Test func frontMatterThatDoesNotParseIsReported() {
        let document = MarkdownImporter().read("---\ntitle: [unclosed\n---\n\nBody\n", file: "bad.md")
        #expect(document.title == "bad")
        #expect(document.warnings.map(\.construct) == ["front matter"])
        #expect(document.blocks.map(\.type) == ["paragraph"])
    }
}
