import Emulator
import Export
import Foundation
import NotionAPI
import NotionModel
@testable import Site
import TestSupport
import Testing

/// The static site of the sample workspace, built by `site.example.json` as shipped (through the
/// emulator over real HTTP): the whole output tree against the golden one, an incremental rebuild
/// that fetches no page content and changes no byte, hostile content escaped, config errors that
/// name the key. Re-record with `NOTION_EXPORT_RECORD=1 swift test --filter SiteTests`.
@Suite(.serialized) struct SiteTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/sample-site")
    static let exampleConfig = Fixtures.repositoryRoot.appending(path: "site.example.json")

    /// site.example.json with its output and cache moved into `folder`.
    static func config(in folder: URL) throws -> SiteConfig {
        var config = try SiteConfig.read(from: exampleConfig)
        config.output = folder.appending(path: "_site")
        config.cache = folder.appending(path: "cache")
        return config
    }

    static func publish(_ harness: EmulatorHarness, _ config: SiteConfig) async throws -> (SitePublisher.Summary, RunMetrics) {
        let client = harness.client()
        let templates = try SiteTemplates.load(from: config.templates)
        let summary = try await SitePublisher(client: client, config: config, templates: templates).run()
        return (summary, client.metrics)
    }

    @Test func theSampleSiteMatchesTheGoldenTreeAndARebuildFetchesNoContent() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let config = try Self.config(in: folder.url)

        let (first, _) = try await Self.publish(harness, config)
        for problem in try GoldenTree.compare(config.output, with: Self.golden, excluding: ["assets/"]) { Issue.record(Comment(rawValue: problem)) }
        // Every downloaded file is copied, under the name the backup gave it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: config.output.appending(path: "assets").path).count == 9)
        // Only published posts, newest first, and the drafts nowhere.
        #expect(first.site.files["blog/backups-you-can-actually-restore/index.html"] == nil)
        let feed = String(decoding: first.site.files["feed.xml"]!, as: UTF8.self)
        #expect(feed.components(separatedBy: "<entry ").count - 1 == 20)
        #expect(feed.contains("<title>Postmortem: The January Sync Outage</title>"))
        #expect(!feed.contains("Draft: Pricing Page Experiments"))
        #expect(first.written.removed.isEmpty && first.site.warnings.isEmpty)

        // Again: discovery only (search, the two data source queries, the two database reads),
        // no page content, no byte written.
        let before = try TreeSnapshot(config.output)
        let (second, metrics) = try await Self.publish(harness, config)
        #expect(metrics.requests - metrics.retries == 5, "\(metrics.requestsByEndpoint)")
        #expect(second.backup.fetchedPages == 0)
        #expect(second.written.written.isEmpty && second.written.assetsCopied == 0 && second.written.removed.isEmpty)
        #expect(try TreeSnapshot(config.output) == before)
    }

    @Test func aPostUnpublishedUpstreamIsRemovedFromTheSite() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let config = try Self.config(in: folder.url)
        _ = try await Self.publish(harness, config)
        // A file the site never wrote stays.
        try Data("acme.example\n".utf8).write(to: config.output.appending(path: "CNAME"))

        // "Year in Review 2025" back to Draft, through the API as a user would.
        let post = try #require(try summaryPost(named: "year-in-review-2025", in: config))
        _ = try await harness.client().send(.pagesUpdate, ["page_id": post.rawValue],
                                            body: ["properties": ["Status": ["status": ["name": "Draft"]]]])
        let (summary, _) = try await Self.publish(harness, config)
        let removed = summary.written.removed
        #expect(removed == ["blog/year-in-review-2025/index.html"])
        #expect(!FileManager.default.fileExists(atPath: config.output.appending(path: removed[0]).deletingLastPathComponent().path))
        #expect(FileManager.default.fileExists(atPath: config.output.appending(path: "CNAME").path))
    }

    /// A post's page id, from the cache's manifest.
    func summaryPost(named slug: String, in config: SiteConfig) throws -> NotionID? {
        let manifest = try JSONValue(data: Data(contentsOf: config.cache.appending(path: ".notion-export/backup.json")))
        guard case .object(let pages)? = manifest["pages"] else { return nil }
        return pages.first { $0.value["path"]?.stringValue?.hasSuffix("/\(slug).md") == true }.flatMap { NotionID(parsing: $0.key) }
    }

    @Test func notionTextIsEscapedAndUnsafeLinksAreNeutralised() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The sample with one post rewritten to carry hostile content.
        let workspace = folder.url.appending(path: "workspace")
        try FileManager.default.copyItem(at: Fixtures.sampleWorkspace, to: workspace)
        let file = workspace.appending(path: "pages/blog/how-we-export-notion-to-markdown.json")
        var document = try JSONValue(data: Data(contentsOf: file))
        func text(_ content: String, link: String? = nil) -> JSONValue {
            ["type": "text", "text": ["content": .string(content), "link": link.map { ["url": .string($0)] } ?? .null],
             "annotations": ["bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"],
             "plain_text": .string(content), "href": link.map(JSONValue.string) ?? .null]
        }
        document["page"]?["properties"]?["Name"]?["title"] = [text("<script>alert('title')</script>")]
        document["page"]?["properties"]?["Summary"]?["rich_text"] = [text("\"><img src=x onerror=alert(1)>")]
        document["blocks"] = [
            ["object": "block", "id": "b10c9999-0000-8000-8000-000000000001", "type": "paragraph",
             "paragraph": ["rich_text": [text("<img src=x onerror=alert(2)> and "), text("a link", link: "javascript:alert(3)"),
                                         text(" and "), text("another", link: "JaVaScRiPt:alert(4)"), text(" <iframe src=//evil>")],
                           "color": "default"]],
            ["object": "block", "id": "b10c9999-0000-8000-8000-000000000002", "type": "callout",
             "callout": ["rich_text": [text("</aside><script>alert(5)</script>")], "icon": ["type": "emoji", "emoji": "\"><b>"],
                         "color": "default"]],
            ["object": "block", "id": "b10c9999-0000-8000-8000-000000000003", "type": "code",
             "code": ["rich_text": [text("</code></pre><script>alert(6)</script>")], "language": "html", "caption": []]],
        ]
        try document.data().write(to: file)
        let harness = try await EmulatorHarness.start(workspace: workspace)
        defer { Task { await harness.stop() } }
        let (summary, _) = try await Self.publish(harness, try Self.config(in: folder.url))

        let everything = summary.site.files.filter { $0.key.hasSuffix(".html") || $0.key.hasSuffix(".xml") }
        for (path, data) in everything {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(path) runs a script from Notion")
            #expect(!html.contains("<img src=x"), "\(path) has a raw <img> from Notion")
            #expect(!html.contains("<iframe"), "\(path) has a raw <iframe> from Notion")
            #expect(!html.lowercased().contains("href=\"javascript:"), "\(path) keeps a javascript: link")
            #expect(!html.contains("\"><b>"), "\(path) lets an icon out of its attribute")
        }
        let post = try #require(summary.site.files.first { $0.key.hasPrefix("blog/how-we-export") && $0.key.hasSuffix("index.html") })
        let html = String(decoding: post.value, as: UTF8.self)
        #expect(html.contains("<h1 class=\"title\">&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt; and <a href=\"#\">a link</a> and <a href=\"#\">another</a>"))
        #expect(html.contains("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(6)&lt;/script&gt;"))
    }

    @Test(arguments: [
        (#"{"title": "x"}"#, "base_url is required (a string)."),
        (#"{"title": "x", "base_url": "ftp://x"}"#, "base_url must be an absolute http(s) URL such as \"https://example.com/\", got \"ftp://x\"."),
        (#"{"title": "x", "base_url": "https://x", "titel": 1}"#, "titel is not a known key; known keys here: title, base_url, language, description, author, output, templates, cache, notion, roots, index_posts, feed_posts, search."),
        (#"{"title": "x", "base_url": "https://x"}"#, "roots is missing: list the pages and databases to publish, e.g. [{\"page\": \"<id or URL>\", \"path\": \"\"}]."),
        (#"{"title": "x", "base_url": "https://x", "roots": [{"page": "nope"}]}"#, "roots[0].page “nope” is not a Notion page or database: give an id (32 hex digits, with or without dashes, any case) or a Notion URL ending in one (https://www.notion.so/Title-<id>, https://www.notion.so/<workspace>/<id>?v=…, https://<name>.notion.site/<id>, https://app.notion.com/p/<id>)."),
        (#"{"title": "x", "base_url": "https://x", "roots": [{"page": "https://www.notion.so/dbdb0000000080008000000000000001?v=aaaa0000000080008000000000000001"}]}"#, "roots[0].page “https://www.notion.so/dbdb0000000080008000000000000001?v=aaaa0000000080008000000000000001” names a database (a URL with a view, ?v=, or database:): give a page's id or URL."),
        (#"{"title": "x", "base_url": "https://x", "roots": [{"page": "ba9e0000-0000-8000-8000-000000000001", "posts": true}]}"#, "roots[0].posts applies to database roots only."),
        (#"{"title": "x", "base_url": "https://x", "roots": [{"database": "ba9e0000000080008000000000000001", "filter": "Status"}]}"#, "roots[0].filter must be a Notion filter object, e.g. {\"property\": \"Status\", \"status\": {\"equals\": \"Published\"}}."),
        (#"{"title": "x", "base_url": "https://x", "roots": [{"page": "ba9e0000000080008000000000000001", "path": "../up"}]}"#, "roots[0].path must be a relative path inside the site (no \"..\"), got \"../up\"."),
        (#"{"title": "x", "base_url": "https://x", "search": true, "roots": []}"#, "roots must be a non-empty array of {\"page\": …} or {\"database\": …} objects."),
        (#"{"title": "x", "base_url": "https://x", "notion": {"token": "secret"}, "roots": [{"page": "ba9e0000000080008000000000000001"}]}"#, "notion.token is not a known key; known keys here: token_env, emulator_workspace, version."),
        (#"{"title": 3}"#, "title must be a string, got 3."),
    ])
    func aBadConfigNamesTheKeyAndWhatIsExpected(json: String, message: String) throws {
        let file = URL(fileURLWithPath: "/tmp/site.json")
        #expect(throws: SiteConfigError(file: file.path, key: String(message.prefix { $0 != " " }), message: String(message.drop { $0 != " " }.dropFirst()))) {
            _ = try SiteConfig(json: try JSONValue(string: json), file: file)
        }
    }

    @Test func theShippedConfigReadsAsDocumented() throws {
        let config = try SiteConfig.read(from: Self.exampleConfig)
        #expect(config.title == "Acme" && config.baseURL.absoluteString == "https://acme.example/")
        #expect(config.output.path == Fixtures.repositoryRoot.appending(path: "_site").path)
        #expect(config.notion.emulatorWorkspace?.path == Fixtures.sampleWorkspace.standardizedFileURL.path)
        #expect(config.roots.map(\.kind) == [.page, .database] && config.roots[1].posts && config.roots[1].slug == "Slug")
    }

    @Test func oneRewritePassOverCmarksHTML() {
        let html = """
        <h2>Intro &amp; more</h2>
        <details>
        <summary><h3>Toggle</h3></summary>
        </details>
        <h2>Intro &amp; more</h2>
        <blockquote>
        <p>[!NOTE]</p>
        <!-- notion:callout icon="💡" color="gray_background" -->
        <p>Body $<code>x^2</code>$</p>
        <blockquote>
        <p>quoted</p>
        </blockquote>
        </blockquote>
        <blockquote>
        <p>[!TIP] inline</p>
        </blockquote>
        <blockquote>
        <p>[!OTHER] plain</p>
        </blockquote>
        <div data-column data-width="0.25">
        <div data-column data-width="x">
        <h4>Unclosed
        """
        #expect(PageHTML.rewrite(html) == """
        <h2 id="intro--more">Intro &amp; more</h2>
        <details>
        <summary><h3>Toggle</h3></summary>
        </details>
        <h2 id="intro--more-1">Intro &amp; more</h2>
        <aside class="callout note" data-color="gray_background"><span class="callout-icon" aria-hidden="true">💡</span><div class="callout-body">
        <p>Body <code class="math">x^2</code></p>
        <blockquote>
        <p>quoted</p>
        </blockquote>
        </div></aside>
        <aside class="callout tip"><div class="callout-body">
        <p> inline</p>
        </div></aside>
        <blockquote>
        <p>[!OTHER] plain</p>
        </blockquote>
        <div data-column data-width="0.25" style="flex: 0.25 1 0">
        <div data-column data-width="x">
        <h4>Unclosed
        """)
        #expect(PageHTML.plainText("<em>a &lt;b&gt; &amp;lt; &quot;c&quot; &#39;d&#39;</em> &copy;") == "a <b> &lt; \"c\" 'd' &copy;")
    }

    @Test func schemesAndRelativePathsAreReadOnBytes() {
        let schemes: [(String, String?)] = [
            ("JavaScript:alert(1)", "javascript"), ("https://x", "https"), ("a/b:c", nil), ("?x:y", nil), ("#a:b", nil),
            ("java script:x", "java script"), ("1abc:x", "1abc"), ("Ünï:x", "ünï"), ("page.md", nil), ("", nil),
        ]
        for (url, scheme) in schemes { #expect(PageHTML.scheme(of: url) == scheme, "\(url)") }
        #expect(PageHTML.resolve("../b/./c.md", from: ["a", "x"]) == "a/b/c.md")
        #expect(PageHTML.resolve("Grüße/ü.md", from: []) == "Grüße/ü.md")
        #expect(PageHTML.resolve("../../x", from: ["a"]) == nil)
    }

    @Test func summariesAndSearchTextReadOnlyWhatTheyShow() {
        let words = String(repeating: "word ", count: 100)
        let summary = Context.summary(of: "  Lead \n\t" + words)
        #expect(summary.hasPrefix("Lead word word") && summary.hasSuffix("word…") && summary.count <= 161)
        #expect(Context.summary(of: " short  text ") == "short text")
        #expect(Context.collapsingWhitespace(" a \n b\tc ", limit: 2000) == "a b c")
        #expect(Context.collapsingWhitespace(words, limit: 12) == "word word wo")
    }

    @Test func relativeURLsBetweenPageDirectories() {
        #expect(SiteMap.relative(from: "", to: "") == "./")
        #expect(SiteMap.relative(from: "a/b/", to: "") == "../../")
        #expect(SiteMap.relative(from: "a/b/", to: "a/c/") == "../c/")
        #expect(SiteMap.relative(from: "a/", to: "a/b/") == "b/")
        #expect(SiteMap.relative(from: "a/b/", to: "a/b/") == "./")
        #expect(SiteMap.relative(from: "blog/x/", to: "assets/p.png") == "../../assets/p.png")
        #expect(SiteMap.relative(from: "", to: "feed.xml") == "feed.xml")
        // The byte-level path gives what the component-wise one does, on every shape.
        let paths = ["", "a/", "a/b/", "ab/", "a/b", "a", "a/bc/", "a/b/c.png", "é/ü/", "é/", "blog/x/", "blog/", "assets/p.png",
                     "/a/", "a//b/", "a/b/c/d/"]
        for from in paths where from.isEmpty || from.hasSuffix("/") {
            for to in paths {
                #expect(SiteMap.relative(from: from, to: to) == SiteMap.relativeByComponents(from: from, to: to), "\(from) → \(to)")
            }
        }
    }
}
