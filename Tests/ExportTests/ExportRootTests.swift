import Export
import NotionModel
import Testing

@Suite struct ExportRootTests {
    static let home = PageID(NotionID("ba9e0000-0000-8000-8000-000000000001")!)

    @Test(arguments: [
        "ba9e0000-0000-8000-8000-000000000001",
        "ba9e0000000080008000000000000001",
        "BA9E0000000080008000000000000001",
        "https://www.notion.so/Acme-Home-ba9e0000000080008000000000000001",
        "https://www.notion.so/acme/Acme-Home-ba9e0000000080008000000000000001?pvs=4",
        "https://acme.notion.site/ba9e0000000080008000000000000001",
        "https://app.notion.com/p/Acme-Home-ba9e0000000080008000000000000001",
        "  notion.so/ba9e0000-0000-8000-8000-000000000001  ",
        "page:ba9e0000000080008000000000000001",
    ])
    func idsAndEveryURLFormNameThePage(input: String) throws {
        #expect(try ExportRoot(parsing: input) == .page(Self.home))
    }

    @Test func aURLWithAViewOrADatabasePrefixNamesADatabase() throws {
        let id = DatabaseID(NotionID("dbdb0000-0000-8000-8000-000000000001")!)
        #expect(try ExportRoot(parsing: "https://www.notion.so/dbdb0000000080008000000000000001?v=aaaa0000000080008000000000000001") == .database(id))
        #expect(try ExportRoot(parsing: "database:dbdb0000000080008000000000000001") == .database(id))
    }

    @Test func workspaceNamesEverythingShared() throws {
        #expect(try ExportRoot(parsing: "workspace") == .workspace)
        #expect(try ExportRoot(parsing: "ALL") == .workspace)
    }

    @Test(arguments: ["", "hello", "https://www.notion.so/Acme-Home", "ba9e000000008000800000000000001"])
    func garbageIsAnErrorNamingTheInput(input: String) {
        #expect {
            try ExportRoot(parsing: input)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("parse roots: “\(input)” is not a Notion page or database")
        }
    }
}

/// Every form a user may paste for an id, through the one parser every command option and the
/// site config use (`ExportRoot(parsing:)`, `ExportRoot.page(parsing:)`, `.database(parsing:)`).
@Suite struct NotionIDFormsTests {
    static let home = PageID(NotionID("ba9e0000-0000-8000-8000-000000000001")!)
    static let blog = DatabaseID(NotionID("dbdb0000-0000-8000-8000-000000000001")!)
    static let row = PageID(NotionID("ba9e0000-0000-8000-8000-000000000027")!)

    @Test(arguments: [
        // id, dashed or not, any case, with spaces around
        ("ba9e0000-0000-8000-8000-000000000001", "page"),
        ("ba9e0000000080008000000000000001", "page"),
        ("BA9E0000-0000-8000-8000-000000000001", "page"),
        ("Ba9E0000000080008000000000000001", "page"),
        ("\tba9e0000000080008000000000000001\n", "page"),
        // notion.so: title slug, workspace segment, query, block anchor, no scheme, dashed id in the URL
        ("https://www.notion.so/Acme-Home-ba9e0000000080008000000000000001", "page"),
        ("https://www.notion.so/acme/Acme-Home-ba9e0000000080008000000000000001?pvs=4", "page"),
        ("https://www.notion.so/ba9e0000000080008000000000000001#b10c0001000080008000000000000001", "page"),
        ("https://www.notion.so/Acme-Home-ba9e0000000080008000000000000001?pvs=25#b10c0001000080008000000000000001", "page"),
        ("https://www.notion.so/Acme-Home-BA9E0000000080008000000000000001", "page"),
        ("www.notion.so/ba9e0000000080008000000000000001/", "page"),
        ("https://www.notion.so/Acme-Home-ba9e0000-0000-8000-8000-000000000001", "page"),
        ("notion://www.notion.so/Acme-Home-ba9e0000000080008000000000000001", "page"),
        // public sites and the app domain
        ("https://acme.notion.site/Acme-Home-ba9e0000000080008000000000000001", "page"),
        ("https://acme.notion.site/ba9e0000000080008000000000000001?pvs=4", "page"),
        ("https://app.notion.com/p/Acme-Home-ba9e0000000080008000000000000001", "page"),
        // a database view, and a row opened as a peek over it
        ("https://www.notion.so/acme/dbdb0000000080008000000000000001?v=aaaa0000000080008000000000000001", "database"),
        ("https://www.notion.so/dbdb0000000080008000000000000001?v=aaaa0000000080008000000000000001&p=ba9e0000000080008000000000000027&pm=s", "row"),
    ])
    func everyFormNamesTheSameObject(input: String, expected: String) throws {
        let root = try ExportRoot(parsing: input)
        switch expected {
        case "page":
            #expect(root == .page(Self.home))
            #expect(try ExportRoot.page(parsing: input) == Self.home)
            // A database option takes the same text as the same id (a bare id may be either).
            #expect(try ExportRoot.database(parsing: input).id == Self.home.id)
        case "database":
            #expect(root == .database(Self.blog))
            #expect(try ExportRoot.database(parsing: input) == Self.blog)
        default:
            #expect(root == .page(Self.row))
            #expect(try ExportRoot.page(parsing: input) == Self.row)
            // As a database, the URL shows the database its path ends in, whatever row is peeked.
            #expect(try ExportRoot.database(parsing: input) == Self.blog)
        }
    }

    static let forms = "give an id (32 hex digits, with or without dashes, any case) or a Notion URL ending in one "
        + "(https://www.notion.so/Title-<id>, https://www.notion.so/<workspace>/<id>?v=…, https://<name>.notion.site/<id>, "
        + "https://app.notion.com/p/<id>)"

    @Test(arguments: [
        "",
        "hello",
        "ba9e000000008000800000000000001",      // 31 digits
        "ba9e00000000800080000000000000011",    // 33 digits
        "ba9e0000000080008000000000000g01",     // not hex
        "ba9e0000-0000-8000-8000000000000001",  // dashes in the wrong places
        "https://www.notion.so/Acme-Home",
        "https://www.notion.so/Acme-Homeba9e0000000080008000000000000001x",
    ])
    func malformedInputIsAnErrorSayingWhatIsAccepted(input: String) {
        for parse in [{ _ = try ExportRoot(parsing: $0) }, { _ = try ExportRoot.page(parsing: $0) }, { _ = try ExportRoot.database(parsing: $0) }] as [(String) throws -> Void] {
            #expect {
                try parse(input)
            } throws: { error in
                "\(error)" == "parse roots: “\(input)” is not a Notion page or database: \(Self.forms)."
            }
        }
        #expect(NotionID.expectedForms == Self.forms)
    }

    @Test func aPageOptionRefusesADatabaseViewAndTheWorkspace() {
        #expect {
            try ExportRoot.page(parsing: "https://www.notion.so/dbdb0000000080008000000000000001?v=aaaa0000000080008000000000000001")
        } throws: { error in
            "\(error)" == "parse roots: “https://www.notion.so/dbdb0000000080008000000000000001?v=aaaa0000000080008000000000000001” names a database (a URL with a view, ?v=, or database:): give a page's id or URL."
        }
        #expect {
            try ExportRoot.page(parsing: "workspace")
        } throws: { error in
            "\(error)" == "parse roots: “workspace” names the whole workspace: give a page's id or URL."
        }
        #expect {
            try ExportRoot.database(parsing: "all")
        } throws: { error in
            "\(error)" == "parse roots: “all” names the whole workspace: give a database's id or URL."
        }
    }
}
