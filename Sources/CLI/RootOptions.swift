import ArgumentParser
import Export
import NotionModel

/// `--page` and `--database`: what a command exports, as ids or any Notion URL form.
struct RootOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A page to take with everything below it: id (dashed or not) or any Notion URL. Repeatable.", valueName: "id-or-url"))
    var page: [String] = []

    @Option(name: .long, help: ArgumentHelp("A database to take: its rows as pages and a table. Repeatable.", valueName: "id-or-url"))
    var database: [String] = []

    /// The roots named (empty when none is: the caller decides what that means).
    func roots() throws -> [ExportRoot] {
        var roots: [ExportRoot] = []
        for text in page {
            do { roots.append(try ExportRoot(parsing: text)) } catch { throw UsageError("--page \(error.description)") }
        }
        for text in database {
            do {
                switch try ExportRoot(parsing: text) {
                case .page(let id): roots.append(.database(DatabaseID(id.id)))
                case let root: roots.append(root)
                }
            } catch { throw UsageError("--database \(error.description)") }
        }
        return roots
    }
}
