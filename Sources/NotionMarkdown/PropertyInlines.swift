import Markdown
import NotionModel

/// Property values as the inline Markdown of a database table cell. The values are typed as in
/// the front matter (`FrontMatter`), written for reading:
///
/// | Notion type | Cell |
/// |---|---|
/// | title, rich_text | the rich text's inlines |
/// | number | the number (integers without `.0`) |
/// | select, status | the option's name |
/// | multi_select, people | names joined with `, ` |
/// | date (and date formulas, rollups) | `2025-03-14`, or the date-time as Notion gives it; a range `start → end`; a time zone appended in parentheses: `2025-03-14T09:00:00.000+01:00 (Europe/Berlin)` |
/// | files | links `[name](location)` joined with `, ` (location as in the front matter) |
/// | checkbox, boolean formula | `☑` checked, `☐` unchecked: GFM has no task list inside tables, and `[x]` would be escaped to `\[x\]` |
/// | url | an autolink when it has a scheme, else text |
/// | email | a `mailto:` autolink |
/// | phone_number | text |
/// | relation | links `[Title](relative/path.md)` joined with `, `; a page outside the export is linked by its Notion URL (and warned about) |
/// | rollup | the number, date, or the rolled-up values' cells joined with `, ` |
/// | created_time, last_edited_time | the timestamp as Notion gives it |
/// | created_by, last_edited_by | the user's name |
/// | unique_id | `PREFIX-12` or `12` |
/// | verification | the state (`verified`, …) |
/// | place | its name, else its address, else `lat, lon` |
/// | button | empty: a button has no value |
/// | a type this build does not know | its raw JSON as inline code, and an `unknownProperty` warning |
///
/// Empty values give an empty cell.
public enum PropertyInlines {
    /// The cell for one property value of a row.
    ///
    /// - Parameters:
    ///   - name: the property's name, for warnings.
    ///   - richText: the rich-text converter (title, rich_text and rolled-up text values).
    public static func cell(
        _ value: PropertyValue, named name: String, resolver: some ConversionResolver,
        richText: ([RichText]) -> [MarkdownInline]
    ) -> (inlines: [MarkdownInline], warnings: [ConversionWarning]) {
        withoutActuallyEscaping(richText) { richText in
            var builder = CellBuilder(resolver: resolver, richText: richText, property: name)
            let inlines = builder.inlines(value.value)
            return (merged(inlines), builder.warnings)
        }
    }

    /// The row's title as the text of the link to the row's page: its rich text with links
    /// unwrapped (a link inside a link is not Markdown), or `Untitled` when empty, as Notion shows
    /// it.
    public static func title(of page: Page, richText: ([RichText]) -> [MarkdownInline]) -> [MarkdownInline] {
        let inlines = merged(unlinked(richText(page.title ?? [])))
        return inlines.isEmpty ? [.text("Untitled")] : inlines
    }

    static func unlinked(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        inlines.flatMap { inline -> [MarkdownInline] in
            switch inline {
            case .link(_, _, let children): unlinked(children)
            case .autolink(let destination):
                [.text(destination.hasPrefix("mailto:") ? String(destination.dropFirst(7)) : destination)]
            case .emphasis(let children): [.emphasis(unlinked(children))]
            case .strong(let children): [.strong(unlinked(children))]
            case .strikethrough(let children): [.strikethrough(unlinked(children))]
            case .text, .softBreak, .lineBreak, .code, .image, .html, .footnoteReference: [inline]
            }
        }
    }

    /// Adjacent text merged, so that a cell built from parts equals the same cell parsed.
    static func merged(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var out: [MarkdownInline] = []
        for inline in inlines {
            if case .text(let text) = inline {
                if text.isEmpty { continue }
                if case .text(let previous)? = out.last { out[out.count - 1] = .text(previous + text); continue }
            }
            out.append(inline)
        }
        return out
    }
}

/// Builds one cell, collecting warnings on the way.
struct CellBuilder<Resolver: ConversionResolver> {
    let resolver: Resolver
    let richText: ([RichText]) -> [MarkdownInline]
    let property: String
    var warnings: [ConversionWarning] = []

    mutating func inlines(_ value: PropertyValue.Value) -> [MarkdownInline] {
        switch value {
        case .title(let items), .richText(let items): return richText(items)
        case .number(let number): return text(number.map(PropertyText.number))
        case .select(let option), .status(let option): return text(option?.name)
        case .multiSelect(let options): return text(options.map(\.name).joined(separator: ", "))
        case .date(let date): return text(date.map(Self.date))
        case .people(let people): return text(people.map { PropertyText.name(of: $0, resolver: resolver) }.joined(separator: ", "))
        case .files(let files): return joined(files.map { file($0) })
        case .checkbox(let checked): return checkbox(checked)
        case .url(let url):
            guard let url, !url.isEmpty else { return [] }
            return [Self.hasScheme(url) ? .autolink(url) : .text(url)]
        case .email(let email):
            guard let email, !email.isEmpty else { return [] }
            return [.autolink("mailto:" + email)]
        case .phoneNumber(let phone): return text(phone)
        case .formula(let formula): return self.formula(formula)
        case .relation(let pages, let hasMore):
            if hasMore == true { warnings.append(PropertyText.truncatedRelation(property, count: pages.count)) }
            return joined(pages.map { relation($0.id) })
        case .rollup(let rollup): return self.rollup(rollup)
        case .createdTime(let time), .lastEditedTime(let time): return text(time)
        case .createdBy(let user), .lastEditedBy(let user): return text(PropertyText.name(of: user, resolver: resolver))
        case .uniqueID(let id): return text(PropertyText.uniqueID(id))
        case .verification(let verification): return text(verification?.state)
        case .button: return []
        case .place(let place): return text(place.map(Self.place))
        case .unknown(let type, let payload): return unknown("type `\(type)`", payload)
        }
    }

    func text(_ text: String?) -> [MarkdownInline] {
        guard let text, !text.isEmpty else { return [] }
        return [.text(text)]
    }

    func checkbox(_ checked: Bool) -> [MarkdownInline] { [.text(checked ? "☑" : "☐")] }

    /// The parts, each non-empty, separated by `, `.
    func joined(_ parts: [[MarkdownInline]]) -> [MarkdownInline] {
        var out: [MarkdownInline] = []
        for part in parts where !part.isEmpty {
            if !out.isEmpty { out.append(.text(", ")) }
            out += part
        }
        return out
    }

    static func date(_ date: DateValue) -> String {
        var text = date.start
        if let end = date.end { text += " → " + end }
        if let timeZone = date.timeZone { text += " (\(timeZone))" }
        return text
    }

    static func place(_ place: PropertyValue.Place) -> String {
        if let name = place.name, !name.isEmpty { return name }
        if let address = place.address, !address.isEmpty { return address }
        return PropertyText.number(place.lat) + ", " + PropertyText.number(place.lon)
    }

    /// A URI scheme (`https:`, `mailto:`) starts the text.
    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), let first = url.first, first.isASCII, first.isLetter else { return false }
        return url[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    mutating func file(_ file: NamedFile) -> [MarkdownInline] {
        guard let location = PropertyText.location(of: file.file, resolver: resolver) else {
            if case .unknown(let type, let payload) = file.file {
                warnings.append(ConversionWarning(
                    .unknownFileType, "property \"\(property)\" holds a file of type `\(type)`, which this build does not know: written as its raw JSON"))
                return [.code(payload.jsonString())]
            }
            return text(file.name)
        }
        let name = file.name.flatMap { $0.isEmpty ? nil : $0 } ?? Self.lastPathComponent(location)
        return [.link(destination: location, title: "", [.text(name)])]
    }

    static func lastPathComponent(_ location: String) -> String {
        let path = location.split(separator: "?", maxSplits: 1).first.map(String.init) ?? location
        return path.split(separator: "/").last.map(String.init) ?? location
    }

    mutating func formula(_ formula: PropertyValue.Formula) -> [MarkdownInline] {
        switch formula {
        case .string(let text): self.text(text)
        case .number(let number): text(number.map(PropertyText.number))
        case .boolean(let value): value.map(checkbox) ?? []
        case .date(let date): text(date.map(Self.date))
        case .unknown(let type, let payload): unknown("formula type `\(type)`", payload)
        }
    }

    mutating func relation(_ id: PageID) -> [MarkdownInline] {
        if let target = resolver.target(of: id.id) {
            return [.link(destination: target.href, title: "", [.text(target.title.isEmpty ? "Untitled" : target.title)])]
        }
        warnings.append(ConversionWarning(
            .unresolvedLink, "property \"\(property)\" relates to page \(id), which is not part of the export: kept as its Notion URL"))
        return [.autolink(id.id.notionURL)]
    }

    mutating func rollup(_ rollup: PropertyValue.Rollup) -> [MarkdownInline] {
        switch rollup.result {
        case .number(let number): return text(number.map(PropertyText.number))
        case .date(let date): return text(date.map(Self.date))
        case .array(let items): return joined(items.map { inlines($0.value) })
        case .unsupported: return []
        case .incomplete:
            warnings.append(PropertyText.incompleteRollup(property))
            return []
        case .unknown(let type, let payload): return unknown("rollup type `\(type)`", payload)
        }
    }

    mutating func unknown(_ what: String, _ payload: JSONValue) -> [MarkdownInline] {
        warnings.append(ConversionWarning(
            .unknownProperty, "property \"\(property)\" has \(what), which this build does not know: written as its raw JSON"))
        return [.code(payload.jsonString())]
    }
}
