import Export
import NotionMarkdown
import NotionModel
import Testing

@Suite struct LinkResolverTests {
    static func b(_ n: Int) -> NotionID { Make.id(n, "b10c") }

    /// Home / Guide (headings) / Setup; Home / Tasks (database) / Row; Other at the top level.
    static let layout: ExportLayout = {
        let home = Make.id(1), guide = Make.id(2), setup = Make.id(3), other = Make.id(4), row = Make.id(5)
        let database = Make.id(1, "dbdb"), source = Make.id(1, "d5d5")
        let pages = [
            Make.page(home, "Home"),
            Make.page(guide, "Guide", parent: .page(PageID(home)), blocks: [
                Make.heading(b(1), "Install"),
                Make.paragraph(b(2)),
                Make.heading(b(3), "Install"),
                Make.heading(b(4), "Überblick & FAQ"),
            ]),
            Make.page(setup, "", parent: .page(PageID(guide))),
            Make.page(other, "Other page"),
            Make.page(row, "Row", parent: .dataSource(DataSourceID(source), databaseID: DatabaseID(database))),
        ]
        let tables = [Make.dataSource(source, of: database, "Tasks", databaseParent: .page(PageID(home)), rows: [row])]
        return ExportLayout(Make.workspace(pages, tables: tables))
    }()

    static func resolver(_ document: NotionID, assets: [String: String] = [:], users: [UserID: String] = [:]) -> LinkResolver {
        LinkResolver(layout: layout, document: document, assets: assets, users: users)
    }

    @Test func targetsAreRelativeToTheDocument() {
        let fromSetup = Self.resolver(Make.id(3))  // home/guide/untitled.md
        #expect(fromSetup.target(of: Make.id(4)) == LinkTarget(href: "../../other-page.md", title: "Other page"))
        #expect(fromSetup.target(of: Make.id(2)) == LinkTarget(href: "../guide.md", title: "Guide"))
        #expect(fromSetup.target(of: Make.id(1, "dbdb")) == LinkTarget(href: "../tasks.md", title: "Tasks"))
        #expect(fromSetup.target(of: Make.id(1, "d5d5")) == LinkTarget(href: "../tasks.md", title: "Tasks"))
        #expect(fromSetup.target(of: Make.id(5))?.href == "../tasks/row.md")
        #expect(Self.resolver(Make.id(4)).target(of: Make.id(3)) == LinkTarget(href: "home/guide/untitled.md", title: "Untitled"))
        #expect(fromSetup.target(of: Make.id(0x99)) == nil)
        // A document outside the layout links from the top level.
        #expect(Self.resolver(Make.id(0x99)).target(of: Make.id(5))?.href == "home/tasks/row.md")
    }

    @Test func aBlockTargetIsItsPageWithTheHeadingsAnchor() {
        let fromOther = Self.resolver(Make.id(4))
        #expect(fromOther.target(of: Self.b(1)) == LinkTarget(href: "home/guide.md#install", title: "Guide"))
        #expect(fromOther.target(of: Self.b(3))?.href == "home/guide.md#install-1")
        #expect(fromOther.target(of: Self.b(4))?.href == "home/guide.md#überblick--faq")
        #expect(fromOther.target(of: Self.b(2))?.href == "home/guide.md")  // not a heading
        #expect(Self.resolver(Make.id(2)).target(of: Self.b(3))?.href == "#install-1")
    }

    @Test func notionHrefsToTheExportBecomeRelativeLinks() {
        let fromRow = Self.resolver(Make.id(5))  // home/tasks/row.md
        let guide = Make.id(2).compact
        #expect(fromRow.rewrite(href: "https://www.notion.so/acme/Guide-\(guide)") == ("../guide.md", true))
        #expect(fromRow.rewrite(href: "/\(guide)#\(Self.b(3).compact)") == ("../guide.md#install-1", true))
        #expect(fromRow.rewrite(href: "https://acme.notion.site/Guide-\(guide)?pvs=4#\(Self.b(2).compact)") == ("../guide.md", true))
        // A block of another page than the one named: the page named.
        #expect(fromRow.rewrite(href: "/\(guide)#\(Make.id(0x77, "b10c").compact)") == ("../guide.md", true))
        // Notion's `/<block id>`: the page holding it.
        #expect(fromRow.rewrite(href: "/\(Self.b(1).compact)") == ("../guide.md#install", true))
        #expect(fromRow.rewrite(href: "https://app.notion.com/p/\(Make.id(1, "dbdb").compact)?v=abc") == ("../tasks.md", true))
        #expect(fromRow.rewrite(href: "https://www.notion.so/\(Make.id(5).compact)") == ("row.md", true))
    }

    @Test func notionHrefsOutsideTheExportKeepACanonicalNotionURL() {
        let resolver = Self.resolver(Make.id(1))
        let outside = Make.id(0x26).compact
        #expect(resolver.rewrite(href: "https://acme.notion.site/HR-Salary-Bands-\(outside)?pvs=4") == ("https://www.notion.so/\(outside)", false))
        #expect(resolver.rewrite(href: "/\(outside)#\(Self.b(1).compact)") == ("https://www.notion.so/\(outside)#\(Self.b(1).compact)", false))
    }

    @Test func otherHrefsAreUnchanged() {
        let resolver = Self.resolver(Make.id(1))
        for href in ["https://example.com/\(Make.id(2).compact)", "mailto:a@b.example", "https://www.notion.com/blog/the-notion-api", "#top", "../x.md"] {
            #expect(resolver.rewrite(href: href) == (href, true))
        }
    }

    @Test func assetsAreFoundByTheirURLWithoutQuery() {
        let assets = [
            "/ws/abc/diagram.png": "assets/3f/diagram.png",
            "/ws/def/report.pdf": "assets/a0/my file #1 (final).pdf",
        ]
        let resolver = Self.resolver(Make.id(3), assets: assets)  // home/guide/untitled.md
        #expect(resolver.asset(for: .file(url: "https://files.example/ws/abc/diagram.png?X-Amz-Signature=1&X-Amz-Expires=3600", expiryTime: nil))
            == "../../assets/3f/diagram.png")
        #expect(resolver.asset(for: .file(url: "https://files.example/ws/def/report.pdf", expiryTime: nil))
            == "../../assets/a0/my%20file%20%231%20(final).pdf")
        // External files are keyed by their whole URL (without the fragment).
        #expect(Self.resolver(Make.id(3), assets: ["https://files.example/x.png": "assets/x.png"])
            .asset(for: .external(url: "https://files.example/x.png#x")) == "../../assets/x.png")
        #expect(resolver.asset(for: .external(url: "https://elsewhere.example/image.png")) == nil)
        #expect(resolver.asset(for: .fileUpload(id: Make.id(9))) == nil)
        #expect(Self.resolver(Make.id(4), assets: assets).asset(for: .file(url: "https://files.example/ws/abc/diagram.png", expiryTime: nil)) == "assets/3f/diagram.png")
        #expect(AssetReference.key(for: .file(url: "https://x.example/a/b.png?sig=1#frag", expiryTime: nil)) == "/a/b.png")
        #expect(AssetReference.key(for: .external(url: "https://x.example/a/b.png?v=2#frag")) == "https://x.example/a/b.png?v=2")
    }

    @Test func userNamesComeFromTheMap() {
        let mara = UserID(NotionID("aced0000-0000-8000-8000-000000000001")!)
        let resolver = Self.resolver(Make.id(1), users: [mara: "Mara Okafor"])
        #expect(resolver.userName(mara) == "Mara Okafor")
        #expect(resolver.userName(UserID(Make.id(9, "aced"))) == nil)
    }

    @Test func userNamesAreCollectedFromTheWorkspace() {
        let mara = User(id: UserID(Make.id(1, "aced")), type: "person", name: "Mara Okafor")
        let jonas = User(id: UserID(Make.id(2, "aced")), type: "person", name: "Jonas Weber")
        let yuki = User(id: UserID(Make.id(3, "aced")), type: "person", name: "Yuki Tanaka")
        var page = Make.page(Make.id(1), "People", blocks: [
            Make.block(Make.id(1, "b10c"), .paragraph(TextBlock(richText: [
                RichText(kind: .mention(.user(yuki)), plainText: "@Yuki Tanaka"),
            ]))),
        ])
        page.page.properties["Owner"] = PropertyValue(id: "own", .people([.user(mara), .user(.partial(UserID(Make.id(4, "aced"))))]))
        page.page.properties["Created by"] = PropertyValue(id: "cby", .createdBy(jonas))
        let names = Make.workspace([page]).userNames
        #expect(names == [mara.id: "Mara Okafor", jonas.id: "Jonas Weber", yuki.id: "Yuki Tanaka"])
    }

    @Test func theSampleWorkspaceResolves() async throws {
        let workspace = try await SampleWorkspace.fetched.value
        let layout = ExportLayout(workspace)
        // Formatting Cheatsheet mentions and links pages, databases and the unshared HR page.
        let cheatsheet = LinkResolver(layout: layout, document: Make.id(0x0a), users: workspace.userNames)
        #expect(cheatsheet.rewrite(href: "/ba9e0000000080008000000000000002") == ("../../engineering-handbook.md", true))
        #expect(cheatsheet.rewrite(href: "https://www.notion.so/dbdb0000000080008000000000000001") == ("../../marketing/blog.md", true))
        #expect(cheatsheet.rewrite(href: "https://www.notion.so/ba9e0000000080008000000000000026")
            == ("https://www.notion.so/ba9e0000000080008000000000000026", false))
        #expect(cheatsheet.target(of: Make.id(0x1b)) == LinkTarget(href: "../../product/q-a-why-how-1-notes.md",
                                                                    title: #"Q&A: "Why / how?" #1 ../notes"#))
        #expect(cheatsheet.userName(UserID(Make.id(1, "aced"))) == "Mara Okafor")
        // Every heading of every page has a link that lands on it.
        for page in workspace.pages {
            let resolver = LinkResolver(layout: layout, document: page.id.id)
            for block in Self.headings(page.blocks) {
                let href = try #require(resolver.target(of: block.id.id)?.href)
                #expect(href.hasPrefix("#") || layout.page(containing: block.id) != page.id, "\(href)")
            }
        }
    }

    static func headings(_ blocks: [Block]) -> [Block] {
        blocks.flatMap { block -> [Block] in
            switch block.content {
            case .heading1(let h), .heading2(let h), .heading3(let h), .heading4(let h):
                h.isToggleable == true ? headings(block.children) : [block] + headings(block.children)
            default: headings(block.children)
            }
        }
    }
}
