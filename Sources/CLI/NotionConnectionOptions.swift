import ArgumentParser
import Emulator
import Foundation
import NotionAPI
import NotionModel

/// How to reach Notion: shared by every command that talks to it. Token, base URL and version
/// come from the environment (NOTION_TOKEN, NOTION_API_BASE_URL, NOTION_VERSION) or these flags;
/// with no token at all, the bundled sample workspace is served by an in-process emulator.
struct NotionConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Serve this workspace folder with the local emulator (on a loopback port) and use it instead of Notion, with the first token of its workspace.json.",
        valueName: "workspace-dir"))
    var emulator: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp(
        "Read the integration token from this file instead of NOTION_TOKEN (surrounding whitespace is ignored).", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("notion-version"), help: ArgumentHelp(
        "The Notion-Version header (default: NOTION_VERSION, else \(NotionVersion.default)).", valueName: "date"))
    var notionVersion: String?

    @Option(name: .long, help: ArgumentHelp("Requests in flight at once.", valueName: "n"))
    var concurrency: Int = 8

    @Option(name: .long, help: ArgumentHelp("Average requests per second (Notion allows about 3); 0 for no limit.", valueName: "r"))
    var rps: Double = 3

    @Option(name: .customLong("max-retries"), help: ArgumentHelp(
        "Retries of one request (429, 5xx, network errors) before giving up with exit code 5.", valueName: "n"))
    var maxRetries: Int = 8

    /// First back-off delay; tests shrink it so that retry storms finish fast.
    @Option(name: .customLong("initial-backoff"), help: .hidden)
    var initialBackoff: Double = 0.5

    /// Longest Retry-After honoured; tests shrink it.
    @Option(name: .customLong("max-retry-after"), help: .hidden)
    var maxRetryAfter: Double = 300

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1, got \(concurrency).") }
        guard rps >= 0, rps.isFinite else { throw ValidationError("--rps must be 0 (no limit) or more, got \(rps).") }
        guard maxRetries >= 0 else { throw ValidationError("--max-retries cannot be negative, got \(maxRetries).") }
        guard initialBackoff >= 0, maxRetryAfter >= 0 else { throw ValidationError("back-off delays cannot be negative.") }
        if let notionVersion { _ = try Self.version(notionVersion, source: "--notion-version") }
    }

    static func version(_ text: String, source: String) throws -> NotionVersion {
        let version = NotionVersion(rawValue: text.trimmingCharacters(in: .whitespaces))
        guard version.isKnown else {
            throw ValidationError("\(source) \(text) is not a Notion-Version; use one of \(NotionVersion.all.map(\.rawValue).joined(separator: ", ")) (default \(NotionVersion.default)).")
        }
        return version
    }

    /// Where the token came from, for notes and the report (never the token itself).
    enum TokenSource: String, Sendable {
        case environment = "NOTION_TOKEN"
        case file = "--token-file"
        /// The token `notion-export login` stored (`StoredCredentials`).
        case credentials = "credentials"
        case emulator = "emulator"
    }

    /// A resolved configuration: what the client needs, and the emulator to serve when one is used.
    struct Resolved: Sendable {
        var baseURL: URL
        var version: NotionVersion
        var token: NotionToken
        var tokenSource: TokenSource
        /// The workspace folder the in-process emulator serves, if any.
        var emulatorWorkspace: URL?
        /// Said on stderr before the run (e.g. that the sample workspace is used).
        var note: String?
    }

    /// Reads flags, environment and files; starts nothing.
    func resolve(environment: [String: String], currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                 executable: URL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])) throws -> Resolved {
        let version: NotionVersion
        if let notionVersion {
            version = try Self.version(notionVersion, source: "--notion-version")
        } else if let fromEnvironment = environment["NOTION_VERSION"], !fromEnvironment.isEmpty {
            do { version = try Self.version(fromEnvironment, source: "NOTION_VERSION") } catch let error as ValidationError {
                throw UsageError(error.message)
            }
        } else {
            version = .default
        }

        if let emulator {
            let folder = URL(fileURLWithPath: emulator, relativeTo: currentDirectory).standardizedFileURL
            return Resolved(baseURL: URL(string: "http://127.0.0.1")!, version: version, token: try Self.emulatorToken(folder, shown: emulator),
                            tokenSource: .emulator, emulatorWorkspace: folder)
        }

        let baseURL: URL
        if let text = environment["NOTION_API_BASE_URL"], !text.isEmpty {
            guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw UsageError("NOTION_API_BASE_URL \(text) is not an http(s) URL; unset it to use https://api.notion.com.")
            }
            baseURL = url
        } else {
            baseURL = URL(string: "https://api.notion.com")!
        }

        if let tokenFile {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: tokenFile, relativeTo: currentDirectory)) } catch {
                throw UsageError("cannot read --token-file \(tokenFile): no such file or not readable.")
            }
            let token = NotionToken(String(decoding: data, as: UTF8.self))
            guard !token.isEmpty else {
                throw UsageError("--token-file \(tokenFile) is empty: put the integration's secret (ntn_…) in it.")
            }
            guard !token.hasInnerWhitespaceOrControl else {
                throw UsageError("--token-file \(tokenFile) holds a space, line break or control character inside the token: put the integration's secret (ntn_…) alone in it, copied again from notion.so/profile/integrations.")
            }
            return Resolved(baseURL: baseURL, version: version, token: token, tokenSource: .file)
        }
        if let value = environment["NOTION_TOKEN"] {
            let token = NotionToken(value)
            // An empty variable is usually a CI secret that did not expand: say so rather than
            // quietly exporting the sample workspace.
            guard !token.isEmpty else {
                throw UsageError("NOTION_TOKEN is set but empty: set it to the integration's secret (ntn_…), or unset it to use the local emulator.")
            }
            guard !token.hasInnerWhitespaceOrControl else {
                throw UsageError("NOTION_TOKEN holds a space, line break or control character inside the token: set it to the integration's secret (ntn_…) alone, copied again from notion.so/profile/integrations.")
            }
            return Resolved(baseURL: baseURL, version: version, token: token, tokenSource: .environment)
        }
        if let stored = try StoredCredentials.load(environment: environment) {
            // The token belongs to the server that issued it, unless NOTION_API_BASE_URL says otherwise.
            var storedBase = baseURL
            if environment["NOTION_API_BASE_URL"].map({ !$0.isEmpty }) != true {
                guard let url = URL(string: stored.apiBaseURL), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                    throw UsageError("\(StoredCredentials.file(environment: environment).path) has no valid api_base_url: run notion-export login again.")
                }
                storedBase = url
            }
            return Resolved(baseURL: storedBase, version: version, token: stored.token, tokenSource: .credentials)
        }
        if environment["NOTION_API_BASE_URL"].map({ !$0.isEmpty }) == true {
            throw UsageError("NOTION_API_BASE_URL is set but no token is: set NOTION_TOKEN, pass --token-file or run notion-export login.")
        }

        // No token at all: the demo path, on the bundled sample workspace.
        guard let sample = Self.findSampleWorkspace(currentDirectory: currentDirectory, executable: executable) else {
            throw UsageError("no NOTION_TOKEN set and no examples/workspace found: set NOTION_TOKEN (or --token-file), or pass --emulator WORKSPACE_DIR.")
        }
        return Resolved(baseURL: URL(string: "http://127.0.0.1")!, version: version, token: try Self.emulatorToken(sample.url, shown: sample.shown),
                        tokenSource: .emulator, emulatorWorkspace: sample.url,
                        note: "no NOTION_TOKEN set: using the local emulator on \(sample.shown)")
    }

    /// `examples/workspace` in the current directory, else in the repository the executable was
    /// built in (`.build/<triple>/debug/notion-export` lives below it).
    static func findSampleWorkspace(currentDirectory: URL, executable: URL) -> (url: URL, shown: String)? {
        func isWorkspace(_ url: URL) -> Bool {
            FileManager.default.fileExists(atPath: url.appendingPathComponent("workspace.json").path)
        }
        let local = currentDirectory.appendingPathComponent("examples/workspace")
        if isWorkspace(local) { return (local.standardizedFileURL, "examples/workspace") }
        var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" && !directory.path.isEmpty {
            let candidate = directory.appendingPathComponent("examples/workspace")
            if isWorkspace(candidate) { return (candidate.standardizedFileURL, candidate.standardizedFileURL.path) }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// The first token of a workspace folder's workspace.json.
    static func emulatorToken(_ folder: URL, shown: String) throws -> NotionToken {
        let file = folder.appendingPathComponent("workspace.json")
        guard let data = try? Data(contentsOf: file) else {
            throw UsageError("--emulator \(shown): not a workspace folder (no workspace.json); see examples/workspace/README.md.")
        }
        guard let json = try? JSONValue(data: data), let first = json["tokens"]?[0]?.stringValue, !first.isEmpty else {
            throw UsageError("\(shown)/workspace.json has no \"tokens\" list; add one (see examples/workspace/README.md).")
        }
        return NotionToken(first)
    }

    /// The client for a resolved configuration (the base URL of a started emulator replaces the
    /// placeholder).
    func makeClient(_ resolved: Resolved, baseURL: URL? = nil,
                    observer: (@Sendable (NotionClient.RequestEvent) -> Void)? = nil) -> NotionClient {
        let options = NotionClient.Options(
            baseURL: baseURL ?? resolved.baseURL, version: resolved.version, token: resolved.token,
            scheduler: .init(maxConcurrent: concurrency, requestsPerSecond: rps > 0 ? rps : nil),
            maxRetries: maxRetries, initialBackoff: initialBackoff, maxRetryAfter: maxRetryAfter)
        return NotionClient(options: options, observer: observer)
    }
}

/// Output flags shared by every command that talks to Notion.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one line per request on stderr: method, path, status, milliseconds, retries.")
    var verbose = false

    @Flag(name: .long, help: "Print errors only.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp(
        "Write a JSON run report here (command, version, metrics, warnings, errors, outputs, exit code), even when the run fails.",
        valueName: "file"))
    var report: String?

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together.") }
    }
}
