@testable import CLI
import Foundation
import NotionAPI
import NotionModel
import Testing

/// `login` and `logout` run as the built binary against an emulator child process: the browser
/// step is a shell script (`--open-with`) that drives the authorization URL with curl.
@Suite struct OAuthCommandTests {
    static let clientID = "0a0a0000-0000-4000-8000-00000000c11e"
    static let secret = "secret_cli_oauth_test_0000000000"

    /// A one-page workspace with a member (the OAuth owner) and one OAuth client.
    final class Setup {
        let dir: URL
        let workspace: URL
        let config: URL
        let secretFile: URL
        let emulator: ChildEmulator

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("oauth-\(UUID().uuidString)")
            workspace = try makeTinyWorkspace()
            config = dir.appendingPathComponent("config/notion-export")
            secretFile = dir.appendingPathComponent("secret.txt")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data("""
            {"integration": {"id": "7775f3a3-893f-43fa-b625-460c61094c78", "name": "cli test"}, "tokens": ["ntn_cli_test"],
             "bot": {"bot": {"owner": {"type": "workspace", "workspace": true}, "workspace_name": "Acme CLI",
                             "workspace_id": "acacacac-0000-8000-8000-000000000009"}, "name": "cli test", "type": "bot"},
             "users": [{"id": "aced0000-0000-8000-8000-000000000001", "name": "Mara Okafor", "type": "person",
                        "person": {"email": "mara@acme.example"}}],
             "oauth_clients": [{"client_id": "\(OAuthCommandTests.clientID)", "client_secret": "\(OAuthCommandTests.secret)",
                                "redirect_uris": ["http://127.0.0.1/callback"], "name": "CLI public test"}]}
            """.utf8).write(to: workspace.appendingPathComponent("workspace.json"))
            try Data("\(OAuthCommandTests.secret)\n".utf8).write(to: secretFile)
            emulator = try ChildEmulator(workspace: workspace)
        }

        deinit {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: workspace)
        }

        var environment: [String: String] { ["NOTION_EXPORT_CONFIG_DIR": config.path, "NOTION_API_BASE_URL": emulator.baseURL] }
        var credentials: URL { config.appendingPathComponent("credentials.json") }

        /// A browser stand-in: `/bin/sh FILE` with the authorization URL as `$1`.
        func opener(_ script: String) throws -> String {
            let file = dir.appendingPathComponent("open-\(UUID().uuidString).sh")
            try Data(script.utf8).write(to: file)
            return "/bin/sh \(file.path)"
        }

        func login(_ script: String, extra: [String] = [], environment: [String: String]? = nil) async throws -> BuiltBinary.Output {
            try await BuiltBinary.runDetached(
                ["login", "--client-id", OAuthCommandTests.clientID, "--client-secret-file", secretFile.path,
                 "--open-with", try opener(script), "--timeout", "60"] + extra,
                environment: environment ?? self.environment)
        }
    }

    /// Follows Notion's redirect to the loopback listener, as a browser would after consent.
    static let approve = #"curl -s -o /dev/null -L "$1""#

    static func permissions(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func loginThenWhoamiThenLogoutRevokes() async throws {
        let s = try Setup()
        let login = try await s.login(Self.approve)
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.hasPrefix("Signed in to Acme CLI (bot "))
        #expect(login.stdout.contains("Credentials saved to \(s.credentials.path) (mode 0600)"))
        #expect(login.stderr.contains("Open this URL in a browser and allow access:\n  \(s.emulator.baseURL)/v1/oauth/authorize?client_id=\(Self.clientID)&response_type=code&owner=user&redirect_uri=http%3A%2F%2F127.0.0.1%3A"))
        #expect(try Self.permissions(s.credentials) == 0o600)
        #expect(try Self.permissions(s.config) == 0o700)
        let stored = try JSONValue(data: Data(contentsOf: s.credentials))
        let token = try #require(stored["access_token"]?.stringValue)
        #expect(token.hasPrefix("ntn_"))
        #expect(stored["workspace_name"] == "Acme CLI")
        #expect(stored["workspace_id"] == "acacacac-0000-8000-8000-000000000009")
        #expect(stored["api_base_url"] == .string(s.emulator.baseURL))
        #expect(stored["bot_id"]?.stringValue?.isEmpty == false)
        #expect(stored["created"]?.stringValue?.isEmpty == false)

        // No NOTION_TOKEN and no NOTION_API_BASE_URL: the stored token and its server.
        let report = s.dir.appendingPathComponent("report.json")
        let whoami = try await BuiltBinary.runDetached(["whoami", "--rps", "0", "--report", report.path],
                                                       environment: ["NOTION_EXPORT_CONFIG_DIR": s.config.path])
        #expect(whoami.status == 0, "\(whoami.stderr)")
        #expect(whoami.stdout == "Bot:       CLI public test\nWorkspace: Acme CLI\nBot ID:    \(stored["bot_id"]!.stringValue!)\n")
        let reportText = try String(contentsOf: report, encoding: .utf8)
        #expect(try JSONValue(string: reportText)["token_source"] == "credentials")
        let json = try await BuiltBinary.runDetached(["whoami", "--json", "--rps", "0"], environment: ["NOTION_EXPORT_CONFIG_DIR": s.config.path])
        #expect(try JSONValue(string: json.stdout)["bot"]?["owner"]?["user"]?["name"] == "Mara Okafor")

        let logout = try await BuiltBinary.runDetached(["logout"], environment: ["NOTION_EXPORT_CONFIG_DIR": s.config.path])
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(logout.stdout == "Signed out of Acme CLI: the token is revoked and \(s.credentials.path) deleted.\n")
        #expect(!FileManager.default.fileExists(atPath: s.credentials.path))

        // The revoked token no longer works.
        let revoked = try await BuiltBinary.runDetached(["whoami", "--rps", "0"],
                                                        environment: ["NOTION_TOKEN": token, "NOTION_API_BASE_URL": s.emulator.baseURL])
        #expect(revoked.status == 3)
        #expect(revoked.stderr.contains("401 unauthorized"))

        let again = try await BuiltBinary.runDetached(["logout"], environment: ["NOTION_EXPORT_CONFIG_DIR": s.config.path])
        #expect(again.status == 0)
        #expect(again.stdout == "Not signed in: no credentials at \(s.credentials.path).\n")

        for output in [login, whoami, json, logout, revoked, again] {
            #expect(!output.stdout.contains(token))
            #expect(!output.stderr.contains(token))
            #expect(!output.stdout.contains(Self.secret))
            #expect(!output.stderr.contains(Self.secret))
        }
        #expect(!reportText.contains(token))
    }

    @Test func aReusedCodeIsInvalidGrant() async throws {
        let s = try Setup()
        // The "browser" redeems the code itself first, then delivers it to the listener.
        let script = """
        loc=$(curl -s -o /dev/null -w '%{redirect_url}' "$1")
        code=${loc#*code=}; code=${code%%&*}
        base=${1%%/v1/oauth/*}
        curl -s -o /dev/null -u '\(Self.clientID):\(Self.secret)' -H 'Content-Type: application/json' \
          -d "{\\"grant_type\\":\\"authorization_code\\",\\"code\\":\\"$code\\",\\"redirect_uri\\":\\"${loc%%\\?*}\\"}" "$base/v1/oauth/token"
        curl -s -o /dev/null "$loc"
        """
        let login = try await s.login(script)
        #expect(login.status == 3)
        #expect(login.stderr.hasSuffix("""
        error: Notion returned 400 invalid_grant for POST /v1/oauth/token (Invalid code: this code has been revoked.): the authorization \
        code was already used, expired or is not this integration's. Codes work once and for a few minutes: run notion-export login again.

        """), "\(login.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.credentials.path))
    }

    @Test func aRedirectWithTheWrongStateIsRefused() async throws {
        let s = try Setup()
        let script = """
        loc=$(curl -s -o /dev/null -w '%{redirect_url}' "$1")
        curl -s -o \(s.dir.path)/page.html "${loc%%state=*}state=forged"
        """
        let login = try await s.login(script)
        #expect(login.status == 3)
        let redirect = try #require(login.stderr.split(separator: "\n").first { $0.hasPrefix("Waiting for the redirect to ") })
            .dropFirst("Waiting for the redirect to ".count).prefix { $0 != " " }
        #expect(login.stderr.hasSuffix("""
        error: refused a redirect to \(redirect) whose state does not match this login's (it did not come from the authorization \
        this command started); nothing was stored. Run notion-export login again.

        """), "\(login.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.credentials.path))
        let page = try String(contentsOf: s.dir.appendingPathComponent("page.html"), encoding: .utf8)
        #expect(page.contains("Refused: the state parameter does not match this sign-in."))
    }

    @Test func declinedConsentIsAClearError() async throws {
        let s = try Setup()
        let login = try await s.login(#"curl -s -o /dev/null -L "$1&emulator_consent=deny""#)
        #expect(login.status == 3)
        #expect(login.stderr.hasSuffix("""
        error: the authorization was declined in the browser (access_denied); nothing was stored. Run notion-export login again and allow access.

        """), "\(login.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.credentials.path))
    }

    @Test func aWrongClientSecretIsInvalidClient() async throws {
        let s = try Setup()
        try Data("not-the-secret".utf8).write(to: s.secretFile)
        let login = try await s.login(Self.approve)
        #expect(login.status == 3)
        #expect(login.stderr.hasSuffix("""
        error: Notion returned 401 invalid_client for POST /v1/oauth/token: check --client-id and the secret in --client-secret-file \
        (the integration's OAuth client ID and secret).

        """), "\(login.stderr)")
        #expect(!login.stderr.contains("not-the-secret"))
    }

    @Test func aBusyRedirectPortIsNamed() async throws {
        let s = try Setup()
        let port = try #require(URL(string: s.emulator.baseURL)?.port)
        let login = try await s.login(Self.approve, extra: ["--redirect-port", String(port)])
        #expect(login.status == 64)
        #expect(login.stderr.hasPrefix("error: cannot listen for the redirect on 127.0.0.1:\(port): the port is in use ("), "\(login.stderr)")
        #expect(login.stderr.hasSuffix("""
        ). Pick another with --redirect-port N (and register http://127.0.0.1:N/callback with the integration), or --redirect-port 0 for a free one.

        """), "\(login.stderr)")
    }

    @Test func aMissingOrEmptySecretFileIsAUsageError() async throws {
        let s = try Setup()
        try FileManager.default.removeItem(at: s.secretFile)
        let missing = try await s.login(Self.approve)
        #expect(missing.status == 64)
        #expect(missing.stderr == "error: cannot read --client-secret-file \(s.secretFile.path): no such file or not readable.\n")
        try Data(" \n".utf8).write(to: s.secretFile)
        let empty = try await s.login(Self.approve)
        #expect(empty.status == 64)
        #expect(empty.stderr == "error: --client-secret-file \(s.secretFile.path) is empty: put the integration's OAuth client secret in it.\n")
    }

    @Test func noRedirectWithinTheTimeoutIsAFailure() async throws {
        let s = try Setup()
        let login = try await BuiltBinary.runDetached(
            ["login", "--client-id", Self.clientID, "--client-secret-file", s.secretFile.path, "--open-with", "true", "--timeout", "1"],
            environment: s.environment)
        #expect(login.status == 1)
        let redirect = try #require(login.stderr.split(separator: "\n").first { $0.hasPrefix("Waiting for the redirect to ") })
            .dropFirst("Waiting for the redirect to ".count).prefix { $0 != " " }
        #expect(login.stderr.hasSuffix("""
        error: no redirect reached \(redirect) within 1 s; nothing was stored. Open the printed URL in a browser and allow access, \
        or raise --timeout.

        """), "\(login.stderr)")
    }

    @Test(arguments: ["login", "logout"])
    func helpHasExamples(subcommand: String) throws {
        let result = try BuiltBinary.run([subcommand, "--help"], environment: [:])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\nExamples:\n  "))
        #expect(result.stdout.contains("\n  notion-export \(subcommand)"))
        #expect(!result.stdout.contains("--open-with"))
    }
}

/// Which token a command uses when `login` stored one: NOTION_TOKEN and --token-file come first.
@Suite struct StoredCredentialsTests {
    static func store(_ dir: URL, base: String = "http://127.0.0.1:1234") throws {
        let credentials = StoredCredentials(accessToken: "ntn_stored_token_0000", refreshToken: nil, workspaceName: "Acme",
                                            workspaceID: nil, botID: nil, apiBaseURL: base, created: "2026-01-01T00:00:00Z",
                                            clientID: "id", clientSecret: "secret")
        try credentials.save(environment: ["NOTION_EXPORT_CONFIG_DIR": dir.path])
    }

    static func resolve(_ arguments: [String], _ environment: [String: String]) throws -> NotionConnectionOptions.Resolved {
        try NotionConnectionOptions.parse(arguments).resolve(environment: environment)
    }

    @Test func theStoredTokenComesAfterTheEnvironmentAndTheTokenFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.store(dir)
        let config = ["NOTION_EXPORT_CONFIG_DIR": dir.path]

        let stored = try Self.resolve([], config)
        #expect(stored.tokenSource == .credentials)
        #expect(stored.baseURL.absoluteString == "http://127.0.0.1:1234")
        #expect(stored.token == NotionToken("ntn_stored_token_0000"))
        #expect(stored.emulatorWorkspace == nil)

        let elsewhere = try Self.resolve([], config.merging(["NOTION_API_BASE_URL": "https://proxy.example"]) { $1 })
        #expect(elsewhere.tokenSource == .credentials)
        #expect(elsewhere.baseURL.absoluteString == "https://proxy.example")

        let environment = try Self.resolve([], config.merging(["NOTION_TOKEN": "ntn_env"]) { $1 })
        #expect(environment.tokenSource == .environment)
        #expect(environment.baseURL.absoluteString == "https://api.notion.com")

        let tokenFile = dir.appendingPathComponent("token")
        try Data("ntn_file".utf8).write(to: tokenFile)
        #expect(try Self.resolve(["--token-file", tokenFile.path], config).tokenSource == .file)

        // XDG_CONFIG_HOME/notion-export, then ~/.config/notion-export.
        #expect(StoredCredentials.file(environment: ["XDG_CONFIG_HOME": "/x"]).path == "/x/notion-export/credentials.json")
        #expect(StoredCredentials.file(environment: ["HOME": "/home/u"]).path == "/home/u/.config/notion-export/credentials.json")
    }

    @Test func aDamagedCredentialsFileIsAUsageError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{".utf8).write(to: dir.appendingPathComponent("credentials.json"))
        #expect(throws: UsageError.self) { try Self.resolve([], ["NOTION_EXPORT_CONFIG_DIR": dir.path]) }
        let result = try BuiltBinary.run(["whoami"], environment: ["NOTION_EXPORT_CONFIG_DIR": dir.path])
        #expect(result.status == 64)
        #expect(result.stderr == "error: \(dir.path)/credentials.json is not a readable credentials file: run notion-export login again, or delete it.\n")
    }
}
