import NotionModel

extension FetchedWorkspace {
    /// The display names of the users the workspace shows: authors of pages and blocks, `people`,
    /// `created_by` and `last_edited_by` values, user mentions. Partial users carry no name and
    /// add none; a user named differently in two places keeps the first name, in page id order
    /// then document order.
    public var userNames: [UserID: String] {
        var names: [UserID: String] = [:]
        func add(_ user: User?) {
            guard let user, let name = user.name, !name.isEmpty, names[user.id] == nil else { return }
            names[user.id] = name
        }
        func add(_ text: [RichText]?) {
            for item in text ?? [] { if case .mention(.user(let user)) = item.kind { add(user) } }
        }
        func add(_ value: PropertyValue.Value) {
            switch value {
            case .title(let text), .richText(let text): add(text)
            case .people(let people): for case .user(let user) in people { add(user) }
            case .createdBy(let user), .lastEditedBy(let user): add(user)
            case .verification(let verification): add(verification?.verifiedBy)
            case .rollup(let rollup): if case .array(let values) = rollup.result { values.forEach { add($0.value) } }
            default: break
            }
        }
        let pages = pages.sorted(by: { $0.id < $1.id })
        // The users blocks show, in document order: each page's blocks read once, on every core.
        let blockUsers = pages.concurrentMap { $0.digest.users }
        for (page, users) in zip(pages, blockUsers) {
            add(page.page.createdBy)
            add(page.page.lastEditedBy)
            for name in page.page.properties.keys.sorted() { if let value = page.page.properties[name] { add(value.value) } }
            for user in users where names[user.id] == nil { names[user.id] = user.name }
        }
        for table in tables.sorted(by: { $0.id < $1.id }) {
            add(table.database?.createdBy)
            add(table.database?.lastEditedBy)
            add(table.dataSource?.createdBy)
            add(table.dataSource?.lastEditedBy)
        }
        return names
    }

    /// The users `blocks` show (authors, mentions, table cells' mentions), in document order.
    static func users(in blocks: [Block]) -> [User] {
        var users: [User] = []
        func add(_ text: [RichText]?) {
            for item in text ?? [] { if case .mention(.user(let user)) = item.kind { users.append(user) } }
        }
        func visit(_ blocks: [Block]) {
            for block in blocks {
                users.append(block.createdBy)
                users.append(block.lastEditedBy)
                add(block.content.richText)
                if case .tableRow(let row) = block.content { row.cells.forEach { add($0) } }
                visit(block.children)
            }
        }
        visit(blocks)
        return users
    }
}
