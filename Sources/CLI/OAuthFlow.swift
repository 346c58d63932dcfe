import Emulator
import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// What can go wrong while signing in or out, as sentences that say what to do, with the exit
/// code each ends with.
enum OAuthFailure: Error, CustomStringConvertible {
    case secretFile(path: String, empty: Bool)
    case portBusy(Int, reason: String)
    case denied(error: String, description: String?)
    case stateMismatch(redirect: String)
    case noCode(redirect: String)
    case timedOut(seconds: Int, redirect: String)
    /// Notion's error on the token or revoke endpoint (`code` is Notion's `code`, or OAuth's `error`).
    case rejected(endpoint: String, status: Int, code: String?, message: String?)
    case unreachable(URL, reason: String)

    var description: String {
        switch self {
        case .secretFile(let path, true):
            "--client-secret-file \(path) is empty: put the integration's OAuth client secret in it."
        case .secretFile(let path, false):
            "cannot read --client-secret-file \(path): no such file or not readable."
        case .portBusy(let port, let reason):
            "cannot listen for the redirect on 127.0.0.1:\(port): the port is in use (\(reason)). Pick another with "
                + "--redirect-port N (and register http://127.0.0.1:N/callback with the integration), or --redirect-port 0 for a free one."
        case .denied(let error, let description):
            "the authorization was declined in the browser (\(error)\(description.map { ": \($0)" } ?? "")); nothing was stored. "
                + "Run notion-export login again and allow access."
        case .stateMismatch(let redirect):
            "refused a redirect to \(redirect) whose state does not match this login's (it did not come from the "
                + "authorization this command started); nothing was stored. Run notion-export login again."
        case .noCode(let redirect):
            "the redirect to \(redirect) carried neither a code nor an error; nothing was stored. Run notion-export login again."
        case .timedOut(let seconds, let redirect):
            "no redirect reached \(redirect) within \(seconds) s; nothing was stored. Open the printed URL in a browser "
                + "and allow access, or raise --timeout."
        case .rejected(let endpoint, let status, let code, let message):
            Self.rejection(endpoint: endpoint, status: status, code: code, message: message)
        case .unreachable(let url, let reason):
            "cannot reach \(url.absoluteString): \(reason). Check the network or NOTION_API_BASE_URL."
        }
    }

    static func rejection(endpoint: String, status: Int, code: String?, message: String?) -> String {
        let what = "Notion returned \(status)\(code.map { " \($0)" } ?? "") for \(endpoint)"
            + (message.map { $0.isEmpty ? "" : " (\($0))" } ?? "")
        switch code {
        case "invalid_grant":
            return what + ": the authorization code was already used, expired or is not this integration's. "
                + "Codes work once and for a few minutes: run notion-export login again."
        case "invalid_client":
            return what + ": check --client-id and the secret in --client-secret-file (the integration's OAuth client ID and secret)."
        default:
            return what + "."
        }
    }

    var exitStatus: ExitStatus {
        switch self {
        case .secretFile, .portBusy: .usage
        case .denied, .stateMismatch: .authentication
        case .noCode, .timedOut: .failure
        case .rejected(_, let status, let code, _):
            if code == "invalid_grant" || code == "invalid_client" || status == 401 || status == 403 { .authentication }
            else if status >= 500 { .unavailable } else { .failure }
        case .unreachable: .unavailable
        }
    }
}

/// Notion's OAuth endpoints, authenticated as the integration (`Basic base64(id:secret)`).
struct OAuthEndpoints: Sendable {
    var baseURL: URL
    var clientID: String
    var clientSecret: String
    var version: NotionVersion = .default
    var transport: any HTTPTransport = URLSessionTransport(maxConnectionsPerHost: 2, timeout: 60)

    /// `https://api.notion.com/v1/oauth/authorize?client_id=…&response_type=code&owner=user&redirect_uri=…&state=…`
    static func authorizationURL(baseURL: URL, clientID: String, redirectURI: String, state: String) -> URL {
        var components = URLComponents(url: baseURL.appendingPathComponent("v1/oauth/authorize"), resolvingAgainstBaseURL: false)!
        components.queryItems = [
            URLQueryItem(name: "client_id", value: clientID), URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "owner", value: "user"), URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "state", value: state),
        ]
        // URLComponents leaves `:` and `/` of the redirect URI unescaped, which is legal but not
        // what browsers and Notion's own examples send.
        components.percentEncodedQuery = components.percentEncodedQuery?
            .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "/", with: "%2F")
        return components.url!
    }

    /// A random `state`: 128 bits from the system's cryptographic generator, hex.
    static func randomState() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// `POST /v1/oauth/token` with `grant_type: authorization_code`.
    func exchange(code: String, redirectURI: String) async throws(OAuthFailure) -> JSONValue {
        try await post("v1/oauth/token", ["grant_type": "authorization_code", "code": .string(code), "redirect_uri": .string(redirectURI)])
    }

    /// `POST /v1/oauth/revoke`.
    func revoke(_ token: NotionToken) async throws(OAuthFailure) {
        _ = try await post("v1/oauth/revoke", ["token": .string(token.withValue { $0 })])
    }

    private func post(_ path: String, _ body: JSONValue) async throws(OAuthFailure) -> JSONValue {
        let url = baseURL.appendingPathComponent(path)
        let basic = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        let request = HTTPRequest(method: "POST", url: url, headers: [
            "Authorization": "Basic \(basic)", "Content-Type": "application/json", "Notion-Version": version.rawValue,
        ], body: body.data())
        let response: HTTPResponse
        do { response = try await transport.send(request) } catch {
            throw .unreachable(url, reason: error.localizedDescription)
        }
        let json = try? JSONValue(data: response.body)
        guard response.status == 200, let json else {
            throw .rejected(endpoint: "POST /\(path)", status: response.status,
                            code: json?["code"]?.stringValue ?? json?["error"]?.stringValue,
                            message: json?["message"]?.stringValue ?? json?["error_description"]?.stringValue)
        }
        return json
    }
}

/// The loopback listener that receives Notion's redirect: it answers the browser with a short
/// page and hands the first `/callback` request on as a result. A redirect with the wrong
/// `state` ends the login (it did not come from this login's authorization, so waiting on would
/// only leave a forged request's page open), as does one that carries an error.
final class LoopbackCallback: RequestHandling {
    enum Outcome: Sendable {
        case code(String)
        case failure(OAuthFailure)
    }

    let expectedState: String
    let redirectURI: String
    private let continuation: AsyncStream<Outcome>.Continuation
    let outcomes: AsyncStream<Outcome>
    private let answered = Mutex(false)

    init(expectedState: String, redirectURI: String) {
        self.expectedState = expectedState
        self.redirectURI = redirectURI
        (outcomes, continuation) = AsyncStream.makeStream(of: Outcome.self)
    }

    func handle(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method.uppercased() == "GET", request.url.path == "/callback" else {
            return Self.page(404, "Not found.")
        }
        var query: [String: String] = [:]
        for item in URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let first = answered.withLock { done -> Bool in defer { done = true }; return !done }
        guard first else { return Self.page(409, "This sign-in has already finished; return to the terminal.") }
        let outcome: Outcome
        let response: HTTPResponse
        if query["state"] != expectedState {
            outcome = .failure(.stateMismatch(redirect: redirectURI))
            response = Self.page(400, "Refused: the state parameter does not match this sign-in. Nothing was stored; run notion-export login again.")
        } else if let error = query["error"] {
            outcome = .failure(.denied(error: error, description: query["error_description"]))
            response = Self.page(200, "Access was not granted (\(error)). You can close this tab.")
        } else if let code = query["code"], !code.isEmpty {
            outcome = .code(code)
            response = Self.page(200, "notion-export received the authorization. You can close this tab and return to the terminal.")
        } else {
            outcome = .failure(.noCode(redirect: redirectURI))
            response = Self.page(400, "The redirect carried no code.")
        }
        continuation.yield(outcome)
        continuation.finish()
        return response
    }

    static func page(_ status: Int, _ text: String) -> HTTPResponse {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let html = "<!doctype html><meta charset=utf-8><title>notion-export</title><p>\(escaped)</p>\n"
        return HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Data(html.utf8))
    }

    /// The first outcome, or `.timedOut` after `seconds`.
    func wait(seconds: Int) async -> Outcome {
        let outcomes = self.outcomes
        let redirect = redirectURI
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                for await outcome in outcomes { return outcome }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return Task.isCancelled ? nil : .failure(.timedOut(seconds: seconds, redirect: redirect))
            }
            var result: Outcome = .failure(.timedOut(seconds: seconds, redirect: redirect))
            for await outcome in group {
                if let outcome { result = outcome; break }
            }
            group.cancelAll()
            return result
        }
    }
}
