import Foundation
import NotionAPI
import NotionModel
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How the emulator loads its clients: Notion's rate limit, network latency and random failures.
/// Used by tests of the client's scheduler and by benchmarks; all off by default.
public struct LoadShape: Sendable, Hashable {
    /// Average requests per second allowed (token bucket refill rate); nil means unlimited.
    public var requestsPerSecond: Double?
    /// Bucket capacity: how many requests may arrive at once after a quiet period.
    public var burst: Int
    /// Added to every API request before it is answered.
    public var latency: Duration
    /// Probability (0…1) that an API request fails with a random fault.
    public var faultRate: Double
    /// Seed of the fault generator: the same seed and request order give the same faults.
    public var seed: UInt64
    /// The faults to choose from (all kinds by default; one kind makes a storm, e.g. only 503s).
    public var faultKinds: [InjectedFault]
    /// How long a latency spike holds a request before it is answered normally.
    public var spike: Duration

    public init(requestsPerSecond: Double? = nil, burst: Int = 10, latency: Duration = .zero, faultRate: Double = 0, seed: UInt64 = 1,
                faultKinds: [InjectedFault] = InjectedFault.allCases, spike: Duration = .milliseconds(200)) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.latency = latency
        self.faultRate = faultRate
        self.seed = seed
        self.faultKinds = faultKinds.isEmpty ? InjectedFault.allCases : faultKinds
        self.spike = spike
    }

    public static let none = LoadShape()
}

/// A fault the emulator can inject in place of (or after) answering a request.
public enum InjectedFault: String, Sendable, CaseIterable, Codable {
    case rateLimited = "429"
    case internalServerError = "500"
    case badGateway = "502"
    case serviceUnavailable = "503"
    case gatewayTimeout = "504"
    case serviceOverload = "529"
    case droppedConnection = "drop"
    /// Not a failure: the request is held for `LoadShape.spike`, then answered normally. Drawn from
    /// a generator of its own (same rate, same seed), on requests that got no other fault, so that
    /// adding it left every seeded sequence of the failing faults as it was.
    case latencySpike = "slow"

    /// Whether the fault can strike after the request was applied. Rate limiting and overload are
    /// decided at the edge before the request reaches Notion; a gateway error or a dropped
    /// connection can happen after a write was already saved, which is why clients must not blindly
    /// retry non-idempotent writes on them.
    var mayFollowApplication: Bool {
        switch self {
        case .rateLimited, .serviceOverload, .serviceUnavailable: false
        case .internalServerError, .badGateway, .gatewayTimeout, .droppedConnection: true
        case .latencySpike: false
        }
    }
}

/// What the load shaper did, readable in-process by tests and benchmarks.
public struct LoadShapingCounters: Sendable, Hashable, Codable {
    public var requests = 0
    public var rateLimited = 0
    public var faults: [String: Int] = [:]
    public var byEndpoint: [String: Int] = [:]
    public var byStatus: [Int: Int] = [:]
}

/// Wraps a handler with Notion's rate limit (a token bucket answering 429 `rate_limited` with
/// `Retry-After`), latency, seeded random faults, counters and an optional JSON-lines request log.
/// Only `/v1/` API requests are shaped; file downloads model S3 and are never rate limited.
public final class LoadShapingHandler: RequestHandling {
    let inner: any RequestHandling
    let shape: LoadShape
    let clock: any SchedulerClock
    let log: RequestLog?

    struct State {
        var tokens: Double
        var lastRefill: Double
        var random: SplitMix64
        var spikes: SplitMix64
        var counters = LoadShapingCounters()
    }
    let state: Mutex<State>

    /// - Parameter clock: the client's clock abstraction, injected so tests need no sleeps and a
    ///   client and an emulator can share one virtual time.
    public init(wrapping inner: any RequestHandling, shape: LoadShape, log: RequestLog? = nil,
                clock: any SchedulerClock = SystemClock()) {
        self.inner = inner
        self.shape = shape
        self.clock = clock
        self.log = log
        state = Mutex(State(tokens: Double(max(shape.burst, 1)), lastRefill: clock.now(), random: SplitMix64(seed: shape.seed),
                            spikes: SplitMix64(seed: shape.seed ^ 0x5DEE_CE66_D1CE_5EED)))
    }

    public var counters: LoadShapingCounters { state.withLock { $0.counters } }

    public func handle(_ request: HTTPRequest) async throws -> HTTPResponse {
        let started = clock.now()
        let path = request.url.path
        guard path.hasPrefix("/v1/") else {
            let response = try await inner.handle(request)
            log?.record(request: request, endpoint: nil, status: response.status, fault: nil, seconds: clock.now() - started)
            return response
        }
        let endpoint = Endpoint.match(method: request.method, path: path)?.endpoint.name
        let endpointName = endpoint ?? "unknown"

        // Decide admission and fault under the lock, then act outside it.
        enum Decision { case admit(fault: InjectedFault?, afterApplying: Bool), limit(retryAfter: Int) }
        let failures = shape.faultKinds.filter { $0 != .latencySpike }
        let spikes = shape.faultKinds.contains(.latencySpike)
        let decision: Decision = state.withLock { state in
            state.counters.requests += 1
            state.counters.byEndpoint[endpointName, default: 0] += 1
            if let rps = shape.requestsPerSecond, rps > 0 {
                let t = clock.now()
                state.tokens = min(Double(max(shape.burst, 1)), state.tokens + (t - state.lastRefill) * rps)
                state.lastRefill = t
                // Refills are floating point (0.333… s at 3/s gives 0.999…): tolerate the rounding.
                if state.tokens < 1 - 1e-9 {
                    state.counters.rateLimited += 1
                    return .limit(retryAfter: max(1, Int(((1 - state.tokens) / rps).rounded(.up))))
                }
                state.tokens = max(0, state.tokens - 1)
            }
            if shape.faultRate > 0, !failures.isEmpty, state.random.nextUnit() < shape.faultRate {
                let fault = failures[Int(state.random.next() % UInt64(failures.count))]
                state.counters.faults[fault.rawValue, default: 0] += 1
                let after = fault.mayFollowApplication && state.random.next() % 2 == 0
                return .admit(fault: fault, afterApplying: after)
            }
            if shape.faultRate > 0, spikes, state.spikes.nextUnit() < shape.faultRate {
                state.counters.faults[InjectedFault.latencySpike.rawValue, default: 0] += 1
                return .admit(fault: .latencySpike, afterApplying: false)
            }
            return .admit(fault: nil, afterApplying: false)
        }

        if shape.latency > .zero {
            let latency = shape.latency.components
            try await clock.sleep(seconds: Double(latency.seconds) + Double(latency.attoseconds) / 1e18)
        }

        let response: HTTPResponse
        var faultName: String?
        switch decision {
        case .limit(let retryAfter):
            response = Self.errorResponse(.rateLimited, headers: ["Retry-After": String(retryAfter)])
            faultName = "rate_limit"
        case .admit(nil, _):
            response = try await inner.handle(request)
        case .admit(.latencySpike?, _):
            let spike = shape.spike.components
            try await clock.sleep(seconds: Double(spike.seconds) + Double(spike.attoseconds) / 1e18)
            faultName = InjectedFault.latencySpike.rawValue
            response = try await inner.handle(request)
        case .admit(let fault?, let afterApplying):
            faultName = fault.rawValue + (afterApplying ? "-after-apply" : "")
            if afterApplying { _ = try? await inner.handle(request) }
            if fault == .droppedConnection {
                log?.record(request: request, endpoint: endpoint, status: nil, fault: faultName, seconds: clock.now() - started)
                throw URLError(.networkConnectionLost)
            }
            response = Self.faultResponse(fault)
        }
        state.withLock { $0.counters.byStatus[response.status, default: 0] += 1 }
        log?.record(request: request, endpoint: endpoint, status: response.status, fault: faultName, seconds: clock.now() - started)
        return response
    }

    static func faultResponse(_ fault: InjectedFault) -> HTTPResponse {
        switch fault {
        case .rateLimited:
            return errorResponse(.rateLimited, headers: ["Retry-After": "1"])
        case .internalServerError:
            return errorResponse(.internalServerError)
        case .badGateway:
            // A gateway in front of Notion answers in HTML, not Notion's JSON: clients must cope.
            return HTTPResponse(status: 502, headers: ["Content-Type": "text/html"],
                                body: Data("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n".utf8))
        case .serviceUnavailable:
            return errorResponse(NotionAPIError(status: 503, code: "service_unavailable", message: "Notion is unavailable, please try again later."))
        case .gatewayTimeout:
            return errorResponse(NotionAPIError(status: 504, code: "gateway_timeout", message: "Gateway Timeout"))
        case .serviceOverload:
            return errorResponse(NotionAPIError(status: 529, code: "service_overload", message: "The service is overloaded. Please try again later."),
                                 headers: ["Retry-After": "1"])
        case .droppedConnection, .latencySpike:
            return HTTPResponse(status: 500)  // never sent: the connection is dropped, or the request answered
        }
    }

    /// Faults are answered at the edge, before the store, so they get a fresh random request id.
    static func errorResponse(_ error: NotionAPIError, headers: [String: String] = [:]) -> HTTPResponse {
        error.response(requestID: UUID().uuidString.lowercased(), headers: headers)
    }
}
