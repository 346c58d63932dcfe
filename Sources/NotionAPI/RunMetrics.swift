import Foundation
import Synchronization

/// What a run cost in requests and time. Goes into the run report.
public struct RunMetrics: Sendable, Hashable, Codable {
    /// Requests sent, retries included.
    public var requests = 0
    /// Requests by endpoint name (`blocks.children.list`), retries included.
    public var requestsByEndpoint: [String: Int] = [:]
    /// Requests sent again after a failure.
    public var retries = 0
    /// 429 answers received.
    public var rateLimited = 0
    /// 529 answers received.
    public var overloaded = 0
    /// 5xx answers received (529 not included).
    public var serverErrors = 0
    /// Requests that got no answer (dropped connection, timeout).
    public var transportErrors = 0
    public var bytesSent = 0
    public var bytesReceived = 0
    /// Total time requests spent waiting for the rate budget (token bucket and Retry-After pauses).
    public var budgetWaitSeconds = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case requests
        case requestsByEndpoint = "requests_by_endpoint"
        case retries
        case rateLimited = "rate_limited"
        case overloaded
        case serverErrors = "server_errors"
        case transportErrors = "transport_errors"
        case bytesSent = "bytes_sent"
        case bytesReceived = "bytes_received"
        case budgetWaitSeconds = "budget_wait_seconds"
    }
}

/// Collects a run's metrics from every concurrent request.
public final class MetricsRecorder: Sendable {
    let state = Mutex(RunMetrics())
    public init() {}
    public var snapshot: RunMetrics { state.withLock { $0 } }
    func update(_ body: (inout RunMetrics) -> Void) { state.withLock { body(&$0) } }
}
