import Foundation
import NotionAPI
import NotionModel

extension EmulatorHandler {
    func search(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let legacy = c.version <= .v2022_06_28
        let query = c.body["query"]?.stringValue?.lowercased() ?? ""
        let filterValue = c.body["filter"]?["value"]?.stringValue
        let wantTrash = c.body["filter"]?["in_trash"]?.boolValue ?? false
        if let filterValue {
            let allowed = legacy ? ["page", "database"] : ["page", "data_source"]
            guard allowed.contains(filterValue) else {
                throw NotionAPIError.validation(
                    "body failed validation: body.filter.value should be `\"\(allowed[0])\"` or `\"\(allowed[1])\"`, instead was `\"\(filterValue)\"`.")
            }
        }
        var entries: [SearchEntry] = []
        if filterValue == nil || filterValue == "page" {
            for (index, id) in s.content.pageOrder.enumerated() where s.pageVisible(id) && (s.isTrashed(id) == wantTrash) {
                let page = s.content.pages[id]!.json
                guard query.isEmpty || WorkspaceSnapshot.title(ofPage: page).lowercased().contains(query) else { continue }
                let state = s
                entries.append(SearchEntry(id: id.rawValue, edited: page["last_edited_time"]?.stringValue ?? "",
                                           created: page["created_time"]?.stringValue ?? "", sequence: s.creationRank(id, loadedIndex: index),
                                           json: { state.renderPage(id, c.shaping) }))
            }
        }
        if filterValue == nil || filterValue == "database" || filterValue == "data_source" {
            for (index, db) in s.content.databaseOrder.enumerated() where s.databaseVisible(db) {
                guard let record = s.content.databases[db] else { continue }
                if legacy {
                    guard (record.json["in_trash"]?.boolValue ?? false) == wantTrash,
                          query.isEmpty || s.title(ofDatabase: db).lowercased().contains(query) else { continue }
                    let state = s
                    entries.append(SearchEntry(id: db.rawValue, edited: s.minuteOf(record.json["last_edited_time"]),
                                               created: s.minuteOf(record.json["created_time"]), sequence: s.creationRank(db, loadedIndex: index),
                                               json: { try state.renderDatabase(db, c.shaping) }))
                } else {
                    for sid in record.dataSourceIDs {
                        guard let ds = s.content.dataSources[sid], (ds["in_trash"]?.boolValue ?? false) == wantTrash,
                              query.isEmpty || (ds["title"]?.plainText ?? "").lowercased().contains(query) else { continue }
                        let state = s
                        entries.append(SearchEntry(id: sid.rawValue, edited: ds["last_edited_time"]?.stringValue ?? "",
                                                   created: ds["created_time"]?.stringValue ?? "", sequence: s.creationRank(sid, loadedIndex: index),
                                                   json: { state.renderDataSource(sid, c.shaping) }))
                    }
                }
            }
        }
        // Notion's default order (no `sort`, or `relevance`) is the most recently edited first; among equal
        // (minute-truncated) `last_edited_time`s the most recently created first (recorded:
        // v2022-06-28/test_iterate_paginated_api.yaml). An explicit ascending sort is the exact reverse, so
        // ties break deterministically either way.
        let ascending = c.body["sort"]?["timestamp"]?.stringValue == "last_edited_time"
            && c.body["sort"]?["direction"]?.stringValue == "ascending"
        entries.sort { a, b in ascending ? a.precedes(b) : b.precedes(a) }
        let page = try Self.page(entries, id: \.id, cursor: Self.startCursor(c, inBody: true), size: Self.pageSize(c, inBody: true))
        let type = legacy ? "page_or_database" : "page_or_data_source"
        return Self.list(try page.items.map { try $0.json() }, next: page.next, type: type)
    }

    /// One search hit with its ordering keys.
    struct SearchEntry {
        var id: String
        var edited: String
        var created: String
        var sequence: Int
        var json: () throws -> JSONValue

        /// Oldest first: edited, then created, then creation sequence, then id.
        func precedes(_ other: SearchEntry) -> Bool {
            if edited != other.edited { return edited < other.edited }
            if created != other.created { return created < other.created }
            if sequence != other.sequence { return sequence < other.sequence }
            return id < other.id
        }
    }
}
