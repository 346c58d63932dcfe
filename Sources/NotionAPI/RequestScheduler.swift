import Foundation
import Synchronization

/// The one scheduler every request of a run goes through: at most `maxConcurrent` in flight, a
/// token bucket that starts at Notion's documented budget, and a shared pause after 429/529.
///
/// Notion's limit is per integration, so one request's 429 means everyone should wait: a
/// `Retry-After` pauses the whole bucket, not just the request that got it. The rate also adapts:
/// a 429 lowers it by a quarter (down to a floor), and successes win it back, never above the
/// configured rate: a limit lower than documented (a busy workspace) is found, and an isolated
/// 429 from timing jitter costs little.
public final class RequestScheduler: Sendable {
    public struct Options: Sendable, Hashable {
        /// Requests in flight at once.
        public var maxConcurrent: Int
        /// Average requests per second to start at (and never exceed); nil means no rate limit.
        public var requestsPerSecond: Double?
        /// Bucket capacity: how many requests may start at once after a quiet period.
        public var burst: Int
        /// Defaults: Notion's documented average of 3 per second, with bursts of 2. Notion allows
        /// "some bursts"; staying one below leaves its bucket a token in reserve, so jitter in
        /// arrival times does not turn into 429s (measured in ClientResilienceTests).
        public init(maxConcurrent: Int = 8, requestsPerSecond: Double? = 3, burst: Int = 2) {
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
        let started = clock.now()
        var waited = false
        defer { if waited { metrics.update { $0.budgetWaitSeconds += clock.now() - started } } }
        while true {
            let deadline: Double? = state.withLock { state in
                let now = clock.now()
                if now < state.pausedUntil { return state.pausedUntil }
                guard let rate = state.rate else { return nil }
                state.tokens = min(Double(max(options.burst, 1)), state.tokens + (now - state.lastRefill) * rate)
                state.lastRefill = now
                // A tolerance, because refills are floating point: 0.333… s at 3/s gives
                // 0.999…, and waiting for the last 1e-16 of a token would never end on a
                // virtual clock.
                if state.tokens >= 1 - Self.tokenTolerance {
                    state.tokens = max(0, state.tokens - 1)
                    return nil
                }
                return now + (1 - state.tokens) / rate
            }
            guard let deadline else { return }
            waited = true
            try await clock.sleep(until: deadline)
        }
    }

    /// Notion said 429 or 529: everyone waits `wait` seconds (its Retry-After, or a back-off when
    /// it gave none), and the rate drops by a quarter. Requests already in flight when the rate
    /// dropped bring their own 429s back; those say nothing new, so the rate drops at most once
    /// per pause.
    public func noteRateLimited(pause wait: Double) {
        state.withLock { state in
            let now = clock.now()
            let alreadyPaused = now < state.pausedUntil
            state.pausedUntil = max(state.pausedUntil, now + wait)
            state.tokens = 0
            if !alreadyPaused, let rate = state.rate { state.rate = max(rate * 0.75, Self.minimumRate) }
        }
    }

    /// A request succeeded: the rate climbs back toward the configured one by 5 % of it per
    /// success, so an isolated 429 costs a few seconds, not the rest of the run.
    public func noteSuccess() {
        state.withLock { state in
            guard let rate = state.rate, let configured = options.requestsPerSecond, rate < configured else { return }
            state.rate = min(configured, rate + configured * 0.05)
        }
    }

    static let minimumRate = 0.2
    static let tokenTolerance = 1e-9
}
