@testable import Export
import Foundation
import NotionAPI
import NotionMarkdown
import NotionModel
import Testing

@Suite struct ExportLayoutTests {
    // MARK: Slugs

    @Test(arguments: [
        ("Engineering Handbook", "engineering-handbook"),
        ("ADR-001: Use SQLite for the local cache", "adr-001-use-sqlite-for-the-local-cache"),
        (#"Q&A: "Why / how?" #1 ../notes"#, "q-a-why-how-1-notes"),
        ("Mara's Scratchpad", "maras-scratchpad"),
        ("Our On-call Rotation, Explained", "our-on-call-rotation-explained"),
        ("Offsite Planning — Lisbon 2026", "offsite-planning-lisbon-2026"),
        ("../x", "x"),
        ("../../etc/passwd", "etc-passwd"),
        ("/", "untitled"),
        ("a/b", "a-b"),
        (#"a\b:c*d?e"f<g>h|i"#, "a-b-c-d-e-f-g-h-i"),
        (".hidden", "hidden"),
        ("..", "untitled"),
        ("...", "untitled"),
        ("", "untitled"),
        ("   ", "untitled"),
        ("🎉🎉🎉", "untitled"),
        ("👍🏽", "untitled"),
        ("1️⃣ First", "1-first"),
        ("  spaced   out.  ", "spaced-out"),
        ("trailing dot.", "trailing-dot"),
        ("tab\tnew\nline\u{0}nul\u{7F}del\u{1B}esc", "tab-new-line-nul-del-esc"),
        ("zero\u{200B}width\u{200F}marks", "zerowidthmarks"),
        ("CON", "con"),
        ("con.txt", "con-txt"),
        ("Grüße aus Köln", "grusse-aus-koln"),
        ("Ærøskøbing Ålborg Łódź", "aeroskobing-alborg-lodz"),
        ("e\u{301}te\u{301} (decomposed)", "ete-decomposed"),
        ("İstanbul", "istanbul"),
        ("Tiếng Việt", "tieng-viet"),
        ("Internationalization: Grüße, こんにちは, مرحبا, שלום", "internationalization-grusse-こんにちは-مرحبا-שלום"),
        ("Привет, Мир!", "привет-мир"),
        ("ばびぶべぼ", "ばびぶべぼ"),
        ("ＦＵＬＬ ｗｉｄｔｈ", "full-width"),
        ("ﬁle № ½", "file-no-1-2"),
        ("Unicode, Emoji and You 🎉", "unicode-emoji-and-you"),
        ("C++ & C# — 2026", "c-c-2026"),
        ("snake_case_title", "snake-case-title"),
    ])
    func slugs(title: String, expected: String) {
        #expect(FileName.slug(title) == expected)
    }

    @Test func slugsAreCappedAt80BytesOnACharacterBoundary() {
        #expect(FileName.slug(String(repeating: "a", count: 300)) == String(repeating: "a", count: 80))
        // 3-byte characters: 26 fit (78 bytes), the 27th would make 81.
        let japanese = String(repeating: "日本語", count: 40)
        #expect(FileName.slug(japanese) == String(japanese.prefix(26)))
        #expect(FileName.slug(japanese).utf8.count == 78)
        // A 2-byte letter at the edge: é becomes e (1 byte) and fits; ß becomes ss.
        #expect(FileName.slug(String(repeating: "a", count: 79) + "é") == String(repeating: "a", count: 79) + "e")
        #expect(FileName.slug(String(repeating: "a", count: 79) + "日") == String(repeating: "a", count: 79))
        #expect(FileName.slug(String(repeating: "a", count: 79) + "ß") == String(repeating: "a", count: 79) + "s")
        // A separator left at the cut is dropped.
        #expect(FileName.slug(String(repeating: "a", count: 79) + " bbb") == String(repeating: "a", count: 79))
        // A word the cut would split goes when an earlier word ends in the second half…
        let words = String(repeating: "word ", count: 20)  // "word-" is 5 bytes: the cut falls after "word-…-word"
        #expect(FileName.slug(words) == Array(repeating: "word", count: 16).joined(separator: "-"))
        let split = String(repeating: "a", count: 50) + " " + String(repeating: "b", count: 50)
        #expect(FileName.slug(split) == String(repeating: "a", count: 50))
        // …and stays when that would leave less than half.
        let early = String(repeating: "a", count: 30) + " " + String(repeating: "b", count: 70)
        #expect(FileName.slug(early) == String(repeating: "a", count: 30) + "-" + String(repeating: "b", count: 49))
        // 4-byte letters (CJK extension B) and a mark-carrying grapheme are never split.
        let wide = String(repeating: "𠀋", count: 30)
        #expect(FileName.slug(wide) == String(repeating: "𠀋", count: 20))
        let devanagari = String(repeating: "कि", count: 20)  // 2 scalars, 6 bytes per character
        #expect(FileName.slug(devanagari) == String(repeating: "कि", count: 13))
    }

    // MARK: Hostile titles, through the layout

    /// Titles that must not escape the output folder or break on any file system, each with the
    /// exact file it gets (siblings at the top level; ids `ba9e…00NN`).
    static let hostile: [(title: String, path: String)] = [
        ("../x", "x.md"),
        ("../../../../etc/passwd", "etc-passwd.md"),
        ("/", "untitled-00000003.md"),
        ("a/b", "a-b.md"),
        (".hidden", "hidden.md"),
        ("..", "untitled-00000006.md"),
        ("CON", "con-00000007.md"),
        ("prn.txt", "prn-txt.md"),
        ("Aux", "aux-00000009.md"),
        ("nul", "nul-0000000a.md"),
        ("COM1", "com1-0000000b.md"),
        ("lpt9", "lpt9-0000000c.md"),
        ("COM¹", "com1-0000000d.md"),
        ("Assets", "assets-0000000e.md"),
        ("index", "index-0000000f.md"),
        (String(repeating: "Long title ", count: 30), "long-title-long-title-long-title-long-title-long-title-long-title-long-title.md"),
        ("🎉🎉", "untitled-00000011.md"),
        (#"C:\Windows\System32"#, "c-windows-system32.md"),
        ("<script>alert(1)</script>", "script-alert-1-script.md"),
        ("%2e%2e%2fescape", "2e-2e-2fescape.md"),
        ("~user", "user.md"),
        ("", "untitled-00000016.md"),
    ]

    @Test func hostileTitlesStayInsideTheOutputFolder() throws {
        let pages = Self.hostile.enumerated().map { Make.page(Make.id($0.offset + 1), $0.element.title) }
        let layout = ExportLayout(Make.workspace(pages))
        for (offset, item) in Self.hostile.enumerated() {
            let path = try #require(layout.path(of: Make.id(offset + 1)))
            #expect(path == item.path, "\(item.title)")
            Self.expectSafe(path)
        }
    }

    /// Relative, no `.`/`..`/empty component, nothing Windows, macOS or Linux refuses, short names.
    static func expectSafe(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!path.hasPrefix("/"), sourceLocation: sourceLocation)
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            let name = String(component)
            #expect(!name.isEmpty && name != "." && name != "..", "\(path)", sourceLocation: sourceLocation)
            #expect(!name.hasPrefix(".") && !name.hasPrefix(" "), "\(path)", sourceLocation: sourceLocation)
            #expect(!name.hasSuffix(".") && !name.hasSuffix(" "), "\(path)", sourceLocation: sourceLocation)
            #expect(!name.contains { #"/\:*?"<>|"#.contains($0) }, "\(path)", sourceLocation: sourceLocation)
            #expect(!name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(path)", sourceLocation: sourceLocation)
            #expect(!FileName.isWindowsDeviceName(name), "\(path)", sourceLocation: sourceLocation)
            #expect(name.utf8.count <= 120, "\(path)", sourceLocation: sourceLocation)
            #expect(name == name.precomposedStringWithCanonicalMapping, "\(path)", sourceLocation: sourceLocation)
        }
        let resolved = URL(fileURLWithPath: "/out/" + path).standardizedFileURL.path
        #expect(resolved.hasPrefix("/out/"), sourceLocation: sourceLocation)
    }

    @Test(arguments: ["con", "CON", "Con.md", "nul.tar.gz", "com9", "LPT1", "conin$"])
    func windowsDeviceNames(name: String) {
        #expect(FileName.isWindowsDeviceName(name))
    }

    @Test(arguments: ["console", "com10", "lpt0", "con-txt", "icon", "com", "nul-1"])
    func notWindowsDeviceNames(name: String) {
        #expect(!FileName.isWindowsDeviceName(name))
    }

    // MARK: Collisions

    @Test func siblingsThatCollideIgnoringCaseAllGetTheirIdSuffix() {
        let parent = Make.page(Make.id(1), "Parent")
        let children = [(2, "Notes"), (3, "notes"), (4, "NOTES!"), (5, "Other"), (6, "Grüße"), (7, "grusse")].map {
            Make.page(Make.id($0.0), $0.1, parent: .page(PageID(Make.id(1))))
        }
        let layout = ExportLayout(Make.workspace([parent] + children))
        #expect(layout.entries.map(\.path) == [
            "parent.md",
            "parent/grusse-00000006.md",
            "parent/grusse-00000007.md",
            "parent/notes-00000002.md",
            "parent/notes-00000003.md",
            "parent/notes-00000004.md",
            "parent/other.md",
        ])
    }

    @Test func aPageAndADatabaseShareTheirFolder() {
        let home = Make.page(Make.id(1), "Home")
        let page = Make.page(Make.id(2), "Blog", parent: .page(PageID(Make.id(1))))
        let database = Make.database(Make.id(3, "dbdb"), "blog", parent: .page(PageID(Make.id(1))))
        let layout = ExportLayout(Make.workspace([home, page], tables: [database]))
        #expect(layout.path(of: Make.id(2)) == "home/blog-00000002.md")
        #expect(layout.path(of: Make.id(3, "dbdb")) == "home/blog-00000003.md")
    }

    @Test func theSameTitleInDifferentFoldersKeepsItsName() {
        let pages = [
            Make.page(Make.id(1), "A"), Make.page(Make.id(2), "B"),
            Make.page(Make.id(3), "Notes", parent: .page(PageID(Make.id(1)))),
            Make.page(Make.id(4), "Notes", parent: .page(PageID(Make.id(2)))),
            // Reserved names apply at the top level only.
            Make.page(Make.id(5), "Assets", parent: .page(PageID(Make.id(2)))),
            Make.page(Make.id(6), "Index", parent: .page(PageID(Make.id(2)))),
        ]
        #expect(ExportLayout(Make.workspace(pages)).entries.map(\.path) == ["a.md", "a/notes.md", "b.md", "b/assets.md", "b/index.md", "b/notes.md"])
    }

    @Test func aSuffixedNameThatMeetsAnotherTitleTakesTheWholeId() {
        let pages = [
            Make.page(Make.id(1), "A"), Make.page(Make.id(2), "a"),
            Make.page(Make.id(3), "a-00000001"),  // a title that is the first page's suffixed name
        ]
        let layout = ExportLayout(Make.workspace(pages))
        #expect(layout.path(of: Make.id(1)) == "a-ba9e0000000080008000000000000001.md")
        #expect(layout.path(of: Make.id(2)) == "a-00000002.md")
        #expect(layout.path(of: Make.id(3)) == "a-00000001-ba9e0000000080008000000000000003.md")
    }

    @Test func idsThatShareTheirLast8DigitsStillGetDistinctNames() throws {
        let first = try #require(NotionID("11110000-0000-8000-8000-0000cafe0001"))
        let second = try #require(NotionID("22220000-0000-8000-8000-0000cafe0001"))
        let layout = ExportLayout(Make.workspace([Make.page(first, "Same"), Make.page(second, "Same")]))
        #expect(layout.path(of: first) == "same-111100000000800080000000cafe0001.md")
        #expect(layout.path(of: second) == "same-222200000000800080000000cafe0001.md")
    }

    @Test func theLayoutDoesNotDependOnTheOrderOfTheFetch() {
        let pages = (1...12).map { n in
            Make.page(Make.id(n), n % 3 == 0 ? "Same" : "Page \(n % 4)", parent: n > 4 ? .page(PageID(Make.id(n % 4 + 1))) : .workspace)
        }
        let reference = ExportLayout(Make.workspace(pages)).entries
        var generator = SplitMix64(seed: 42)
        for _ in 0..<5 {
            #expect(ExportLayout(Make.workspace(pages.shuffled(using: &generator))).entries == reference)
        }
    }

    // MARK: Parents

    @Test func parentsDecideFolders() {
        let root = Make.id(1)
        let columnList = Make.id(0x10, "b10c"), column = Make.id(0x11, "b10c"), toggle = Make.id(0x12, "b10c")
        let inner = Make.id(0x13, "b10c")
        let home = Make.page(root, "Home", blocks: [
            Make.block(columnList, .columnList, children: [
                Make.block(column, .column(Column(widthRatio: 0.5)), children: [
                    Make.block(toggle, .toggle(TextBlock(richText: [.text("More")])), children: [Make.paragraph(inner)]),
                ]),
            ]),
        ])
        let database = Make.id(1, "dbdb"), source = Make.id(1, "d5d5")
        let pages = [
            home,
            Make.page(Make.id(2), "Child", parent: .page(PageID(root))),
            Make.page(Make.id(3), "In a column", parent: .block(BlockID(column))),
            Make.page(Make.id(4), "In a toggle in a column", parent: .block(BlockID(inner))),
            Make.page(Make.id(5), "Grandchild", parent: .page(PageID(Make.id(2)))),
            Make.page(Make.id(6), "Row", parent: .dataSource(DataSourceID(source), databaseID: DatabaseID(database))),
            Make.page(Make.id(7), "Parent not exported", parent: .page(PageID(Make.id(0x99)))),
            Make.page(Make.id(8), "Block not exported", parent: .block(BlockID(Make.id(0x99, "b10c")))),
            Make.page(Make.id(9), "Unknown parent", parent: .unknown(type: "agent_id", .null)),
            Make.page(Make.id(10), "Row of a database not exported", parent: .database(DatabaseID(Make.id(0x99, "dbdb")))),
        ]
        let tables = [Make.dataSource(source, of: database, "Tasks", databaseParent: .block(BlockID(toggle)), rows: [Make.id(6)])]
        let layout = ExportLayout(Make.workspace(pages, tables: tables))
        #expect(layout.entries.map(\.path) == [
            "block-not-exported.md",
            "home.md",
            "home/child.md",
            "home/child/grandchild.md",
            "home/in-a-column.md",
            "home/in-a-toggle-in-a-column.md",
            "home/tasks.md",
            "home/tasks/row.md",
            "parent-not-exported.md",
            "row-of-a-database-not-exported.md",
            "unknown-parent.md",
        ])
        #expect(layout.entry(database)?.kind == .database)
        #expect(layout.entry(database)?.title == "Tasks")
        #expect(layout.path(of: source) == "home/tasks.md")  // a data source names its database
        #expect(layout.page(containing: BlockID(inner)) == PageID(root))
        #expect(layout.entry(database)?.folder == "home/tasks")
    }

    @Test func rowsOfEveryDataSourceShareTheDatabasesFolder() {
        let database = Make.id(1, "dbdb")
        let sourceA = Make.id(1, "d5d5"), sourceB = Make.id(2, "d5d5")
        let home = Make.page(Make.id(1), "Home")
        let rows = [
            Make.page(Make.id(2), "Launch", parent: .dataSource(DataSourceID(sourceA), databaseID: DatabaseID(database))),
            Make.page(Make.id(3), "Launch", parent: .dataSource(DataSourceID(sourceB), databaseID: DatabaseID(database))),
            Make.page(Make.id(4), "Retro", parent: .dataSource(DataSourceID(sourceB), databaseID: nil)),
        ]
        var withDatabase = Make.dataSource(sourceB, of: database, "Past projects", databaseParent: .page(PageID(Make.id(1))), rows: [Make.id(3), Make.id(4)])
        withDatabase.database = Make.database(database, "Projects", parent: .page(PageID(Make.id(1)))).database
        let tables = [
            Make.dataSource(sourceA, of: database, "Current projects", databaseParent: .page(PageID(Make.id(1))), rows: [Make.id(2)]),
            withDatabase,
        ]
        let layout = ExportLayout(Make.workspace([home] + rows, tables: tables))
        #expect(layout.entries.map(\.path) == [
            "home.md", "home/projects.md", "home/projects/launch-00000002.md", "home/projects/launch-00000003.md", "home/projects/retro.md",
        ])
        #expect(layout.path(of: sourceA) == "home/projects.md")
        #expect(layout.path(of: sourceB) == "home/projects.md")
    }

    @Test func aDatabaseKnownOnlyByItsDataSourcesTakesTheFirstOnesTitle() {
        let database = Make.id(1, "dbdb")
        let tables = [
            Make.dataSource(Make.id(2, "d5d5"), of: database, "Second", databaseParent: .workspace),
            Make.dataSource(Make.id(1, "d5d5"), of: database, "First", databaseParent: .workspace),
        ]
        #expect(ExportLayout(Make.workspace([], tables: tables)).entries.map(\.path) == ["first.md"])
    }

    @Test func rowsOfA2022DatabaseGoInItsFolder() {
        let database = Make.id(1, "dbdb")
        let pages = [Make.page(Make.id(1), "Post", parent: .database(DatabaseID(database)))]
        let layout = ExportLayout(Make.workspace(pages, tables: [Make.database(database, "Blog", parent: .workspace, rows: [Make.id(1)])]))
        #expect(layout.entries.map(\.path) == ["blog.md", "blog/post.md"])
    }

    @Test func aParentLoopIsBrokenAtItsSmallestId() {
        let pages = [
            Make.page(Make.id(3), "C", parent: .page(PageID(Make.id(2)))),
            Make.page(Make.id(2), "B", parent: .page(PageID(Make.id(1)))),
            Make.page(Make.id(1), "A", parent: .page(PageID(Make.id(3)))),
            Make.page(Make.id(4), "Self", parent: .page(PageID(Make.id(4)))),
        ]
        #expect(ExportLayout(Make.workspace(pages)).entries.map(\.path) == ["a.md", "a/b.md", "a/b/c.md", "self.md"])
    }

    @Test func aBlockInASyncedCopyBelongsToThePageOfItsOriginal() {
        let original = Make.id(0x20, "b10c"), heading = Make.id(0x21, "b10c")
        let synced = Make.block(original, .syncedBlock(SyncedBlock(syncedFrom: nil)), children: [Make.heading(heading, "Shared")])
        let copy = Make.block(Make.id(0x30, "b10c"), .syncedBlock(SyncedBlock(syncedFrom: BlockID(original))),
                              children: [Make.heading(heading, "Shared")])
        // The page holding the copy sorts first; the original's page still owns the block.
        let layout = ExportLayout(Make.workspace([Make.page(Make.id(1), "Copy", blocks: [copy]), Make.page(Make.id(2), "Original", blocks: [synced])]))
        #expect(layout.page(containing: BlockID(heading)) == PageID(Make.id(2)))
        #expect(layout.page(containing: BlockID(original)) == PageID(Make.id(2)))
        // The copy's page shows the heading too, so it has an anchor there.
        #expect(layout.anchor(of: BlockID(heading), in: PageID(Make.id(1))) == "shared")
        // Without the original's page, the copy's page holds it.
        let alone = ExportLayout(Make.workspace([Make.page(Make.id(1), "Copy", blocks: [copy])]))
        #expect(alone.page(containing: BlockID(heading)) == PageID(Make.id(1)))
    }

    // MARK: Relative paths and links

    @Test(arguments: [
        ("a/b/c.md", "a/d/e.md", "../d/e.md"),
        ("a/b/c.md", "a/b/d.md", "d.md"),
        ("a/b/c.md", "a/b/c/d.md", "c/d.md"),
        ("x.md", "x/y.md", "x/y.md"),
        ("x/y.md", "x.md", "../x.md"),
        ("x/y/z.md", "q.md", "../../q.md"),
        ("x/y.md", "x/y.md", "y.md"),
        ("top.md", "assets/ab/diagram.png", "assets/ab/diagram.png"),
        ("a/b/c.md", "assets/ab/diagram.png", "../../assets/ab/diagram.png"),
        ("assets.md", "assets/x.png", "assets/x.png"),
        ("a/assets.md", "assets/x.png", "../assets/x.png"),
    ])
    func relativePaths(from: String, to: String, expected: String) {
        #expect(ExportLayout.relativePath(fromDocument: from, to: to) == expected)
    }

    @Test func linksArePercentEncodedWhereAURLNeedsIt() {
        #expect(ExportLayout.link(fromDocument: "a/b.md", to: "assets/f g#1?.png", fragment: nil) == "../assets/f%20g%231%3F.png")
        #expect(ExportLayout.link(fromDocument: "a.md", to: "assets/100%.png", fragment: nil) == "assets/100%25.png")
        #expect(ExportLayout.link(fromDocument: "a.md", to: "b/c:d.md", fragment: nil) == "b/c%3Ad.md")
        #expect(ExportLayout.link(fromDocument: "a.md", to: "b/(draft) [1].md", fragment: nil) == "b/(draft)%20%5B1%5D.md")
        #expect(ExportLayout.link(fromDocument: "a.md", to: "b/日本語.md", fragment: "見出し") == "b/日本語.md#見出し")
        #expect(ExportLayout.link(fromDocument: "a.md", to: "b/nbsp\u{A0}here.md", fragment: nil) == "b/nbsp%C2%A0here.md")
        #expect(ExportLayout.link(fromDocument: "a/b.md", to: "a/b.md", fragment: "intro") == "#intro")
        #expect(ExportLayout.link(fromDocument: "a/b.md", to: "a/b.md", fragment: nil) == "b.md")
        #expect(ExportLayout.link(fromDocument: "a/b.md", to: "c.md", fragment: "") == "../c.md")
    }

    @Test func relativeLinksBetweenEntries() {
        let pages = [
            Make.page(Make.id(1), "Home"),
            Make.page(Make.id(2), "Blog", parent: .page(PageID(Make.id(1)))),
            Make.page(Make.id(3), "Post One", parent: .page(PageID(Make.id(2)))),
            Make.page(Make.id(4), "Other Root"),
        ]
        let layout = ExportLayout(Make.workspace(pages))
        #expect(layout.relativeLink(from: Make.id(3), to: Make.id(4)) == "../../other-root.md")
        #expect(layout.relativeLink(from: Make.id(4), to: Make.id(3), fragment: "setup") == "home/blog/post-one.md#setup")
        #expect(layout.relativeLink(from: Make.id(2), to: Make.id(3)) == "blog/post-one.md")
        #expect(layout.relativeLink(from: Make.id(3), to: Make.id(2)) == "../blog.md")
        #expect(layout.relativeLink(from: Make.id(3), to: Make.id(3), fragment: "a") == "#a")
        #expect(layout.relativeLink(from: Make.id(3), to: Make.id(0x99)) == nil)
        #expect(layout.relativePath(fromDocument: "home/blog/post-one.md", to: "assets/x.png") == "../../assets/x.png")
    }

    // MARK: Heading anchors

    @Test(arguments: [
        ("Hello World", "hello-world"),
        ("What's new? (2026)", "whats-new-2026"),
        ("C++ & C#", "c--c"),
        ("🎉 Launch", "-launch"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Grüße, こんにちは!", "grüße-こんにちは"),
        ("Привет Мир", "привет-мир"),
        ("Step 1: Install", "step-1-install"),
        ("  Padded  ", "padded"),
        ("a  b", "a--b"),
        ("100% done.", "100-done"),
    ])
    func headingSlugs(text: String, expected: String) {
        var anchors = HeadingAnchors()
        #expect(anchors.next(text) == expected)
    }

    @Test func duplicateHeadingsAreNumberedInDocumentOrder() {
        var anchors = HeadingAnchors()
        let texts = ["Notes", "Notes", "Notes-1", "notes", "Other", "Notes"]
        #expect(texts.map { anchors.next($0) } == ["notes", "notes-1", "notes-1-1", "notes-2", "other", "notes-3"])
    }

    @Test func anchorsOfAPageFollowTheDocument() {
        let b = { Make.id($0, "b10c") }
        let blocks = [
            Make.heading(b(1), "Intro", level: 1),
            Make.paragraph(b(2)),
            Make.heading(b(3), "Details", level: 2),
            Make.block(b(4), .toggle(TextBlock(richText: [.text("More")])), children: [Make.heading(b(5), "Details", level: 3)]),
            Make.heading(b(6), "Details", level: 2, toggleable: true, children: [Make.heading(b(7), "Details", level: 4)]),
            Make.heading(b(8), "🎉", level: 2),
            Make.heading(b(9), "Intro", level: 4),
        ]
        let page = PageID(Make.id(1))
        let layout = ExportLayout(Make.workspace([Make.page(page.id, "Doc", blocks: blocks)]))
        let anchors = (1...9).map { layout.anchor(of: BlockID(b($0)), in: page) }
        #expect(anchors == ["intro", nil, "details", nil, "details-1", nil, "details-2", nil, "intro-1"])
        #expect(layout.anchor(of: BlockID(b(1)), in: PageID(Make.id(2))) == nil)
    }

    // MARK: The sample workspace

    @Test func theSampleWorkspaceLayout() async throws {
        let layout = try await SampleWorkspace.layout()
        #expect(layout.entries.map(\.path) == Self.samplePaths)
        for entry in layout.entries { Self.expectSafe(entry.path) }
        #expect(Set(layout.entries.map { $0.path.lowercased() }).count == layout.entries.count)
        let blog = try #require(layout.entry(Make.id(1, "dbdb")))
        #expect(blog.kind == .database)
        #expect(layout.path(of: Make.id(1, "d5d5")) == blog.path)
        #expect(layout.path(of: Make.id(0x26)) == nil)  // not shared with the integration
    }

    /// 71 pages (the unshared HR page is not fetched) and 2 databases; Blog and Topics hold their rows.
    static let samplePaths: [String] = [
        "acme-home.md",
        "acme-home/company.md",
        "acme-home/company/internationalization-grusse-こんにちは-مرحبا-שלום.md",
        "acme-home/company/team-directory.md",
        "acme-home/company/why-we-write-things-down.md",
        "acme-home/engineering-handbook.md",
        "acme-home/engineering-handbook/architecture.md",
        "acme-home/engineering-handbook/architecture/adr-001-use-sqlite-for-the-local-cache.md",
        "acme-home/engineering-handbook/architecture/adr-002-markdown-as-the-interchange-format.md",
        "acme-home/engineering-handbook/architecture/system-overview.md",
        "acme-home/engineering-handbook/coding-standards.md",
        "acme-home/engineering-handbook/coding-standards/code-review-guidelines.md",
        "acme-home/engineering-handbook/coding-standards/formatting-cheatsheet.md",
        "acme-home/engineering-handbook/coding-standards/swift-style-guide.md",
        "acme-home/engineering-handbook/onboarding.md",
        "acme-home/engineering-handbook/onboarding/dev-environment-setup.md",
        "acme-home/engineering-handbook/onboarding/dev-environment-setup/linux-workstation-notes.md",
        "acme-home/engineering-handbook/onboarding/first-week-checklist.md",
        "acme-home/engineering-handbook/runbooks.md",
        "acme-home/engineering-handbook/runbooks/incident-response.md",
        "acme-home/engineering-handbook/runbooks/on-call-handbook.md",
        "acme-home/engineering-handbook/runbooks/release-process.md",
        "acme-home/marketing.md",
        "acme-home/marketing/blog.md",
        "acme-home/marketing/blog/a-tour-of-our-ci-pipeline.md",
        "acme-home/marketing/blog/backups-you-can-actually-restore.md",
        "acme-home/marketing/blog/building-a-notion-api-emulator.md",
        "acme-home/marketing/blog/designing-error-messages.md",
        "acme-home/marketing/blog/designing-for-offline-first.md",
        "acme-home/marketing/blog/draft-pricing-page-experiments.md",
        "acme-home/marketing/blog/handling-rate-limits-gracefully.md",
        "acme-home/marketing/blog/hello-world-introducing-the-acme-blog.md",
        "acme-home/marketing/blog/how-we-export-notion-to-markdown.md",
        "acme-home/marketing/blog/linux-first-why-our-tools-run-everywhere.md",
        "acme-home/marketing/blog/migrating-to-swiftpm.md",
        "acme-home/marketing/blog/our-incident-review-culture.md",
        "acme-home/marketing/blog/our-on-call-rotation-explained.md",
        "acme-home/marketing/blog/pagination-patterns-in-rest-apis.md",
        "acme-home/marketing/blog/postmortem-the-january-sync-outage.md",
        "acme-home/marketing/blog/rich-text-is-harder-than-it-looks.md",
        "acme-home/marketing/blog/roadmap-preview-2026.md",
        "acme-home/marketing/blog/security-at-acme-a-primer.md",
        "acme-home/marketing/blog/shipping-weekly-without-drama.md",
        "acme-home/marketing/blog/static-sites-from-notion-pages.md",
        "acme-home/marketing/blog/swift-6-concurrency-in-practice.md",
        "acme-home/marketing/blog/tables-in-markdown-a-survey.md",
        "acme-home/marketing/blog/ten-markdown-edge-cases-that-bit-us.md",
        "acme-home/marketing/blog/testing-against-recorded-http.md",
        "acme-home/marketing/blog/unicode-emoji-and-you.md",
        "acme-home/marketing/blog/what-we-learned-from-dogfooding.md",
        "acme-home/marketing/blog/writing-good-adrs.md",
        "acme-home/marketing/blog/year-in-review-2025.md",
        "acme-home/marketing/topics.md",
        "acme-home/marketing/topics/company-news.md",
        "acme-home/marketing/topics/design.md",
        "acme-home/marketing/topics/engineering.md",
        "acme-home/marketing/topics/product.md",
        "acme-home/marketing/topics/security.md",
        "acme-home/marketing/topics/tutorials.md",
        "acme-home/meeting-notes.md",
        "acme-home/meeting-notes/2026-01-12-weekly-sync.md",
        "acme-home/meeting-notes/2026-01-19-weekly-sync.md",
        "acme-home/meeting-notes/offsite-planning-lisbon-2026.md",
        "acme-home/product.md",
        "acme-home/product/changelog.md",
        "acme-home/product/q-a-why-how-1-notes.md",
        "acme-home/product/roadmap-2026.md",
        "acme-home/product/roadmap-2026/q1-planning.md",
        "acme-home/product/roadmap-2026/q2-planning.md",
        "acme-home/product/specs.md",
        "acme-home/product/specs/spec-export-to-markdown.md",
        "acme-home/product/specs/spec-offline-mode.md",
        "maras-scratchpad.md",
    ]
}

