extension BlockContent {
    /// Decodes the payload under the key named after `type` from a block's JSON object.
    init(type: BlockType, from container: KeyedDecodingContainer<AnyCodingKey>) throws {
        let key = AnyCodingKey(type.rawValue)
        func payload<T: Decodable>(_: T.Type) throws -> T { try container.decode(T.self, forKey: key) }
        switch type {
        case .paragraph: self = .paragraph(try payload(TextBlock.self))
        case .heading1: self = .heading1(try payload(Heading.self))
        case .heading2: self = .heading2(try payload(Heading.self))
        case .heading3: self = .heading3(try payload(Heading.self))
        case .heading4: self = .heading4(try payload(Heading.self))
        case .bulletedListItem: self = .bulletedListItem(try payload(TextBlock.self))
        case .numberedListItem: self = .numberedListItem(try payload(TextBlock.self))
        case .toDo: self = .toDo(try payload(ToDo.self))
        case .toggle: self = .toggle(try payload(TextBlock.self))
        case .quote: self = .quote(try payload(TextBlock.self))
        case .callout: self = .callout(try payload(Callout.self))
        case .code: self = .code(try payload(Code.self))
        case .equation: self = .equation(try payload(Equation.self))
        case .divider: _ = try payload(EmptyObject.self); self = .divider
        case .breadcrumb: _ = try payload(EmptyObject.self); self = .breadcrumb
        case .tableOfContents: self = .tableOfContents(try payload(TableOfContents.self))
        case .table: self = .table(try payload(Table.self))
        case .tableRow: self = .tableRow(try payload(TableRow.self))
        case .columnList: _ = try payload(EmptyObject.self); self = .columnList
        case .column: self = .column(try payload(Column.self))
        case .image: self = .image(try payload(Media.self))
        case .video: self = .video(try payload(Media.self))
        case .audio: self = .audio(try payload(Media.self))
        case .pdf: self = .pdf(try payload(Media.self))
        case .file: self = .file(try payload(Media.self))
        case .bookmark: self = .bookmark(try payload(Embed.self))
        case .embed: self = .embed(try payload(Embed.self))
        case .linkPreview: self = .linkPreview(try payload(Embed.self))
        case .linkToPage: self = .linkToPage(try payload(LinkToPage.self))
        case .childPage: self = .childPage(try payload(Title.self))
        case .childDatabase: self = .childDatabase(try payload(Title.self))
        case .syncedBlock: self = .syncedBlock(try payload(SyncedBlock.self))
        case .template: self = .template(try payload(TextBlock.self))
        case .tab: _ = try payload(EmptyObject.self); self = .tab
        case .meetingNotes: self = .meetingNotes(try payload(MeetingNotes.self))
        case .transcription: self = .transcription(try payload(MeetingNotes.self))
        case .unsupported: self = .unsupported(blockType: try payload(Unsupported.self).blockType)
        default: self = .unknown(type, try container.json(type.rawValue))
        }
    }

    /// Writes the payload under the key named after the type.
    func encodePayload(into container: inout KeyedEncodingContainer<AnyCodingKey>) throws {
        let key = AnyCodingKey(type.rawValue)
        switch self {
        case .paragraph(let b), .bulletedListItem(let b), .numberedListItem(let b), .toggle(let b), .quote(let b), .template(let b):
            try container.encode(b, forKey: key)
        case .heading1(let h), .heading2(let h), .heading3(let h), .heading4(let h): try container.encode(h, forKey: key)
        case .toDo(let t): try container.encode(t, forKey: key)
        case .callout(let c): try container.encode(c, forKey: key)
        case .code(let c): try container.encode(c, forKey: key)
        case .equation(let e): try container.encode(e, forKey: key)
        case .divider, .breadcrumb, .columnList, .tab: try container.encode(EmptyObject(), forKey: key)
        case .tableOfContents(let t): try container.encode(t, forKey: key)
        case .table(let t): try container.encode(t, forKey: key)
        case .tableRow(let r): try container.encode(r, forKey: key)
        case .column(let c): try container.encode(c, forKey: key)
        case .image(let m), .video(let m), .audio(let m), .pdf(let m), .file(let m): try container.encode(m, forKey: key)
        case .bookmark(let e), .embed(let e), .linkPreview(let e): try container.encode(e, forKey: key)
        case .linkToPage(let l): try container.encode(l, forKey: key)
        case .childPage(let t), .childDatabase(let t): try container.encode(t, forKey: key)
        case .syncedBlock(let s): try container.encode(s, forKey: key)
        case .meetingNotes(let m), .transcription(let m): try container.encode(m, forKey: key)
        case .unsupported(let blockType): try container.encode(Unsupported(blockType: blockType), forKey: key)
        case .unknown(let type, let payload): try container.encodeJSON(payload, forKey: type.rawValue)
        }
    }

    private struct Unsupported: Codable {
        var blockType: String?
        enum CodingKeys: String, CodingKey { case blockType = "block_type" }
    }
}
