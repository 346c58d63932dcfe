import Foundation
import Testing
@testable import Emulator

@Suite struct NotionTimeTests {
    /// The stored timestamps the emulator reads back (query rows, database minutes, upload expiry)
    /// parse to the same instant with `ISODate` as with Foundation's ISO 8601 formatter, to well
    /// under a millisecond (`ISODate` can land a hair below `.999`, so milliseconds are not compared
    /// as text).
    @Test(arguments: [
        "2026-07-04T09:08:00.000Z", "2026-07-04T09:08:53.017+00:00", "2026-01-05T10:00:00.000+00:00",
        "2026-07-04T09:08:53Z", "2026-07-04T09:08:53.017-07:00", "2026-12-31T23:59:59.999Z", "2026-07-04",
    ])
    func isoDateAgreesWithFoundation(_ text: String) throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var expected = formatter.date(from: text)
        if expected == nil {
            formatter.formatOptions = [.withInternetDateTime]
            expected = formatter.date(from: text)
        }
        if expected == nil {
            formatter.formatOptions = [.withFullDate]
            expected = formatter.date(from: text)
        }
        let parsed = try #require(ISODate.parse(text))
        #expect(abs(parsed.timeIntervalSince(try #require(expected))) < 0.0005)
        #expect(NotionTime.minute(parsed) == NotionTime.minute(expected!))
    }
}
