import NotionModel

/// The text forms property values share between the front matter and table cells.
enum PropertyText {
    /// Integers without `.0` (exactly representable ones, below 2^53); other numbers in Swift's
    /// shortest round-tripping form (`0.1`, `1e-05`).
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int(value))
        }
        return "\(value)"
    }

    /// `TASK-42`, or `42` without a prefix; nil when Notion has not numbered the row.
    static func uniqueID(_ id: PropertyValue.UniqueID) -> String? {
        guard let number = id.number else { return nil }
        guard let prefix = id.prefix, !prefix.isEmpty else { return String(number) }
        return "\(prefix)-\(number)"
    }

    /// A user's name, else the resolver's name for the id, else the id.
    static func name(of user: User, resolver: some ConversionResolver) -> String {
        user.name ?? resolver.userName(user.id) ?? user.id.rawValue
    }

    static func name(of person: UserOrGroup, resolver: some ConversionResolver) -> String {
        switch person {
        case .user(let user): name(of: user, resolver: resolver)
        case .group(let group): group.name ?? group.id.rawValue
        }
    }

    /// Where a file is for the reader: the downloaded copy, else its URL, else (an upload
    /// reference, an unknown file type) nil. A Notion-hosted file's URL loses its query: the
    /// signature in it expires within the hour and changes on every fetch, and the output must not.
    static func location(of file: FileObject, resolver: some ConversionResolver) -> String? {
        if let asset = resolver.asset(for: file) { return asset }
        switch file {
        case .file(let url, _): return url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        case .external(let url): return url
        case .fileUpload, .unknown: return nil
        }
    }

    /// The warning for a relation whose page object lists only the first pages.
    static func truncatedRelation(_ property: String, count: Int) -> ConversionWarning {
        ConversionWarning(
            .incompleteProperty,
            "property \"\(property)\" relates to more pages than the \(count) the page lists (has_more): the rest are missing")
    }

    /// The warning for a rollup Notion did not finish computing.
    static func incompleteRollup(_ property: String) -> ConversionWarning {
        ConversionWarning(.incompleteProperty, "property \"\(property)\" is a rollup Notion reports as incomplete: written as empty")
    }

    /// The link Notion itself gives a page: `https://www.notion.so/<32 hex digits>`.

    /// True when the rich text carries nothing but unlinked, unannotated text.
    static func isPlain(_ items: [RichText]) -> Bool {
        items.allSatisfy { item in
            guard case .text(_, link: nil) = item.kind else { return false }
            return item.href == nil && item.annotations == .plain
        }
    }

    /// Unicode code-point order (the same as UTF-8 byte order): independent of locale and of
    /// Swift's canonical-equivalence comparison.
    static func codePointOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
