import Foundation
import NotionModel
import Testing
import TestSupport

/// whoami, api and the options every Notion-talking command shares, run as the built binary
/// against emulators on loopback ports.
@Suite struct NotionCommandTests {
    static let sampleToken = "ntn_sample_0000000000000000000000000000000000000000"
    static let sample = Fixtures.sampleWorkspace.path
    static let unsharedPage = "ba9e0000-0000-8000-8000-000000000026"
    static let changelogPage = "ba9e0000-0000-8000-8000-00000000001a"
    static let sharingHint = "it is not shared with the integration, or it does not exist: share it with your integration "
        + "(in Notion: its ••• menu → Connections → your integration; sharing a page also shares every page below it) and rerun. "
        + "`notion-export list` shows what the integration can reach."

    /// A fresh temp path, removed by the caller.
    static func tempFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }

    static func report(_ url: URL) throws -> JSONValue {
        try JSONValue(data: Data(contentsOf: url))
    }

    // MARK: Help

    @Test func rootHelpListsEverySubcommandAndTheExitCodes() throws {
        let result = try BuiltBinary.run(["--help"], environment: [:])
        #expect(result.status == 0)
        for subcommand in ["list", "markdown", "backup", "import", "restore", "site", "whoami", "api", "emulator", "synthetic-workspace", "serve", "login", "logout"] {
            #expect(result.stdout.contains("\n  \(subcommand) "), "\(subcommand)")
        }
        #expect(result.stdout.contains("""
        Exit codes:
          0   success
          1   failure
          2   partial failure: finished, but some objects failed (see --report)
          3   authentication or permission: 401 unauthorized, 403 restricted_resource
          4   not found or not shared with the integration: 404 object_not_found
          5   Notion unavailable: retries exhausted on 429/5xx/network errors, or a
              write that failed in a way that may have applied it
          6   backup --check: the backup is out of date (the changes are listed)
          64  usage error: bad flags, arguments, configuration or --data
        """))
    }

    @Test(arguments: ["list", "markdown", "backup", "import", "restore", "site", "whoami", "api", "emulator", "synthetic-workspace", "serve", "login", "logout"])
    func everySubcommandHelpHasExamples(subcommand: String) throws {
        let result = try BuiltBinary.run([subcommand, "--help"], environment: [:])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\nExamples:\n  "))
        #expect(result.stdout.contains("\n  notion-export \(subcommand) ") || result.stdout.contains("\n  notion-export \(subcommand)\n"))
    }

    @Test(arguments: ["list", "whoami", "api"])
    func notionCommandsShareTheConnectionAndOutputOptions(subcommand: String) throws {
        let result = try BuiltBinary.run([subcommand, "--help"], environment: [:])
        for option in ["--emulator", "--token-file", "--notion-version", "--concurrency", "--rps", "--max-retries",
                       "--verbose", "--quiet", "--report"] {
            #expect(result.stdout.contains(option), "\(option)")
        }
        #expect(!result.stdout.contains("--initial-backoff"))
    }

    // MARK: whoami

    @Test func whoamiOnTheSampleWorkspace() throws {
        let result = try BuiltBinary.run(["whoami", "--emulator", Self.sample], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
        Bot:       notion-export sample
        Workspace: Acme
        Bot ID:    7775f3a3-893f-43fa-b625-460c61094c78

        """)
        #expect(result.stderr == "")
    }

    @Test func whoamiJSONPrintsTheUserObject() throws {
        let result = try BuiltBinary.run(["whoami", "--json", "--emulator", Self.sample], environment: [:])
        #expect(result.status == 0)
        let user = try JSONValue(string: result.stdout)
        #expect(user["object"] == "user")
        #expect(user["bot"]?["workspace_name"] == "Acme")
    }

    @Test func withoutAnyTokenTheSampleWorkspaceIsServedAndSaidSo() throws {
        let result = try BuiltBinary.run(["whoami"], environment: [:], currentDirectory: Fixtures.repositoryRoot)
        #expect(result.status == 0)
        #expect(result.stderr == "no NOTION_TOKEN set: using the local emulator on examples/workspace\n")
        #expect(result.stdout.hasPrefix("Bot:       notion-export sample\n"))

        // Elsewhere, the sample is found next to the executable's repository.
        let elsewhere = try BuiltBinary.run(["whoami", "--quiet"], environment: [:], currentDirectory: FileManager.default.temporaryDirectory)
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stderr == "")
        #expect(elsewhere.stdout.hasPrefix("Bot:       notion-export sample\n"))
    }

    @Test func aWrongTokenExitsWith3AndNeverAppears() throws {
        let emulator = try ChildEmulator(workspace: Fixtures.sampleWorkspace)
        let wrong = "ntn_wrong_0123456789abcdef"
        let reportFile = Self.tempFile("report")
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let result = try BuiltBinary.run(["whoami", "--verbose", "--report", reportFile.path],
                                         environment: ["NOTION_TOKEN": wrong, "NOTION_API_BASE_URL": emulator.baseURL])
        #expect(result.status == 3)
        #expect(result.stderr.hasSuffix("""
        error: Notion returned 401 unauthorized for GET /v1/users/me: the token is invalid: check NOTION_TOKEN or --token-file (copy the integration's secret again from notion.so/profile/integrations).

        """))
        let reportText = try String(contentsOf: reportFile, encoding: .utf8)
        for text in [result.stdout, result.stderr, reportText] {
            #expect(!text.contains(wrong))
            #expect(!text.contains("0123456789abcdef"))
        }
        let report = try JSONValue(string: reportText)
        #expect(report["exit_code"] == 3)
        #expect(report["errors"]?[0]?["status"] == 401)
        #expect(report["errors"]?[0]?["code"] == "unauthorized")
        #expect(report["token_source"] == "NOTION_TOKEN")
        #expect(report["base_url_host"] == "127.0.0.1")
    }

    @Test func tokenFileIsTrimmedAndAnEmptyOneIsAUsageError() throws {
        let emulator = try ChildEmulator(workspace: Fixtures.sampleWorkspace)
        let file = Self.tempFile("token")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("  \(Self.sampleToken)\n\n".utf8).write(to: file)
        let result = try BuiltBinary.run(["whoami", "--token-file", file.path], environment: ["NOTION_API_BASE_URL": emulator.baseURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Bot:       notion-export sample\n"))

        try Data(" \n".utf8).write(to: file)
        let empty = try BuiltBinary.run(["whoami", "--token-file", file.path], environment: ["NOTION_API_BASE_URL": emulator.baseURL])
        #expect(empty.status == 64)
        #expect(empty.stderr == "error: --token-file \(file.path) is empty: put the integration's secret (ntn_…) in it.\n")
    }

    @Test func anUnknownNotionVersionIsAUsageError() throws {
        let flag = try BuiltBinary.run(["whoami", "--notion-version", "2024-01-01"], environment: [:])
        #expect(flag.status == 64)
        #expect(flag.stderr.contains("--notion-version 2024-01-01 is not a Notion-Version; use one of 2021-05-11, 2021-05-13, 2021-08-16, 2022-02-22, 2022-06-28, 2025-09-03, 2026-03-11 (default 2025-09-03)."))
        let environment = try BuiltBinary.run(["whoami", "--emulator", Self.sample], environment: ["NOTION_VERSION": "latest"])
        #expect(environment.status == 64)
        #expect(environment.stderr == "error: NOTION_VERSION latest is not a Notion-Version; use one of 2021-05-11, 2021-05-13, 2021-08-16, 2022-02-22, 2022-06-28, 2025-09-03, 2026-03-11 (default 2025-09-03).\n")
    }

    // MARK: restore

    @Test func aBackupRestoresUnderAPageAndAnUnsharedParentSaysHowToShareIt() async throws {
        let backup = Self.tempFile("backup")
        let reportFile = Self.tempFile("report")
        defer {
            try? FileManager.default.removeItem(at: backup)
            try? FileManager.default.removeItem(at: reportFile)
        }
        #expect(try await BuiltBinary.runDetached(["backup", backup.path, "--emulator", Self.sample, "--quiet", "--rps", "0"], environment: [:]).status == 0)
        let result = try await BuiltBinary.runDetached(["restore", backup.path, "--parent", "https://www.notion.so/Acme-Home-ba9e0000000080008000000000000001",
                                          "--emulator", Self.sample, "--rps", "0", "--report", reportFile.path], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("restored 71 pages, 2 databases, 713 blocks and 9 files from \(backup.path)\n"))
        let report = try Self.report(reportFile)
        let details = report["details"]?["restore"]
        #expect(details?["pages"] == 71 && details?["ids"]?.objectValue?.count ?? 0 > 73)
        #expect(details?["lossy"]?.arrayValue?.contains { $0["construct"] == "link_preview block" } == true)

        let unshared = try await BuiltBinary.runDetached(["restore", backup.path, "--parent", Self.unsharedPage, "--emulator", Self.sample, "--rps", "0"], environment: [:])
        #expect(unshared.status == 4)
        #expect(unshared.stderr == "error: --parent \(Self.unsharedPage): Notion returned 404 object_not_found for page \(Self.unsharedPage): \(Self.sharingHint)\n",
                "\(unshared.stderr)")

        let wrong = try await BuiltBinary.runDetached(["restore", backup.path, "--parent", "nope", "--emulator", Self.sample], environment: [:])
        #expect(wrong.status == 64 && wrong.stderr == "error: --parent “nope” is not a Notion page or database: \(NotionID.expectedForms).\n")
        let missing = try await BuiltBinary.runDetached(["restore", backup.path + "-missing", "--parent", Self.changelogPage, "--emulator", Self.sample], environment: [:])
        #expect(missing.status == 64 && missing.stderr.contains("not a folder; give the folder `notion-export backup` wrote."))
    }

    // MARK: api

    @Test func anUnsharedPageExitsWith4AndSaysHowToShareIt() throws {
        let result = try BuiltBinary.run(["api", "GET", "/v1/pages/\(Self.unsharedPage)", "--emulator", Self.sample], environment: [:])
        #expect(result.status == 4)
        #expect(result.stdout == "")
        #expect(result.stderr == "error: Notion returned 404 object_not_found for page \(Self.unsharedPage): it is not shared with the integration, or it does not exist: share it with your integration (in Notion: its ••• menu → Connections → your integration; sharing a page also shares every page below it) and rerun. `notion-export list` shows what the integration can reach.\n")
    }

    @Test func allFollowsBlockChildrenPagination() throws {
        let reportFile = Self.tempFile("report")
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let result = try BuiltBinary.run(["api", "GET", "v1/blocks/\(Self.changelogPage)/children", "--all", "--verbose",
                                          "--emulator", Self.sample, "--report", reportFile.path], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        let list = try JSONValue(string: result.stdout)
        #expect(list["object"] == "list")
        #expect(list["results"]?.arrayValue?.count == 105)
        let requestLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("GET /v1/blocks/\(Self.changelogPage)/children?page_size=100") }
        #expect(requestLines.count == 2)
        #expect(requestLines.allSatisfy { $0.contains(" 200 ") && $0.hasSuffix(" ms") })

        let report = try Self.report(reportFile)
        #expect(report["metrics"]?["requests"] == 2)
        #expect(report["metrics"]?["requests_by_endpoint"]?["blocks.children.list"] == 2)
        #expect(report["command"] == "api")
        #expect(report["notion_version"] == "2025-09-03")
        #expect(report["exit_code"] == 0)
        #expect(report["errors"] == [])
        #expect(!(try String(contentsOf: reportFile, encoding: .utf8)).contains(Self.sampleToken))
    }

    @Test func allFollowsSearchThroughTheBody() throws {
        let result = try BuiltBinary.run(["api", "POST", "/v1/search", "--data", #"{"filter":{"property":"object","value":"page"}}"#,
                                          "--all", "--emulator", Self.sample], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        let results = try #require(try JSONValue(string: result.stdout)["results"]?.arrayValue)
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { $0["object"] == "page" })
    }

    @Test func dataFromAFileIsSent() throws {
        let file = Self.tempFile("body")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"query": "Changelog", "filter": {"property": "object", "value": "page"}}"#.utf8).write(to: file)
        let result = try BuiltBinary.run(["api", "post", "/v1/search", "--data", "@\(file.path)", "--emulator", Self.sample], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONValue(string: result.stdout)["object"] == "list")
    }

    @Test func invalidDataIsAUsageErrorWithLineAndColumn() throws {
        let reportFile = Self.tempFile("report")
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let result = try BuiltBinary.run(["api", "POST", "/v1/search", "--data", "{bad", "--emulator", Self.sample,
                                          "--report", reportFile.path], environment: [:])
        #expect(result.status == 64)
        #expect(result.stderr == "error: --data is not valid JSON: expected a quoted key at line 1, column 2.\n")
        let report = try Self.report(reportFile)
        #expect(report["exit_code"] == 64)
        #expect(report["metrics"]?["requests"] == 0)
    }

    @Test func badMethodsAndPathsAreUsageErrors() throws {
        let method = try BuiltBinary.run(["api", "PUT", "/v1/users/me"], environment: [:])
        #expect(method.status == 64)
        #expect(method.stderr.contains("METHOD must be one of GET, POST, PATCH, DELETE, got PUT."))
        let path = try BuiltBinary.run(["api", "GET", "/users/me"], environment: [:])
        #expect(path.status == 64)
        #expect(path.stderr.contains("PATH must start with /v1/ (e.g. /v1/users/me), got /users/me."))
        let data = try BuiltBinary.run(["api", "GET", "/v1/users/me", "--data", "{}"], environment: [:])
        #expect(data.status == 64)
        #expect(data.stderr.contains("--data is the body of POST and PATCH requests; GET takes its parameters in PATH's query string."))
    }

    @Test func anUnknownRouteIsSentAsIsAndCounted() throws {
        let reportFile = Self.tempFile("report")
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let result = try BuiltBinary.run(["api", "GET", "/v1/not_a_route", "--emulator", Self.sample, "--report", reportFile.path],
                                         environment: [:])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: Notion returned 400 invalid_request_url for GET /v1/not_a_route"))
        #expect(try Self.report(reportFile)["metrics"]?["requests"] == 1)
    }

    @Test func aServerErrorStormExitsWith5() throws {
        let emulator = try ChildEmulator(workspace: Fixtures.sampleWorkspace, extraArguments: ["--faults", "1", "--seed", "3"])
        let reportFile = Self.tempFile("report")
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let result = try BuiltBinary.run(["whoami", "--max-retries", "2", "--initial-backoff", "0.01", "--max-retry-after", "0.01",
                                          "--report", reportFile.path],
                                         environment: ["NOTION_TOKEN": Self.sampleToken, "NOTION_API_BASE_URL": emulator.baseURL])
        #expect(result.status == 5)
        #expect(result.stderr == "error: gave up on GET /v1/users/me after 3 attempts (last: 500 internal_server_error): Notion is rate limiting or unavailable; rerun later or lower --concurrency.\n")
        let report = try Self.report(reportFile)
        #expect(report["metrics"]?["requests"] == 3)
        #expect(report["metrics"]?["retries"] == 2)
        #expect(report["exit_code"] == 5)
    }

    // MARK: Output

    @Test func noColorOutputHasNoEscapeCharacter() throws {
        for arguments in [["whoami", "--verbose", "--emulator", Self.sample],
                          ["api", "GET", "/v1/pages/\(Self.unsharedPage)", "--emulator", Self.sample]] {
            let result = try BuiltBinary.run(arguments, environment: ["NO_COLOR": "1"])
            #expect(!result.stdout.contains("\u{1B}"))
            #expect(!result.stderr.contains("\u{1B}"))
            #expect(!result.stderr.isEmpty)
        }
    }

    @Test func quietPrintsErrorsOnly() throws {
        let ok = try BuiltBinary.run(["whoami", "--quiet"], environment: [:], currentDirectory: Fixtures.repositoryRoot)
        #expect(ok.status == 0)
        #expect(ok.stderr == "")
        let verboseAndQuiet = try BuiltBinary.run(["whoami", "--quiet", "--verbose"], environment: [:])
        #expect(verboseAndQuiet.status == 64)
        #expect(verboseAndQuiet.stderr.contains("--verbose and --quiet cannot be used together."))
    }
}
