import ArgumentParser
import Export
import Foundation
import NotionAPI
import NotionMarkdown
import NotionModel

/// `notion-export markdown OUT`: pages and databases as a GitHub-Flavored Markdown tree with
/// their files downloaded and links between them made relative.
struct MarkdownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Export pages and databases as a Markdown tree (GFM, front matter, assets, relative links).",
        discussion: """
        Walks the roots recursively (child pages, child databases and their rows, synced \
        blocks) with the fewest requests Notion allows, converts every block to GitHub-Flavored \
        Markdown (docs/dialect.md), downloads Notion-hosted files into OUT/assets/ (once: \
        unchanged files are not downloaded again) and rewrites links between exported pages to \
        relative links. A page is OUT/<path>/<slug>.md; its child pages live in <slug>/.

        Nothing is dropped silently: blocks the API cannot give (forms, buttons) and block \
        types this version does not know become a visible placeholder and a warning; links to \
        pages outside the export keep their Notion URL and are listed. Unshared pages that \
        the content links to are reported once with how to share them.

        Examples:
          notion-export markdown out                       # sample workspace, no token needed
          NOTION_TOKEN=ntn_… notion-export markdown out --page https://www.notion.so/Home-1f2e…
          notion-export markdown out --database 8f1c… --filter '{"property":"Status","status":{"equals":"Published"}}' \\
              --sort Published:descending
        """
    )

    @Argument(help: ArgumentHelp("The folder to write the Markdown tree into (created if missing).", valueName: "out"))
    var out: String

    @OptionGroup var selection: RootOptions

    @Flag(name: .long, help: "Export everything shared with the integration (the default when no --page or --database is given).")
    var all = false

    @Option(name: .long, help: ArgumentHelp("A Notion filter object (JSON) for the rows of every database.", valueName: "json"))
    var filter: String?

    @Option(name: .long, help: ArgumentHelp("Sort rows by a property: NAME:ascending or NAME:descending. Repeatable; the first sorts first.", valueName: "property:direction"))
    var sort: [String] = []

    @Option(name: .long, help: "Notion colours: html (<span data-color>, the default) or drop.")
    var colors: ConversionOptions.HTMLStyle = .html

    @Option(name: .long, help: "Underline: html (<u>, the default) or drop.")
    var underline: ConversionOptions.HTMLStyle = .html

    @Option(name: .long, help: "Callouts: alert (GitHub's > [!NOTE], the default) or html (<aside>).")
    var callouts: ConversionOptions.CalloutStyle = .alert

    @Flag(name: .long, help: "Download external files (image and file blocks that link elsewhere) too; by default they stay links.")
    var downloadExternal = false

    @Option(name: .long, help: ArgumentHelp("Skip (and report) files larger than this many megabytes.", valueName: "mb"))
    var maxAssetSize: Int = 100

    @Flag(name: .long, help: "Exit with code 2 when the run has warnings (placeholders, unresolved links, skipped files, unshared pages).")
    var strict = false

    @OptionGroup(title: "Connection") var connection: NotionConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    struct Plan {
        var roots: [ExportRoot]
        var query: DatabaseQuery
    }

    func plan() throws -> Plan {
        var roots = try selection.roots()
        if all || roots.isEmpty { roots.append(.workspace) }
        var query = DatabaseQuery()
        if let filter {
            do { query.filter = try JSONValue(string: filter) } catch {
                throw UsageError("--filter is not valid JSON: \(error). Give a Notion filter object, e.g. '{\"property\":\"Status\",\"status\":{\"equals\":\"Published\"}}'.")
            }
        }
        if !sort.isEmpty {
            query.sorts = .array(try sort.map { text in
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                let direction = parts.count > 1 ? String(parts.last!).lowercased() : "ascending"
                let name = parts.count > 1 ? parts.dropLast().joined(separator: ":") : text
                guard !name.isEmpty, ["ascending", "descending", "asc", "desc"].contains(direction) else {
                    throw UsageError("--sort \(text): give PROPERTY:ascending or PROPERTY:descending.")
                }
                let full = direction.hasPrefix("asc") ? "ascending" : "descending"
                if ["created_time", "last_edited_time"].contains(name) { return ["timestamp": .string(name), "direction": .string(full)] }
                return ["property": .string(name), "direction": .string(full)]
            })
        }
        return Plan(roots: roots, query: query)
    }

    func run() async throws {
        let outputDirectory = URL(fileURLWithPath: out)
        try await NotionRun(command: "markdown", connection: connection, output: output).execute(prepare: plan) { session, plan in
            session.name(selection.named())
            let progress = session.progress
            let fetcher = Fetcher(client: session.client, options: FetchOptions(query: plan.query)) { update in
                progress.stage(update.description)
            }
            let converter = NotionMarkdownConverter(options: ConversionOptions(colors: colors, underline: underline, callouts: callouts))
            let export = MarkdownExport(fetcher: fetcher, assetOptions: AssetOptions(maxBytes: Int64(maxAssetSize) * 1_048_576),
                                        downloadExternal: downloadExternal, renderer: MarkdownRenderer(converter: converter))
            let summary = try await export.run(plan.roots, into: outputDirectory) { stage in progress.enter("\(stage)") }
            for issue in summary.issues { session.warn(issue.description) }
            for skipped in summary.assets.skipped { session.warn("assets: \(skipped)") }
            for warning in summary.warnings { session.warn(warning.description) }
            for path in summary.written { session.wroteOutput(path) }
            let assets = summary.assets
            session.console.output("""
            \(summary.documents) documents in \(out): \(summary.written.count) written, \(summary.unchanged.count) unchanged
            assets: \(assets.downloaded) downloaded, \(assets.reused) unchanged, \(assets.refreshed) expired URLs renewed, \(assets.skipped.count) skipped
            \(summary.warnings.count + summary.issues.count + assets.skipped.count) warnings\(summary.warnings.isEmpty && summary.issues.isEmpty ? "" : " (listed above and in --report)")
            """)
            if strict && !(summary.warnings.isEmpty && summary.issues.isEmpty && assets.skipped.isEmpty) {
                session.failed(NotionError(reason: .configuration("--strict: the run had warnings (listed above)."), request: "markdown"))
            }
        }
    }
}

extension ConversionOptions.HTMLStyle: ExpressibleByArgument {}
extension ConversionOptions.CalloutStyle: ExpressibleByArgument {}
