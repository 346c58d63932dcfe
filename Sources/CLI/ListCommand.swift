import ArgumentParser
import Export
import Foundation
import NotionModel

/// `notion-export list`: what the token can reach, as a tree, with the ids and URLs every other
/// command takes.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show the pages, databases and data sources the integration can reach, as a tree.",
        discussion: """
        Searches everything shared with the integration (one request per 100 results; from \
        Notion-Version 2025-09-03 also one read per database, for the container's own title, \
        URL and time; and one read per block that holds a page, to list it under its page) \
        and prints it as a tree: each page (📄), database (📚) and data source (📋) once, under \
        its parent, with its title, id, last edited date and URL. Siblings are sorted by \
        title, then id. The ids and URLs are what --page, --database, --parent and the site \
        config take.

        Anything not shared with the integration is missing. A page whose parent is not \
        shared is a root marked "⚠ parent not shared", and the first line counts them. To share \
        a page: in Notion, open its ••• menu → Connections → add the integration; sharing a \
        page shares every page below it.

        --json prints {"filtered", "counts", "items"} for scripts: "items" is a flat list in \
        the tree's order, each {"object": "page"|"database"|"data_source", "id", "title", \
        "url", "last_edited_time", "parent": {"type": Notion's parent type, "id"}, "under": \
        the id it is listed under or null, "depth", "root_reason": null or "workspace", \
        "parent_not_shared", "parent_not_listed"}. With a query or --pages/--databases, \
        parents may be filtered out, so a root's parent is "parent_not_listed".

        Examples:
          notion-export list                    # the sample workspace, no token needed
          notion-export list roadmap            # titles matching “roadmap”
          NOTION_TOKEN=ntn_… notion-export list --databases
          notion-export list --json | jq -r '.items[] | "\\(.id) \\(.title)"'
        """
    )

    @Argument(help: ArgumentHelp("Only titles matching this (Notion's search query).", valueName: "query"))
    var positionalQuery: String?

    @Option(name: .long, help: ArgumentHelp("Only titles matching this (the same as the argument).", valueName: "text"))
    var query: String?

    @Flag(name: .long, help: "Pages only (database rows included).")
    var pages = false

    @Flag(name: .long, help: "Databases and their data sources only.")
    var databases = false

    @Flag(name: .long, help: "Print JSON for scripts (the shape is above).")
    var json = false

    @OptionGroup(title: "Connection") var connection: NotionConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        if positionalQuery != nil && query != nil { throw ValidationError("give the query once: as the argument or with --query.") }
        if let text = positionalQuery ?? query, text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("the query is empty; leave it out to list everything.")
        }
    }

    var filter: ListingFilter {
        ListingFilter(query: positionalQuery ?? query, only: pages == databases ? nil : pages ? .page : .database)
    }

    func run() async throws {
        try await NotionRun(command: "list", connection: connection, output: output).execute { session in
            session.progress.enter("list")
            let fetcher = Fetcher(client: session.client)
            let listing = try await fetcher.list(filter)
            session.record("list", Self.counts(listing))
            session.console.output(json ? Self.json(listing).jsonString(pretty: true) : Self.text(listing, filter: filter))
            if !json {
                session.console.note("""
                Not listed: anything not shared with the integration. To share a page: in Notion, its ••• menu → \
                Connections → add the integration (the pages below it come with it).
                """)
            }
        }
    }

    static func counts(_ listing: WorkspaceListing) -> JSONValue {
        ["pages": .int(listing.count(.page)), "databases": .int(listing.count(.database)),
         "data_sources": .int(listing.count(.dataSource)), "unshared_parents": .int(listing.unsharedParents)]
    }

    static func icon(_ kind: WorkspaceListing.Kind) -> String {
        switch kind {
        case .page: "📄"
        case .database: "📚"
        case .dataSource: "📋"
        }
    }

    /// One line: a title that cannot break the layout (line breaks and tabs become spaces).
    static func title(_ item: WorkspaceListing.Item) -> String {
        let flat = item.title.map { $0.isNewline || $0 == "\t" ? " " : $0 }
        let text = String(flat).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "Untitled" : text
    }

    static func text(_ listing: WorkspaceListing, filter: ListingFilter) -> String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var head = [count(listing.count(.page), "page"), count(listing.count(.database), "database"),
                    count(listing.count(.dataSource), "data source")].joined(separator: ", ")
        if listing.filtered {
            var filters: [String] = []
            if let query = filter.query { filters.append("titles matching “\(query)”") }
            switch filter.only {
            case .page?: filters.append("pages only")
            case .database?, .dataSource?: filters.append("databases only")
            case nil: break
            }
            head += " (\(filters.joined(separator: ", ")))"
        } else {
            let unshared = listing.unsharedParents
            head += unshared == 0
                ? "; every root is at the top of the workspace"
                : "; \(unshared) under a parent that is not shared with the integration (⚠: share the parent to include it)"
        }
        var lines = [head, ""]
        for item in listing.items {
            var line = String(repeating: "  ", count: item.depth) + "\(icon(item.kind)) \(title(item))  \(item.id)  "
                + "\(item.lastEditedTime.prefix(10))  \(item.url)"
            if item.rootReason == .parentNotShared {
                let kind = item.parent.type.replacingOccurrences(of: "_id", with: "").replacingOccurrences(of: "_", with: " ")
                line += "  ⚠ parent not shared (\(kind) \(item.parentID.map { "\($0)" } ?? "?"))"
            }
            lines.append(line)
        }
        if listing.items.isEmpty { lines.append(listing.filtered ? "(nothing matches)" : "(nothing is shared with the integration)") }
        return lines.joined(separator: "\n")
    }

    static func json(_ listing: WorkspaceListing) -> JSONValue {
        func id(_ value: NotionID?) -> JSONValue { value.map { .string($0.rawValue) } ?? .null }
        return [
            "filtered": .bool(listing.filtered),
            "counts": counts(listing),
            "items": .array(listing.items.map { item in
                [
                    "object": .string(item.kind.rawValue), "id": .string(item.id.rawValue), "title": .string(item.title),
                    "url": .string(item.url), "last_edited_time": .string(item.lastEditedTime),
                    "parent": ["type": .string(item.parent.type), "id": id(item.parentID)],
                    "under": id(item.under), "depth": .int(item.depth),
                    "root_reason": item.rootReason.map { .string($0.rawValue) } ?? .null,
                ]
            }),
        ]
    }
}
