import Foundation
import NotionModel
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Talks to the Notion API (or the emulator): authentication, version header, the shared
/// scheduler, retries with back-off, typed errors and metrics. Every request of a run goes
/// through one client.
public final class NotionClient: Sendable {
    public struct Options: Sendable {
        public var baseURL: URL
        public var version: NotionVersion
        public var token: NotionToken
        public var scheduler: RequestScheduler.Options
        /// Retries per request before giving up with `retriesExhausted`.
        public var maxRetries: Int
        /// First back-off delay (seconds); doubled per attempt up to `maxBackoff`, with jitter.
        public var initialBackoff: Double
        public var maxBackoff: Double
        /// Longest `Retry-After` honoured; longer ones are clipped (Notion's workspace-wide limit
        /// can ask for minutes).
        public var maxRetryAfter: Double
        /// Seed of the back-off jitter.
        public var jitterSeed: UInt64

        public init(baseURL: URL = URL(string: "https://api.notion.com")!, version: NotionVersion = .default, token: NotionToken,
                    scheduler: RequestScheduler.Options = .init(), maxRetries: Int = 8, initialBackoff: Double = 0.5,
                    maxBackoff: Double = 30, maxRetryAfter: Double = 300, jitterSeed: UInt64 = 0x5EED) {
            self.baseURL = baseURL
            self.version = version
            self.token = token
            self.scheduler = scheduler
            self.maxRetries = maxRetries
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
            self.maxRetryAfter = maxRetryAfter
            self.jitterSeed = jitterSeed
        }
    }

    public let options: Options
    public let scheduler: RequestScheduler
    let transport: any HTTPTransport
    let clock: any SchedulerClock
    let recorder: MetricsRecorder
    let jitter: Mutex<SplitMix64>
    /// Called for every attempt (for verbose logs and progress); never sees the token.
    let observer: (@Sendable (RequestEvent) -> Void)?

    public init(options: Options, transport: (any HTTPTransport)? = nil, clock: any SchedulerClock = SystemClock(),
                observer: (@Sendable (RequestEvent) -> Void)? = nil) {
        self.options = options
        self.transport = transport ?? URLSessionTransport(maxConnectionsPerHost: max(options.scheduler.maxConcurrent, 1) * 2)
        self.clock = clock
        recorder = MetricsRecorder()
        scheduler = RequestScheduler(options: options.scheduler, clock: clock, metrics: recorder)
        jitter = Mutex(SplitMix64(seed: options.jitterSeed))
        self.observer = observer
    }

    public var metrics: RunMetrics { recorder.snapshot }

    /// One attempt, as seen by logs and progress.
    public struct RequestEvent: Sendable {
        public var method: String
        /// Path and query, e.g. `/v1/blocks/…/children?page_size=100`.
        public var path: String
        public var endpoint: String
        public var status: Int?
        public var attempt: Int
        public var seconds: Double
        /// Set when the attempt will be retried: what went wrong and the wait before the retry.
        public var retry: (reason: String, delay: Double)?

        public init(method: String, path: String, endpoint: String, status: Int?, attempt: Int, seconds: Double,
                    retry: (reason: String, delay: Double)? = nil) {
            self.method = method
            self.path = path
            self.endpoint = endpoint
            self.status = status
            self.attempt = attempt
            self.seconds = seconds
            self.retry = retry
        }
    }

    // MARK: Sending

    /// Sends one request and returns Notion's JSON answer, retrying what can be retried.
    public func send(_ endpoint: Endpoint, _ parameters: [String: String] = [:], query: [URLQueryItem] = [],
                     body: JSONValue? = nil, subject: NotionSubject? = nil) async throws(NotionError) -> JSONValue {
        try await send(endpoint, parameters, query: query, payload: body.map { (body: $0.data(), contentType: "application/json") },
                       subject: subject)
    }

    /// Sends a `multipart/form-data` body (file upload parts), with the same scheduler, retries and
    /// errors as JSON requests.
    public func send(_ endpoint: Endpoint, _ parameters: [String: String] = [:], form: MultipartForm,
                     subject: NotionSubject? = nil) async throws(NotionError) -> JSONValue {
        try await send(endpoint, parameters, query: [], payload: form.encoded(), subject: subject)
    }

    func send(_ endpoint: Endpoint, _ parameters: [String: String], query: [URLQueryItem],
              payload: (body: Data, contentType: String)?, subject: NotionSubject?) async throws(NotionError) -> JSONValue {
        let requestName = "\(endpoint.method.rawValue) \(endpoint.template)"
        let subject = subject ?? NotionSubject(parameters: parameters)
        guard endpoint.isAvailable(in: options.version) else {
            let needs = endpoint.minimumVersion.map { "Notion-Version \($0) or later" }
                ?? endpoint.maximumVersion.map { "Notion-Version \($0) or earlier" } ?? "another Notion-Version"
            throw NotionError(reason: .configuration("the route needs \(needs); this run uses \(options.version)."),
                              request: requestName, subject: subject)
        }
        let request = makeRequest(endpoint, parameters, query: query, payload: payload)
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await scheduler.acquire()
            } catch {
                throw NotionError(reason: .transport("cancelled"), request: requestName, subject: subject)
            }
            let started = clock.now()
            let outcome: Outcome
            do {
                let response = try await transport.send(request)
                outcome = classify(response)
                recorder.update {
                    $0.bytesReceived += response.body.count
                    switch response.status {
                    case 429: $0.rateLimited += 1
                    case 529: $0.overloaded += 1
                    case 500...599: $0.serverErrors += 1
                    default: break
                    }
                }
            } catch {
                outcome = Self.classifyTransport(error)
                recorder.update { $0.transportErrors += 1 }
            }
            scheduler.release()
            recorder.update {
                $0.requests += 1
                $0.requestsByEndpoint[endpoint.name, default: 0] += 1
                $0.bytesSent += request.body?.count ?? 0
                if attempt > 1 { $0.retries += 1 }
            }

            let path = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
            var event = RequestEvent(method: request.method, path: path, endpoint: endpoint.name, status: outcome.status,
                                     attempt: attempt, seconds: clock.now() - started)
            switch outcome {
            case .success(let json):
                scheduler.noteSuccess()
                observer?(event)
                return json
            case .failure(let reason):
                observer?(event)
                throw NotionError(reason: reason, request: requestName, subject: subject)
            case .retryable(let reason, let retryAfter, let appliedPossibly, let rateLimited):
                if appliedPossibly && !endpoint.isIdempotent {
                    observer?(event)
                    throw NotionError(reason: .unsafeToRetry(reason), request: requestName, subject: subject)
                }
                guard attempt <= options.maxRetries else {
                    observer?(event)
                    throw NotionError(reason: .retriesExhausted(attempts: attempt, last: reason), request: requestName, subject: subject)
                }
                let wait = min(retryAfter ?? backoff(attempt: attempt), options.maxRetryAfter)
                event.retry = (NotionError(reason: reason, request: requestName).summary, wait)
                observer?(event)
                if rateLimited {
                    // A pause of the shared scheduler: the next acquire() waits, for this request and all others.
                    scheduler.noteRateLimited(pause: wait)
                } else {
                    do { try await clock.sleep(seconds: wait) } catch {
                        throw NotionError(reason: .transport("cancelled"), request: requestName, subject: subject)
                    }
                }
            }
        }
    }

    func makeRequest(_ endpoint: Endpoint, _ parameters: [String: String], query: [URLQueryItem],
                     payload: (body: Data, contentType: String)?) -> HTTPRequest {
        var components = URLComponents(url: options.baseURL, resolvingAgainstBaseURL: false)!
        let basePath = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.percentEncodedPath = basePath + endpoint.path(parameters)
        if !query.isEmpty { components.queryItems = query }
        var headers = ["Notion-Version": options.version.rawValue, "Accept": "application/json",
                       "User-Agent": "notion-export/0.1"]
        headers["Authorization"] = options.token.withValue { "Bearer \($0)" }
        var data: Data?
        if let payload {
            data = payload.body
            headers["Content-Type"] = payload.contentType
        }
        return HTTPRequest(method: endpoint.method.rawValue, url: components.url!, headers: headers, body: data)
    }

    enum Outcome {
        case success(JSONValue)
        case failure(NotionError.Reason)
        /// `appliedPossibly`: the server may have carried out the request before failing.
        case retryable(NotionError.Reason, retryAfter: Double?, appliedPossibly: Bool, rateLimited: Bool)

        var status: Int? {
            switch self {
            case .success: 200
            case .failure(let reason), .retryable(let reason, _, _, _):
                switch reason {
                case .api(let status, _, _, _), .http(let status, _): status
                default: nil
                }
            }
        }
    }

    func classify(_ response: HTTPResponse) -> Outcome {
        let json = try? JSONValue(data: response.body)
        if (200..<300).contains(response.status) {
            guard let json, case .object = json else {
                // A truncated or garbled success: nothing says it was not applied.
                let text = String(decoding: response.body.prefix(120), as: UTF8.self)
                return .retryable(.malformedResponse(text.isEmpty ? "empty body" : "starts with \(text)"), retryAfter: nil,
                                  appliedPossibly: true, rateLimited: false)
            }
            return .success(json)
        }
        let reason: NotionError.Reason
        if let json, json["object"] == "error", let code = json["code"]?.stringValue {
            reason = .api(status: response.status, code: NotionErrorCode(rawValue: code), message: json["message"]?.stringValue ?? "",
                          requestID: json["request_id"]?.stringValue)
        } else {
            reason = .http(status: response.status, body: String(decoding: response.body.prefix(400), as: UTF8.self))
        }
        let retryAfter = response.header("Retry-After").flatMap { Self.parseRetryAfter($0, now: Date()) }
        switch response.status {
        case 429, 529:
            return .retryable(reason, retryAfter: retryAfter, appliedPossibly: false, rateLimited: true)
        case 409:
            // conflict_error: Notion did not save; it asks to try again.
            return .retryable(reason, retryAfter: retryAfter, appliedPossibly: false, rateLimited: false)
        case 500, 502, 503, 504:
            return .retryable(reason, retryAfter: retryAfter, appliedPossibly: true, rateLimited: false)
        default:
            return .failure(reason)
        }
    }

    static func classifyTransport(_ error: any Error) -> Outcome {
        guard let urlError = error as? URLError else {
            return .retryable(.transport(String(describing: error)), retryAfter: nil, appliedPossibly: true, rateLimited: false)
        }
        switch urlError.code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed:
            // Nothing reached the server.
            return .retryable(.transport(Self.describe(urlError)), retryAfter: nil, appliedPossibly: false, rateLimited: false)
        case .networkConnectionLost, .timedOut, .notConnectedToInternet, .badServerResponse, .cannotParseResponse,
             .zeroByteResource, .secureConnectionFailed:
            return .retryable(.transport(Self.describe(urlError)), retryAfter: nil, appliedPossibly: true, rateLimited: false)
        case .cancelled:
            return .failure(.transport("cancelled"))
        default:
            return .failure(.transport(Self.describe(urlError)))
        }
    }

    static func describe(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "connection refused"
        case .cannotFindHost, .dnsLookupFailed: "host not found"
        case .networkConnectionLost: "connection dropped"
        case .timedOut: "timed out"
        case .notConnectedToInternet: "no network"
        case .badServerResponse, .cannotParseResponse, .zeroByteResource: "unreadable answer"
        case .secureConnectionFailed: "TLS failed"
        default: "network error \(error.code.rawValue)"
        }
    }

    /// `Retry-After` is integer seconds or an HTTP date.
    static func parseRetryAfter(_ value: String, now: Date) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Exponential back-off with jitter: attempt 1 waits 0.5–1 × initial, attempt n doubles it,
    /// capped at `maxBackoff`.
    func backoff(attempt: Int) -> Double {
        let base = min(options.maxBackoff, options.initialBackoff * pow(2, Double(attempt - 1)))
        let unit = jitter.withLock { $0.nextUnit() }
        return base * (0.5 + 0.5 * unit)
    }
}
