import Foundation
import NotionModel
import Testing
import TestSupport

/// `notion-export backup` killed with SIGKILL at points spread over a whole run, then run again:
/// every file the killed run left outside `.notion-export/` is a file of the finished tree (no
/// half-written file), the rerun gives exactly the tree of an uninterrupted run, and reruns
/// reuse pages the killed runs had already fetched.
@Suite(.serialized) struct BackupCrashTests {
    static func snapshot(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = root.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func aBackupKilledAtAnyPointFinishesToTheTreeOfAnUninterruptedRun() async throws {
        // The emulator in its own process (the runs below wait synchronously; an in-process server
        // would compete with them for the test's threads), with a little latency so that a run
        // lasts long enough to be cut at many points.
        let emulator = try ChildEmulator(workspace: Fixtures.sampleWorkspace, extraArguments: ["--latency-ms", "4"])
        let environment = ["NOTION_API_BASE_URL": emulator.baseURL, "NOTION_TOKEN": "ntn_sample_0000000000000000000000000000000000000000"]
        let folder = FileManager.default.temporaryDirectory.appending(path: "backup-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        let reference = folder.appending(path: "reference")
        let started = Date()
        let uninterrupted = try await BuiltBinary.runDetached(["backup", reference.path, "--quiet", "--rps", "200"], environment: environment)
        let duration = Date().timeIntervalSince(started)
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let expected = try Self.snapshot(reference)
        #expect(expected.count > 150)

        var reusedAfterKills = 0
        let points = 6
        for point in 0..<points {
            let out = folder.appending(path: "killed-\(point)")
            // Kill points spread over the run, from its first requests to its last writes.
            try await BuiltBinary.runKilled(["backup", out.path, "--quiet", "--rps", "200"], environment: environment,
                                            after: duration * (Double(point) + 0.5) / Double(points))

            // Whole files only: whatever the killed run left is a file of the finished tree.
            for (path, data) in try Self.snapshot(out) where !path.hasPrefix(".notion-export/") {
                #expect(expected[path] == data, "kill point \(point): \(path) is not a finished file")
            }
            let report = out.appending(path: ".report.json")
            let rerun = try await BuiltBinary.runDetached(["backup", out.path, "--quiet", "--rps", "200", "--report", report.path], environment: environment)
            #expect(rerun.status == 0, "kill point \(point): \(rerun.stderr)")
            try? FileManager.default.removeItem(at: report.deletingLastPathComponent().appending(path: ".report.json.tmp"))
            let json = try JSONValue(data: Data(contentsOf: report))
            reusedAfterKills += json["details"]?["backup"]?["pages_reused"]?.intValue ?? 0
            try FileManager.default.removeItem(at: report)
            let finished = try Self.snapshot(out)
            #expect(finished.keys.sorted() == expected.keys.sorted(), "kill point \(point)")
            for (path, data) in finished where expected[path] != data {
                Issue.record("kill point \(point): \(path) differs from the uninterrupted run")
            }
        }
        // Later kill points leave fetched pages behind; the reruns take them instead of asking again.
        #expect(reusedAfterKills > 0)
    }
}
