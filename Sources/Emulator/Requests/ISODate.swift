import Foundation

/// ISO 8601 dates and datetimes as Notion accepts them: `2026-07-01`, `2026-07-01T10:00`, with seconds,
/// fractional seconds, and `Z` or an offset. A datetime without an offset is read as UTC.
enum ISODate {
    static func parse(_ string: String) -> Date? {
        let scalars = Array(string.unicodeScalars)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= scalars.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                guard let d = Int(String(scalars[i])), scalars[i].isASCII else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = digits(0, 4), scalars.count >= 10, scalars[4] == "-", let month = digits(5, 2), scalars[7] == "-",
              let day = digits(8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var offsetSeconds = 0
        var index = 10
        if index < scalars.count {
            guard scalars[index] == "T" || scalars[index] == " ", let hour = digits(index + 1, 2), index + 3 < scalars.count,
                  scalars[index + 3] == ":", let minute = digits(index + 4, 2) else { return nil }
            components.hour = hour
            components.minute = minute
            index += 6
            var nanos = 0
            if index < scalars.count, scalars[index] == ":" {
                guard let second = digits(index + 1, 2) else { return nil }
                components.second = second
                index += 3
                if index < scalars.count, scalars[index] == "." {
                    index += 1
                    var fraction = ""
                    while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                        fraction.unicodeScalars.append(scalars[index]); index += 1
                    }
                    guard !fraction.isEmpty else { return nil }
                    let padded = (fraction + "000000000").prefix(9)
                    nanos = Int(padded) ?? 0
                }
            }
            components.nanosecond = nanos
            if index < scalars.count {
                if scalars[index] == "Z" {
                    index += 1
                } else if scalars[index] == "+" || scalars[index] == "-" {
                    let sign = scalars[index] == "-" ? -1 : 1
                    guard let oh = digits(index + 1, 2) else { return nil }
                    var om = 0
                    if index + 3 < scalars.count, scalars[index + 3] == ":" {
                        guard let m = digits(index + 4, 2) else { return nil }
                        om = m; index += 6
                    } else if let m = digits(index + 3, 2) {
                        om = m; index += 5
                    } else {
                        index += 3
                    }
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
            guard index == scalars.count else { return nil }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(TimeInterval(-offsetSeconds))
    }

    /// True when the string holds only a date (no time of day).
    static func isDateOnly(_ string: String) -> Bool { string.count == 10 }
}
