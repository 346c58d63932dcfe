import Foundation
import NotionAPI
import NotionModel

/// The machine-readable record of a run (`--report FILE`). Written even when the run fails; never
/// holds the token (the text is redacted again before it is written).
struct RunReport: Codable, Sendable, Equatable {
    struct ReportedError: Codable, Sendable, Equatable {
        /// The sentence printed after `error:`.
        var message: String
        var status: Int?
        var code: String?
        /// e.g. `GET /v1/pages/{page_id}`.
        var request: String?

        enum CodingKeys: String, CodingKey { case message, status, code, request }
    }

    var command: String
    var notionVersion: String?
    var baseURLHost: String?
    /// The workspace folder served by the in-process emulator, when one was used.
    var emulatorWorkspace: String?
    var tokenSource: String?
    var metrics = RunMetrics()
    var warnings: [String] = []
    var errors: [ReportedError] = []
    /// Files written by the run.
    var outputs: [String] = []
    /// What the command did, by command (`backup`: pages added/changed/removed/unchanged, files).
    var details: [String: JSONValue] = [:]
    /// Wall time of each stage the command went through ("fetch tree", "render"), in order.
    var stages: [StageTime] = []
    var exitCode: Int32 = 0

    enum CodingKeys: String, CodingKey {
        case command
        case notionVersion = "notion_version"
        case baseURLHost = "base_url_host"
        case emulatorWorkspace = "emulator_workspace"
        case tokenSource = "token_source"
        case metrics, warnings, errors, outputs, details, stages
        case exitCode = "exit_code"
    }

    struct StageTime: Codable, Sendable, Equatable {
        var stage: String
        var seconds: Double
    }

    /// Pretty JSON with sorted keys and a trailing newline (the project's one JSON style).
    func data() throws -> Data {
        var data = try JSONValue(encoding: self).data(pretty: true)
        data.append(0x0A)
        return data
    }
}
