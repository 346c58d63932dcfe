/// A block's `type` string. Notion keeps adding block types, so this is an open set with a constant
/// per type this build knows (`BlockContent` has a case for each of them).
public struct BlockType: RawRepresentable, Hashable, Codable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let paragraph: Self = "paragraph"
    public static let heading1: Self = "heading_1"
    public static let heading2: Self = "heading_2"
    public static let heading3: Self = "heading_3"
    public static let heading4: Self = "heading_4"
    public static let bulletedListItem: Self = "bulleted_list_item"
    public static let numberedListItem: Self = "numbered_list_item"
    public static let toDo: Self = "to_do"
    public static let toggle: Self = "toggle"
    public static let quote: Self = "quote"
    public static let callout: Self = "callout"
    public static let code: Self = "code"
    public static let equation: Self = "equation"
    public static let divider: Self = "divider"
    public static let breadcrumb: Self = "breadcrumb"
    public static let tableOfContents: Self = "table_of_contents"
    public static let table: Self = "table"
    public static let tableRow: Self = "table_row"
    public static let columnList: Self = "column_list"
    public static let column: Self = "column"
    public static let image: Self = "image"
    public static let video: Self = "video"
    public static let audio: Self = "audio"
    public static let pdf: Self = "pdf"
    public static let file: Self = "file"
    public static let bookmark: Self = "bookmark"
    public static let embed: Self = "embed"
    public static let linkPreview: Self = "link_preview"
    public static let linkToPage: Self = "link_to_page"
    public static let childPage: Self = "child_page"
    public static let childDatabase: Self = "child_database"
    public static let syncedBlock: Self = "synced_block"
    public static let template: Self = "template"
    public static let tab: Self = "tab"
    public static let meetingNotes: Self = "meeting_notes"
    /// The older name of `meeting_notes`.
    public static let transcription: Self = "transcription"
    public static let unsupported: Self = "unsupported"

    /// Every type this build knows, in the reference's order.
    public static let known: [BlockType] = [
        .paragraph, .heading1, .heading2, .heading3, .heading4, .bulletedListItem, .numberedListItem, .toDo,
        .toggle, .quote, .callout, .code, .equation, .divider, .breadcrumb, .tableOfContents, .table, .tableRow,
        .columnList, .column, .image, .video, .audio, .pdf, .file, .bookmark, .embed, .linkPreview, .linkToPage,
        .childPage, .childDatabase, .syncedBlock, .template, .tab, .meetingNotes, .transcription, .unsupported,
    ]

    public var isKnown: Bool { Self.known.contains(self) }
}
