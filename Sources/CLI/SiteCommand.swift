import ArgumentParser
import Export
import Foundation
import NotionModel
import Site

/// `notion-export site --config site.json`: the static site.
///
/// The config's roots are backed up into its cache folder first (the backup tree: incremental, so
/// an unchanged workspace costs only discovery requests and no page content), then every page is
/// rendered from its canonical Markdown through cmark-gfm into the templates, and the output
/// folder gets only the files whose bytes changed.
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build a static site (HTML, feed, sitemap, search) from pages and databases.",
        discussion: """
        Everything is set in a JSON config (site.example.json documents every key and builds the \
        bundled sample workspace with no token). The config's pages and databases are backed up \
        into its cache folder first, so a rebuild of an unchanged workspace fetches no page \
        content; then every page is rendered from its canonical Markdown through cmark-gfm into \
        the Mustache templates, with post lists, tag pages, an Atom feed, sitemap.xml, a search \
        index and a 404 page, and only files whose bytes changed are written. The token comes \
        from the environment variable the config names (NOTION_TOKEN by default).

        Examples:
          notion-export site --config site.example.json         # sample workspace into _site/
          NOTION_TOKEN=ntn_… notion-export site --config site.json --output public/
          notion-export serve _site                             # preview on http://127.0.0.1:8000/
        """)

    @Option(name: .long, help: ArgumentHelp("The site config (JSON).", valueName: "file"))
    var config: String = "site.example.json"

    @Option(name: .long, help: ArgumentHelp("Write the site here instead of the config's \"output\".", valueName: "dir"))
    var output: String?

    @OptionGroup(title: "Connection") var connection: NotionConnectionOptions
    @OptionGroup(title: "Output") var outputOptions: OutputOptions

    struct Input {
        var config: SiteConfig
        var templates: SiteTemplates
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let parsed = Result { () throws(SiteConfigError) in try SiteConfig.read(from: URL(fileURLWithPath: config)) }
        var connection = self.connection
        var run = NotionRun(command: "site", connection: connection, output: outputOptions)
        if case .success(let site) = parsed {
            let token = environment[site.notion.tokenEnvironment]
            if site.notion.tokenEnvironment != "NOTION_TOKEN" { run.environment["NOTION_TOKEN"] = token }
            // The sample config serves its workspace in-process, unless a token or --emulator says otherwise.
            if connection.emulator == nil, token == nil, let workspace = site.notion.emulatorWorkspace {
                connection.emulator = workspace.path
            }
            if connection.notionVersion == nil, let version = site.notion.version { connection.notionVersion = version }
            run.connection = connection
        }
        try await run.execute(prepare: { () throws -> Input in
            let site: SiteConfig
            do { site = try parsed.get() } catch { throw UsageError("site config \(error)") }
            do {
                return Input(config: site, templates: try SiteTemplates.load(from: site.templates))
            } catch { throw UsageError("templates: \(error)") }
        }) { session, input in
            let site = input.config
            session.name(Dictionary(site.roots.enumerated().map { index, root in
                (root.id, "\(config): roots[\(index)].\(root.kind == .page ? "page" : "database") \(root.id)")
            }, uniquingKeysWith: { first, _ in first }))
            let progress = session.progress
            let outputFolder = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? site.output
            let publisher = SitePublisher(client: session.client, config: site, templates: input.templates, output: outputFolder) { update in
                progress.stage(update.description)
            }
            let run = try await publisher.run { progress.enter($0) }
            let summary = run.backup, built = run.site, result = run.written
            for issue in summary.issues { session.warn(issue.description) }
            for skipped in summary.assets.skipped { session.warn("assets: \(skipped)") }
            for warning in summary.warnings { session.warn(warning.description) }
            for warning in built.warnings { session.warn(warning) }
            for path in result.written { session.wroteOutput(path) }
            session.record("site", [
                "output": .string(outputFolder.path),
                "pages": .int(built.files.keys.filter { $0.hasSuffix("index.html") }.count),
                "files_written": .array(result.written.map(JSONValue.string)), "files_unchanged": .int(result.unchanged),
                "files_removed": .array(result.removed.map(JSONValue.string)), "assets_copied": .int(result.assetsCopied),
                "pages_fetched": .int(summary.fetchedPages), "pages_reused": .int(summary.reusedPages),
            ])
            session.console.output("""
            site in \(outputFolder.path): \(built.files.count + built.assets.count) files, \(result.written.count + result.assetsCopied) written, \(result.removed.count) removed
            pages: \(summary.fetchedPages) fetched, \(summary.reusedPages) unchanged and not fetched (cache: \(site.cache.path))
            preview: notion-export serve \(outputFolder.path)
            """)
        }
    }
}
