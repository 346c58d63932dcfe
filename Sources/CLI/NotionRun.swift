import ArgumentParser
import Emulator
import Export
import Import
import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// Everything a command that talks to Notion shares: resolving the connection (starting the
/// in-process emulator when needed), progress and `--verbose` lines, the one-line `error:`
/// message, the exit code and the `--report` file.
struct NotionRun {
    var command: String
    var connection: NotionConnectionOptions
    var output: OutputOptions
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Runs `body` with a connected session and exits with the documented code (throws `ExitCode`
    /// for anything but success).
    func execute(_ body: (NotionSession) async throws -> Void) async throws {
        try await execute(prepare: {}) { session, _ in try await body(session) }
    }

    /// `prepare` checks the command's own input (e.g. `--data`) before anything connects, so that
    /// a typo fails fast, yet still ends in one `error:` line, exit 64 and a report.
    func execute<Input>(prepare: () throws -> Input, _ body: (NotionSession, Input) async throws -> Void) async throws {
        let progress = Progress(style: .detect(quiet: output.quiet, environment: environment))
        let console = Console(progress: progress, quiet: output.quiet, verbose: output.verbose)
        if let value = environment["NOTION_TOKEN"] { console.addSecret(NotionToken(value)) }
        var report = RunReport(command: command)

        var status = ExitStatus.success
        var client: NotionClient?
        var session: NotionSession?
        var server: EmulatorServer?
        do {
            let input = try prepare()
            let resolved = try connection.resolve(environment: environment)
            console.addSecret(resolved.token)
            report.notionVersion = resolved.version.rawValue
            report.tokenSource = resolved.tokenSource.rawValue
            report.emulatorWorkspace = resolved.emulatorWorkspace?.path
            if let note = resolved.note { console.note(note) }

            var baseURL = resolved.baseURL
            if let workspace = resolved.emulatorWorkspace {
                // Load shaping stays off: the client's own --rps budget already paces the run like Notion.
                let started = try await EmulatorOptions(workspace: workspace).startServer(port: 0)
                server = started
                baseURL = started.baseURL
                if output.verbose { console.note("emulator: serving \(workspace.path) on \(started.baseURL.absoluteString)") }
            }
            report.baseURLHost = baseURL.host

            let verbose = output.verbose
            let made = connection.makeClient(resolved, baseURL: baseURL) { event in
                progress.record(event)
                if verbose { console.line(Self.verboseLine(event)) }
            }
            client = made
            let started = NotionSession(client: made, console: console, progress: progress)
            session = started
            progress.start()
            try await body(started, input)
        } catch let error as NotionError {
            status = ExitStatus(error)
            let message = Self.notShared(error, named: session) ?? error.description
            report.errors.append(.init(message: message, status: error.status, code: error.code?.rawValue, request: error.request))
            console.error(message)
        } catch let error as ExportError {
            switch error.reason {
            case .notion(let notion): status = ExitStatus(notion)
            case .invalidRoot: status = .usage
            default: status = .failure
            }
            if case .notion(let notion) = error.reason {
                let message = Self.notShared(notion, named: session) ?? error.description
                report.errors.append(.init(message: message, status: notion.status, code: notion.code?.rawValue, request: notion.request))
                console.error(message)
            } else {
                report.errors.append(.init(message: error.description))
                console.error(error.description)
            }
        } catch let error as RestoreError {
            status = error.notion.map(ExitStatus.init) ?? .failure
            let message = error.notion.flatMap { Self.notShared($0, named: session) } ?? error.description
            report.errors.append(.init(message: message, status: error.notion?.status, code: error.notion?.code?.rawValue, request: error.notion?.request))
            console.error(message)
        } catch let error as ImportError {
            status = error.notion.map(ExitStatus.init) ?? .failure
            let message = error.notion.flatMap { Self.notShared($0, named: session) } ?? error.description
            report.errors.append(.init(message: message, status: error.notion?.status, code: error.notion?.code?.rawValue, request: error.notion?.request))
            console.error(message)
        } catch let error as UsageError {
            status = .usage
            report.errors.append(.init(message: error.description))
            console.error(error.description)
        } catch let error as ValidationError {
            status = .usage
            report.errors.append(.init(message: error.message))
            console.error(error.message)
        } catch {
            status = .failure
            let message = String(describing: error)
            report.errors.append(.init(message: message))
            console.error(message)
        }
        report.stages = progress.stageSeconds().map { .init(stage: $0.stage, seconds: ($0.seconds * 1000).rounded() / 1000) }
        progress.finish()

        if let session {
            let recorded = session.recorded
            report.warnings = recorded.warnings
            report.outputs = recorded.outputs
            report.errors += recorded.failures
            report.details = recorded.details
            if status == .success && !recorded.failures.isEmpty { status = .partialFailure }
            if status == .success, let requested = recorded.status { status = requested }
        }
        if let client { report.metrics = client.metrics }

        if let path = output.report {
            report.exitCode = status.rawValue
            do {
                let text = console.redact(String(decoding: try report.data(), as: UTF8.self))
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                console.error("cannot write --report \(path): \(error.localizedDescription)")
                if status == .success { status = .failure }
            }
        }
        withExtendedLifetime(server) {}
        if status != .success { throw status.exitCode }
    }

    /// A 404 about an id the user named (a flag, a config key): that flag or key and the id first,
    /// then what Notion answered and how to share it. Other errors keep their own sentence.
    static func notShared(_ error: NotionError, named session: NotionSession?) -> String? {
        guard error.code == .objectNotFound, let id = error.subject?.notionID,
              let source = session?.named.withLock({ $0[id] }) else { return nil }
        return "\(source): \(error.description)"
    }

    /// `GET /v1/users/me 200 12 ms`, plus the attempt and the planned retry when there is one.
    static func verboseLine(_ event: NotionClient.RequestEvent) -> String {
        var line = "\(event.method) \(event.path) \(event.status.map(String.init) ?? "no answer") \(Int((event.seconds * 1000).rounded())) ms"
        if event.attempt > 1 { line += " (attempt \(event.attempt))" }
        if let retry = event.retry {
            line += ", retrying in " + String(format: "%.2f", retry.delay) + " s: " + retry.reason
        }
        return line
    }
}

/// stdout and stderr for a run: every string passes through the token redaction, as a second line
/// of defence after `NotionToken` itself.
final class Console: Sendable {
    let progress: Progress
    let quiet: Bool
    let verbose: Bool
    let secrets = Mutex<[NotionToken]>([])

    init(progress: Progress, quiet: Bool, verbose: Bool) {
        self.progress = progress
        self.quiet = quiet
        self.verbose = verbose
    }

    func addSecret(_ token: NotionToken) { secrets.withLock { $0.append(token) } }

    func redact(_ text: String) -> String {
        secrets.withLock { $0 }.reduce(text) { $1.redact($0) }
    }

    /// The command's result, on stdout.
    func output(_ text: String) {
        FileHandle.standardOutput.write(Data(redact(text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// An informational line on stderr (dropped by --quiet).
    func note(_ text: String) {
        if !quiet { progress.print(redact(text)) }
    }

    /// A line on stderr that was asked for (--verbose).
    func line(_ text: String) { progress.print(redact(text)) }

    /// `error: <sentence>` on stderr, always.
    func error(_ text: String) {
        let prefix = progress.style.colors ? "\u{1B}[31merror:\u{1B}[0m" : "error:"
        progress.print("\(prefix) \(redact(text))")
    }
}

/// What a command body works with: the client, the console, progress, and what the run recorded
/// for the report.
final class NotionSession: Sendable {
    struct Recorded: Sendable {
        var warnings: [String] = []
        var outputs: [String] = []
        /// Objects that failed while the run went on (exit code 2).
        var failures: [RunReport.ReportedError] = []
        /// What the command body did, for the report (`backup`: pages added, changed, …).
        var details: [String: JSONValue] = [:]
        /// The exit status the body asks for when nothing failed (`backup --check`: changes).
        var status: ExitStatus?
    }

    let client: NotionClient
    let console: Console
    let progress: Progress
    let state = Mutex(Recorded())
    /// Ids the user named, with the flag or config key that named them (`--page https://…`), so
    /// that "not shared" errors about them say where the id came from.
    let named = Mutex<[NotionID: String]>([:])

    init(client: NotionClient, console: Console, progress: Progress) {
        self.client = client
        self.console = console
        self.progress = progress
    }

    var recorded: Recorded { state.withLock { $0 } }

    func warn(_ text: String) {
        state.withLock { $0.warnings.append(console.redact(text)) }
        console.note("warning: \(text)")
    }

    /// Remembers which flag or config key named these ids (see `NotionRun.notShared`).
    func name(_ ids: [NotionID: String]) { named.withLock { $0.merge(ids) { first, _ in first } } }

    func wroteOutput(_ path: String) { state.withLock { $0.outputs.append(path) } }
    func record(_ key: String, _ value: JSONValue) { state.withLock { $0.details[key] = value } }
    func exit(with status: ExitStatus) { state.withLock { $0.status = status } }

    /// One object failed but the run continues; the run ends with exit code 2.
    func failed(_ error: NotionError) {
        state.withLock { $0.failures.append(.init(message: console.redact(error.description), status: error.status,
                                                  code: error.code?.rawValue, request: error.request)) }
        console.error(error.description)
    }
}

extension NotionSubject {
    /// The object's id, when the subject names one.
    var notionID: NotionID? {
        switch self {
        case .page(let id), .block(let id), .database(let id), .dataSource(let id), .user(let id), .comment(let id), .fileUpload(let id):
            NotionID(id)
        case .workspace: nil
        }
    }
}
