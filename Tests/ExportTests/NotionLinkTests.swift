import Export
import NotionModel
import Testing

@Suite struct NotionLinkTests {
    static let page = "393abc1eedcd81c3a7e3f719e1e1ec4b"
    static let pageID = NotionID(page)!
    static let block = "393abc1eedcd80f3813be205934558c6"
    static let blockID = BlockID(NotionID(block)!)
    static let view = "0d9c5c4a1c8b4b1e9a3c2f5e6d7c8b9a"

    /// Every form that names the page, without a block.
    @Test(arguments: [
        // Notion's internal links in rich text.
        "/\(page)",
        "/\(page)?pvs=25",
        "/My-Page-\(page)",
        // Page URLs (the API's `url`, mentions' `href`, and what users paste).
        "https://www.notion.so/\(page)",
        "https://www.notion.so/My-Page-\(page)",
        "https://www.notion.so/acme/My-Page-\(page)",
        "https://www.notion.so/acme/My-Page-\(page)?pvs=4",
        "https://notion.so/\(page)",
        "https://notion.so/\(page)?v=\(view)",
        "https://www.notion.so/acme/\(page)?v=\(view)&pvs=4",
        "https://acme.notion.site/\(page)",
        "https://acme.notion.site/Title-\(page)?pvs=4",
        "https://app.notion.com/p/\(page)",
        "https://app.notion.com/p/Title-\(page)",
        "https://app.notion.com/p/acme/Title-\(page)",
        "https://www.notion.so/393abc1e-edcd-81c3-a7e3-f719e1e1ec4b",
        "https://www.notion.so/acme/393abc1e-edcd-81c3-a7e3-f719e1e1ec4b/",
        "https://www.notion.so/Gr%C3%BC%C3%9Fe-\(page)",
        "https://www.notion.so/Grüße-\(page)",
        "HTTPS://WWW.NOTION.SO/My-Page-393ABC1EEDCD81C3A7E3F719E1E1EC4B",
        "http://www.notion.so/\(page)",
        "https://www.notion.so:443/\(page)",
        "notion://www.notion.so/\(page)",
        "www.notion.so/My-Page-\(page)",
        "notion.so/\(page)",
        "  https://www.notion.so/\(page)  ",
        // Anchors that are not block ids are ignored.
        "https://www.notion.so/\(page)#heading",
        "/\(page)#",
    ])
    func pageLinks(href: String) throws {
        let link = try #require(NotionLink(href: href))
        #expect(link.id == Self.pageID)
        #expect(link.block == nil)
        #expect(link.notionURL == "https://www.notion.so/\(Self.page)")
    }

    /// Forms with a `#<block id>` anchor.
    @Test(arguments: [
        "/\(page)#\(block)",
        "/\(page)?pvs=25#\(block)",
        "https://www.notion.so/acme/My-Page-\(page)#\(block)",
        "https://www.notion.so/My-Page-\(page)?pvs=4#393abc1e-edcd-80f3-813b-e205934558c6",
        "https://acme.notion.site/Title-\(page)#\(block)",
        "https://app.notion.com/p/\(page)#\(block.uppercased())",
    ])
    func blockLinks(href: String) throws {
        let link = try #require(NotionLink(href: href))
        #expect(link.id == Self.pageID)
        #expect(link.block == Self.blockID)
        #expect(link.notionURL == "https://www.notion.so/\(Self.page)#\(Self.block)")
    }

    @Test func aPeekOverADatabaseViewNamesThePage() throws {
        let database = "dbdb0000000080008000000000000001"
        let link = try #require(NotionLink(href: "https://www.notion.so/acme/\(database)?v=\(Self.view)&p=\(Self.page)&pm=s"))
        #expect(link.id == Self.pageID)
        // A view alone names the database.
        #expect(NotionLink(href: "https://www.notion.so/\(database)?v=\(Self.view)")?.id == NotionID(database))
    }

    @Test(arguments: [
        // Other hosts, even with an id-like path.
        "https://example.com/\(page)",
        "https://example.com/notes/My-Page-\(page)",
        "https://github.com/acme/repo/commit/\(page)",
        "https://notion.so.evil.example/\(page)",
        "https://evilnotion.so/\(page)",
        "https://notion.site.example.com/\(page)",
        "https://example.com/redirect?to=https://www.notion.so/\(page)",
        "https://example.com/#https://www.notion.so/\(page)",
        // Notion hosts without a page id.
        "https://www.notion.com/blog/the-notion-api",
        "https://www.notion.so/pricing",
        "https://www.notion.so/images/page-cover/webb1.jpg",
        "https://api.notion.com/v1/pages/\(page)",
        "https://www.notion.so/A\(page)",
        "https://www.notion.so/My-Page-\(page)X",
        // Not web links.
        "mailto:someone@notion.so",
        "ftp://www.notion.so/\(page)",
        "javascript:alert('\(page)')",
        "//www.notion.so/\(page)",
        // Relative links and bare ids.
        "\(page)",
        "docs/\(page)",
        "../My-Page-\(page).md",
        "#\(block)",
        "",
    ])
    func notNotionLinks(href: String) {
        #expect(NotionLink(href: href) == nil)
    }

    @Test func theSampleWorkspacesHrefs() {
        // As they appear in examples/workspace: mentions, links, and Notion's internal form.
        #expect(NotionLink(href: "https://www.notion.so/ba9e0000000080008000000000000002")?.id == NotionID("ba9e0000-0000-8000-8000-000000000002"))
        #expect(NotionLink(href: "/ba9e0000000080008000000000000002")?.id == NotionID("ba9e0000-0000-8000-8000-000000000002"))
        #expect(NotionLink(href: "https://www.notion.so/Q-A-Why-how-1-notes-ba9e000000008000800000000000001b")?.id
            == NotionID("ba9e0000-0000-8000-8000-00000000001b"))
        #expect(NotionLink(href: "https://www.notion.com/blog/the-notion-api") == nil)
    }
}
