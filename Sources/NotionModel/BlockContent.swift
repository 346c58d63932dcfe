/// What a block holds: one case per block type this build knows, with the payload that sits under
/// the key named after the type. Payload types are shared by families of block types.
public enum BlockContent: Hashable, Sendable {
    case paragraph(TextBlock)
    case heading1(Heading), heading2(Heading), heading3(Heading), heading4(Heading)
    case bulletedListItem(TextBlock)
    /// Uses `TextBlock.listStartIndex` / `listFormat`.
    case numberedListItem(TextBlock)
    case toDo(ToDo)
    case toggle(TextBlock)
    case quote(TextBlock)
    case callout(Callout)
    case code(Code)
    case equation(Equation)
    case divider
    case breadcrumb
    case tableOfContents(TableOfContents)
    case table(Table)
    case tableRow(TableRow)
    case columnList
    case column(Column)
    case image(Media), video(Media), audio(Media), pdf(Media)
    /// Uses `Media.name`.
    case file(Media)
    case bookmark(Embed), embed(Embed)
    /// `link_preview` carries only `url`.
    case linkPreview(Embed)
    case linkToPage(LinkToPage)
    case childPage(Title), childDatabase(Title)
    case syncedBlock(SyncedBlock)
    /// Deprecated template button.
    case template(TextBlock)
    /// Tabs: the children are `paragraph` blocks, one per tab.
    case tab
    case meetingNotes(MeetingNotes)
    /// The older name of `meeting_notes`, kept distinct so the JSON re-encodes as it came.
    case transcription(MeetingNotes)
    /// Notion's own placeholder for blocks the API cannot represent ("form", "button", "ai_block").
    /// `blockType` is nil when Notion sends an empty payload (older API versions).
    case unsupported(blockType: String?)
    /// A type this build does not know: its payload verbatim (re-encodes to the same JSON).
    case unknown(BlockType, JSONValue)

    public var type: BlockType {
        switch self {
        case .paragraph: .paragraph
        case .heading1: .heading1
        case .heading2: .heading2
        case .heading3: .heading3
        case .heading4: .heading4
        case .bulletedListItem: .bulletedListItem
        case .numberedListItem: .numberedListItem
        case .toDo: .toDo
        case .toggle: .toggle
        case .quote: .quote
        case .callout: .callout
        case .code: .code
        case .equation: .equation
        case .divider: .divider
        case .breadcrumb: .breadcrumb
        case .tableOfContents: .tableOfContents
        case .table: .table
        case .tableRow: .tableRow
        case .columnList: .columnList
        case .column: .column
        case .image: .image
        case .video: .video
        case .audio: .audio
        case .pdf: .pdf
        case .file: .file
        case .bookmark: .bookmark
        case .embed: .embed
        case .linkPreview: .linkPreview
        case .linkToPage: .linkToPage
        case .childPage: .childPage
        case .childDatabase: .childDatabase
        case .syncedBlock: .syncedBlock
        case .template: .template
        case .tab: .tab
        case .meetingNotes: .meetingNotes
        case .transcription: .transcription
        case .unsupported: .unsupported
        case .unknown(let type, _): type
        }
    }

    /// The rich text of text-like blocks (paragraphs, headings, list items, to-dos, toggles,
    /// quotes, callouts, code, templates); nil for the others.
    public var richText: [RichText]? {
        switch self {
        case .paragraph(let b), .bulletedListItem(let b), .numberedListItem(let b), .toggle(let b), .quote(let b), .template(let b):
            b.richText
        case .heading1(let h), .heading2(let h), .heading3(let h), .heading4(let h): h.richText
        case .toDo(let t): t.richText
        case .callout(let c): c.richText
        case .code(let c): c.richText
        default: nil
        }
    }
}
