import Foundation
import NotionAPI
import NotionModel
import Synchronization
import Testing
@testable import Emulator
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Answers every request with 200 and counts what reached it.
final class CountingHandler: RequestHandling {
    let count = Mutex(0)
    func handle(_ request: HTTPRequest) async throws -> HTTPResponse {
        count.withLock { $0 += 1 }
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(#"{"object":"list"}"#.utf8))
    }
    var received: Int { count.withLock { $0 } }
}

/// A hand-moved monotonic clock that records sleeps instead of sleeping.
final class ManualClock: SchedulerClock {
    let seconds = Mutex(1000.0)
    let slept = Mutex<[Double]>([])
    func advance(_ delta: Double) { seconds.withLock { $0 += delta } }
    func now() -> Double { seconds.withLock { $0 } }
    func sleep(seconds: Double) async throws { slept.withLock { $0.append(seconds) } }
}

func apiRequest(_ path: String = "/v1/users", method: String = "GET") -> HTTPRequest {
    HTTPRequest(method: method, url: URL(string: "http://emulator.test" + path)!, headers: ["Notion-Version": "2025-09-03"])
}

@Suite struct LoadShapingTests {
    @Test func tokenBucketAnswers429WithRetryAfterOnceTheBurstIsSpent() async throws {
        let inner = CountingHandler()
        let clock = ManualClock()
        let shaper = LoadShapingHandler(wrapping: inner, shape: LoadShape(requestsPerSecond: 3, burst: 3), clock: clock)
        for _ in 0..<3 { #expect(try await shaper.handle(apiRequest()).status == 200) }
        let limited = try await shaper.handle(apiRequest())
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "1")
        let body = try JSONValue(data: limited.body)
        #expect(body["code"] == "rate_limited")
        #expect(body["message"] == "You have been rate limited. Please try again in a few minutes.")
        #expect(body["request_id"]?.stringValue == limited.header("x-notion-request-id"))
        #expect(inner.received == 3)

        clock.advance(1.0 / 3.0 + 0.001)  // one token refilled
        #expect(try await shaper.handle(apiRequest()).status == 200)
        #expect(try await shaper.handle(apiRequest()).status == 429)
        clock.advance(10)  // refills to the burst, never beyond
        for _ in 0..<3 { #expect(try await shaper.handle(apiRequest()).status == 200) }
        #expect(try await shaper.handle(apiRequest()).status == 429)
        #expect(shaper.counters.rateLimited == 3)
        #expect(shaper.counters.requests == 10)
    }

    @Test func retryAfterGrowsWithTheDeficitAtLowRates() async throws {
        let clock = ManualClock()
        let shaper = LoadShapingHandler(wrapping: CountingHandler(), shape: LoadShape(requestsPerSecond: 0.25, burst: 1),
                                        clock: clock)
        #expect(try await shaper.handle(apiRequest()).status == 200)
        #expect(try await shaper.handle(apiRequest()).header("Retry-After") == "4")
    }

    @Test func fileDownloadsAreNeverRateLimited() async throws {
        let inner = CountingHandler()
        let shaper = LoadShapingHandler(wrapping: inner, shape: LoadShape(requestsPerSecond: 1, burst: 1, faultRate: 1),
                                        clock: ManualClock())
        for _ in 0..<5 { #expect(try await shaper.handle(apiRequest("/files/abc/x.png")).status == 200) }
        #expect(inner.received == 5)
    }

    @Test func faultsAreSeededAndCoverEveryKind() async throws {
        func run(seed: UInt64) async -> [String] {
            let shaper = LoadShapingHandler(wrapping: CountingHandler(), shape: LoadShape(faultRate: 1, seed: seed),
                                            clock: ManualClock())
            var outcomes: [String] = []
            for _ in 0..<200 {
                do { outcomes.append(String(try await shaper.handle(apiRequest()).status)) } catch { outcomes.append("drop") }
            }
            return outcomes
        }
        let first = await run(seed: 7)
        #expect(first == (await run(seed: 7)))
        #expect(first != (await run(seed: 8)))
        #expect(Set(first) == ["429", "500", "502", "503", "504", "529", "drop"])
    }

    @Test func faultBodiesAreNotionsOrAGatewaysHTML() {
        let overload = LoadShapingHandler.faultResponse(.serviceOverload)
        #expect(overload.status == 529)
        #expect(overload.header("Retry-After") == "1")
        let unavailable = LoadShapingHandler.faultResponse(.serviceUnavailable)
        #expect((try? JSONValue(data: unavailable.body))?["code"] == "service_unavailable")
        let gateway = LoadShapingHandler.faultResponse(.badGateway)
        #expect(gateway.header("Content-Type") == "text/html")
        #expect(String(decoding: gateway.body, as: UTF8.self).contains("502 Bad Gateway"))
    }

    @Test func partialFaultRateLetsMostRequestsThrough() async throws {
        let inner = CountingHandler()
        let shaper = LoadShapingHandler(wrapping: inner, shape: LoadShape(faultRate: 0.1, seed: 3), clock: ManualClock())
        var ok = 0
        for _ in 0..<1000 { if (try? await shaper.handle(apiRequest()))?.status == 200 { ok += 1 } }
        #expect((850...950).contains(ok))
        // Latency spikes are answered (200), so they are not among the failures.
        #expect(shaper.counters.faults.filter { $0.key != "slow" }.values.reduce(0, +) == 1000 - ok)
    }

    @Test func latencySpikesHoldRequestsThenAnswerThemTheSameForTheSameSeed() async throws {
        func run(seed: UInt64) async throws -> (statuses: [Int], slept: [Double], spikes: Int) {
            let clock = ManualClock()
            let shaper = LoadShapingHandler(wrapping: CountingHandler(), shape: LoadShape(faultRate: 0.1, seed: seed), clock: clock)
            var statuses: [Int] = []
            for _ in 0..<300 { statuses.append((try? await shaper.handle(apiRequest()))?.status ?? -1) }
            return (statuses, clock.slept.withLock { $0 }, shaper.counters.faults["slow"] ?? 0)
        }
        let first = try await run(seed: 5), again = try await run(seed: 5), other = try await run(seed: 6)
        #expect(first.statuses == again.statuses && first.slept == again.slept)
        #expect(first.statuses != other.statuses)
        // About one answered request in ten is held, for 200 ms each, and dropped connections (-1) occur too.
        #expect((15...45).contains(first.spikes))
        #expect(first.slept == Array(repeating: 0.2, count: first.spikes))
        #expect(first.statuses.contains(-1))
        // Spikes come from a generator of their own: the failing faults are those of a shape without them.
        let withoutSpikes = LoadShapingHandler(wrapping: CountingHandler(),
                                               shape: LoadShape(faultRate: 0.1, seed: 5, faultKinds: InjectedFault.allCases.filter { $0 != .latencySpike }),
                                               clock: ManualClock())
        var statuses: [Int] = []
        for _ in 0..<300 { statuses.append((try? await withoutSpikes.handle(apiRequest()))?.status ?? -1) }
        #expect(statuses == first.statuses)
    }

    @Test func latencyIsAddedToApiRequests() async throws {
        let clock = ManualClock()
        let shaper = LoadShapingHandler(wrapping: CountingHandler(), shape: LoadShape(latency: .milliseconds(150)), clock: clock)
        _ = try await shaper.handle(apiRequest())
        _ = try await shaper.handle(apiRequest("/files/a/b.png"))
        #expect(clock.slept.withLock { $0 } == [0.15])
    }

    @Test func requestLogHasOneJSONLinePerRequestAndNoToken() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("requests.jsonl").path
        let log = try RequestLog(path: path, clock: { Date(timeIntervalSince1970: 0) })
        let shaper = LoadShapingHandler(wrapping: CountingHandler(), shape: LoadShape(requestsPerSecond: 1, burst: 1), log: log,
                                        clock: ManualClock())
        var request = apiRequest("/v1/blocks/393abc1e-edcd-81c3-a7e3-f719e1e1ec4b/children?page_size=2")
        request.headers["Authorization"] = "Bearer ntn_secret_value"
        _ = try await shaper.handle(request)
        _ = try await shaper.handle(request)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map { try? JSONValue(string: String($0)) }
        #expect(lines.count == 2)
        #expect(lines[0]?["endpoint"] == "blocks.children.list")
        #expect(lines[0]?["path"] == "/v1/blocks/393abc1e-edcd-81c3-a7e3-f719e1e1ec4b/children?page_size=2")
        #expect(lines[0]?["status"] == 200)
        #expect(lines[1]?["status"] == 429)
        #expect(lines[1]?["fault"] == "rate_limit")
        #expect(lines[0]?["time"] == "1970-01-01T00:00:00Z")
        #expect(!text.contains("ntn_secret_value"))
    }
}
