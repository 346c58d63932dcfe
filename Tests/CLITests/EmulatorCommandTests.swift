import Foundation
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `notion-export` binary, as a user would.
struct BuiltBinary {
    static var url: URL {
        // The test runner lives next to the products it was built with (.build/<triple>/debug).
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.lastPathComponent == "MacOS" { dir = dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        return dir.appendingPathComponent("notion-export")
    }

    struct Output: Sendable { var status: Int32; var stdout: String; var stderr: String }

    /// `run`, waited for on a thread of its own: a long run must not hold one of the few
    /// cooperative threads that other tests' in-process servers answer on (they would time out).
    static func runDetached(_ arguments: [String], environment: [String: String]? = nil) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try run(arguments, environment: environment) }) }.start()
        }
    }

    /// Starts the binary (environment as for `run`, output discarded) and SIGKILLs it after
    /// `seconds`; returns once it is gone. For crash tests.
    static func runKilled(_ arguments: [String], environment: [String: String], after seconds: Double) async throws {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NOTION_") }
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: .seconds(seconds))
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    }

    /// Runs to completion. `environment` is added to this process's environment with every
    /// NOTION_* variable and NO_COLOR removed, and the credentials folder pointed at nowhere
    /// (unless the test names one), so that the developer's own token or login never leaks in.
    static func run(_ arguments: [String], environment: [String: String]? = nil, currentDirectory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let environment {
            var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NOTION_") && $0.key != "NO_COLOR" }
            base["NOTION_EXPORT_CONFIG_DIR"] = FileManager.default.temporaryDirectory.appending(path: "notion-export-no-credentials").path
            base.merge(environment) { _, new in new }
            process.environment = base
        }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes at once: a child blocked on a full stderr pipe would never finish stdout.
        final class Box: @unchecked Sendable { var data = Data() }
        let stderr = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { stderr.data = err.fileHandleForReading.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr.data, as: UTF8.self))
    }
}

/// `notion-export emulator` as a child process, for tests that point NOTION_API_BASE_URL at a
/// server the command under test did not start itself.
final class ChildEmulator {
    let process = Process()
    let baseURL: String

    init(workspace: URL, extraArguments: [String] = []) throws {
        process.executableURL = BuiltBinary.url
        process.arguments = ["emulator", "--workspace", workspace.path, "--port", "0"] + extraArguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The one wait in these tests: the child's first line, which carries the port.
        var buffer = Data()
        while !buffer.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer.prefix { $0 != 0x0A }, as: UTF8.self)
        let prefix = "listening on "
        guard line.hasPrefix(prefix) else {
            process.terminate()
            throw ChildError(description: "emulator did not start: \(line)")
        }
        baseURL = String(line.dropFirst(prefix.count))
    }

    struct ChildError: Error, CustomStringConvertible { var description: String }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

/// A one-page workspace in a temp folder.
func makeTinyWorkspace() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("pages"), withIntermediateDirectories: true)
    try Data("""
    {"integration": {"id": "7775f3a3-893f-43fa-b625-460c61094c78", "name": "cli test"}, "tokens": ["ntn_cli_test"]}
    """.utf8).write(to: dir.appendingPathComponent("workspace.json"))
    try Data("""
    {"page": {"id": "393abc1e-edcd-81c3-a7e3-f719e1e1ec4b", "parent": {"type": "workspace", "workspace": true},
              "properties": {"title": {"id": "title", "type": "title", "title": [{"type": "text", "text": {"content": "Home", "link": null},
                "annotations": {"bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"},
                "plain_text": "Home", "href": null}]}}},
     "blocks": [{"id": "393abc1e-edcd-81b4-97e4-e74d4867a8a1", "type": "divider", "divider": {}}]}
    """.utf8).write(to: dir.appendingPathComponent("pages/home.json"))
    return dir
}

@Suite struct EmulatorCommandTests {
    @Test func printsListeningLineFirstAndServesTheWorkspace() async throws {
        let workspace = try makeTinyWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let process = Process()
        process.executableURL = BuiltBinary.url
        process.arguments = ["emulator", "--workspace", workspace.path, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        // Read the first line.
        var buffer = Data()
        while !buffer.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let firstLine = String(decoding: buffer.prefix { $0 != 0x0A }, as: UTF8.self)
        let prefix = "listening on http://127.0.0.1:"
        #expect(firstLine.hasPrefix(prefix))
        let port = try #require(Int(firstLine.dropFirst(prefix.count)))
        #expect(port > 0)

        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/blocks/393abc1eedcd81c3a7e3f719e1e1ec4b/children")!)
        request.setValue("Bearer ntn_cli_test", forHTTPHeaderField: "Authorization")
        request.setValue("2025-09-03", forHTTPHeaderField: "Notion-Version")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""id":"393abc1e-edcd-81b4-97e4-e74d4867a8a1""#))
    }

    @Test func aMissingWorkspaceFolderIsAUsageError() throws {
        let result = try BuiltBinary.run(["emulator", "--workspace", "/nonexistent/ws"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--workspace /nonexistent/ws: no such folder. Use the bundled sample: --workspace examples/workspace"))
    }

    @Test func aFolderWithoutWorkspaceJSONIsExplained() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try BuiltBinary.run(["emulator", "--workspace", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("workspace.json"))
        #expect(result.stderr.contains(
            "not a workspace folder (no workspace.json, nor a backup's .notion-export/workspace.json); see examples/workspace/README.md"))
    }

    @Test func tokenOptionServesAWorkspaceWithoutTokens() async throws {
        let workspace = try makeTinyWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        try Data(#"{"integration": {"id": "7775f3a3-893f-43fa-b625-460c61094c78", "name": "cli test"}}"#.utf8)
            .write(to: workspace.appendingPathComponent("workspace.json"))
        let refused = try BuiltBinary.run(["emulator", "--workspace", workspace.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no accepted tokens: pass --token TOKEN or add \"tokens\""))
        let emulator = try ChildEmulator(workspace: workspace, extraArguments: ["--token", "ntn_a", "--token", "ntn_b"])
        for token in ["ntn_a", "ntn_b", "ntn_cli_test"] {
            var request = URLRequest(url: URL(string: emulator.baseURL + "/v1/users/me")!)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("2025-09-03", forHTTPHeaderField: "Notion-Version")
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == (token == "ntn_cli_test" ? 401 : 200), "\(token)")
        }
    }

    @Test func badLoadShapingFlagsAreRejected() throws {
        let result = try BuiltBinary.run(["emulator", "--workspace", "/", "--faults", "1.5"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--faults is a probability between 0 and 1, got 1.5."))
    }

    @Test func helpDocumentsEveryOption() throws {
        let result = try BuiltBinary.run(["emulator", "--help"])
        #expect(result.status == 0)
        for option in ["--workspace", "--token", "--port", "--rps", "--burst", "--latency-ms", "--faults", "--seed", "--log", "--file-url-lifetime"] {
            #expect(result.stdout.contains(option), "\(option)")
        }
        #expect(result.stdout.contains("Prints \"listening on\nhttp://127.0.0.1:PORT\" as its first line"))
    }
}

@Suite struct SyntheticWorkspaceCommandTests {
    @Test func writesAWorkspaceTheEmulatorServes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("syn-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try BuiltBinary.run(["synthetic-workspace", "--pages", "30", "--seed", "4", dir.path])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("wrote 30 pages to \(dir.path) in "))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("workspace.json").path))
        let again = try BuiltBinary.run(["synthetic-workspace", "--pages", "30", dir.path])
        #expect(again.status == 64)
        #expect(again.stderr.contains("\(dir.path) already exists and is not an empty folder; choose a new folder."))
    }
}
