import Emulator
import Export
import Foundation
import NotionAPI
import NotionModel
import Testing
import TestSupport

/// Hostile inputs, each with the clear error or the safe outcome it must end with, run as the
/// built binary (docs/hostile-inputs.md lists every row, these and the ones tested elsewhere).
@Suite struct HostileInputTests {
    static let token = "ntn_hostile_test_token_0000"

    // MARK: Workspaces

    /// Rich text as the API returns it.
    static func text(_ content: String, link: String? = nil) -> JSONValue {
        ["type": "text", "text": ["content": .string(content), "link": link.map { ["url": .string($0)] } ?? .null],
         "annotations": ["bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"],
         "plain_text": .string(content), "href": link.map(JSONValue.string) ?? .null]
    }

    static func paragraph(_ id: String, _ content: String, link: String? = nil) -> JSONValue {
        ["id": .string(id), "type": "paragraph", "paragraph": ["rich_text": [text(content, link: link)], "color": "default"]]
    }

    /// The id of page `n` (1…) and of block `n` of a page.
    static func pageID(_ n: Int) -> String { String(format: "ba5e0000-0000-8000-8000-%012x", n) }
    static func blockID(_ n: Int) -> String { String(format: "b10c0000-0000-8000-8000-%012x", n) }

    struct Page {
        var id: String
        var title: String
        var parent: String?
        var blocks: [JSONValue]
    }

    /// A workspace folder holding `pages` (parent nil: at the workspace's top), accepting `token`.
    static func workspace(_ pages: [Page], in folder: URL) throws -> URL {
        let dir = folder.appending(path: "workspace")
        try FileManager.default.createDirectory(at: dir.appending(path: "pages"), withIntermediateDirectories: true)
        try Data("""
        {"integration": {"id": "7775f3a3-893f-43fa-b625-460c61094c78", "name": "hostile"}, "tokens": ["\(token)"]}
        """.utf8).write(to: dir.appending(path: "workspace.json"))
        for (index, page) in pages.enumerated() {
            let parent: JSONValue = page.parent.map { ["type": "page_id", "page_id": .string($0)] } ?? ["type": "workspace", "workspace": true]
            let document: JSONValue = [
                "page": ["id": .string(page.id), "parent": parent,
                         "properties": ["title": ["id": "title", "type": "title", "title": [text(page.title)]]]],
                "blocks": .array(page.blocks),
            ]
            try document.data().write(to: dir.appending(path: "pages/page-\(index).json"))
        }
        return dir
    }

    /// Runs the binary against `workspace` served by a child emulator-less in-process `--emulator`.
    static func run(_ arguments: [String], workspace: URL, environment: [String: String] = [:]) async throws -> BuiltBinary.Output {
        try await BuiltBinary.runDetached(arguments + ["--emulator", workspace.path, "--rps", "0"], environment: environment)
    }

    /// Every regular file below `folder`, as paths relative to it.
    static func files(_ folder: URL) -> [String] {
        let base = folder.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        return walker.compactMap { $0 as? String }.filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: base + "/" + $0, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }
}

// MARK: Tokens

extension HostileInputTests {
    @Test func anEmptyNotionTokenIsAUsageErrorNotTheSample() async throws {
        let result = try await BuiltBinary.runDetached(["whoami"], environment: ["NOTION_TOKEN": ""])
        #expect(result.status == 64)
        #expect(result.stderr == "error: NOTION_TOKEN is set but empty: set it to the integration's secret (ntn_…), or unset it to use the local emulator.\n")
        let blank = try await BuiltBinary.runDetached(["whoami"], environment: ["NOTION_TOKEN": " \n\t"])
        #expect(blank.status == 64 && blank.stderr.contains("NOTION_TOKEN is set but empty"), "\(blank.stderr)")
    }

    @Test func aTokenWithSurroundingWhitespaceIsTrimmed() throws {
        let emulator = try ChildEmulator(workspace: Fixtures.sampleWorkspace)
        let result = try BuiltBinary.run(["whoami"], environment: ["NOTION_TOKEN": "  \(NotionCommandTests.sampleToken)\r\n",
                                                                   "NOTION_API_BASE_URL": emulator.baseURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Bot:       notion-export sample\n"))
    }

    /// A space, newline or control character inside the token is never sent: in a header it would
    /// split the request (header injection) or be refused with a confusing transport error.
    @Test(arguments: ["ntn_abc def", "ntn_abc\nX-Injected: 1", "ntn_abc\r\nHost: evil", "ntn_abc\u{7F}"])
    func aTokenWithInnerWhitespaceOrControlCharactersIsAUsageError(token: String) async throws {
        let environment = try await BuiltBinary.runDetached(["whoami"], environment: ["NOTION_TOKEN": token, "NOTION_API_BASE_URL": "http://127.0.0.1:9"])
        #expect(environment.status == 64, "\(environment.stderr)")
        #expect(environment.stderr == "error: NOTION_TOKEN holds a space, line break or control character inside the token: set it to the integration's secret (ntn_…) alone, copied again from notion.so/profile/integrations.\n",
                "\(environment.stderr)")
        #expect(!environment.stderr.contains("ntn_abc"))

        let file = NotionCommandTests.tempFile("token")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(token.utf8).write(to: file)
        let fromFile = try await BuiltBinary.runDetached(["whoami", "--token-file", file.path], environment: ["NOTION_API_BASE_URL": "http://127.0.0.1:9"])
        #expect(fromFile.status == 64, "\(fromFile.stderr)")
        #expect(fromFile.stderr == "error: --token-file \(file.path) holds a space, line break or control character inside the token: put the integration's secret (ntn_…) alone in it, copied again from notion.so/profile/integrations.\n",
                "\(fromFile.stderr)")
    }

    /// A NUL cannot be in the environment, but can be in a file.
    @Test func aTokenFileWithANULIsAUsageError() async throws {
        let file = NotionCommandTests.tempFile("token")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("ntn_abc\u{0}def\n".utf8).write(to: file)
        let result = try await BuiltBinary.runDetached(["whoami", "--token-file", file.path], environment: ["NOTION_API_BASE_URL": "http://127.0.0.1:9"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--token-file \(file.path) holds a space, line break or control character inside the token"), "\(result.stderr)")
    }
}

// MARK: Ids and URLs

extension HostileInputTests {
    static let sample = NotionCommandTests.sample

    @Test(arguments: ["nope", "https://example.com/page", "ba9e0000-0000-8000-8000-00000000001", "../../etc/passwd", ""])
    func aMalformedPageIsAUsageErrorNamingTheFlag(page: String) async throws {
        let out = NotionCommandTests.tempFile("out")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await BuiltBinary.runDetached(["markdown", out.path, "--page", page, "--emulator", Self.sample, "--rps", "0"], environment: [:])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--page “\(page)” is not a Notion page or database: \(NotionID.expectedForms)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A database's id given to --page (a typo for --database): the id is what the user meant,
    /// so the database is exported.
    @Test func aDatabaseIdGivenToPageExportsTheDatabase() async throws {
        let out = NotionCommandTests.tempFile("out")
        defer { try? FileManager.default.removeItem(at: out) }
        let database = "dbdb0000-0000-8000-8000-000000000001"
        let result = try await BuiltBinary.runDetached(["markdown", out.path, "--page", database, "--emulator", Self.sample, "--rps", "0"], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appending(path: "blog.md").path))
    }

    /// A block's id (what "Copy link to block" puts after `#`) given to --page.
    @Test func aBlockIdGivenToPageSaysSo() async throws {
        let out = NotionCommandTests.tempFile("out")
        defer { try? FileManager.default.removeItem(at: out) }
        let block = "b10c0001-0000-8000-8000-000000000001"
        let result = try await BuiltBinary.runDetached(["markdown", out.path, "--page", block, "--emulator", Self.sample, "--rps", "0"], environment: [:])
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr == "error: --page \(block): Notion returned 404 object_not_found for page \(block): \(NotionCommandTests.sharingHint)\n",
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

// MARK: Site config and import front matter

extension HostileInputTests {
    static func siteConfig(_ json: String, in folder: URL) throws -> URL {
        let file = folder.appending(path: "site.json")
        try Data(json.utf8).write(to: file)
        return file
    }

    @Test func aSiteConfigThatIsNotJSONNamesTheFileAndWhere() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try Self.siteConfig("{\"title\": \"x\",\n \"base_url\": \"https://x\"\n", in: folder.url)
        let result = try await BuiltBinary.runDetached(["site", "--config", file.path, "--rps", "0"], environment: [:])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: site config \(file.path) is not valid JSON: "), "\(result.stderr)")
        #expect(result.stderr.contains("line 3"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appending(path: "_site").path))
    }

    @Test func aSiteConfigWithWrongTypesOrUnknownKeysNamesTheKey() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let wrongType = try Self.siteConfig(#"{"title": ["x"], "base_url": "https://x", "roots": [{"page": "ba9e0000000080008000000000000001"}]}"#, in: folder.url)
        let result = try await BuiltBinary.runDetached(["site", "--config", wrongType.path, "--rps", "0"], environment: [:])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("title must be a string"), "\(result.stderr)")
        #expect(result.stderr.contains(wrongType.path), "\(result.stderr)")
    }

    @Test func aMissingTemplateNamesTheFileAndHowToFixIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let templates = folder.url.appending(path: "templates")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appending(path: "templates/default"), to: templates)
        try FileManager.default.removeItem(at: templates.appending(path: "page.mustache"))
        let file = try Self.siteConfig("""
        {"title": "x", "base_url": "https://x/", "templates": "templates", "output": "_site", "cache": "cache",
         "notion": {"emulator_workspace": "\(Fixtures.sampleWorkspace.path)"},
         "roots": [{"page": "ba9e0000000080008000000000000001"}]}
        """, in: folder.url)
        let result = try await BuiltBinary.runDetached(["site", "--config", file.path, "--rps", "0"], environment: [:])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("page.mustache is missing: a templates folder needs"), "\(result.stderr)")
        #expect(result.stderr.contains("(copy templates/default to start)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appending(path: "_site").path))

        // No templates folder at all.
        try FileManager.default.removeItem(at: templates)
        let none = try await BuiltBinary.runDetached(["site", "--config", file.path, "--rps", "0"], environment: [:])
        #expect(none.status == 64, "\(none.stderr)")
        #expect(none.stderr.contains("\(templates.path) is not a folder of templates"), "\(none.stderr)")
    }

    @Test func malformedFrontMatterIsAWarningNamingTheFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let notes = folder.url.appending(path: "notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("---\ntitle: [unclosed\ntags: {\n---\n\nBody.\n".utf8).write(to: notes.appending(path: "Bad.md"))
        let result = try await BuiltBinary.runDetached(["import", notes.path, "--parent", NotionCommandTests.changelogPage,
                                                        "--state", folder.url.appending(path: "state").path], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: Bad.md:1: front matter: the YAML does not parse ("), "\(result.stderr)")
        #expect(result.stderr.contains("the title comes from the file name and no property is read."), "\(result.stderr)")
    }
}

// MARK: Markdown that is not UTF-8, deep nesting

extension HostileInputTests {
    @Test func markdownThatIsNotUTF8NamesTheFileAndLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let notes = folder.url.appending(path: "notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        // Latin-1 "café" on line 3.
        var bytes = Data("# Title\n\nUn caf".utf8)
        bytes.append(0xE9)
        bytes.append(contentsOf: Data(" noir.\n".utf8))
        try bytes.write(to: notes.appending(path: "Latin1.md"))
        let result = try await BuiltBinary.runDetached(["import", notes.path, "--parent", NotionCommandTests.changelogPage, "--dry-run",
                                                        "--state", folder.url.appending(path: "state").path], environment: [:])
        #expect(result.stderr.contains("Latin1.md:3"), "\(result.stderr)")
        #expect(result.stderr.contains("not valid UTF-8"), "\(result.stderr)")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout == "")
    }

    /// 200 levels of nested list items: imported with every level (Notion takes two levels per
    /// request, the rest are appended to the ids it returns).
    @Test func a200LevelNestedListImports() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let notes = folder.url.appending(path: "notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let depth = 200
        let markdown = (0..<depth).map { String(repeating: "  ", count: $0) + "- level \($0)" }.joined(separator: "\n") + "\n"
        try Data(markdown.utf8).write(to: notes.appending(path: "Deep.md"))
        let state = folder.url.appending(path: "state")
        let dry = try await BuiltBinary.runDetached(["import", notes.path, "--parent", NotionCommandTests.changelogPage, "--dry-run",
                                                     "--state", state.path], environment: [:])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("\(depth) blocks"), "\(dry.stdout)")
    }

    /// A page whose content is 200 toggles, each inside the previous one.
    @Test func a200LevelNestedToggleExports() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let depth = 200
        var block: JSONValue = Self.paragraph(Self.blockID(depth + 1), "the bottom")
        for level in stride(from: depth, through: 1, by: -1) {
            block = ["id": .string(Self.blockID(level)), "type": "toggle",
                     "toggle": ["rich_text": [Self.text("level \(level)")], "color": "default"], "children": [block]]
        }
        let workspace = try Self.workspace([Page(id: Self.pageID(1), title: "Deep", parent: nil, blocks: [block])], in: folder.url)
        let out = folder.url.appending(path: "out")
        let result = try await Self.run(["markdown", out.path], workspace: workspace)
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = try String(contentsOf: out.appending(path: "deep.md"), encoding: .utf8)
        #expect(markdown.contains("level 200"))
        #expect(markdown.contains("the bottom"))
    }
}

// MARK: Hostile titles, symbolic links

extension HostileInputTests {
    static let hostileTitles = ["../../etc/passwd", "/", "..", ".", "a\u{0}b", "tab\there\u{1B}[31m", String(repeating: "é", count: 150),
                                "Notes", "notes", "NOTES", "CON", "aux", "nul.txt", "\u{202E}gpj.exe", "🚀🚀", "🚀🚀", "", ".git", "~", "C:\\Windows"]

    @Test func hostileTitlesStayInsideTheOutputFolderWithStableUniqueNames() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let home = Page(id: Self.pageID(1), title: "Home", parent: nil, blocks: [])
        let children = Self.hostileTitles.enumerated().map { Page(id: Self.pageID($0.offset + 2), title: $0.element, parent: Self.pageID(1), blocks: []) }
        let workspace = try Self.workspace([home] + children, in: folder.url)
        let out = folder.url.appending(path: "out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let result = try await Self.run(["markdown", out.path], workspace: workspace)
        #expect(result.status == 0, "\(result.stderr)")
        // Nothing beside OUT; one file per page; every name portable.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["out", "workspace"])
        let files = Self.files(out).filter { !$0.hasPrefix(".notion-export/") }
        #expect(files.count == 1 + Self.hostileTitles.count, "\(files)")
        #expect(Set(files.map { $0.lowercased() }).count == files.count, "names differ only in case: \(files)")
        for path in files {
            for component in path.split(separator: "/") {
                let name = String(component)
                #expect(name != "." && name != ".." && !name.hasPrefix("."), "\(path)")
                #expect(name.utf8.count <= 255, "\(path)")
                #expect(!name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) },
                        "\(path)")
                let stem = name.split(separator: ".").first.map { $0.lowercased() } ?? ""
                #expect(!["con", "prn", "aux", "nul"].contains(stem), "\(path)")
            }
        }
        // A second run writes nothing new: the names are stable.
        let again = try await Self.run(["markdown", out.path], workspace: workspace)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Self.files(out).filter { !$0.hasPrefix(".notion-export/") } == files)
    }

    static func twoPages(in folder: URL) throws -> URL {
        try Self.workspace([Page(id: Self.pageID(1), title: "Home", parent: nil, blocks: [Self.paragraph(Self.blockID(1), "home")]),
                            Page(id: Self.pageID(2), title: "Child", parent: Self.pageID(1), blocks: [Self.paragraph(Self.blockID(2), "child")])],
                           in: folder)
    }

    @Test(arguments: ["markdown", "backup"])
    func aLinkedSubfolderOutOfTheOutputFolderIsNeverWrittenThrough(command: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Self.twoPages(in: folder.url)
        let out = folder.url.appending(path: "out"), victim = folder.url.appending(path: "victim")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out.appending(path: "home"), withDestinationURL: victim)
        let result = try await Self.run([command, out.path], workspace: workspace)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(out.appending(path: "home").path) is a symbolic link (to \(victim.path)): nothing is written through a link out of the output folder; replace it with a real folder (or remove it) and rerun."),
                "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim.path) == [])
    }

    @Test func aLinkedStateFolderIsNeverWrittenThrough() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Self.twoPages(in: folder.url)
        let out = folder.url.appending(path: "out"), victim = folder.url.appending(path: "victim")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out.appending(path: ".notion-export"), withDestinationURL: victim)
        for command in ["backup", "markdown"] {
            let result = try await Self.run([command, out.path], workspace: workspace)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("is a symbolic link (to \(victim.path))"), "\(command): \(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: victim.path) == [], "\(command)")
        }
    }

    @Test(arguments: ["markdown", "backup"])
    func aLinkWhereAFileGoesIsReplacedNotFollowed(command: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Self.twoPages(in: folder.url)
        let out = folder.url.appending(path: "out"), victim = folder.url.appending(path: "victim.txt"), dangling = folder.url.appending(path: "created.txt")
        try FileManager.default.createDirectory(at: out.appending(path: "home"), withIntermediateDirectories: true)
        try Data("precious\n".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(at: out.appending(path: "home.md"), withDestinationURL: victim)
        try FileManager.default.createSymbolicLink(at: out.appending(path: "home/child.md"), withDestinationURL: dangling)
        let result = try await Self.run([command, out.path], workspace: workspace)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: dangling.path))
        for path in ["home.md", "home/child.md"] {
            #expect(!FileManager.default.isSymbolicLink(out.appending(path: path)), "\(path)")
        }
        #expect(try String(contentsOf: out.appending(path: "home/child.md"), encoding: .utf8).contains("child"))
    }

    /// OUT itself is what the user named: a link there is followed once, and nothing is written
    /// beside its target.
    @Test func anOutputFolderThatIsALinkIsUsedAsNamed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Self.twoPages(in: folder.url)
        let target = folder.url.appending(path: "real")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let out = folder.url.appending(path: "out")
        try FileManager.default.createSymbolicLink(at: out, withDestinationURL: target)
        let result = try await Self.run(["markdown", out.path], workspace: workspace)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.files(target).filter { !$0.hasPrefix(".notion-export/") } == ["home.md", "home/child.md"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["out", "real", "workspace"])
    }
}

// MARK: Malformed and truncated JSON from the server

/// The emulator, with the successful answers to requests whose path contains `path` cut short
/// (truncated) or replaced by something that is not JSON: what a proxy or a dropped stream gives.
final class GarblingHandler: RequestHandling {
    enum Garble: Sendable { case truncate, html, notAnObject }
    let inner: any RequestHandling
    let path: String
    let garble: Garble
    init(wrapping inner: any RequestHandling, path: String, garble: Garble) {
        self.inner = inner
        self.path = path
        self.garble = garble
    }

    func handle(_ request: HTTPRequest) async throws -> HTTPResponse {
        var response = try await inner.handle(request)
        guard request.url.path.contains(path), (200..<300).contains(response.status) else { return response }
        switch garble {
        case .truncate: response.body = response.body.prefix(response.body.count / 2)
        case .html: response.body = Data("<html><body>Service temporarily moved</body></html>".utf8)
        case .notAnObject: response.body = Data("[1, 2, 3]".utf8)
        }
        return response
    }
}

extension HostileInputTests {
    static func garblingServer(_ workspace: URL, path: String, garble: GarblingHandler.Garble) async throws -> EmulatorServer {
        try await EmulatorServer.start(port: 0) { baseURL in
            let stack = try EmulatorOptions(workspace: workspace).makeHandler(baseURL: baseURL)
            return GarblingHandler(wrapping: stack.shaper, path: path, garble: garble)
        }
    }

    static let quickRetries = ["--max-retries", "1", "--initial-backoff", "0.01", "--rps", "0"]

    @Test(arguments: [GarblingHandler.Garble.truncate, .html, .notAnObject])
    func aGarbledAnswerEndsWithAnErrorNamingTheRequestAndTheBackupIsKept(garble: GarblingHandler.Garble) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Self.twoPages(in: folder.url)
        let out = folder.url.appending(path: "out")
        // A good backup first.
        let good = try await Self.run(["backup", out.path], workspace: workspace)
        #expect(good.status == 0, "\(good.stderr)")
        let before = try TreeSnapshot(out)
        // Then a change, and a server that garbles the child page's block list.
        var document = try JSONValue(data: Data(contentsOf: workspace.appending(path: "pages/page-1.json")))
        document["page"]?["last_edited_time"] = "2026-02-01T10:00:00.000Z"
        document["blocks"] = [Self.paragraph(Self.blockID(3), "changed")]
        try document.data().write(to: workspace.appending(path: "pages/page-1.json"))
        let server = try await Self.garblingServer(workspace, path: "/blocks/\(Self.pageID(2))/children", garble: garble)
        defer { Task { await server.stop() } }
        let environment = ["NOTION_TOKEN": Self.token, "NOTION_API_BASE_URL": server.baseURL.absoluteString]
        for command in ["backup", "markdown"] {
            let target = command == "backup" ? out : folder.url.appending(path: "md")
            let result = try await BuiltBinary.runDetached([command, target.path] + Self.quickRetries, environment: environment)
            #expect(result.status == 5, "\(command): \(result.stderr)")
            #expect(result.stderr.hasSuffix("error: fetch tree: gave up on GET /v1/blocks/{block_id}/children (block \(Self.pageID(2))) after 2 attempts (last: malformed response): Notion is rate limiting or unavailable; rerun later or lower --concurrency.\n"),
                    "\(command): \(result.stderr)")
        }
        // Every file of the previous backup is still there, byte for byte (pages saved while
        // fetching wait in .notion-export/pending/ for the next run).
        let after = try TreeSnapshot(out)
        #expect(after.files.filter { !$0.key.hasPrefix(".notion-export/pending/") } == before.files)
    }
}

// MARK: Huge pages

extension HostileInputTests {
    /// A page with many blocks and a 1 MB paragraph (500 rich text items of 2,000 characters, as
    /// Notion would send it). 5,000 blocks by default; NOTION_EXPORT_HUGE_BLOCKS=100000 runs the
    /// size docs/hostile-inputs.md reports (about 3 minutes on a debug build).
    @Test func aHugePageExports() async throws {
        let count = ProcessInfo.processInfo.environment["NOTION_EXPORT_HUGE_BLOCKS"].flatMap(Int.init) ?? 5_000
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let chunk = String(repeating: "0123456789", count: 200)
        let big: JSONValue = ["id": .string(Self.blockID(1)), "type": "paragraph",
                              "paragraph": ["rich_text": .array(Array(repeating: Self.text(chunk), count: 500)), "color": "default"]]
        let blocks = [big] + (2...count).map { Self.paragraph(Self.blockID($0), "block \($0)") }
        let workspace = try Self.workspace([Page(id: Self.pageID(1), title: "Huge", parent: nil, blocks: blocks)], in: folder.url)
        for command in ["markdown", "backup"] {
            let out = folder.url.appending(path: command)
            let result = try await Self.run([command, out.path], workspace: workspace)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let markdown = try Data(contentsOf: folder.url.appending(path: "markdown/huge.md"))
        #expect(markdown.count > 1_000_000)
        let text = String(decoding: markdown, as: UTF8.self)
        #expect(text.contains("\n\nblock \(count)\n"))
    }
}

// MARK: HTML and scripts in Notion content reaching the site

extension HostileInputTests {
    @Test func scriptsAndUnsafeLinksFromNotionNeverReachTheSite() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let links = ["javascript:alert(1)", "JaVaScRiPt:alert(2)", "data:text/html,<script>alert(5)</script>",
                     "vbscript:msgbox(6)", "DATA:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg=="]
        var blocks: [JSONValue] = links.enumerated().map { Self.paragraph(Self.blockID($0.offset + 1), "link \($0.offset)", link: $0.element) }
        blocks.append(Self.paragraph(Self.blockID(20), "<script>alert(8)</script><img src=x onerror=alert(9)><a href=\"javascript:alert(10)\">x</a>"))
        blocks.append(["id": .string(Self.blockID(21)), "type": "bookmark", "bookmark": ["url": "javascript:alert(11)", "caption": []]])
        let workspace = try Self.workspace([
            Page(id: Self.pageID(1), title: "<script>alert('home')</script>", parent: nil, blocks: blocks),
            Page(id: Self.pageID(2), title: "\"><img src=x onerror=alert(12)>", parent: Self.pageID(1), blocks: []),
        ], in: folder.url)
        let config = try Self.siteConfig("""
        {"title": "<script>alert('site')</script>", "description": "\\"><script>alert(13)</script>", "author": "<b>me</b>",
         "base_url": "https://x.example/", "output": "_site", "cache": "cache", "templates": "\(Fixtures.repositoryRoot.appending(path: "templates/default").path)",
         "notion": {"emulator_workspace": "\(workspace.path)"},
         "roots": [{"page": "\(Self.pageID(1))", "path": ""}]}
        """, in: folder.url)
        let result = try await BuiltBinary.runDetached(["site", "--config", config.path, "--rps", "0"], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        let site = folder.url.appending(path: "_site")
        let built = Self.files(site).filter { $0.hasSuffix(".html") || $0.hasSuffix(".xml") }
        #expect(built.count >= 2, "\(built)")
        for path in built {
            let html = try String(contentsOf: site.appending(path: path), encoding: .utf8)
            let lower = html.lowercased()
            #expect(!lower.contains("<script>alert"), "\(path) runs a script from Notion")
            #expect(!lower.contains("<img src=x"), "\(path) has a raw <img> from Notion")
            for scheme in ["javascript:", "vbscript:", "data:"] {
                #expect(!lower.contains("href=\"\(scheme)") && !lower.contains("href=\" \(scheme)") && !lower.contains("src=\"\(scheme)"), "\(path) keeps a \(scheme) URL")
            }
            #expect(!html.contains("\"><img") && !html.contains("\"><script"), "\(path) lets text out of an attribute")
        }
    }
}

// MARK: The token is never written

extension HostileInputTests {
    /// `NotionCommandTests.aWrongTokenExitsWith3AndNeverAppears` checks a refused token; this runs
    /// every command that talks to Notion with an accepted, distinctive one (verbose, with a
    /// report, and a failing run) and searches everything they wrote or printed.
    @Test func aDistinctiveTokenIsNeverWrittenByAnyCommand() async throws {
        let secret = "ntn_SECRETbeginning_MIDDLEofTheToken_ENDofSecret42"
        let fragments = [secret, "MIDDLEofTheToken", "SECRETbeginning", "ENDofSecret42", "Bearer ntn_"]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var workspace = try Self.twoPages(in: folder.url)
        try Data("""
        {"integration": {"id": "7775f3a3-893f-43fa-b625-460c61094c78", "name": "hostile"}, "tokens": ["\(secret)"]}
        """.utf8).write(to: workspace.appending(path: "workspace.json"))
        workspace = workspace.standardizedFileURL
        let emulator = try ChildEmulator(workspace: workspace)
        let environment = ["NOTION_TOKEN": secret, "NOTION_API_BASE_URL": emulator.baseURL]
        let tokenFile = folder.url.appending(path: "token")
        try Data((secret + "\n").utf8).write(to: tokenFile)
        let notes = folder.url.appending(path: "notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("# Notes\n\nOne.\n".utf8).write(to: notes.appending(path: "Notes.md"))
        let config = try Self.siteConfig("""
        {"title": "x", "base_url": "https://x.example/", "output": "_site", "cache": "cache", "templates": "\(Fixtures.repositoryRoot.appending(path: "templates/default").path)",
         "roots": [{"page": "\(Self.pageID(1))", "path": ""}]}
        """, in: folder.url)
        let reports = folder.url.appending(path: "reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let runs: [[String]] = [
            ["markdown", folder.url.appending(path: "md").path],
            ["backup", folder.url.appending(path: "backup").path],
            ["site", "--config", config.path],
            ["import", notes.path, "--parent", Self.pageID(1), "--dry-run", "--state", folder.url.appending(path: "state").path],
            ["list"], ["whoami"], ["api", "GET", "/v1/users/me"],
            ["markdown", folder.url.appending(path: "failed").path, "--page", "ba5e0000-0000-8000-8000-0000000000ff"],
            ["whoami", "--token-file", tokenFile.path],
        ]
        var printed: [String] = []
        for (index, arguments) in runs.enumerated() {
            let result = try await BuiltBinary.runDetached(arguments + ["--verbose", "--rps", "0", "--report", reports.appending(path: "\(index).json").path],
                                                           environment: environment)
            let failing = arguments.contains("ba5e0000-0000-8000-8000-0000000000ff")
            #expect(failing ? result.status == 4 : result.status == 0, "\(arguments): \(result.stderr)")
            printed += [result.stdout, result.stderr]
        }
        // Everything written below the folder (the token file itself aside), and everything printed.
        let written = Self.files(folder.url).filter { $0 != "token" && !$0.hasPrefix("workspace/") }
        #expect(written.count > 20, "\(written)")
        for path in written {
            let text = String(decoding: try Data(contentsOf: folder.url.appending(path: path)), as: UTF8.self)
            for fragment in fragments { #expect(!text.contains(fragment), "\(path) holds \(fragment)") }
        }
        for text in printed {
            for fragment in fragments { #expect(!text.contains(fragment), "output holds \(fragment)") }
        }
        #expect(written.filter { $0.hasPrefix("reports/") }.count == runs.count)
    }
}

// MARK: Symbolic links in the site's output

extension HostileInputTests {
    @Test func theSiteNeverWritesThroughALinkInItsOutput() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Self.twoPages(in: folder.url)
        let config = try Self.siteConfig("""
        {"title": "x", "base_url": "https://x.example/", "output": "_site", "cache": "cache", "templates": "\(Fixtures.repositoryRoot.appending(path: "templates/default").path)",
         "notion": {"emulator_workspace": "\(workspace.path)"}, "roots": [{"page": "\(Self.pageID(1))", "path": ""}]}
        """, in: folder.url)
        let site = folder.url.appending(path: "_site"), victim = folder.url.appending(path: "victim.html")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("precious\n".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(at: site.appending(path: "index.html"), withDestinationURL: victim)
        let first = try await BuiltBinary.runDetached(["site", "--config", config.path, "--rps", "0"], environment: [:])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.isSymbolicLink(site.appending(path: "index.html")))

        // A folder of the site replaced by a link out of it.
        let sub = try #require(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted().first { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: site.appending(path: name).path, isDirectory: &isFolder) && isFolder.boolValue
        })
        let outside = folder.url.appending(path: "outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: site.appending(path: sub))
        try FileManager.default.createSymbolicLink(at: site.appending(path: sub), withDestinationURL: outside)
        let second = try await BuiltBinary.runDetached(["site", "--config", config.path, "--rps", "0"], environment: [:])
        #expect(second.status == 1, "\(second.stderr)")
        #expect(second.stderr.contains("\(site.appending(path: sub).path) is a symbolic link (to \(outside.path)): nothing is written through a link out of the output folder"),
                "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [])
    }
}
