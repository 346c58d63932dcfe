/// A `Notion-Version` header value. Versions are dates, so they compare as strings.
public struct NotionVersion: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let v2021_05_11 = NotionVersion(rawValue: "2021-05-11")
    public static let v2021_05_13 = NotionVersion(rawValue: "2021-05-13")
    public static let v2021_08_16 = NotionVersion(rawValue: "2021-08-16")
    public static let v2022_02_22 = NotionVersion(rawValue: "2022-02-22")
    public static let v2022_06_28 = NotionVersion(rawValue: "2022-06-28")
    public static let v2025_09_03 = NotionVersion(rawValue: "2025-09-03")
    public static let v2026_03_11 = NotionVersion(rawValue: "2026-03-11")

    /// Every version the live API accepts.
    public static let all: [NotionVersion] = [v2021_05_11, v2021_05_13, v2021_08_16, v2022_02_22, v2022_06_28, v2025_09_03, v2026_03_11]
    /// The default of the official SDKs, and ours.
    public static let `default` = v2025_09_03

    public var isKnown: Bool { Self.all.contains(self) }
    /// Databases are containers of data sources from 2025-09-03 on.
    public var hasDataSources: Bool { self >= .v2025_09_03 }
    /// `archived` is reported next to `in_trash` up to 2025-09-03 and removed in 2026-03-11.
    public var reportsArchived: Bool { self < .v2026_03_11 }

    public var description: String { rawValue }
    public static func < (lhs: NotionVersion, rhs: NotionVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}
