import Foundation
import NotionMarkdown
import NotionModel
import Testing
import TestSupport
import Yams

@Suite struct FrontMatterTests {
    typealias V = PropertyValue.Value

    static func yaml(_ page: Page, resolver: StubResolver = Sample.resolver) -> (text: String, warnings: [ConversionWarning]) {
        FrontMatter.yaml(for: page, resolver: resolver, richText: Sample.markdown)
    }

    /// The front matter of a row holding `properties` is the header, `properties:` and `expected`.
    static func expect(
        _ properties: [String: V], _ expected: String, warnings: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (text, actualWarnings) = yaml(Sample.page(properties))
        #expect(text == Sample.header + "properties:\n" + expected + "---\n", sourceLocation: sourceLocation)
        #expect(actualWarnings.map(\.description) == warnings, sourceLocation: sourceLocation)
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try YAMLValue(frontMatter: text) }
    }

    // MARK: - Page fields

    @Test func titleOnlyPageHasNoProperties() {
        let (text, warnings) = Self.yaml(Sample.page())
        #expect(text == Sample.header + "---\n")
        #expect(warnings.isEmpty)
    }

    @Test func titleIsPlainTextEvenWhenFormatted() {
        var page = Sample.page()
        page.properties["Name"] = PropertyValue(id: "title", .title([
            .text("Q1: ", annotations: Annotations(bold: true)), .text("plan", link: "https://example.com"),
        ]))
        #expect(Self.yaml(page).text.contains("\ntitle: 'Q1: plan'\n"))
    }

    @Test func emojiIcon() {
        #expect(Self.yaml(Sample.page(icon: .emoji("🎉"))).text == Sample.header + "icon: 🎉\n---\n")
    }

    @Test func customEmojiIcon() {
        let emoji = CustomEmoji(id: NotionID("45ce0000-0000-8000-8000-000000000001")!, name: "party-parrot", url: "https://e.example/p.png")
        #expect(Self.yaml(Sample.page(icon: .customEmoji(emoji))).text == Sample.header + "icon: ':party-parrot:'\n---\n")
    }

    @Test func nativeIcon() {
        #expect(Self.yaml(Sample.page(icon: .native(name: "snake", color: .purple))).text == Sample.header + """
            icon:
              name: snake
              color: purple
            ---

            """)
    }

    @Test func hostedIconIsItsAssetExternalIconItsURL() {
        let hosted = Icon.file(url: "https://files.example/secure/cover.png?X-Amz-Expires=3600", expiryTime: "2026-01-05T11:00:00.000Z")
        #expect(Self.yaml(Sample.page(icon: hosted)).text == Sample.header + "icon: assets/cover.png\n---\n")
        let external = Icon.external(url: "https://example.com/icon.svg")
        #expect(Self.yaml(Sample.page(icon: external)).text == Sample.header + "icon: https://example.com/icon.svg\n---\n")
    }

    @Test func cover() {
        let page = Sample.page(
            icon: .emoji("📘"), cover: .file(url: "https://files.example/secure/cover.png?X-Amz-Expires=3600", expiryTime: nil))
        #expect(Self.yaml(page).text == Sample.header + "icon: 📘\ncover: assets/cover.png\n---\n")
        let external = Sample.page(cover: .external(url: "https://images.example/a b.jpg"))
        #expect(Self.yaml(external).text == Sample.header + "cover: https://images.example/a b.jpg\n---\n")
    }

    @Test func unknownIconIsRawJSONWithAWarning() {
        let (text, warnings) = Self.yaml(Sample.page(icon: .unknown(type: "sticker", .object(["id": .string("s1"), "size": .int(2)]))))
        #expect(text == Sample.header + """
            icon:
              type: sticker
              sticker:
                id: s1
                size: 2
            ---

            """)
        #expect(warnings.map(\.description) == ["unknown file type: icon has type `sticker`, which this build does not know: written as its raw JSON"])
    }

    @Test func propertiesAreInCodePointOrderAndKeysAreQuotedWhenNeeded() {
        Self.expect(["b": .checkbox(true), "Ä": .checkbox(true), "Z": .checkbox(true), "a": .checkbox(false), "yes": .checkbox(true), "1": .checkbox(true), "x: y": .checkbox(true)], """
              '1': true
              Z: true
              a: false
              b: true
              'x: y': true
              'yes': true
              Ä: true

            """)
    }

    // MARK: - One test per property type

    @Test func richText() {
        Self.expect(["Plain": .richText([.text("Hello, world")]), "Formatted": .richText([.text("Bold", annotations: Annotations(bold: true)), .text(" and "), .text("link", link: "https://example.com")]), "Empty": .richText([])], """
              Empty: ''
              Formatted: '**Bold** and [link](https://example.com)'
              Plain: Hello, world

            """)
    }

    @Test func number() {
        Self.expect(["Int": .number(5), "Fraction": .number(42.5), "Negative": .number(-3), "Empty": .number(nil), "Tiny": .number(0.00001), "Huge": .number(1e20)], """
              Empty: null
              Fraction: 42.5
              Huge: 1.0e+20
              Int: 5
              Negative: -3
              Tiny: 1.0e-05

            """)
    }

    @Test func selectAndStatus() {
        Self.expect(["Area": .select(SelectOption(name: "Tech", color: .blue)), "None": .select(nil), "Status": .status(SelectOption(name: "In progress")), "Odd": .status(SelectOption(name: "No"))], """
              Area: Tech
              None: null
              Odd: 'No'
              Status: In progress

            """)
    }

    @Test func multiSelect() {
        Self.expect(["Tags": .multiSelect([SelectOption(name: "Engineering"), SelectOption(name: "true"), SelectOption(name: "#hash")]), "None": .multiSelect([])], """
              None: []
              Tags:
              - Engineering
              - 'true'
              - '#hash'

            """)
    }

    @Test func date() {
        Self.expect([
            "Day": .date(DateValue(start: "2025-03-14")),
            "Time": .date(DateValue(start: "2025-03-14T09:30:00.000+01:00")),
            "Range": .date(DateValue(start: "2025-03-14", end: "2025-03-20")),
            "Zoned": .date(DateValue(start: "2025-03-14T09:30:00.000", timeZone: "Europe/Berlin")),
            "None": .date(nil),
        ], """
              Day: 2025-03-14
              None: null
              Range:
                start: 2025-03-14
                end: 2025-03-20
              Time: 2025-03-14T09:30:00.000+01:00
              Zoned:
                start: 2025-03-14T09:30:00.000
                time_zone: Europe/Berlin

            """)
    }

    @Test func people() {
        let named = User(id: Sample.userID, type: "person", name: "Yuki Tanaka")
        let group = Group(id: NotionID("9a0b0000-0000-8000-8000-000000000001")!, name: "Platform team")
        let unknown = UserID("aced0000-0000-8000-8000-0000000000ff")!
        Self.expect(["Author": .people([.user(named), .user(.partial(Sample.unnamedUserID)), .user(.partial(unknown)), .group(group)])], """
              Author:
              - Yuki Tanaka
              - Resolved Name
              - aced0000-0000-8000-8000-0000000000ff
              - Platform team

            """)
    }

    /// A file's name is written only when its location does not give it back (`FileName`).
    @Test func files() {
        Self.expect(["Assets": .files([
            NamedFile(name: "cover.png", file: .file(url: "https://files.example/secure/cover.png?X-Amz-Expires=3600", expiryTime: nil)),
            NamedFile(name: "Style guide", file: .external(url: "https://acme.example/style-guide.pdf")),
            NamedFile(name: "lost.png", file: .file(url: "https://files.example/secure/lost.png?X-Amz-Signature=abc", expiryTime: nil)),
            NamedFile(name: "external.png", file: .external(url: "https://cdn.example/external.png?size=2")),
        ])], """
              Assets:
              - assets/cover.png
              - name: Style guide
                url: https://acme.example/style-guide.pdf
              - https://files.example/secure/lost.png
              - https://cdn.example/external.png?size=2

            """)
    }

    @Test func checkbox() {
        Self.expect(["Done": .checkbox(true), "Open": .checkbox(false)], """
              Done: true
              Open: false

            """)
    }

    @Test func urlEmailPhone() {
        Self.expect(["Docs": .url("https://acme.example/topics/engineering?a=1#top"), "Mail": .email("jonas@acme.example"), "Phone": .phoneNumber("+49 30 1234567"), "Short": .phoneNumber("110"), "None": .url(nil)], """
              Docs: https://acme.example/topics/engineering?a=1#top
              Mail: jonas@acme.example
              None: null
              Phone: +49 30 1234567
              Short: '110'

            """)
    }

    @Test func formula() {
        Self.expect([
            "String": .formula(.string("⭐ Engineering")), "Number": .formula(.number(3)), "Bool": .formula(.boolean(false)),
            "Date": .formula(.date(DateValue(start: "2026-07-01"))), "Empty": .formula(.string(nil)),
        ], """
              Bool: false
              Date: 2026-07-01
              Empty: null
              Number: 3
              String: ⭐ Engineering

            """)
    }

    @Test func relation() {
        Self.expect(["Related": .relation([.init(Sample.otherPageID), .init(Sample.missingPageID)], hasMore: false)], """
              Related:
              - ../Other%20page.md
              - https://www.notion.so/1f2e3d4c0000400080000000000000ff

            """, warnings: [
            "unresolved link: property \"Related\" relates to page 1f2e3d4c-0000-4000-8000-0000000000ff, which is not part of the export: kept as its Notion URL",
        ])
    }

    @Test func truncatedRelationIsWarnedAbout() {
        Self.expect(["Related": .relation([.init(Sample.otherPageID)], hasMore: true)], """
              Related:
              - ../Other%20page.md

            """, warnings: [
            "incomplete property: property \"Related\" relates to more pages than the 1 the page lists (has_more): the rest are missing",
        ])
    }

    @Test func incompleteRollupIsNullWithAWarning() {
        Self.expect(["Sum": .rollup(.init(function: "sum", .incomplete(.object([:]))))], """
              Sum: null

            """, warnings: ["incomplete property: property \"Sum\" is a rollup Notion reports as incomplete: written as empty"])
    }

    @Test func rollup() {
        Self.expect([
            "Count": .rollup(.init(function: "count", .number(28))),
            "Latest": .rollup(.init(function: "latest_date", .date(DateValue(start: "2026-01-10")))),
            "Original": .rollup(.init(function: "show_original", .array([
                PropertyValue(id: nil, .title([.text("Row A")])),
                PropertyValue(id: nil, .number(1.5)),
                PropertyValue(id: nil, .multiSelect([SelectOption(name: "x"), SelectOption(name: "y")])),
            ]))),
            "Unsupported": .rollup(.init(function: "median", .unsupported(.object([:])))),
        ], """
              Count: 28
              Latest: 2026-01-10
              Original:
              - Row A
              - 1.5
              - - x
                - 'y'
              Unsupported: null

            """)
    }

    @Test func createdAndEdited() {
        let named = User(id: Sample.userID, type: "person", name: "Yuki Tanaka")
        Self.expect([
            "Created": .createdTime("2025-09-01T12:00:00.000Z"), "Edited": .lastEditedTime("2025-09-02T08:15:00.000Z"),
            "Created by": .createdBy(named), "Edited by": .lastEditedBy(.partial(Sample.unnamedUserID)),
        ], """
              Created: 2025-09-01T12:00:00.000Z
              Created by: Yuki Tanaka
              Edited: 2025-09-02T08:15:00.000Z
              Edited by: Resolved Name

            """)
    }

    @Test func uniqueID() {
        Self.expect(["Prefixed": .uniqueID(.init(prefix: "TOP", number: 12)), "Bare": .uniqueID(.init(prefix: nil, number: 12)), "Unnumbered": .uniqueID(.init(number: nil))], """
              Bare: 12
              Prefixed: TOP-12
              Unnumbered: null

            """)
    }

    @Test func verification() {
        Self.expect(["Verified": .verification(.init(state: "verified", date: DateValue(start: "2026-01-01"))), "None": .verification(nil)], """
              None: null
              Verified: verified

            """)
    }

    @Test func buttonIsLeftOut() {
        Self.expect(["Run": .button, "Done": .checkbox(true)], """
              Done: true

            """)
    }

    @Test func place() {
        Self.expect([
            "Office": .place(.init(lat: 52.52, lon: 13.405, name: "Berlin office", address: "Alexanderplatz 1, Berlin", googlePlaceID: "ChIJ")),
            "Pin": .place(.init(lat: 1, lon: -2)), "None": .place(nil),
        ], """
              None: null
              Office:
                name: Berlin office
                address: Alexanderplatz 1, Berlin
                lat: 52.52
                lon: 13.405
                google_place_id: ChIJ
              Pin:
                lat: 1
                lon: -2

            """)
    }

    @Test func unknownTypeIsRawJSONWithAWarning() {
        let payload = JSONValue.object(["summary": .string("yes"), "score": .double(0.5), "tags": .array([.string("a"), .null])])
        Self.expect(["AI": .unknown(type: "ai_summary", payload)], """
              AI:
                score: 0.5
                summary: 'yes'
                tags:
                - a
                - null

            """, warnings: [
            "unknown property type: property \"AI\" has type `ai_summary`, which this build does not know: written as its raw JSON",
        ])
    }

    @Test func unknownFormulaAndRollupTypesAreWarnedAbout() {
        let (_, warnings) = Self.yaml(Sample.page([
            "F": .formula(.unknown(type: "rich", .string("x"))), "R": .rollup(.init(function: "f", .unknown(type: "graph", .int(1)))),
        ]))
        #expect(warnings.map(\.description) == [
            "unknown property type: property \"F\" has formula type `rich`, which this build does not know: written as its raw JSON",
            "unknown property type: property \"R\" has rollup type `graph`, which this build does not know: written as its raw JSON",
        ])
    }

    // MARK: - Round trips

    static let trickyStrings = [
        "yes", "no", "Yes", "NO", "on", "off", "y", "n", "true", "False", "null", "Null", "~", "", "1.0", "42", "-7", "+1",
        "0x10", "0o17", "0b101", "1_000", "1e5", ".5", ".inf", "-.inf", ".nan", "1:20", "2024-01-02", "2024-01-02T10:00:00Z",
        "2024-1-2 10:00:00", "a: b", "a:b", "# x", "a #b", "- x", "-x", "-", "? q", "'q'", "\"q\"", "it's", "line\nbreak",
        "trailing newline\n", "\nleading newline", "two\n\nparagraphs\n\n", "trailing space \nnext", "  indented\nblock",
        " leading space", "trailing ", "\t", "tab\there", "😀", "日本語のタイトル", "@user", "`tick`", "%percent", "*star",
        "&anchor", "!tag", "|pipe", ">fold", "[x]", "{y}", "x]", "a, b", "=", "<<", "back\\slash", "nul\u{0}char",
        "bell\u{7}", "cr\rlf", "crlf\r\nline", "nel\u{85}x", "ls\u{2028}ps\u{2029}", "zero\u{200B}width", "mid\u{FEFF}bom",
        "é (decomposed: e\u{301})", String(repeating: "long words ", count: 30),
    ]

    @Test(arguments: trickyStrings)
    func stringsReadBackExactly(_ string: String) throws {
        var page = Sample.page(title: string, ["Text": .richText([.text(string)]), string: .select(SelectOption(name: string))])
        page.properties["List"] = PropertyValue(id: "l", .multiSelect([SelectOption(name: string)]))
        let text = Self.yaml(page).text
        let value = try YAMLValue(frontMatter: text)
        #expect(value["title"] == .string(string))
        #expect(value["properties"]?["Text"] == .string(string))
        #expect(value["properties"]?[string] == .string(string))
        #expect(value["properties"]?["List"] == .list([.string(string)]))
        // The untyped and the Codable readers agree.
        let untyped = try #require(try Yams.load(yaml: String(text.dropFirst(4).dropLast(4))) as? [String: Any])
        #expect(untyped["title"] as? String == string)
        struct Head: Decodable { var title: String; var notion_id: String }
        #expect(try YAMLDecoder().decode(Head.self, from: String(text.dropFirst(4).dropLast(4))).title == string)
    }

    /// The form each kind of string takes: plain when that reads back, else a literal block for
    /// multi-line text, else single quotes, else double quotes with escapes.
    static let forms: [(String, String)] = [
        ("Plain words, with commas", "Plain words, with commas"), ("a:b", "a:b"), ("it's", "it's"), ("x]", "x]"),
        ("😀 日本語のタイトル", "😀 日本語のタイトル"), (#"back\slash"#, #"back\slash"#),
        ("yes", "'yes'"), ("y", "'y'"), ("", "''"), ("~", "'~'"), ("1.0", "'1.0'"), ("0x10", "'0x10'"), ("2024-01-02", "'2024-01-02'"),
        ("a: b", "'a: b'"), ("# x", "'# x'"), ("a #b", "'a #b'"), ("- x", "'- x'"), ("'q'", "'''q'''"), (#""q""#, #"'"q"'"#),
        (" leading space", "' leading space'"), ("trailing ", "'trailing '"), ("ends with:", "'ends with:'"), ("@user", "'@user'"),
        ("`tick`", "'`tick`'"), ("%percent", "'%percent'"), ("*star", "'*star'"), ("&anchor", "'&anchor'"), ("!tag", "'!tag'"),
        ("[x]", "'[x]'"), ("{y}", "'{y}'"),
        ("line\nbreak", "|-\n    line\n    break"), ("ends in a break\n", "|\n    ends in a break"),
        ("two\n\nparagraphs\n\n", "|+\n    two\n\n    paragraphs\n"),
        ("trailing space \nnext", #""trailing space \nnext""#), ("  indented\nblock", #""  indented\nblock""#),
        ("tab\there", #""tab\there""#), ("nul\u{0}", #""nul\0""#), ("cr\rlf", #""cr\rlf""#), ("ls\u{2028}", #""ls\L""#),
        ("del\u{7F}", #""del\x7F""#), ("noncharacter\u{FFFE}", #""noncharacter\uFFFE""#),
    ]

    @Test(arguments: forms)
    func stringForms(_ string: String, _ form: String) {
        Self.expect(["Text": .richText([.text(string)])], "  Text: \(form)\n")
    }

    /// Keys longer than YAML's 1024-character limit for implicit keys become explicit (`? key`),
    /// and raw JSON nests sequences and mappings inside each other.
    @Test func longKeysAndNestedCollectionsReadBack() throws {
        let long = String(repeating: "k", count: 1100)
        let payload = JSONValue.array([
            .object(["k": .string("v\nw"), "j": .array([.int(1), .array([]), .object([:])])]), .array([.string("x\n"), .array([.bool(true)])]),
        ])
        let (text, _) = Self.yaml(Sample.page([long: .multiSelect([.init(name: "a")]), "a": .unknown(type: "x", payload)]))
        let properties = try #require(try YAMLValue(frontMatter: text)["properties"])
        #expect(properties == .map([
            .init("a", .list([
                .map([.init("j", .list([.int(1), .list([]), .map([])])), .init("k", .string("v\nw"))]),
                .list([.string("x\n"), .list([.bool(true)])]),
            ])),
            .init(long, .list([.string("a")])),
        ]))
    }

    /// A leading byte-order mark is escaped. (Yams cannot read it back: Foundation's
    /// `String(bytes:encoding:)`, which it decodes scalars with, drops a leading BOM.)
    @Test func leadingByteOrderMarkIsEscaped() {
        Self.expect(["Text": .richText([.text("\u{FEFF}bom")])], """
              Text: "\\uFEFFbom"

            """)
    }

    @Test func multiLineStringsAreLiteralBlocks() {
        Self.expect(["Notes": .richText([.text("First line\nsecond: line\n")])], """
              Notes: |
                First line
                second: line

            """)
    }

    @Test func typedValuesReadBack() throws {
        let page = Sample.page([
            "N": .number(2.5), "I": .number(3), "C": .checkbox(true), "D": .date(DateValue(start: "2025-03-14")),
            "E": .url(nil), "U": .uniqueID(.init(prefix: nil, number: 7)),
        ])
        let properties = try #require(try YAMLValue(frontMatter: Self.yaml(page).text)["properties"])
        #expect(properties == .map([
            .init("C", .bool(true)), .init("D", .timestamp("2025-03-14")), .init("E", .null), .init("I", .int(3)),
            .init("N", .float(2.5)), .init("U", .int(7)),
        ]))
    }

    @Test func numbersReadBackExactly() throws {
        for number in [0, -0.0, 1, -1, 0.1, 1.0 / 3, 123456.789, 1e-7, 2.5e-300, 9_007_199_254_740_991, 9_007_199_254_740_994, 1e300, -4.2e21] {
            let properties = try YAMLValue(frontMatter: Self.yaml(Sample.page(["N": .number(number)])).text)["properties"]
            switch properties?["N"] {
            case .int(let value): #expect(Double(value) == number)
            case .float(let value): #expect(value == number)
            default: Issue.record("\(number) read back as \(String(describing: properties))")
            }
        }
    }

    // MARK: - Real pages

    /// The "Engineering" row of the sample workspace's Topics database: every common property type.
    @Test func sampleTopicPage() throws {
        let page = try Self.samplePage("pages/topics/engineering.json")
        let posts = (0x27...0x42).map { PageID(String(format: "ba9e0000-0000-8000-8000-%012x", $0))! }
        var resolver = StubResolver()
        for (index, post) in posts.enumerated() where index < 3 {
            resolver.targets[post.id] = LinkTarget(href: "../blog/post-\(index + 1).md", title: "Post \(index + 1)")
        }
        resolver.assets["files/images/architecture-diagram.png"] = "assets/architecture-diagram.png"
        let (text, warnings) = Self.yaml(page, resolver: resolver)
        let unresolved = posts.dropFirst(3).map { "  - https://www.notion.so/\($0.id.compact)\n" }.joined()
        #expect(text == """
            ---
            title: Engineering
            notion_id: ba9e0000-0000-8000-8000-000000000043
            notion_url: https://www.notion.so/Engineering-ba9e0000000080008000000000000043
            created_time: 2025-09-01T12:00:00.000Z
            last_edited_time: 2025-09-01T12:00:00.000Z
            properties:
              Area: Tech
              Assets:
              - assets/architecture-diagram.png
              - name: Style guide
                url: https://acme.example/brand/style-guide.pdf
              Created: 2025-09-01T12:00:00.000Z
              Created by: Yuki Tanaka
              Display name: ⭐ Engineering
              Docs: https://acme.example/topics/engineering
              Edited: 2025-09-01T12:00:00.000Z
              Featured: true
              Hotline: +49 30 1234567
              Owner email: jonas.weber@acme.example
              Post count: 28
              Posts:
              - ../blog/post-1.md
              - ../blog/post-2.md
              - ../blog/post-3.md

            """ + unresolved + """
              Topic ID: TOP-1
              Weight: 5
            ---

            """)
        #expect(warnings.count == posts.count - 3)
        #expect(warnings.allSatisfy { $0.kind == .unresolvedLink })
    }

    /// Every page of the sample workspace: the front matter reads back with its title, and holds
    /// every property but the title.
    @Test func everySamplePageReadsBack() throws {
        let files = try #require(FileManager.default.enumerator(at: Fixtures.sampleWorkspace.appendingPathComponent("pages"), includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
        #expect(files.count > 50)
        for file in files {
            let json = try JSONValue(data: Data(contentsOf: file))
            guard let pageJSON = json["page"], pageJSON["created_by"] != nil else { continue }
            let page = try pageJSON.decode(Page.self)
            let value = try YAMLValue(frontMatter: Self.yaml(page, resolver: StubResolver()).text)
            #expect(value["title"] == .string(page.title?.plainText ?? ""), "\(file.lastPathComponent)")
            guard case .map(let properties)? = value["properties"] else { continue }
            #expect(properties.count == page.properties.count - 1, "\(file.lastPathComponent)")
        }
    }

    /// Every page object in the recorded Notion traffic gives front matter that reads back.
    @Test func recordedPagesReadBack() throws {
        var count = 0
        for cassette in try Cassette.all() {
            for interaction in cassette.interactions where interaction.apiPath != nil && interaction.status == 200 {
                guard let json = try? JSONValue(string: interaction.responseBody) else { continue }
                let candidates: [JSONValue] = if case .array(let results)? = json["results"] { results } else { [json] }
                for candidate in candidates where candidate["object"] == .string("page") {
                    let page = try candidate.decode(Page.self)
                    let value = try YAMLValue(frontMatter: Self.yaml(page, resolver: StubResolver()).text)
                    #expect(value["notion_id"] == .string(page.id.rawValue), "\(cassette.name)")
                    #expect(value["title"] == .string(page.title?.plainText ?? ""), "\(cassette.name)")
                    count += 1
                }
            }
        }
        #expect(count > 10)
    }

    static func samplePage(_ path: String) throws -> Page {
        let json = try JSONValue(data: Data(contentsOf: Fixtures.sampleWorkspace.appendingPathComponent(path)))
        return try #require(json["page"]).decode(Page.self)
    }
}
