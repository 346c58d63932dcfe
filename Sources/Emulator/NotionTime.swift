import Foundation

/// Notion's timestamp formats.
enum NotionTime {
    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// `2026-07-04T09:08:00.000Z` — pages, blocks, data sources, comments, uploads.
    static func minute(_ date: Date) -> String {
        let c = components(date)
        return "\(pad(c.year!, 4))-\(pad(c.month!))-\(pad(c.day!))T\(pad(c.hour!)):\(pad(c.minute!)):00.000Z"
    }

    /// `2026-07-04T09:08:53.017+00:00` — database containers.
    static func millisecond(_ date: Date) -> String {
        let c = components(date)
        let ms = min(999, (c.nanosecond ?? 0) / 1_000_000)
        return "\(pad(c.year!, 4))-\(pad(c.month!))-\(pad(c.day!))T\(pad(c.hour!)):\(pad(c.minute!)):\(pad(c.second!)).\(pad(ms, 3))+00:00"
    }

    /// `20260704T090800Z` — S3's X-Amz-Date.
    static func amz(_ date: Date) -> String {
        let c = components(date)
        return "\(pad(c.year!, 4))\(pad(c.month!))\(pad(c.day!))T\(pad(c.hour!))\(pad(c.minute!))\(pad(c.second!))Z"
    }

    /// Seconds-precision ISO with `Z`, as S3 writes in error bodies.
    static func isoSeconds(_ date: Date) -> String {
        let c = components(date)
        return "\(pad(c.year!, 4))-\(pad(c.month!))-\(pad(c.day!))T\(pad(c.hour!)):\(pad(c.minute!)):\(pad(c.second!))Z"
    }

    static func parseAmz(_ text: String) -> Date? {
        let chars = Array(text)
        guard chars.count == 16, chars[8] == "T", chars[15] == "Z",
              let y = Int(String(chars[0..<4])), let mo = Int(String(chars[4..<6])), let d = Int(String(chars[6..<8])),
              let h = Int(String(chars[9..<11])), let mi = Int(String(chars[11..<13])), let s = Int(String(chars[13..<15]))
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))
    }

    /// `2026-07-04T10:11:00.000Z` with milliseconds kept (file expiry times).
    static func minuteMillis(_ date: Date) -> String {
        let text = millisecond(date)
        return String(text.dropLast(6)) + "Z"
    }
}
