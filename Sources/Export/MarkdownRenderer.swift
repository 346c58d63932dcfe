import Foundation
import Markdown
import NotionMarkdown
import NotionModel
import Synchronization

/// One output file of the Markdown tree: where it goes (relative to OUT) and its text.
public struct RenderedDocument: Sendable, Hashable {
    public var path: String
    public var id: NotionID
    public var text: String
    public var warnings: [ConversionWarning]

    public init(path: String, id: NotionID, text: String, warnings: [ConversionWarning]) {
        self.path = path
        self.id = id
        self.text = text
        self.warnings = warnings
    }
}

/// A conversion warning with the file it concerns, as the run report lists it.
public struct ExportWarning: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var warning: ConversionWarning

    public init(path: String, warning: ConversionWarning) {
        self.path = path
        self.warning = warning
    }

    public var description: String { "\(path): \(warning)" }

    public static func < (lhs: ExportWarning, rhs: ExportWarning) -> Bool {
        (lhs.path, lhs.warning) < (rhs.path, rhs.warning)
    }
}

/// Stage `render`: the fetched workspace, its layout and its downloaded assets → the text of every
/// Markdown file. Pure (no I/O, no clock), so the same workspace always gives the same bytes, and
/// pages convert in parallel.
public struct MarkdownRenderer: Sendable {
    public var converter: NotionMarkdownConverter

    public init(converter: NotionMarkdownConverter = NotionMarkdownConverter()) {
        self.converter = converter
    }

    /// Every page and database document, sorted by path.
    public func render(_ workspace: FetchedWorkspace, layout: ExportLayout, assets: [String: String]) -> [RenderedDocument] {
        let plan = plan(workspace, layout: layout, assets: assets)
        return render(plan, plan.jobs.indices)
    }

    /// What rendering needs, with the documents to render in path order: a run renders them a
    /// batch at a time (`render(_:_:)`) and writes each batch before the next, so the workspace's
    /// Markdown is never all in memory.
    public struct Plan: Sendable {
        public var jobs: [Job]
        var layout: ExportLayout
        var assets: [String: String]
        var users: [UserID: String]
        var pages: [PageID: Page]
    }

    /// A document to render: a page, or a database with its tables.
    public enum Job: Sendable {
        case page(FetchedPage, String)
        case database([FetchedTable], String)

        public var path: String {
            switch self {
            case .page(_, let path), .database(_, let path): path
            }
        }
    }

    public func plan(_ workspace: FetchedWorkspace, layout: ExportLayout, assets: [String: String]) -> Plan {
        var jobs: [Job] = workspace.pages.compactMap { page in
            layout.path(of: page.id.id).map { Job.page(page, $0) }
        }
        jobs += Self.databaseDocuments(workspace, layout: layout).map { Job.database($0.tables, $0.path) }
        return Plan(jobs: jobs.sorted { $0.path < $1.path }, layout: layout, assets: assets, users: workspace.userNames,
                    pages: Dictionary(workspace.pages.map { ($0.id, $0.page) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The documents of `plan.jobs[range]`, on every core, in path order.
    public func render(_ plan: Plan, _ range: Range<Int>) -> [RenderedDocument] {
        plan.jobs[range].concurrentMap { job in render(job, plan) }
    }

    /// One document (a page's blocks already read can be given as a loaded `FetchedPage`).
    public func render(_ job: Job, _ plan: Plan) -> RenderedDocument {
        switch job {
        case .page(let fetched, let path):
            page(fetched, path: path, layout: plan.layout, assets: plan.assets, users: plan.users)
        case .database(let tables, let path):
            database(tables, path: path, pages: plan.pages, layout: plan.layout, assets: plan.assets, users: plan.users)
        }
    }

    /// One document per database: its path and its tables (one per data source), sorted by
    /// path, tables by id.
    public static func databaseDocuments(_ workspace: FetchedWorkspace, layout: ExportLayout) -> [(path: String, tables: [FetchedTable])] {
        var tables: [String: [FetchedTable]] = [:]
        for table in workspace.tables {
            guard let path = layout.path(of: table.id) ?? table.databaseID.flatMap({ layout.path(of: $0.id) }) else { continue }
            tables[path, default: []].append(table)
        }
        return tables.keys.sorted().map { ($0, tables[$0]!.sorted { $0.id < $1.id }) }
    }

    /// A table's columns: the title first, then the others by name (a stable order for diffs).
    public static func columns(of table: FetchedTable) -> [String] {
        let schema = table.dataSource?.properties ?? table.database?.properties ?? [:]
        return schema.keys.sorted { a, b in
            let aTitle = schema[a]?.type == "title", bTitle = schema[b]?.type == "title"
            return aTitle != bTitle ? aTitle : a < b
        }
    }

    // MARK: Pages

    func page(_ fetched: FetchedPage, path: String, layout: ExportLayout, assets: [String: String], users: [UserID: String]) -> RenderedDocument {
        let id = fetched.page.id.id
        let resolver = LinkResolver(layout: layout, document: id, assets: assets, users: users)
        var warnings: [ConversionWarning] = []
        let front = FrontMatter.yaml(for: fetched.page, resolver: resolver) { richText in
            let converted = converter.inlines(richText, resolver: resolver)
            warnings += converted.warnings
            return MarkdownFormatter().format(converted.inlines)
        }
        warnings += front.warnings
        let body = converter.convert(fetched.blocks, resolver: resolver, context: DocumentContext(breadcrumb: breadcrumb(of: id, layout: layout)))
        warnings += body.warnings
        let markdown = MarkdownFormatter().format(body.blocks)
        return RenderedDocument(path: path, id: id, text: front.text + (markdown.isEmpty ? "" : "\n" + markdown), warnings: warnings)
    }

    /// The ancestors of a document that are part of the export, outermost first, then itself.
    func breadcrumb(of id: NotionID, layout: ExportLayout) -> [LinkTarget] {
        guard let path = layout.path(of: id) else { return [] }
        var targets: [LinkTarget] = []
        var folder = String(path.dropLast(3))
        // Each ancestor's document is the folder's path plus `.md`.
        var ancestors: [String] = []
        while let slash = folder.lastIndex(of: "/") {
            folder = String(folder[..<slash])
            ancestors.insert(folder + ".md", at: 0)
        }
        for ancestor in ancestors + [path] {
            guard let entry = layout.entry(atPath: ancestor), let href = layout.relativeLink(from: id, to: entry.id) else { continue }
            targets.append(LinkTarget(href: href, title: entry.title))
        }
        return targets
    }

    // MARK: Databases

    func database(_ tables: [FetchedTable], path: String, pages: [PageID: Page], layout: ExportLayout,
                  assets: [String: String], users: [UserID: String]) -> RenderedDocument {
        let database = tables.lazy.compactMap(\.database).first
        let id = database?.id.id ?? tables[0].databaseID?.id ?? tables[0].id
        let resolver = LinkResolver(layout: layout, document: id, assets: assets, users: users)
        var warnings: [ConversionWarning] = []
        let richText = { (items: [RichText]) -> [MarkdownInline] in
            let converted = converter.inlines(items, resolver: resolver)
            warnings += converted.warnings
            return converted.inlines
        }
        let front = FrontMatter.yaml(forDatabase: database, dataSources: tables.compactMap(\.dataSource),
                                     columns: Self.columns(of: tables[0]), resolver: resolver) { items in
            MarkdownFormatter().format(richText(items))
        }
        warnings += front.warnings
        var blocks: [MarkdownBlock] = []
        for table in tables {
            if tables.count > 1, let source = table.dataSource {
                blocks.append(.heading(level: 2, [.text(source.title.plainText.isEmpty ? "Untitled" : source.title.plainText)]))
            }
            let columns = Self.columns(of: table)
            var rows: [[[MarkdownInline]]] = []
            for rowID in table.rows {
                guard let row = pages[rowID] else { continue }
                rows.append(columns.map { name -> [MarkdownInline] in
                    guard let value = row.properties[name] else { return [] }
                    if case .title = value.value {
                        let title = PropertyInlines.title(of: row, richText: richText)
                        guard let href = layout.relativeLink(from: id, to: row.id.id) else { return title }
                        return [.link(destination: href, title: "", title)]
                    }
                    let cell = PropertyInlines.cell(value, named: name, resolver: resolver, richText: richText)
                    warnings += cell.warnings
                    return cell.inlines
                })
            }
            blocks.append(.table(MarkdownTable(alignments: columns.map { _ in .none }, header: columns.map { [.text($0)] }, rows: rows)))
        }
        let markdown = MarkdownFormatter().format(blocks)
        return RenderedDocument(path: path, id: id, text: front.text + "\n" + markdown, warnings: warnings)
    }

}
