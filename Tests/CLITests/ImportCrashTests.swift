import Foundation
import NotionModel
import Testing
import TestSupport

/// `notion-export import` killed with SIGKILL at points spread over a whole run, then run again:
/// the pages in Notion are exactly those of an uninterrupted import (no duplicate, no half-written
/// page), the state folder holds only whole files, and one more run writes nothing.
@Suite(.serialized) struct ImportCrashTests {
    @Test func anImportKilledAtAnyPointFinishesToThePagesOfAnUninterruptedImport() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "import-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = try FaultInjectionTests.importSource(in: folder)
        let sourceFiles = try BackupCrashTests.snapshot(source)
        let workspace = Fixtures.sampleWorkspace
        // A little latency, so that a run lasts long enough to be cut at many points.
        let latency = ["--latency-ms", "4"]

        let clean = try ChildEmulator(workspace: workspace, extraArguments: latency)
        let started = Date()
        #expect(try await FaultInjectionTests.importUntilDone(source, state: folder.appending(path: "state-reference"),
                                                              emulator: clean, label: "reference") == 1)
        let duration = Date().timeIntervalSince(started)
        let expected = try await FaultInjectionTests.exportedPages(clean, into: folder.appending(path: "reference"))

        let points = 6
        for point in 0..<points {
            let emulator = try ChildEmulator(workspace: workspace, extraArguments: latency)
            let state = folder.appending(path: "state-\(point)")
            // Kill points spread over the run, from its first request to its last write.
            try await BuiltBinary.runKilled(["import", source.path, "--parent", FaultInjectionTests.home, "--state", state.path] + FaultInjectionTests.client,
                                            environment: FaultInjectionTests.environment(emulator, token: FaultInjectionTests.sampleToken),
                                            after: duration * (Double(point) + 0.5) / Double(points))

            // The killed run left whole state files only (JSON that parses), wherever it stopped.
            for (path, data) in try BackupCrashTests.snapshot(state) where path.hasSuffix(".json") {
                #expect((try? JSONValue(data: data)) != nil, "kill point \(point): \(path) is not whole JSON")
            }
            #expect(try await FaultInjectionTests.importUntilDone(source, state: state, emulator: emulator,
                                                                  label: "kill point \(point)") == 1)
            let actual = try await FaultInjectionTests.exportedPages(emulator, into: folder.appending(path: "export-\(point)"))
            #expect(actual.keys.sorted() == expected.keys.sorted(), "kill point \(point): pages missing or duplicated")
            // Byte for byte, synced copies included (they point at the original the manifest
            // recorded, though the rerun does not write it again).
            FaultInjectionTests.expectSameTree(actual, expected, "kill point \(point)")
            // Settled: one more run finds nothing to write.
            let again = try await BuiltBinary.runDetached(
                ["import", source.path, "--parent", FaultInjectionTests.home, "--state", state.path, "--rps", "0"],
                environment: FaultInjectionTests.environment(emulator, token: FaultInjectionTests.sampleToken))
            #expect(again.status == 0 && again.stdout.contains("0 created, 0 updated, 18 unchanged\n"), "kill point \(point): \(again.stdout)")
        }
        // The source files are read, never written.
        #expect(try BackupCrashTests.snapshot(source) == sourceFiles)
    }
}
