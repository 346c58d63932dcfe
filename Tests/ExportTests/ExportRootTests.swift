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
