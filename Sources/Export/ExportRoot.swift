import Foundation
import NotionModel

/// What to export: one page (and everything below it), one database (its data sources' rows and
/// their pages), or everything shared with the integration.
public enum ExportRoot: Sendable, Hashable, CustomStringConvertible {
    case page(PageID)
    case database(DatabaseID)
    case workspace

    /// Reads a root as a user types it: `workspace` (or `all`), an id (dashed or 32 hex digits), or
    /// any Notion URL form (`notion.so/Title-<id>`, `<ws>.notion.site/<id>`, `app.notion.com/p/…`).
    /// A URL with a view (`?v=`) or a `database:` prefix names a database; other ids are pages,
    /// and discovery retries a page id that turns out to be a database as one.
    public init(parsing input: String) throws(ExportError) {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = text.lowercased()
        if lowered == "workspace" || lowered == "all" {
            self = .workspace
            return
        }
        for (prefix, isDatabase) in [("database:", true), ("page:", false)] where lowered.hasPrefix(prefix) {
            guard let id = NotionID(parsing: String(text.dropFirst(prefix.count))) else { break }
            self = isDatabase ? .database(DatabaseID(id)) : .page(PageID(id))
            return
        }
        guard !text.isEmpty, let id = NotionID(parsing: text) else {
            throw ExportError(stage: .parseRoots, subject: "“\(input)”", reason: .invalidRoot(
                "is not a Notion page or database: give an id (32 hex digits, dashed or not), a notion.so / notion.site / app.notion.com URL, or “workspace”."))
        }
        let namesView = URLComponents(string: text)?.queryItems?.contains { $0.name == "v" } ?? false
        self = namesView ? .database(DatabaseID(id)) : .page(PageID(id))
    }

    public var description: String {
        switch self {
        case .page(let id): "page \(id)"
        case .database(let id): "database \(id)"
        case .workspace: "the workspace"
        }
    }
}
