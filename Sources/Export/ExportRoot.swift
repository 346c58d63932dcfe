import Foundation
import NotionModel

/// What to export: one page (and everything below it), one database (its data sources' rows and
/// their pages), or everything shared with the integration.
public enum ExportRoot: Sendable, Hashable, CustomStringConvertible {
    case page(PageID)
    case database(DatabaseID)
    case workspace

    /// Reads a root as a user types it: `workspace` (or `all`), an id (dashed or 32 hex digits, any
    /// case), or any Notion URL form (`notion.so/Title-<id>`, `notion.so/<ws>/<id>?v=<view>`,
    /// `<ws>.notion.site/<id>`, `app.notion.com/p/…`, `…#<block>`). A URL with a view (`?v=`) or a
    /// `database:` prefix names a database, a peek over a view (`?v=…&p=<id>`) the page it opens;
    /// other ids are pages, and discovery retries a page id that turns out to be a database as one.
    ///
    /// This is the one reader of ids users type: every command option and the site config go
    /// through it (or through `page(parsing:)` and `database(parsing:)` below, built on it).
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
        guard !text.isEmpty, let id = NotionID(parsing: text) else { throw Self.invalid(input) }
        let query = Self.query(of: text)
        if let peek = query["p"].flatMap({ NotionID($0) }) {
            self = .page(PageID(peek))
            return
        }
        self = query["v"] != nil ? .database(DatabaseID(id)) : .page(PageID(id))
    }

    /// A page named by id or URL (a peek URL names the page it opens). A database view's URL or
    /// `workspace` is an error saying so.
    public static func page(parsing input: String) throws(ExportError) -> PageID {
        switch try ExportRoot(parsing: input) {
        case .page(let id): return id
        case .database: throw ExportError(stage: .parseRoots, subject: "“\(input)”", reason: .invalidRoot(
            "names a database (a URL with a view, ?v=, or database:): give a page's id or URL."))
        case .workspace: throw ExportError(stage: .parseRoots, subject: "“\(input)”", reason: .invalidRoot(
            "names the whole workspace: give a page's id or URL."))
        }
    }

    /// A database named by id or URL: the id its URL's path ends in (a view, `?v=`, or a peeked
    /// row, `?p=`, does not change which database the URL shows).
    public static func database(parsing input: String) throws(ExportError) -> DatabaseID {
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased().hasPrefix("database:") { text = String(text.dropFirst("database:".count)) }
        guard let id = NotionID(parsing: text) else {
            if text.lowercased() == "workspace" || text.lowercased() == "all" {
                throw ExportError(stage: .parseRoots, subject: "“\(input)”", reason: .invalidRoot(
                    "names the whole workspace: give a database's id or URL."))
            }
            throw invalid(input)
        }
        return DatabaseID(id)
    }

    static func invalid(_ input: String) -> ExportError {
        ExportError(stage: .parseRoots, subject: "“\(input)”", reason: .invalidRoot(
            "is not a Notion page or database: \(NotionID.expectedForms)."))
    }

    /// The query items of a URL as a user pastes it (first value per name).
    static func query(of text: String) -> [String: String] {
        guard let question = text.firstIndex(of: "?") else { return [:] }
        var rest = text[text.index(after: question)...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var items: [String: String] = [:]
        for pair in rest.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            if items[name] == nil { items[name] = parts.count > 1 ? String(parts[1]) : "" }
        }
        return items
    }

    /// The sentence of a `parseRoots` error without its stage and subject, for messages that name
    /// the flag or config key instead.
    public static func detail(of error: ExportError) -> String {
        if case .invalidRoot(let detail) = error.reason { return detail }
        return error.description
    }

    public var description: String {
        switch self {
        case .page(let id): "page \(id)"
        case .database(let id): "database \(id)"
        case .workspace: "the workspace"
        }
    }
}
