import ArgumentParser
import Export
import NotionModel

/// `--page` and `--database`: what a command exports, as ids or any Notion URL form.
struct RootOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A page to take with everything below it: id (dashed or not) or any Notion URL. Repeatable.", valueName: "id-or-url"))
    var page: [String] = []

    @Option(name: .long, help: ArgumentHelp("A database to take: its rows as pages and a table (id or any Notion URL). Repeatable.", valueName: "id-or-url"))
    var database: [String] = []

    /// The roots named (empty when none is: the caller decides what that means).
    func roots() throws -> [ExportRoot] {
        try page.map { try IDArgument.root($0, option: "--page") } + database.map { .database(try IDArgument.database($0, option: "--database")) }
    }

    /// Which flag named which id, for "not shared" errors.
    func named() -> [NotionID: String] {
        var named: [NotionID: String] = [:]
        for text in page {
            switch try? IDArgument.root(text, option: "--page") {
            case .page(let id)?: named[id.id] = "--page \(text)"
            case .database(let id)?: named[id.id] = "--page \(text)"
            default: break
            }
        }
        for text in database { if let id = try? IDArgument.database(text, option: "--database") { named[id.id] = "--database \(text)" } }
        return named
    }
}

/// Ids and URLs typed on the command line. Every option that names a page or database reads it
/// here, through `ExportRoot`'s parsers, so every command accepts the same forms (an id with or
/// without dashes, in any case, or any Notion URL) and says the same thing when it cannot.
enum IDArgument {
    /// A page or a database (a bare id may be either: discovery finds out), or `workspace`.
    static func root(_ text: String, option: String) throws -> ExportRoot {
        do { return try ExportRoot(parsing: text) } catch { throw usage(error, text, option) }
    }

    static func page(_ text: String, option: String) throws -> PageID {
        do { return try ExportRoot.page(parsing: text) } catch { throw usage(error, text, option) }
    }

    static func database(_ text: String, option: String) throws -> DatabaseID {
        do { return try ExportRoot.database(parsing: text) } catch { throw usage(error, text, option) }
    }

    static func usage(_ error: ExportError, _ text: String, _ option: String) -> UsageError {
        UsageError("\(option) “\(text)” \(ExportRoot.detail(of: error))")
    }
}
