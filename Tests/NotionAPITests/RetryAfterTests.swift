import Foundation
import NotionAPI
import Testing
@testable import NotionAPI

@Suite struct RetryAfterTests {
    @Test func secondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(NotionClient.parseRetryAfter("7", now: now) == 7)
        #expect(NotionClient.parseRetryAfter(" 0 ", now: now) == 0)
        #expect(NotionClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == 30)
        #expect(NotionClient.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == 0)
        #expect(NotionClient.parseRetryAfter("soon", now: now) == nil)
        #expect(NotionClient.parseRetryAfter("-3", now: now) == nil)
    }

    @Test func backoffDoublesWithJitterAndIsCapped() {
        let client = NotionClient(options: .init(token: NotionToken("x"), initialBackoff: 0.5, maxBackoff: 4))
        for (attempt, base) in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 4.0), (9, 4.0)] {
            let delay = client.backoff(attempt: attempt)
            #expect(delay >= base / 2 && delay <= base, "attempt \(attempt): \(delay)")
        }
    }

    @Test func theTokenNeverPrints() {
        let token = NotionToken("ntn_supersecret_value_123")
        #expect("\(token)" == "••••")
        #expect(String(describing: token) == "••••")
        #expect(String(reflecting: token) == "NotionToken(••••)")
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("supersecret"))
        let options = NotionClient.Options(token: token)
        var optionsDump = ""
        dump(options, to: &optionsDump)
        #expect(!optionsDump.contains("supersecret"))
        #expect(token.redact("Bearer ntn_supersecret_value_123 sent") == "Bearer •••• sent")
    }
}
