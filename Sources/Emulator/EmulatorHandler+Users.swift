import Foundation
import NotionAPI
import NotionModel

extension EmulatorHandler {
    func listUsers(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let users = s.content.users + [s.content.bot]
        let page = try Self.page(users, id: { $0["id"]?.stringValue ?? "" }, cursor: Self.startCursor(c, inBody: false),
                                 size: Self.pageSize(c, inBody: false))
        return Self.list(page.items, next: page.next, type: "user")
    }

    func retrieveUser(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = Self.pathID(c, "user_id")
        if s.content.bot["id"]?.idValue == id { return s.content.bot }
        guard let user = s.content.users.first(where: { $0["id"]?.idValue == id }) else { throw Self.notFound("user", id.rawValue, c) }
        return user
    }
}
