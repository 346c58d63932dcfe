import ArgumentParser
import Emulator
import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// `notion-export login`: the OAuth 2.0 flow of a public integration, with a loopback redirect.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in to a workspace through a public integration (OAuth) and store the token.",
        discussion: """
        Prints the authorization URL (and opens it in a browser when xdg-open or open \
        exists), receives Notion's redirect on http://127.0.0.1:PORT/callback, checks its \
        state, exchanges the code at POST /v1/oauth/token (Basic auth with the client ID \
        and secret) and stores the access token in credentials.json (mode 0600) under \
        $NOTION_EXPORT_CONFIG_DIR, else $XDG_CONFIG_HOME/notion-export, else \
        ~/.config/notion-export. The file also keeps the client ID and secret, which \
        logout needs to revoke the token. Later commands use the stored token when neither \
        NOTION_TOKEN nor --token-file is given. NOTION_API_BASE_URL points the flow at \
        another server (default https://api.notion.com). The token is never printed.

        Register the printed redirect URI with the integration (Notion: OAuth Domain & \
        URIs). With a fixed --redirect-port the URI stays the same between runs.

        Examples:
          notion-export login --client-id ID --client-secret-file secret.txt
          notion-export whoami          # now uses the stored token
          notion-export logout
        """
    )

    @Option(name: .customLong("client-id"), help: ArgumentHelp("The integration's OAuth client ID.", valueName: "id"))
    var clientID: String

    @Option(name: .customLong("client-secret-file"), help: ArgumentHelp(
        "A file holding the integration's OAuth client secret (surrounding whitespace is ignored).", valueName: "file"))
    var clientSecretFile: String

    @Option(name: .customLong("redirect-port"), help: ArgumentHelp(
        "The loopback port for the redirect; 0 picks a free one.", valueName: "n"))
    var redirectPort: Int = 0

    @Option(name: .long, help: ArgumentHelp("Give up when no redirect arrives within this many seconds.", valueName: "seconds"))
    var timeout: Int = 300

    /// Runs this command with the authorization URL as its last argument instead of a browser
    /// (tests: a script that follows the redirect with curl).
    @Option(name: .customLong("open-with"), help: .hidden)
    var openWith: String?

    func validate() throws {
        guard (0...65535).contains(redirectPort) else { throw ValidationError("--redirect-port must be 0…65535, got \(redirectPort).") }
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second, got \(timeout).") }
        guard !clientID.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--client-id cannot be empty.") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            try await signIn(environment: environment)
        } catch let failure as OAuthFailure {
            Self.fail(failure.description, failure.exitStatus)
        } catch let error as UsageError {
            Self.fail(error.description, .usage)
        }
    }

    static func fail(_ message: String, _ status: ExitStatus) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(status.rawValue)
    }

    static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    static func baseURL(_ environment: [String: String]) throws -> URL {
        guard let text = environment["NOTION_API_BASE_URL"], !text.isEmpty else { return URL(string: "https://api.notion.com")! }
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw UsageError("NOTION_API_BASE_URL \(text) is not an http(s) URL; unset it to use https://api.notion.com.")
        }
        return url
    }

    static func readSecret(_ path: String) throws(OAuthFailure) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw .secretFile(path: path, empty: false) }
        let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw .secretFile(path: path, empty: true) }
        return secret
    }

    func signIn(environment: [String: String]) async throws {
        let baseURL = try Self.baseURL(environment)
        let secret = try Self.readSecret(clientSecretFile)
        let state = OAuthEndpoints.randomState()

        // The listener is up before the URL is shown, so a fast browser cannot miss it.
        let box = CallbackBox()
        let server: EmulatorServer
        do {
            server = try await EmulatorServer.start(port: UInt16(redirectPort)) { url in
                let callback = LoopbackCallback(expectedState: state, redirectURI: url.absoluteString + "/callback")
                box.set(callback)
                return callback
            }
        } catch EmulatorServerError.cannotListen(_, let reason) {
            throw OAuthFailure.portBusy(redirectPort, reason: reason)
        }
        let callback = box.get()!
        let redirectURI = callback.redirectURI
        let url = OAuthEndpoints.authorizationURL(baseURL: baseURL, clientID: clientID, redirectURI: redirectURI, state: state)

        Self.note("Open this URL in a browser and allow access:\n  \(url.absoluteString)")
        Self.note("Waiting for the redirect to \(redirectURI) (register this redirect URI with the integration).")
        Self.open(url, with: openWith)

        let outcome = await callback.wait(seconds: timeout)
        // Stopping waits (up to a second) for the page to reach the browser before the process ends.
        await server.stop()
        let code: String
        switch outcome {
        case .code(let received): code = received
        case .failure(let failure): throw failure
        }
        let endpoints = OAuthEndpoints(baseURL: baseURL, clientID: clientID, clientSecret: secret)
        let answer = try await endpoints.exchange(code: code, redirectURI: redirectURI)
        guard let token = answer["access_token"]?.stringValue, !token.isEmpty else {
            throw OAuthFailure.rejected(endpoint: "POST /v1/oauth/token", status: 200, code: nil, message: "no access_token in the answer")
        }
        let credentials = StoredCredentials(
            accessToken: token, refreshToken: answer["refresh_token"]?.stringValue, workspaceName: answer["workspace_name"]?.stringValue,
            workspaceID: answer["workspace_id"]?.stringValue, botID: answer["bot_id"]?.stringValue,
            apiBaseURL: baseURL.absoluteString, created: ISO8601DateFormatter().string(from: Date()),
            clientID: clientID, clientSecret: secret)
        try credentials.save(environment: environment)
        let file = StoredCredentials.file(environment: environment)
        print("Signed in to \(credentials.workspaceName ?? "the workspace")\(credentials.botID.map { " (bot \($0))" } ?? "").")
        print("Credentials saved to \(file.path) (mode 0600); notion-export logout revokes and deletes them.")
    }

    /// Hands the URL to `--open-with`, else to xdg-open or open when one exists. Never waits and
    /// never fails: the URL is printed anyway.
    static func open(_ url: URL, with command: String?) {
        var arguments: [String]
        if let command {
            arguments = command.split(separator: " ").map(String.init)
        } else {
            let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            guard let opener = ["xdg-open", "open"].first(where: { name in
                path.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
            }) else { return }
            arguments = [opener]
        }
        guard !arguments.isEmpty else { return }
        arguments.append(url.absoluteString)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}

/// Holds the callback handler, made once the port is known.
final class CallbackBox: Sendable {
    private let value = Mutex<LoopbackCallback?>(nil)
    func set(_ callback: LoopbackCallback) { value.withLock { $0 = callback } }
    func get() -> LoopbackCallback? { value.withLock { $0 } }
}

/// `notion-export logout`: revokes the stored token and deletes the credentials file.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Revoke the token notion-export login stored, and delete it.",
        discussion: """
        Calls POST /v1/oauth/revoke with the client ID and secret stored by login, then \
        deletes credentials.json. When revoking fails (network, Notion unavailable) the \
        file is kept so that logout can be run again. Without stored credentials it says \
        so and exits 0.

        Examples:
          notion-export logout
          NOTION_EXPORT_CONFIG_DIR=/tmp/ne notion-export logout
        """
    )

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let file = StoredCredentials.file(environment: environment)
        do {
            guard let credentials = try StoredCredentials.load(environment: environment) else {
                print("Not signed in: no credentials at \(file.path).")
                return
            }
            guard let baseURL = URL(string: credentials.apiBaseURL) else {
                throw UsageError("\(file.path) has no valid api_base_url: delete it to sign out without revoking.")
            }
            let endpoints = OAuthEndpoints(baseURL: baseURL, clientID: credentials.clientID, clientSecret: credentials.clientSecret)
            do {
                try await endpoints.revoke(credentials.token)
            } catch {
                LoginCommand.fail(error.description + " The credentials stay in \(file.path): run logout again, or delete the file "
                                  + "to forget the token without revoking it.", error.exitStatus)
            }
            try StoredCredentials.delete(environment: environment)
            print("Signed out of \(credentials.workspaceName ?? "the workspace"): the token is revoked and \(file.path) deleted.")
        } catch let failure as OAuthFailure {
            LoginCommand.fail(failure.description, failure.exitStatus)
        } catch let error as UsageError {
            LoginCommand.fail(error.description, .usage)
        }
    }
}

