import Foundation
import NotionAPI
import NotionModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `notion-export login` keeps in `credentials.json` (mode 0600, in a 0700 folder): the
/// access token and the workspace it opens, plus the OAuth client id and secret, which
/// `notion-export logout` needs to revoke the token (Notion's revoke endpoint authenticates the
/// integration with them). Read by every command when neither NOTION_TOKEN nor --token-file is given.
struct StoredCredentials: Codable, Sendable {
    var accessToken: String
    var refreshToken: String?
    var workspaceName: String?
    var workspaceID: String?
    var botID: String?
    var apiBaseURL: String
    /// When the token was issued (ISO 8601).
    var created: String
    var clientID: String
    var clientSecret: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case workspaceName = "workspace_name"
        case workspaceID = "workspace_id"
        case botID = "bot_id"
        case apiBaseURL = "api_base_url"
        case created
        case clientID = "client_id"
        case clientSecret = "client_secret"
    }

    static let fileName = "credentials.json"

    /// `$NOTION_EXPORT_CONFIG_DIR`, else `$XDG_CONFIG_HOME/notion-export`, else `~/.config/notion-export`.
    static func directory(environment: [String: String]) -> URL {
        if let dir = environment["NOTION_EXPORT_CONFIG_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir, isDirectory: true) }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("notion-export", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config/notion-export", isDirectory: true)
    }

    static func file(environment: [String: String]) -> URL {
        directory(environment: environment).appendingPathComponent(fileName)
    }

    /// The stored credentials, nil when there is no file; a file that cannot be read is a usage error.
    static func load(environment: [String: String]) throws -> StoredCredentials? {
        let url = file(environment: environment)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = try? Data(contentsOf: url), let credentials = try? JSONDecoder().decode(StoredCredentials.self, from: data),
              !credentials.accessToken.isEmpty else {
            throw UsageError("\(url.path) is not a readable credentials file: run notion-export login again, or delete it.")
        }
        return credentials
    }

    var token: NotionToken { NotionToken(accessToken) }

    /// Writes the file atomically, never readable by anyone else for a moment: the folder is made
    /// 0700, the file is created 0600 (O_EXCL, so no one else's file is reused) and renamed into place.
    func save(environment: [String: String]) throws {
        let directory = Self.directory(environment: environment)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        } catch {
            throw UsageError("cannot create \(directory.path): \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self) + Data("\n".utf8)
        let temporary = directory.appendingPathComponent(".\(Self.fileName).\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw UsageError("cannot write \(temporary.path): \(String(cString: strerror(errno))).") }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let target = Self.file(environment: environment)
        guard written == data.count, rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw UsageError("cannot write \(target.path): \(String(cString: strerror(errno))).")
        }
    }

    static func delete(environment: [String: String]) throws {
        let url = file(environment: environment)
        guard unlink(url.path) == 0 || errno == ENOENT else {
            throw UsageError("cannot delete \(url.path): \(String(cString: strerror(errno))).")
        }
    }
}
