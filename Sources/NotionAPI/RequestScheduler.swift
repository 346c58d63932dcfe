import Foundation
import Synchronization

/// The one scheduler every request of a run goes through: at most `maxConcurrent` in flight, a
/// token bucket that starts at Notion's documented budget, and a shared pause after 429/529.
///
/// Notion's limit is per integration, so one request's 429 means everyone should wait: a
/// `Retry-After` pauses the whole bucket, not just the request that got it. The rate also adapts:
/// each 429 halves it (down to a floor), and every run of successes wins a little back, never above
/// the configured rate.
public final class RequestScheduler: Sendable {
    public struct Options: Sendable, Hashable {
        /// Requests in flight at once.
        public var maxConcurrent: Int
        /// Average requests per second to start at (and never exceed); nil means no rate limit.
        public var requestsPerSecond: Double?
        /// Bucket capacity: how many requests may start at once after a quiet period.
        public var burst: Int
        public init(maxConcurrent: Int = 8, requestsPerSecond: Double? = 3, burst: Int = 3) {
            self.maxConcurrent = maxConcurrent
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }

    struct State {
        var inFlight = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextWaiterID: UInt64 = 0
        var tokens: Double
        var lastRefill: Double
        var rate: Double?
        var pausedUntil: Double = 0
        var successesSinceDecrease = 0
    }

    public let options: Options
    let clock: any SchedulerClock
    let state: Mutex<State>
    let metrics: MetricsRecorder

    public init(options: Options, clock: any SchedulerClock = SystemClock(), metrics: MetricsRecorder = MetricsRecorder()) {
        self.options = options
        self.clock = clock
        state = Mutex(State(tokens: Double(max(options.burst, 1)), lastRefill: clock.now(), rate: options.requestsPerSecond))
        self.metrics = metrics
    }

    /// The current rate (requests per second), after adaptation.
    public var currentRate: Double? { state.withLock { $0.rate } }

    /// Waits for a concurrency slot, then for the budget. Call `release()` when the request is done.
    public func acquire() async throws {
        try await acquireSlot()
        do {
            try await waitForBudget()
        } catch {
            release()
            throw error
        }
    }

    public func release() {
        let next: CheckedContinuation<Void, any Error>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.inFlight -= 1
                return nil
            }
            return state.waiters.removeFirst().continuation  // the slot passes straight on
        }
        next?.resume()
    }

    func acquireSlot() async throws {
        let id: UInt64? = state.withLock { state in
            if state.inFlight < options.maxConcurrent {
                state.inFlight += 1
                return nil
            }
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let cancelled = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    state.waiters.append((id, continuation))
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    func waitForBudget() async throws {
        var waited = 0.0
        defer { if waited > 0 { metrics.update { $0.budgetWaitSeconds += waited } } }
        while true {
            let delay: Double = state.withLock { state in
                let now = clock.now()
                if now < state.pausedUntil { return state.pausedUntil - now }
                guard let rate = state.rate else { return 0 }
                state.tokens = min(Double(max(options.burst, 1)), state.tokens + (now - state.lastRefill) * rate)
                state.lastRefill = now
                // A tolerance, because refills are floating point: 0.333… s at 3/s gives
                // 0.999999…, and waiting for the last 1e-16 of a token would never end on a
                // virtual clock.
                if state.tokens >= 1 - Self.tokenTolerance {
                    state.tokens = max(0, state.tokens - 1)
                    return 0
                }
                return (1 - state.tokens) / rate
            }
            if delay <= 0 { return }
            try await clock.sleep(seconds: delay)
            waited += delay
        }
    }

    /// Notion said 429 or 529: everyone waits `retryAfter` (or `fallback`), and the rate halves.
    public func noteRateLimited(retryAfter: Double?, fallback: Double) {
        state.withLock { state in
            let until = clock.now() + (retryAfter ?? fallback)
            state.pausedUntil = max(state.pausedUntil, until)
            state.tokens = 0
            if let rate = state.rate { state.rate = max(rate / 2, Self.minimumRate) }
            state.successesSinceDecrease = 0
        }
    }

    /// A request succeeded: after a run of successes the rate climbs back toward the configured one.
    public func noteSuccess() {
        state.withLock { state in
            guard let rate = state.rate, let configured = options.requestsPerSecond, rate < configured else { return }
            state.successesSinceDecrease += 1
            if state.successesSinceDecrease >= 10 {
                state.rate = min(configured, rate + configured / 10)
                state.successesSinceDecrease = 0
            }
        }
    }

    static let minimumRate = 0.2
    static let tokenTolerance = 1e-9
}
