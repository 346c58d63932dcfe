import Export
import Foundation
import NotionAPI
import NotionModel

/// The whole site run: the config's roots backed up into its cache (incremental: an unchanged
/// workspace costs discovery requests only and no page content), the site built from that
/// snapshot, and written (only changed bytes).
public struct SitePublisher: Sendable {
    public var client: NotionClient
    public var config: SiteConfig
    public var templates: SiteTemplates
    /// Where the site goes (the config's `output` unless overridden).
    public var output: URL
    public var progress: (@Sendable (FetchProgress) -> Void)?

    public init(client: NotionClient, config: SiteConfig, templates: SiteTemplates, output: URL? = nil,
                progress: (@Sendable (FetchProgress) -> Void)? = nil) {
        self.client = client
        self.config = config
        self.templates = templates
        self.output = output ?? config.output
        self.progress = progress
    }

    public struct Summary: Sendable {
        public var backup: BackupSummary
        public var site: SiteBuilder.Output
        public var written: SiteWriter.Result
    }

    /// `stage` names each stage as it starts (the backup's, then "site" and "write site").
    public func run(stage: (@Sendable (String) -> Void)? = nil) async throws -> Summary {
        var queries: [NotionID: DatabaseQuery] = [:]
        for root in config.roots where root.kind == .database && (root.filter != nil || root.sorts != nil) {
            queries[root.id] = DatabaseQuery(filter: root.filter, sorts: root.sorts)
        }
        let roots = config.roots.map { root -> ExportRoot in root.kind == .page ? .page(PageID(root.id)) : .database(DatabaseID(root.id)) }
        let backup = Backup(client: client, fetchOptions: FetchOptions(queries: queries), options: BackupOptions(keepSnapshot: true),
                            progress: progress)
        let summary = try await backup.run(roots, into: config.cache) { stage?("\($0)") }
        guard let snapshot = summary.snapshot else { throw SiteWriteError(path: config.cache.path, message: "holds no backup to build from.") }
        stage?("site")
        let built = SiteBuilder(config: config, templates: templates).build(snapshot)
        stage?("write site")
        let written = try SiteWriter(output: output, cache: config.cache).write(built)
        return Summary(backup: summary, site: built, written: written)
    }
}
