import Foundation
import Synchronization

/// Time as the request scheduler sees it: a monotonic "now" in seconds and a way to wait. Injected
/// so that tests of rate limiting and back-off need no real sleeps.
public protocol SchedulerClock: Sendable {
    func now() -> Double
    func sleep(seconds: Double) async throws
    /// Waits until `now()` reaches `deadline`. Waits computed under a lock must use this form:
    /// by the time the caller sleeps, others may already have moved time on.
    func sleep(until deadline: Double) async throws
}

extension SchedulerClock {
    public func sleep(until deadline: Double) async throws {
        try await sleep(seconds: deadline - now())
    }
}

/// The real monotonic clock.
public struct SystemClock: SchedulerClock {
    public init() {}
    public func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
    }
}

/// A virtual clock for tests: sleeping returns at once and moves "now" forward to the sleeper's
/// wake-up time (never backward: concurrent sleepers waking at the same moment move it once).
/// Shared by a client and an emulator, it makes a run at 3 requests per second take milliseconds
/// while every rate-limit decision on both sides sees consistent time.
public final class WarpClock: SchedulerClock {
    let current: Mutex<Double>
    public init(start: Double = 1_000) { current = Mutex(start) }
    public func now() -> Double { current.withLock { $0 } }
    public func sleep(seconds: Double) async throws {
        try await sleep(until: now() + seconds)
    }
    public func sleep(until deadline: Double) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
        await Task.yield()
    }
    /// Total virtual time elapsed since `start`.
    public func advance(_ seconds: Double) { current.withLock { $0 += seconds } }
}

/// Real time, sped up: one real second counts as `factor` seconds, and sleeps are that much
/// shorter. Unlike `WarpClock`, time flows while requests are in flight, as it does against
/// Notion, so a client and an emulator sharing it interact as they would in production, only
/// faster: a crawl at 3 requests per second that takes 48 s takes 2.4 s at factor 20.
public final class ScaledClock: SchedulerClock {
    public let factor: Double
    let realStart: Double
    let start: Double

    public init(factor: Double, start: Double = 1_000) {
        self.factor = factor
        realStart = SystemClock().now()
        self.start = start
    }

    public func now() -> Double { start + (SystemClock().now() - realStart) * factor }

    public func sleep(seconds: Double) async throws {
        try await SystemClock().sleep(seconds: seconds / factor)
    }
}
