import ArgumentParser
import Export
import Foundation
import NotionAPI
import NotionModel

/// `notion-export backup OUT`: a git-friendly, lossless, incremental backup tree.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up pages and databases as a git-friendly tree: Markdown, raw JSON, CSV, assets.",
        discussion: """
        Writes every page as Markdown with its raw API JSON beside it (<slug>.md and \
        <slug>.json; child pages in <slug>/), every database as a Markdown table, a CSV and its \
        raw JSON, and the files into assets/. The tree is byte-stable (an unchanged workspace \
        changes no byte), incremental (an unchanged workspace costs only the search, one query \
        per data source and one read per database; only pages whose last_edited_time moved, or \
        whose child pages moved, are fetched again), and resumable (a run stopped at any point \
        leaves whole files, and the next run reuses what it had fetched). Pages deleted, moved \
        or renamed upstream are removed, moved or renamed here. The raw JSON is the emulator's \
        workspace format: `notion-export emulator --workspace OUT --token T` serves the backup.

        Examples:
          notion-export backup backup/                     # sample workspace, no token needed
          NOTION_TOKEN=ntn_… notion-export backup backup/ --git-commit
          notion-export backup backup/ --check             # CI: exit 6 when out of date
        """
    )

    @Argument(help: ArgumentHelp("The backup folder (created if missing; may be a git work tree).", valueName: "out"))
    var out: String

    @OptionGroup var selection: RootOptions

    @Flag(name: .long, help: "Write nothing: list what would change and exit with code 6 when anything would.")
    var check = false

    @Flag(name: .customLong("git-commit"), help: "Commit the changes (git add -A in OUT, then commit with a summary) when OUT is in a git work tree.")
    var gitCommit = false

    @Flag(name: .long, help: "Download external files too; by default they stay links.")
    var downloadExternal = false

    @Option(name: .long, help: ArgumentHelp("Skip (and report) files larger than this many megabytes.", valueName: "mb"))
    var maxAssetSize: Int = 100

    @OptionGroup(title: "Connection") var connection: NotionConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        if check && gitCommit { throw ValidationError("--check writes nothing, so it cannot --git-commit: give one of them.") }
    }

    func roots() throws -> [ExportRoot] {
        let roots = try selection.roots()
        return roots.isEmpty ? [.workspace] : roots
    }

    func run() async throws {
        let outputDirectory = URL(fileURLWithPath: out)
        try await NotionRun(command: "backup", connection: connection, output: output).execute(prepare: roots) { session, roots in
            session.name(selection.named())
            let progress = session.progress
            let backup = Backup(client: session.client,
                                options: BackupOptions(assetOptions: AssetOptions(maxBytes: Int64(maxAssetSize) * 1_048_576),
                                                       downloadExternal: downloadExternal, check: check)) { update in
                progress.stage(update.description)
            }
            let summary = try await backup.run(roots, into: outputDirectory) { stage in progress.enter("\(stage)") }
            for issue in summary.issues { session.warn(issue.description) }
            for skipped in summary.assets.skipped { session.warn("assets: \(skipped)") }
            for warning in summary.warnings { session.warn(warning.description) }
            if !check { for path in summary.written { session.wroteOutput(path) } }
            session.record("backup", Self.report(summary, check: check))
            let console = session.console
            func list(_ label: String, _ paths: [String]) {
                guard !paths.isEmpty else { return }
                console.output("\(label):\n" + paths.map { "  \($0)" }.joined(separator: "\n"))
            }
            if check {
                list("would add", summary.added)
                list("would change", summary.changed)
                list("would remove", summary.removed)
                list("files that would be written", summary.written)
                list("files that would be removed", summary.deleted)
            }
            let verb = check ? "would be " : ""
            console.output("""
            \(Self.headline(summary)) in \(out)
            pages: \(summary.fetchedPages) fetched, \(summary.reusedPages) unchanged and not fetched
            files: \(summary.written.count) \(verb)written, \(summary.deleted.count) \(verb)removed
            assets: \(summary.assets.downloaded) downloaded (\(summary.assets.bytes) bytes), \(summary.assets.reused) unchanged, \(summary.assets.skipped.count) skipped
            \(summary.warnings.count + summary.issues.count + summary.assets.skipped.count) warnings
            """)
            if check {
                if !summary.isUpToDate {
                    console.output("the backup is out of date (exit code 6)")
                    session.exit(with: .changes)
                }
            } else if gitCommit {
                do {
                    if let commit = try GitCommit.commit(in: outputDirectory, message: Self.commitMessage(summary)) {
                        console.output("committed \(commit)")
                    } else {
                        console.output("git: nothing to commit")
                    }
                } catch {
                    throw UsageError("--git-commit: \(error)")
                }
            }
        }
    }

    static func headline(_ summary: BackupSummary) -> String {
        "\(summary.added.count) added, \(summary.changed.count) changed, \(summary.removed.count) removed, \(summary.unchanged.count) unchanged"
    }

    static func commitMessage(_ summary: BackupSummary) -> String {
        var lines = ["notion-export backup: \(headline(summary))", ""]
        for (label, paths) in [("added", summary.added), ("changed", summary.changed), ("removed", summary.removed)] {
            lines += paths.prefix(50).map { "\(label): \($0)" }
            if paths.count > 50 { lines.append("\(label): … and \(paths.count - 50) more") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func report(_ summary: BackupSummary, check: Bool) -> JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        return [
            "check": .bool(check),
            "added": strings(summary.added), "changed": strings(summary.changed), "removed": strings(summary.removed),
            "unchanged": .int(summary.unchanged.count),
            "pages_fetched": .int(summary.fetchedPages), "pages_reused": .int(summary.reusedPages),
            "files_written": strings(summary.written), "files_removed": strings(summary.deleted),
            "assets_downloaded": .int(summary.assets.downloaded), "asset_bytes": .int(Int(summary.assets.bytes)),
            "assets_reused": .int(summary.assets.reused),
        ]
    }
}

/// `--git-commit`: stage everything in OUT and commit it when OUT is inside a git work tree.
enum GitCommit {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The new commit's hash, or nil when there was nothing to commit.
    static func commit(in folder: URL, message: String) throws -> String? {
        let inside = try git(["rev-parse", "--is-inside-work-tree"], in: folder, allowFailure: true)
        guard inside.status == 0, inside.output.trimmingCharacters(in: .whitespacesAndNewlines) == "true" else {
            throw Failure(description: "\(folder.path) is not in a git work tree; run `git init` there first.")
        }
        _ = try git(["add", "-A", "--", "."], in: folder)
        let staged = try git(["diff", "--cached", "--quiet", "--", "."], in: folder, allowFailure: true)
        guard staged.status != 0 else { return nil }
        var identity: [String] = []
        if try git(["config", "user.name"], in: folder, allowFailure: true).status != 0 {
            identity = ["-c", "user.name=notion-export", "-c", "user.email=notion-export@localhost"]
        }
        _ = try git(identity + ["commit", "-q", "-m", message, "--", "."], in: folder)
        return try git(["rev-parse", "--short", "HEAD"], in: folder).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func git(_ arguments: [String], in folder: URL, allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { throw Failure(description: "cannot run git: \(error.localizedDescription)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 && !allowFailure {
            throw Failure(description: "git \(arguments.joined(separator: " ")) failed: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return (process.terminationStatus, output)
    }
}
