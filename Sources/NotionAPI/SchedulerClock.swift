import Foundation
import Synchronization

/// Time as the request scheduler sees it: a monotonic "now" in seconds and a way to wait. Injected
/// so that tests of rate limiting and back-off need no real sleeps.
public protocol SchedulerClock: Sendable {
    func now() -> Double
    func sleep(seconds: Double) async throws
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
/// wake-up time. Shared by a client and an emulator, it makes a run at 3 requests per second take
/// milliseconds while every rate-limit decision on both sides sees consistent time.
public final class WarpClock: SchedulerClock {
    let current: Mutex<Double>
    public init(start: Double = 1_000) { current = Mutex(start) }
    public func now() -> Double { current.withLock { $0 } }
    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        guard seconds > 0 else { await Task.yield(); return }
        current.withLock { $0 += seconds }
        await Task.yield()
    }
    /// Total virtual time elapsed since `start`.
    public func advance(_ seconds: Double) { current.withLock { $0 += seconds } }
}
