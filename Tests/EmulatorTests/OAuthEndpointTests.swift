import Foundation
import NotionAPI
import NotionModel
import Testing
@testable import Emulator

/// The OAuth endpoints: authorize (auto-approved consent), token exchange with single-use,
/// short-lived codes, the issued token on the rest of the API, and revocation.
@Suite struct OAuthEndpointTests {
    static let clientID = "5a3b1e00-0000-4000-8000-00000000c11e"
    static let secret = "secret_sample_oauth_test"
    static let redirect = "http://127.0.0.1:5555/callback"

    struct Setup {
        let handler: EmulatorHandler
        let clock: TestClock
    }

    static func setup() throws -> Setup {
        var snapshot = try Fixture.snapshot()
        snapshot.oauthClients = [OAuthClient(clientID: clientID, clientSecret: secret, redirectURIs: ["http://127.0.0.1/callback"],
                                             name: "Public test")]
        let clock = TestClock()
        let workspace = Workspace(snapshot: snapshot, clock: clock.function)
        return Setup(handler: EmulatorHandler(workspace: workspace, baseURL: URL(string: "http://127.0.0.1:9")!), clock: clock)
    }

    static func authorize(_ handler: EmulatorHandler, _ query: String) -> HTTPResponse {
        handler.respond(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/v1/oauth/authorize?" + query)!))
    }

    static func authorizeQuery(state: String = "xyz", redirect: String = redirect, client: String = clientID) -> String {
        let encoded = redirect.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return "client_id=\(client)&response_type=code&owner=user&redirect_uri=\(encoded)&state=\(state)"
    }

    static func query(_ location: String?) -> [String: String] {
        var out: [String: String] = [:]
        for item in URLComponents(string: location ?? "")?.queryItems ?? [] { out[item.name] = item.value ?? "" }
        return out
    }

    static func post(_ handler: EmulatorHandler, _ path: String, _ body: JSONValue, user: String = clientID, password: String = secret) -> HTTPResponse {
        let basic = Data("\(user):\(password)".utf8).base64EncodedString()
        return handler.respond(HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:9" + path)!,
                                           headers: ["Authorization": "Basic \(basic)", "Content-Type": "application/json",
                                                     "Notion-Version": "2025-09-03"],
                                           body: body.data()))
    }

    static func exchange(_ handler: EmulatorHandler, code: String, redirect: String = redirect) -> HTTPResponse {
        post(handler, "/v1/oauth/token", ["grant_type": "authorization_code", "code": .string(code), "redirect_uri": .string(redirect)])
    }

    static func me(_ handler: EmulatorHandler, token: String) -> HTTPResponse {
        handler.respond(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/v1/users/me")!,
                                    headers: ["Authorization": "Bearer \(token)", "Notion-Version": "2025-09-03"]))
    }

    static func json(_ response: HTTPResponse) throws -> JSONValue { try JSONValue(data: response.body) }

    @Test func theWholeFlowIssuesATokenThatWorksUntilRevoked() throws {
        let s = try Self.setup()
        let redirect = Self.authorize(s.handler, Self.authorizeQuery())
        #expect(redirect.status == 302)
        let location = try #require(redirect.header("Location"))
        #expect(location.hasPrefix("http://127.0.0.1:5555/callback?code="))
        let params = Self.query(location)
        #expect(params["state"] == "xyz")
        let code = try #require(params["code"])

        let response = Self.exchange(s.handler, code: code)
        #expect(response.status == 200)
        let body = try Self.json(response)
        let token = try #require(body["access_token"]?.stringValue)
        #expect(token.hasPrefix("ntn_"))
        #expect(body["token_type"] == "bearer")
        #expect(body["refresh_token"]?.stringValue?.isEmpty == false)
        #expect(body["workspace_name"] == "notion-export test")
        #expect(body["workspace_id"] == .string(Fixture.integrationID.rawValue))
        #expect(body["workspace_icon"] == .null)
        #expect(body["duplicated_template_id"] == .null)
        #expect(body["owner"]?["type"] == "user")
        #expect(body["owner"]?["user"]?["id"] == .string(Fixture.member.rawValue))
        #expect(body["request_id"]?.stringValue != nil)

        let me = Self.me(s.handler, token: token)
        #expect(me.status == 200)
        let bot = try Self.json(me)
        #expect(bot["id"] == body["bot_id"])
        #expect(bot["name"] == "Public test")
        #expect(bot["bot"]?["owner"]?["type"] == "user")
        #expect(bot["bot"]?["owner"]?["user"]?["name"] == "Ada")
        // The token reads the workspace like its own tokens do.
        let page = s.handler.respond(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/v1/pages/\(Fixture.root.rawValue)")!,
                                                 headers: ["Authorization": "Bearer \(token)", "Notion-Version": "2025-09-03"]))
        #expect(page.status == 200)

        let revoke = Self.post(s.handler, "/v1/oauth/revoke", ["token": .string(token)])
        #expect(revoke.status == 200)
        #expect(try Self.json(revoke)["request_id"]?.stringValue != nil)
        let after = Self.me(s.handler, token: token)
        #expect(after.status == 401)
        #expect(try Self.json(after)["code"] == "unauthorized")
    }

    @Test func aCodeWorksOnce() throws {
        let s = try Self.setup()
        let code = try #require(Self.query(Self.authorize(s.handler, Self.authorizeQuery()).header("Location"))["code"])
        #expect(Self.exchange(s.handler, code: code).status == 200)
        let again = Self.exchange(s.handler, code: code)
        #expect(again.status == 400)
        let body = try Self.json(again)
        #expect(body["object"] == "error")
        #expect(body["status"] == 400)
        #expect(body["code"] == "invalid_grant")
        #expect(body["message"] == "Invalid code: this code has been revoked.")
        #expect(try Self.json(Self.exchange(s.handler, code: "made-up"))["code"] == "invalid_grant")
    }

    @Test func aCodeExpiresAfterTenMinutes() throws {
        let s = try Self.setup()
        let first = try #require(Self.query(Self.authorize(s.handler, Self.authorizeQuery()).header("Location"))["code"])
        let second = try #require(Self.query(Self.authorize(s.handler, Self.authorizeQuery()).header("Location"))["code"])
        s.clock.advance(600)
        #expect(Self.exchange(s.handler, code: first).status == 200)
        s.clock.advance(1)
        let late = Self.exchange(s.handler, code: second)
        #expect(late.status == 400)
        #expect(try Self.json(late)["message"] == "Invalid code: this code has expired.")
    }

    @Test func theRedirectURIMustBeRepeated() throws {
        let s = try Self.setup()
        let code = try #require(Self.query(Self.authorize(s.handler, Self.authorizeQuery()).header("Location"))["code"])
        let wrong = Self.exchange(s.handler, code: code, redirect: "http://127.0.0.1:5556/callback")
        #expect(wrong.status == 400)
        #expect(try Self.json(wrong)["code"] == "invalid_grant")
    }

    @Test func aWrongSecretIsInvalidClient() throws {
        let s = try Self.setup()
        let code = try #require(Self.query(Self.authorize(s.handler, Self.authorizeQuery()).header("Location"))["code"])
        let response = Self.post(s.handler, "/v1/oauth/token",
                                 ["grant_type": "authorization_code", "code": .string(code), "redirect_uri": .string(Self.redirect)],
                                 password: "wrong")
        #expect(response.status == 401)
        #expect(try Self.json(response) == ["error": "invalid_client"])
        let noAuth = s.handler.respond(HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:9/v1/oauth/revoke")!,
                                                   body: Data(#"{"token":"x"}"#.utf8)))
        #expect(noAuth.status == 401)
        // The code was not consumed by a request that failed to authenticate the client.
        #expect(Self.exchange(s.handler, code: code).status == 200)
    }

    @Test func declinedConsentRedirectsWithAccessDenied() throws {
        let s = try Self.setup()
        let response = Self.authorize(s.handler, Self.authorizeQuery(state: "abc") + "&emulator_consent=deny")
        #expect(response.status == 302)
        #expect(response.header("Location") == "http://127.0.0.1:5555/callback?error=access_denied&state=abc")
    }

    @Test func anUnknownClientOrRedirectIsAnErrorPageNotARedirect() throws {
        let s = try Self.setup()
        for query in [Self.authorizeQuery(client: "00000000-0000-4000-8000-000000000000"),
                      Self.authorizeQuery(redirect: "http://evil.example/callback"),
                      Self.authorizeQuery(redirect: "http://127.0.0.1:5555/other"),
                      "client_id=\(Self.clientID)&response_type=code&owner=user&state=x&redirect_uri="] {
            let response = Self.authorize(s.handler, query)
            #expect(response.status == 400, "\(query)")
            #expect(response.header("Location") == nil)
            #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
        }
    }

    @Test func aRefreshTokenRollsThePair() throws {
        let s = try Self.setup()
        let code = try #require(Self.query(Self.authorize(s.handler, Self.authorizeQuery()).header("Location"))["code"])
        let first = try Self.json(Self.exchange(s.handler, code: code))
        let refresh = try #require(first["refresh_token"]?.stringValue)
        let renewed = Self.post(s.handler, "/v1/oauth/token", ["grant_type": "refresh_token", "refresh_token": .string(refresh)])
        #expect(renewed.status == 200)
        let second = try Self.json(renewed)
        #expect(second["bot_id"] == first["bot_id"])
        #expect(Self.me(s.handler, token: first["access_token"]!.stringValue!).status == 401)
        #expect(Self.me(s.handler, token: second["access_token"]!.stringValue!).status == 200)
        let reused = Self.post(s.handler, "/v1/oauth/token", ["grant_type": "refresh_token", "refresh_token": .string(refresh)])
        #expect(try Self.json(reused)["code"] == "invalid_grant")
    }

    @Test func theSampleWorkspaceRegistersAClient() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let snapshot = try WorkspaceLoader.load(from: root.appendingPathComponent("examples/workspace"))
        #expect(snapshot.oauthClients == [OAuthClient(
            clientID: "5a3b1e00-0000-4000-8000-00000000c11e", clientSecret: "secret_sample_oauth_0000000000000000000000000000000",
            redirectURIs: ["http://127.0.0.1/callback"], name: "notion-export public sample")])
    }
}
