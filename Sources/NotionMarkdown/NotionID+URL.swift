import NotionModel

extension NotionID {
    /// The id's canonical Notion URL, `https://www.notion.so/<32 hex digits>`: where links to
    /// pages outside an export point.
    public var notionURL: String { "https://www.notion.so/" + compact }
}
