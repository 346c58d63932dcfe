import Foundation
import NotionModel
import Testing
import TestSupport

/// Backup, site and import run against a child emulator that injects seeded faults into one API
/// request in ten (429, 500, 502, 503, 504, 529, dropped connections, and latency spikes drawn at
/// the same rate): for every seed the result is byte for byte that of a fault-free run.
@Suite(.serialized) struct FaultInjectionTests {
    static let seeds: [UInt64] = [11, 23, 37]
    static let sampleToken = "ntn_sample_0000000000000000000000000000000000000000"
    /// No client-side throttle, and the client's waits shortened (Retry-After is 1 s) so that a
    /// run with dozens of retries still takes seconds.
    static let client = ["--rps", "0", "--quiet", "--initial-backoff", "0.01", "--max-retry-after", "0.02"]

    static func faulty(_ seed: UInt64, log: URL) -> [String] {
        ["--faults", "0.1", "--seed", String(seed), "--log", log.path]
    }

    static func environment(_ emulator: ChildEmulator, token: String = sampleToken) -> [String: String] {
        ["NOTION_API_BASE_URL": emulator.baseURL, "NOTION_TOKEN": token]
    }

    /// The faults the emulator logged: every kind must have struck at least once over a test's runs.
    static func faults(in log: URL) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in try String(decoding: Data(contentsOf: log), as: UTF8.self).split(separator: "\n") {
            if let fault = try JSONValue(data: Data(line.utf8))["fault"]?.stringValue { counts[fault, default: 0] += 1 }
        }
        return counts
    }

    static func expectAllKinds(_ counts: [String: Int]) {
        let kinds = Set(counts.keys.map { $0.replacingOccurrences(of: "-after-apply", with: "") })
        #expect(kinds.isSuperset(of: ["429", "500", "502", "503", "504", "529", "drop", "slow"]), "\(counts)")
    }

    static func expectSameTree(_ actual: [String: Data], _ expected: [String: Data], _ label: String) {
        #expect(actual.keys.sorted() == expected.keys.sorted(), "\(label)")
        for (path, data) in actual where expected[path] != nil && expected[path] != data {
            // The first differing line, to see what differs without keeping the folders.
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let wanted = String(decoding: expected[path]!, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let index = zip(lines, wanted).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(lines.count, wanted.count)
            let got = index < lines.count ? String(lines[index]) : "(end)", want = index < wanted.count ? String(wanted[index]) : "(end)"
            Issue.record("\(label): \(path) differs from the reference run at line \(index + 1): \(got) instead of \(want)")
        }
    }

    @Test func backupUnderFaultsIsTheFaultFreeBackup() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "faults-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let clean = try ChildEmulator(workspace: Fixtures.sampleWorkspace)
        let reference = folder.appending(path: "reference")
        let first = try await BuiltBinary.runDetached(["backup", reference.path] + Self.client, environment: Self.environment(clean))
        #expect(first.status == 0, "\(first.stderr)")
        let expected = try BackupCrashTests.snapshot(reference)
        #expect(expected.count > 150)
        var counts: [String: Int] = [:]
        for seed in Self.seeds {
            let log = folder.appending(path: "requests-\(seed).jsonl")
            let emulator = try ChildEmulator(workspace: Fixtures.sampleWorkspace, extraArguments: Self.faulty(seed, log: log))
            let out = folder.appending(path: "seed-\(seed)")
            let run = try await BuiltBinary.runDetached(["backup", out.path] + Self.client, environment: Self.environment(emulator))
            #expect(run.status == 0, "seed \(seed): \(run.stderr)")
            Self.expectSameTree(try BackupCrashTests.snapshot(out), expected, "seed \(seed)")
            counts.merge(try Self.faults(in: log), uniquingKeysWith: +)
        }
        Self.expectAllKinds(counts)
    }

    @Test func siteUnderFaultsIsTheFaultFreeSite() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "faults-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The sample config, with its token taken from NOTION_TOKEN (the child emulator) instead
        // of an in-process emulator, and its cache in this test's folder.
        var config = try JSONValue(data: Data(contentsOf: Fixtures.repositoryRoot.appending(path: "site.example.json")))
        guard case .object(var object) = config, case .object(var notion)? = object["notion"] else {
            Issue.record("site.example.json is not an object with \"notion\"")
            return
        }
        notion["emulator_workspace"] = nil
        object["notion"] = .object(notion)
        object["templates"] = .string(Fixtures.repositoryRoot.appending(path: "templates/default").path)
        object["cache"] = .string(folder.appending(path: "cache").path)
        config = .object(object)

        func build(_ emulator: ChildEmulator, into name: String) async throws -> [String: Data] {
            let configFile = folder.appending(path: "\(name).json")
            var perRun = config
            if case .object(var o) = perRun { o["cache"] = .string(folder.appending(path: "cache-\(name)").path); perRun = .object(o) }
            try perRun.data(pretty: true).write(to: configFile)
            let out = folder.appending(path: name)
            let run = try await BuiltBinary.runDetached(["site", "--config", configFile.path, "--output", out.path] + Self.client,
                                                        environment: Self.environment(emulator))
            #expect(run.status == 0, "\(name): \(run.stderr)")
            return try BackupCrashTests.snapshot(out)
        }
        let expected = try await build(try ChildEmulator(workspace: Fixtures.sampleWorkspace), into: "reference")
        #expect(expected.count > 50)
        var counts: [String: Int] = [:]
        for seed in Self.seeds {
            let log = folder.appending(path: "requests-\(seed).jsonl")
            let emulator = try ChildEmulator(workspace: Fixtures.sampleWorkspace, extraArguments: Self.faulty(seed, log: log))
            Self.expectSameTree(try await build(emulator, into: "seed-\(seed)"), expected, "seed \(seed)")
            counts.merge(try Self.faults(in: log), uniquingKeysWith: +)
        }
        Self.expectAllKinds(counts)
    }

    // MARK: Import

    /// The sample's First Week Checklist, a leaf page (the sample has the people the handbook's
    /// mentions name).
    static let home = "ba9e0000-0000-8000-8000-000000000006"

    /// A Markdown tree to import: the sample export's Engineering Handbook (16 pages of every kind
    /// of block, linking to each other, with icons, a cover, images and files, which are
    /// uploaded) plus a page with a local image.
    static func importSource(in folder: URL) throws -> URL {
        let source = folder.appending(path: "source")
        let golden = Fixtures.repositoryRoot.appending(path: "Tests/ExportTests/Golden/sample-markdown/acme-home")
        try FileManager.default.createDirectory(at: source.appending(path: "assets"), withIntermediateDirectories: true)
        let fm = FileManager.default
        try fm.copyItem(at: golden.appending(path: "engineering-handbook.md"), to: source.appending(path: "engineering-handbook.md"))
        try fm.copyItem(at: golden.appending(path: "engineering-handbook"), to: source.appending(path: "engineering-handbook"))
        // The export's assets sit one level above acme-home/: point the links at source/assets/
        // (one "../" less) and put small stand-ins there.
        let asset = try Regex("(?:\\.\\./)+assets/([A-Za-z0-9._-]+)")
        for path in try fm.subpathsOfDirectory(atPath: source.path) where path.hasSuffix(".md") {
            let url = source.appending(path: path)
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for match in text.matches(of: asset) {
                let name = String(text[match.range].split(separator: "/").last!)
                try Data("stand-in for \(name)\n".utf8).write(to: source.appending(path: "assets/\(name)"))
            }
            try Data(text.replacing("../assets/", with: "assets/").utf8).write(to: url)
        }
        try Data("# Uploads\n\n![logo](logo.png)\n\nThe end.\n".utf8).write(to: source.appending(path: "uploads.md"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4]).write(to: source.appending(path: "logo.png"))
        return source
    }

    /// The pages under `home` as `notion-export markdown` writes them, with the fields an import
    /// cannot reproduce normalized: ids (numbered by first appearance) and times.
    static func exportedPages(_ emulator: ChildEmulator, into out: URL) async throws -> [String: Data] {
        let run = try await BuiltBinary.runDetached(["markdown", out.path, "--page", home] + client,
                                                    environment: environment(emulator, token: sampleToken))
        #expect(run.status == 0, "\(run.stderr)")
        var ids: [String: Int] = [:]
        let uuid = try Regex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")
        // The export's own cache (.notion-export/assets.json: upload ids, signed URLs) is not the pages.
        var files = try BackupCrashTests.snapshot(out).filter { !$0.key.hasPrefix(".notion-export/") }
        for path in files.keys.sorted() where path.hasSuffix(".md") || path.hasSuffix(".csv") {
            let text = String(decoding: files[path]!, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("created_time:") && !$0.hasPrefix("last_edited_time:") }
            let joined = lines.joined(separator: "\n")
            let normalized = joined.replacing(uuid) { match in
                let key = String(joined[match.range]).replacingOccurrences(of: "-", with: "").lowercased()
                if ids[key] == nil { ids[key] = ids.count }
                return "<id \(ids[key]!)>"
            }
            files[path] = Data(normalized.utf8)
        }
        return files
    }

    /// Runs `import` until it finishes: a write whose answer was lost (a 5xx or dropped connection
    /// after a page create) ends a run with exit code 5 by design, and the next run settles it.
    static func importUntilDone(_ source: URL, state: URL, emulator: ChildEmulator, label: String) async throws -> Int {
        for attempt in 1...40 {
            let run = try await BuiltBinary.runDetached(["import", source.path, "--parent", home, "--state", state.path] + client,
                                                        environment: environment(emulator, token: sampleToken))
            if run.status == 0 { return attempt }
            #expect(run.status == 5, "\(label), run \(attempt): \(run.stderr)")
            if run.status != 5 { break }
        }
        Issue.record("\(label): the import did not finish")
        return 0
    }

    @Test func importUnderFaultsGivesTheFaultFreePages() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "faults-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = try Self.importSource(in: folder)
        let workspace = Fixtures.sampleWorkspace

        let clean = try ChildEmulator(workspace: workspace)
        #expect(try await Self.importUntilDone(source, state: folder.appending(path: "state-reference"), emulator: clean, label: "reference") == 1)
        let expected = try await Self.exportedPages(clean, into: folder.appending(path: "reference"))
        #expect(expected.keys.filter { $0.hasSuffix(".md") }.count == 19, "\(expected.keys.sorted())")
        var counts: [String: Int] = [:]
        for seed in Self.seeds {
            let log = folder.appending(path: "requests-\(seed).jsonl")
            let emulator = try ChildEmulator(workspace: workspace, extraArguments: Self.faulty(seed, log: log))
            let runs = try await Self.importUntilDone(source, state: folder.appending(path: "state-\(seed)"), emulator: emulator, label: "seed \(seed)")
            counts.merge(try Self.faults(in: log), uniquingKeysWith: +)
            let actual = try await Self.exportedPages(emulator, into: folder.appending(path: "seed-\(seed)"))
            Self.expectSameTree(actual, expected, "seed \(seed) (\(runs) runs)")
        }
        Self.expectAllKinds(counts)
    }
}
