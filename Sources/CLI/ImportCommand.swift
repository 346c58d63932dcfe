import ArgumentParser
import Export
import Foundation
import Import
import NotionAPI
import NotionModel

/// `notion-export import PATH --parent PAGE | --database ID`: Markdown written to Notion.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a Markdown file or folder into Notion as pages (or database rows), idempotently.",
        discussion: """
        Each Markdown file becomes a page (a folder without a Markdown file of its name, a page \
        with its title); files in the folder named like a file are its child pages, created where \
        its Markdown links them. Local images and files are uploaded once per content; links \
        between the files become links to the imported pages. Anything Notion cannot hold \
        exactly is kept as near as it can be and reported (docs/dialect.md).

        Running it again updates the same pages: unchanged files cost no write, a changed file \
        keeps its unchanged blocks and child pages. The state lives in --state, outside your files.

        Examples:
          notion-export import notes/ --parent https://www.notion.so/Inbox-1f2e… --dry-run
          notion-export import posts/ --database 8f1c… --report import.json
        """
    )

    @Argument(help: ArgumentHelp("A Markdown file or a folder of them.", valueName: "path"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("The page to import under: id (dashed or not) or any Notion URL.", valueName: "id-or-url"))
    var parent: String?

    @Option(name: .long, help: ArgumentHelp("A database whose rows the files become (front matter `properties` fill the columns).", valueName: "id-or-url"))
    var database: String?

    @Flag(name: .long, help: "Write nothing: print which pages would be created, updated or left, the blocks, uploads and requests.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Where the import's state (page ids, hashes) is kept.", valueName: "dir"))
    var state: String = ".notion-export/import"

    @OptionGroup(title: "Connection") var connection: NotionConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        if (parent == nil) == (database == nil) { throw ValidationError("give one of --parent PAGE or --database ID: where the pages go.") }
    }

    /// The target, and the source checked before anything connects.
    func prepare() throws -> Importer.Target {
        do {
            _ = try ImportPlan.scan(URL(fileURLWithPath: path))
        } catch {
            throw UsageError("import: \(error.description)")
        }
        if let parent { return .page(try IDArgument.page(parent, option: "--parent").rawValue) }
        return .database(try IDArgument.database(database ?? "", option: "--database").rawValue)
    }

    /// Which flag named the target, for "not shared" errors.
    var named: [NotionID: String] {
        if let parent, let id = try? IDArgument.page(parent, option: "--parent") { return [id.id: "--parent \(parent)"] }
        if let database, let id = try? IDArgument.database(database, option: "--database") { return [id.id: "--database \(database)"] }
        return [:]
    }

    func run() async throws {
        try await NotionRun(command: "import", connection: connection, output: output).execute(prepare: prepare) { session, target in
            session.name(named)
            let importer = Importer(client: session.client, source: URL(fileURLWithPath: path), target: target,
                                    state: URL(fileURLWithPath: state), dryRun: dryRun)
            // The target first: a wrong id, token or share ends with Notion's own exit code (3, 4, 5)
            // before anything is planned or written. A tree with nothing new or changed needs no
            // request at all.
            if try importer.hasWork() {
                switch target {
                case .page(let id): _ = try await session.client.send(.pagesRetrieve, ["page_id": id])
                case .database(let id): _ = try await session.client.send(.databasesRetrieve, ["database_id": id])
                }
            }
            // An ImportError names the file and how to fix it (exit 1).
            let summary = try await importer.run()
            for warning in summary.warnings { session.warn(warning.description) }
            session.record("import", Self.report(summary, dryRun: dryRun))
            let console = session.console
            if dryRun {
                func list(_ label: String, _ paths: [String]) {
                    guard !paths.isEmpty else { return }
                    console.output("\(label):\n" + paths.map { "  \($0)" }.joined(separator: "\n"))
                }
                list("would create", summary.created)
                list("would update", summary.updated)
                console.output("""
                \(summary.created.count) to create, \(summary.updated.count) to update, \(summary.unchanged.count) unchanged
                \(summary.plannedBlocks) blocks, \(summary.uploads) files to upload, at least \(summary.plannedRequests) requests (dry run: nothing written)
                """)
            } else {
                console.output("""
                \(summary.created.count) created, \(summary.updated.count) updated, \(summary.unchanged.count) unchanged\(summary.recovered.isEmpty ? "" : ", \(summary.recovered.count) found after an interrupted run")
                blocks: \(summary.blocksWritten) written, \(summary.blocksKept) kept, \(summary.blocksDeleted) deleted; \(summary.uploads) files uploaded; \(summary.linksPatched) links patched
                \(summary.warnings.count) warnings
                """)
            }
        }
    }

    static func report(_ summary: Importer.Summary, dryRun: Bool) -> JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        return [
            "dry_run": .bool(dryRun),
            "created": strings(summary.created), "updated": strings(summary.updated), "unchanged": strings(summary.unchanged),
            "recovered": strings(summary.recovered),
            "blocks_written": .int(summary.blocksWritten), "blocks_kept": .int(summary.blocksKept), "blocks_deleted": .int(summary.blocksDeleted),
            "uploads": .int(summary.uploads), "links_patched": .int(summary.linksPatched),
            "planned_blocks": .int(summary.plannedBlocks), "planned_requests": .int(summary.plannedRequests),
            "pages": .object(summary.pageIDs.mapValues(JSONValue.string)),
            "warnings": .array(summary.warnings.map { warning in
                ["file": .string(warning.file), "line": warning.line.map(JSONValue.int) ?? .null,
                 "construct": .string(warning.construct), "message": .string(warning.message)]
            }),
        ]
    }
}
