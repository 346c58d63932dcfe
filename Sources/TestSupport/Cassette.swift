import Foundation
import NotionModel
import Yams

/// One recorded request/response pair of real Notion API traffic (vcrpy cassettes in
/// `shared/fixtures/recorded/`). Both the newer layout (`body.string`, `status.code`) and the
/// 2022-era layout (`content`, `status_code`) are read.
public struct RecordedInteraction: Sendable {
    public var method: String
    /// Full URL as recorded, e.g. `https://api.notion.com/v1/blocks/…/children?page_size=2`.
    public var uri: String
    /// Lowercased header names.
    public var requestHeaders: [String: String]
    public var requestBody: String?
    public var status: Int
    public var responseBody: String
    public var responseHeaders: [String: String]

    /// The path and query relative to the API host, or nil when the interaction is not Notion's.
    public var apiPath: String? {
        guard uri.hasPrefix("https://api.notion.com") else { return nil }
        return String(uri.dropFirst("https://api.notion.com".count))
    }

    public var notionVersion: String? { requestHeaders["notion-version"] }
}

/// A recorded cassette file.
public struct Cassette: Sendable {
    public var name: String
    public var interactions: [RecordedInteraction]

    public init(contentsOf url: URL) throws {
        name = url.deletingPathExtension().lastPathComponent
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) as? [String: Any],
              let list = root["interactions"] as? [[String: Any]]
        else { throw CassetteError(file: url.path, reason: "no interactions list") }
        interactions = try list.map { item in
            guard let request = item["request"] as? [String: Any], let response = item["response"] as? [String: Any] else {
                throw CassetteError(file: url.path, reason: "interaction without request/response")
            }
            func headers(_ any: Any?) -> [String: String] {
                var out: [String: String] = [:]
                for (key, value) in (any as? [String: Any]) ?? [:] {
                    let text = (value as? [Any])?.first.map { "\($0)" } ?? "\(value)"
                    out[key.lowercased()] = text
                }
                return out
            }
            let body: String
            if let b = response["body"] as? [String: Any], let s = b["string"] as? String { body = s }
            else if let s = response["content"] as? String { body = s }
            else { body = "" }
            let status = ((response["status"] as? [String: Any])?["code"] as? Int) ?? (response["status_code"] as? Int) ?? 0
            let requestBody = (request["body"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            return RecordedInteraction(
                method: (request["method"] as? String) ?? "GET",
                uri: (request["uri"] as? String) ?? "",
                requestHeaders: headers(request["headers"]),
                requestBody: requestBody,
                status: status,
                responseBody: body,
                responseHeaders: headers(response["headers"]))
        }
    }

    /// Every cassette under `shared/fixtures/recorded/notion-sdk-py/` (both versions), sorted by path.
    public static func all() throws -> [Cassette] {
        let root = Fixtures.recordedDirectory
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path } ?? []
        return try files.map { url in
            var cassette = try Cassette(contentsOf: url)
            cassette.name = url.path.replacingOccurrences(of: root.path + "/", with: "")
            return cassette
        }
    }
}

public struct CassetteError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
}

/// Paths of shared fixtures and of this repository, found from this source file.
public enum Fixtures {
    /// The repository root.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The recorded traffic's cassettes: the repository's copy, `Tests/Fixtures/recorded/`, so a
    /// clone runs every test on its own (`NOTION_EXPORT_SHARED`, the path of a `shared/` folder,
    /// reads its `fixtures/recorded/` instead). `RecordedTrafficTests` checks that the copy is the
    /// project's `../shared/fixtures/recorded/` byte for byte wherever that folder exists.
    public static var recordedDirectory: URL {
        recordedRoot.appendingPathComponent("notion-sdk-py")
    }

    /// The folder holding the recorded traffic's README and `notion-sdk-py/`.
    public static var recordedRoot: URL {
        if let path = ProcessInfo.processInfo.environment["NOTION_EXPORT_SHARED"] {
            return URL(fileURLWithPath: path).appendingPathComponent("fixtures/recorded")
        }
        return repositoryRoot.appendingPathComponent("Tests/Fixtures/recorded")
    }

    /// The project's shared folder next to the repository (`../shared`).
    public static var sharedDirectory: URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The bundled sample workspace, `examples/workspace/`.
    public static var sampleWorkspace: URL { repositoryRoot.appendingPathComponent("examples/workspace") }
}
