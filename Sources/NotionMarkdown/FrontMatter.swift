import NotionModel

/// A page's metadata and properties as the YAML front matter of its Markdown document.
///
/// The layout, keys in this order (absent keys are left out, never written as null):
///
/// ```yaml
/// ---
/// title: Unicode, Emoji and You 🎉          # plain text of the title property
/// notion_id: ba9e0000-0000-8000-8000-00000000002e
/// notion_url: https://www.notion.so/Unicode-Emoji-and-You-ba9e…
/// created_time: 2025-09-19T16:56:00.000Z   # as Notion gives it
/// last_edited_time: 2026-01-10T17:08:00.000Z
/// icon: 🎉                                 # absent when the page has none
/// cover: assets/cover.png                  # absent when the page has none
/// properties:                              # absent when the title is the only property
///   Author:
///   - Yuki Tanaka
///   Published: 2025-12-10
/// ---
/// ```
///
/// `icon`: an emoji as itself; a custom emoji as `:name:`; a Notion-hosted or external image as
/// its downloaded copy's relative path (`ConversionResolver.asset(for:)`), else its URL; a native
/// Notion icon as the mapping `{name, color}`.
///
/// `properties` holds every property except the title, keys in Unicode code-point order, each
/// value typed:
///
/// | Notion type | YAML |
/// |---|---|
/// | title, rich_text | string: plain text when the text has no formatting (no annotation, link, mention or equation), else the Markdown of the rich text |
/// | number | integer (no `.0`) or float; null when empty |
/// | select, status | the option's name; null when empty |
/// | multi_select | list of option names |
/// | date | `2025-03-14` or the date-time (a YAML timestamp) when it is a lone start; with an end or a time zone the mapping `{start, end, time_zone}` (absent parts left out); null when empty |
/// | people | list of names (the user's name, else `ConversionResolver.userName(_:)`, else the id); groups by name |
/// | files | list of locations: the downloaded copy's relative path, else the URL (a Notion-hosted file's without its expiring query); the mapping `{name, url}` when the file's name is not the one its location gives (`FileName.original(ofLocation:)`) |
/// | checkbox | boolean |
/// | url, email, phone_number | string; null when empty |
/// | formula | its result: string, number, boolean or date as above; null when empty |
/// | relation | list of relative links to the exported pages; a page outside the export as its Notion URL `https://www.notion.so/<32 hex>` (and an `unresolvedLink` warning); an `incompleteProperty` warning when Notion says `has_more` |
/// | rollup | number, date, or the list of the rolled-up values each converted by this table (so a rollup of a multi-select is a list of lists); null when Notion could not compute it (`unsupported`; `incomplete`, with an `incompleteProperty` warning) |
/// | created_time, last_edited_time | the timestamp as Notion gives it |
/// | created_by, last_edited_by | the user's name, as for people |
/// | unique_id | `PREFIX-12` (a string), or `12` (an integer) without a prefix; null when unnumbered |
/// | verification | the state: `verified`, `expired`, `unverified`; null when absent |
/// | button | left out: a button has no value |
/// | place | mapping `{name, address, lat, lon, aws_place_id, google_place_id}` (absent parts left out); null when empty |
/// | a type this build does not know | its raw JSON as YAML (object keys in code-point order), and an `unknownProperty` warning |
///
/// Strings are plain unless a YAML reader would then read something else (`yes`, `null`, `1.0`,
/// `2024-01-02`, `: `, a leading `#`, `-`, `&`, …), in which case they are single-quoted;
/// multi-line strings are literal blocks (`|`, `|-`, `|+`); strings with tabs, control
/// characters, other line breaks, or lines with trailing spaces are double-quoted with escapes.
/// Dates and date-times are plain, so readers type them as timestamps. Other text (emoji, CJK) is
/// never escaped, and lines are never folded: the output is a pure function of the page and the
/// resolver, and decoding it gives back every value exactly.
public enum FrontMatter {
    /// The front matter of `page`: `---`, the YAML mapping described above, `---`, each line
    /// ending in a newline.
    ///
    /// - Parameters:
    ///   - resolver: relative links for relations, downloaded copies of files, user names.
    ///   - richText: Markdown for rich text that carries formatting (the rich-text converter's
    ///     output as text); `\.plainText` keeps only the text. Not called for unformatted text.
    public static func yaml(
        for page: Page, resolver: some ConversionResolver, richText: ([RichText]) -> String
    ) -> (text: String, warnings: [ConversionWarning]) {
        withoutActuallyEscaping(richText) { richText in
            var builder = FrontMatterBuilder(resolver: resolver, richText: richText)
            let document = YAML.document(builder.fields(of: page))
            return ("---\n" + document + "---\n", builder.warnings)
        }
    }
}

/// Builds the YAML tree of one page, collecting warnings on the way.
struct FrontMatterBuilder<Resolver: ConversionResolver> {
    let resolver: Resolver
    let richText: ([RichText]) -> String
    var warnings: [ConversionWarning] = []

    /// The top-level keys, in order.
    mutating func fields(of page: Page) -> [(key: String, value: YAML)] {
        let titleName = page.properties.first { if case .title = $0.value.value { true } else { false } }?.key
        var pairs: [(key: String, value: YAML)] = [
            ("title", YAML.string(page.title?.plainText ?? "")),
            ("notion_id", YAML.string(page.id.rawValue)),
            ("notion_url", YAML.string(page.url)),
            ("created_time", YAML.timestamp(page.createdTime)),
            ("last_edited_time", YAML.timestamp(page.lastEditedTime)),
        ]
        if let icon = page.icon { pairs.append(("icon", self.icon(icon))) }
        if let cover = page.cover { pairs.append(("cover", file(cover, field: "cover"))) }
        var properties: [(key: String, value: YAML)] = []
        for name in page.properties.keys.sorted(by: PropertyText.codePointOrder) where name != titleName {
            guard let value = page.properties[name], let node = node(for: value.value, property: name) else { continue }
            properties.append((name, node))
        }
        if !properties.isEmpty { pairs.append(("properties", YAML.mapping(properties))) }
        return pairs
    }

    mutating func icon(_ icon: Icon) -> YAML {
        switch icon {
        case .emoji(let emoji): return YAML.string(emoji)
        case .customEmoji(let emoji):
            if let name = emoji.name { return YAML.string(":\(name):") }
            return YAML.string(emoji.url ?? emoji.id.rawValue)
        case .file(let url, let expiryTime): return file(.file(url: url, expiryTime: expiryTime), field: "icon")
        case .external(let url): return file(.external(url: url), field: "icon")
        case .fileUpload(let id): return file(.fileUpload(id: id), field: "icon")
        case .native(let name, let color):
            var pairs: [(key: String, value: YAML)] = [("name", .string(name))]
            if let color { pairs.append(("color", YAML.string(color.rawValue))) }
            return YAML.mapping(pairs)
        case .unknown(let type, let payload): return unknownFile(type: type, payload, field: "icon")
        }
    }

    /// A cover or an icon image: where the reader finds it.
    mutating func file(_ file: FileObject, field: String) -> YAML {
        if let location = PropertyText.location(of: file, resolver: resolver) { return YAML.string(location) }
        switch file {
        case .fileUpload(let id): return YAML.string(id.rawValue)
        case .unknown(let type, let payload): return unknownFile(type: type, payload, field: field)
        case .file(let url, _), .external(let url): return YAML.string(url)
        }
    }

    mutating func unknownFile(type: String, _ payload: JSONValue, field: String) -> YAML {
        warnings.append(ConversionWarning(.unknownFileType, "\(field) has type `\(type)`, which this build does not know: written as its raw JSON"))
        return YAML.mapping([("type", YAML.string(type)), (type, YAML.json(payload))])
    }

    /// The YAML of one value; nil leaves the property out (buttons).
    mutating func node(for value: PropertyValue.Value, property: String) -> YAML? {
        switch value {
        case .title(let items), .richText(let items):
            return YAML.string(PropertyText.isPlain(items) ? items.plainText : richText(items))
        case .number(let number): return number.map(YAML.number) ?? YAML.null
        case .select(let option), .status(let option): return option.map { YAML.string($0.name) } ?? YAML.null
        case .multiSelect(let options): return YAML.sequence(options.map { YAML.string($0.name) })
        case .date(let date): return self.date(date)
        case .people(let people):
            return YAML.sequence(people.map { YAML.string(PropertyText.name(of: $0, resolver: resolver)) })
        case .files(let files):
            return YAML.sequence(files.map { named in
                let location = file(named.file, field: "property \"\(property)\"")
                // The name only when it is not the one the location gives back (`FileName`).
                guard let name = named.name, !name.isEmpty, case .string(let text) = location,
                      name != FileName.original(ofLocation: text) else { return location }
                return YAML.mapping([("name", YAML.string(name)), ("url", location)])
            })
        case .checkbox(let checked): return YAML.bool(checked)
        case .url(let text), .email(let text), .phoneNumber(let text): return text.map(YAML.string) ?? YAML.null
        case .formula(let formula): return self.formula(formula, property: property)
        case .relation(let pages, let hasMore):
            if hasMore == true { warnings.append(PropertyText.truncatedRelation(property, count: pages.count)) }
            return YAML.sequence(pages.map { relation($0.id, property: property) })
        case .rollup(let rollup): return self.rollup(rollup, property: property)
        case .createdTime(let time), .lastEditedTime(let time): return YAML.timestamp(time)
        case .createdBy(let user), .lastEditedBy(let user): return YAML.string(PropertyText.name(of: user, resolver: resolver))
        case .uniqueID(let id):
            guard let number = id.number else { return YAML.null }
            if let prefix = id.prefix, !prefix.isEmpty { return YAML.string("\(prefix)-\(number)") }
            return YAML.int(number)
        case .verification(let verification): return verification.map { YAML.string($0.state) } ?? YAML.null
        case .button: return nil
        case .place(let place): return place.map(self.place) ?? YAML.null
        case .unknown(let type, let payload): return unknown("type `\(type)`", payload, property: property)
        }
    }

    func date(_ date: DateValue?) -> YAML {
        guard let date else { return YAML.null }
        if date.end == nil, date.timeZone == nil { return YAML.timestamp(date.start) }
        var pairs: [(key: String, value: YAML)] = [("start", YAML.timestamp(date.start))]
        if let end = date.end { pairs.append(("end", YAML.timestamp(end))) }
        if let timeZone = date.timeZone { pairs.append(("time_zone", YAML.string(timeZone))) }
        return YAML.mapping(pairs)
    }

    mutating func formula(_ formula: PropertyValue.Formula, property: String) -> YAML {
        switch formula {
        case .string(let text): text.map(YAML.string) ?? YAML.null
        case .number(let number): number.map(YAML.number) ?? YAML.null
        case .boolean(let value): value.map(YAML.bool) ?? YAML.null
        case .date(let date): self.date(date)
        case .unknown(let type, let payload): unknown("formula type `\(type)`", payload, property: property)
        }
    }

    mutating func relation(_ id: PageID, property: String) -> YAML {
        if let target = resolver.target(of: id.id) { return YAML.string(target.href) }
        warnings.append(ConversionWarning(
            .unresolvedLink, "property \"\(property)\" relates to page \(id), which is not part of the export: kept as its Notion URL"))
        return YAML.string(id.id.notionURL)
    }

    mutating func rollup(_ rollup: PropertyValue.Rollup, property: String) -> YAML {
        switch rollup.result {
        case .number(let number): return number.map(YAML.number) ?? YAML.null
        case .date(let date): return self.date(date)
        case .array(let items): return YAML.sequence(items.compactMap { node(for: $0.value, property: property) })
        case .unsupported: return YAML.null
        case .incomplete:
            warnings.append(PropertyText.incompleteRollup(property))
            return YAML.null
        case .unknown(let type, let payload): return unknown("rollup type `\(type)`", payload, property: property)
        }
    }

    func place(_ place: PropertyValue.Place) -> YAML {
        var pairs: [(key: String, value: YAML)] = []
        if let name = place.name { pairs.append(("name", YAML.string(name))) }
        if let address = place.address { pairs.append(("address", YAML.string(address))) }
        pairs.append(("lat", YAML.number(place.lat)))
        pairs.append(("lon", YAML.number(place.lon)))
        if let id = place.awsPlaceID { pairs.append(("aws_place_id", YAML.string(id))) }
        if let id = place.googlePlaceID { pairs.append(("google_place_id", YAML.string(id))) }
        return YAML.mapping(pairs)
    }

    /// `what`: the unknown type, named (`type \`ai_summary\``, `formula type \`x\``).
    mutating func unknown(_ what: String, _ payload: JSONValue, property: String) -> YAML {
        warnings.append(ConversionWarning(
            .unknownProperty, "property \"\(property)\" has \(what), which this build does not know: written as its raw JSON"))
        return YAML.json(payload)
    }
}
