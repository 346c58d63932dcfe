/// A date or date range (date property, date mention, formula/rollup dates). Values are kept as the
/// ISO-8601 strings Notion sent (`"2026-07-01"`, `"2026-07-01T09:00:00.000+02:00"`) so nothing is
/// lost by reformatting.
public struct DateValue: Hashable, Sendable, Codable {
    public var start: String
    public var end: String?
    public var timeZone: String?

    public init(start: String, end: String? = nil, timeZone: String? = nil) {
        self.start = start
        self.end = end
        self.timeZone = timeZone
    }

    /// True when `start` has no time part.
    public var isDateOnly: Bool { !start.contains("T") }

    enum CodingKeys: String, CodingKey {
        case start, end
        case timeZone = "time_zone"
    }
}
