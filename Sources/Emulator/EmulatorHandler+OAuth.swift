import Foundation
import NotionAPI
import NotionModel

/// A public integration registered with the emulated workspace (`oauth_clients` in
/// workspace.json): who may run the OAuth flow, with which secret, to which redirect URIs.
public struct OAuthClient: Sendable, Hashable {
    public var clientID: String
    public var clientSecret: String
    /// The "OAuth Domain & URIs" of the integration's settings.
    public var redirectURIs: [String]
    /// The bot's name (default: the workspace's integration name).
    public var name: String?

    public init(clientID: String, clientSecret: String, redirectURIs: [String], name: String? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURIs = redirectURIs
        self.name = name
    }

    /// A registered URI matches exactly; a loopback one (`http://127.0.0.1/callback`) also matches
    /// on any port, as RFC 8252 §7.3 asks of servers for native apps, so that a command line can
    /// listen on a free port. (Notion's own matching of ports is not documented: register the
    /// exact URI, or use a fixed `--redirect-port`, with a real integration.)
    func allows(redirect: String) -> Bool {
        if redirectURIs.contains(redirect) { return true }
        guard let asked = URLComponents(string: redirect), asked.scheme == "http", asked.host == "127.0.0.1" || asked.host == "localhost"
        else { return false }
        return redirectURIs.contains { registered in
            guard let r = URLComponents(string: registered) else { return false }
            return r.scheme == asked.scheme && r.host == asked.host && r.path == asked.path && r.port == nil
        }
    }

    static func load(_ value: JSONValue?, file: String) throws(WorkspaceLoadError) -> [OAuthClient] {
        guard let value, value != .null else { return [] }
        guard let items = value.arrayValue else {
            throw WorkspaceLoadError(file: file, path: "oauth_clients", reason: "expected a list")
        }
        var clients: [OAuthClient] = []
        for (index, item) in items.enumerated() {
            let path = "oauth_clients[\(index)]"
            guard let id = item["client_id"]?.stringValue, !id.isEmpty else {
                throw WorkspaceLoadError(file: file, path: "\(path).client_id", reason: "missing client_id")
            }
            guard let secret = item["client_secret"]?.stringValue, !secret.isEmpty else {
                throw WorkspaceLoadError(file: file, path: "\(path).client_secret", reason: "missing client_secret")
            }
            let uris = (item["redirect_uris"]?.arrayValue ?? []).compactMap(\.stringValue)
            if uris.isEmpty {
                throw WorkspaceLoadError(file: file, path: "\(path).redirect_uris", reason: "needs at least one redirect URI")
            }
            clients.append(OAuthClient(clientID: id, clientSecret: secret, redirectURIs: uris, name: item["name"]?.stringValue))
        }
        return clients
    }
}

/// Codes waiting to be exchanged and the grants issued, per emulated workspace.
struct OAuthState: Sendable {
    struct Code: Sendable {
        var clientID: String
        /// The `redirect_uri` of the authorization URL, which the exchange must repeat.
        var redirectURI: String?
        var issued: Date
    }

    struct Grant: Sendable {
        var clientID: String
        var botID: NotionID
        var refreshToken: String
    }

    /// Authorization codes live this long (Notion does not document it; OAuth 2.0 recommends at
    /// most 10 minutes).
    static let codeLifetime: TimeInterval = 600

    var codes: [String: Code] = [:]
    /// Issued access tokens.
    var grants: [String: Grant] = [:]

    /// A random URL-safe secret with a prefix (`ntn_` for tokens, as Notion's look).
    static func secret(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return prefix + String((0..<40).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}

extension EmulatorHandler {
    static let authorizePath = "/v1/oauth/authorize"

    /// `GET /v1/oauth/authorize`: Notion's consent page, auto-approved. Redirects (302) to
    /// `redirect_uri?code=…&state=…`; with `emulator_consent=deny` (an emulator-only switch for
    /// tests) to `redirect_uri?error=access_denied&state=…`, as when the user declines. An unknown
    /// client or a missing or unregistered redirect URI is an error page, never a redirect.
    func authorize(query: [String: [String]], now: Date) -> HTTPResponse {
        func first(_ key: String) -> String? { query[key]?.first }
        func page(_ message: String) -> HTTPResponse {
            let html = "<!doctype html><title>Notion</title><p>\(message)</p>\n"
            return HTTPResponse(status: 400, headers: ["Content-Type": "text/html; charset=utf-8"], body: Data(html.utf8))
        }
        return workspace.withState { state in
            guard let clientID = first("client_id"), let client = state.content.oauthClients.first(where: { $0.clientID == clientID }) else {
                return page("Invalid client_id: no integration has this OAuth client ID.")
            }
            guard first("response_type") == "code" else { return page("Invalid response_type: use response_type=code.") }
            guard let redirect = first("redirect_uri") ?? (client.redirectURIs.count == 1 ? client.redirectURIs[0] : nil),
                  client.allows(redirect: redirect), var target = URLComponents(string: redirect) else {
                return page("Missing or invalid redirect_uri: it must be one of the integration's redirect URIs.")
            }
            var items = target.queryItems ?? []
            if first("emulator_consent") == "deny" {
                items.append(URLQueryItem(name: "error", value: "access_denied"))
            } else {
                let code = OAuthState.secret("")
                state.oauth.codes[code] = .init(clientID: clientID, redirectURI: first("redirect_uri"), issued: now)
                items.append(URLQueryItem(name: "code", value: code))
            }
            items.append(URLQueryItem(name: "state", value: first("state") ?? ""))
            target.queryItems = items
            return HTTPResponse(status: 302, headers: ["Location": target.url?.absoluteString ?? redirect, "Content-Length": "0"])
        }
    }

    /// The client a `Basic base64(client_id:client_secret)` header authenticates, else 401
    /// `invalid_client`.
    static func oauthClient(_ request: HTTPRequest, _ state: WorkspaceState) throws -> OAuthClient {
        guard let header = request.header("Authorization"), header.hasPrefix("Basic "),
              let data = Data(base64Encoded: String(header.dropFirst("Basic ".count)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else {
            throw NotionAPIError.invalidClient
        }
        let id = String(text[..<colon]), secret = String(text[text.index(after: colon)...])
        guard let client = state.content.oauthClients.first(where: { $0.clientID == id }), client.clientSecret == secret else {
            throw NotionAPIError.invalidClient
        }
        return client
    }

    /// `POST /v1/oauth/token` (authorization_code and refresh_token grants) and
    /// `POST /v1/oauth/revoke`; Basic auth, no bearer token.
    func oauthEndpoint(_ endpoint: Endpoint, _ request: HTTPRequest, now: Date, _ state: inout WorkspaceState) throws -> JSONValue {
        let client = try Self.oauthClient(request, state)
        let body = try RequestBody.parse(request.body ?? Data())
        switch endpoint.name {
        case Endpoint.oauthRevoke.name:
            let token = try Validation.string(body["token"], "body.token")
            // RFC 7009: an unknown or already revoked token is not an error.
            if let grant = state.oauth.grants[token], grant.clientID == client.clientID { state.oauth.grants[token] = nil }
            return [:]
        case Endpoint.oauthToken.name:
            let grantType = try Validation.enumValue(body["grant_type"], "body.grant_type", ["authorization_code", "refresh_token"])
            let botID: NotionID
            if grantType == "refresh_token" {
                let refresh = try Validation.string(body["refresh_token"], "body.refresh_token")
                guard let (old, grant) = state.oauth.grants.first(where: { $0.value.refreshToken == refresh && $0.value.clientID == client.clientID })
                else { throw NotionAPIError.invalidGrant("Invalid refresh token.") }
                // Rolling refresh tokens: the old pair stops working.
                state.oauth.grants[old] = nil
                botID = grant.botID
            } else {
                let code = try Validation.string(body["code"], "body.code")
                // A code is single-use: the first exchange consumes it, whatever the outcome.
                guard let issued = state.oauth.codes.removeValue(forKey: code), issued.clientID == client.clientID else {
                    throw NotionAPIError.invalidGrant("Invalid code: this code has been revoked.")
                }
                guard now.timeIntervalSince(issued.issued) <= OAuthState.codeLifetime else {
                    throw NotionAPIError.invalidGrant("Invalid code: this code has expired.")
                }
                if let expected = issued.redirectURI, body["redirect_uri"]?.stringValue != expected {
                    throw NotionAPIError.invalidGrant("Invalid redirect_uri: it must be the one of the authorization request.")
                }
                botID = state.ids.next(.block)
            }
            let token = OAuthState.secret("ntn_")
            let grant = OAuthState.Grant(clientID: client.clientID, botID: botID, refreshToken: OAuthState.secret("nrt_"))
            state.oauth.grants[token] = grant
            let bot = Self.oauthBot(grant, state.content)
            return [
                "access_token": .string(token), "token_type": "bearer", "refresh_token": .string(grant.refreshToken),
                "bot_id": .string(botID.rawValue),
                "workspace_name": bot["bot"]?["workspace_name"] ?? .null, "workspace_icon": .null,
                "workspace_id": bot["bot"]?["workspace_id"] ?? .null,
                "owner": bot["bot"]?["owner"] ?? .null, "duplicated_template_id": .null,
            ]
        default:
            throw NotionAPIError(status: 400, code: "invalid_request", message: "Unsupported request: \(endpoint.name).")
        }
    }

    /// The bot user of an OAuth grant (`GET /v1/users/me`): owned by the user who authorized it
    /// (the workspace's first member), in the workspace of the integration's bot.
    static func oauthBot(_ grant: OAuthState.Grant, _ content: WorkspaceSnapshot) -> JSONValue {
        let name = content.oauthClients.first { $0.clientID == grant.clientID }?.name ?? content.integrationName
        var details = content.bot["bot"] ?? [:]
        let owner = content.users.first ?? ["object": "user", "id": "00000000-0000-8000-8000-000000000000", "type": "person", "person": [:]]
        details["owner"] = ["type": "user", "user": owner]
        return ["object": "user", "id": .string(grant.botID.rawValue), "name": .string(name), "avatar_url": .null, "type": "bot",
                "bot": details]
    }
}

extension NotionAPIError {
    static func invalidGrant(_ message: String) -> NotionAPIError {
        NotionAPIError(status: 400, code: "invalid_grant", message: message)
    }

    /// Wrong or missing client credentials. Notion answers this one in OAuth's own shape,
    /// `{"error":"invalid_client"}` with 401 (as reported by users of the token endpoint), not in
    /// its usual error object.
    static let invalidClient = NotionAPIError(status: 401, code: "invalid_client", message: "", body: ["error": "invalid_client"])
}
