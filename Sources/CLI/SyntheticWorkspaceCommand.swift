import ArgumentParser
import Emulator
import Foundation

/// `notion-export synthetic-workspace`: write a large deterministic workspace for benchmarks.
struct SyntheticWorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthetic-workspace",
        abstract: "Write a deterministic synthetic workspace (for benchmarks) that the emulator can serve.",
        discussion: """
        N pages in a realistic hierarchy with a realistic block mix and a database holding about \\
        10% of them as rows. The same --pages and --seed always give the same bytes.

        Examples:
          notion-export synthetic-workspace --pages 1000 /tmp/ws-1000
          notion-export emulator --workspace /tmp/ws-1000 --rps 3 --latency-ms 150
        """
    )

    @Option(name: .long, help: "Number of pages.")
    var pages: Int

    @Option(name: .long, help: "Seed: the same seed gives the same workspace.")
    var seed: UInt64 = 1

    @Argument(help: ArgumentHelp("The folder to write (created; must be empty if it exists).", valueName: "out"))
    var out: String

    func validate() throws {
        guard pages >= 1 else { throw ValidationError("--pages must be at least 1, got \(pages).") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, (try? FileManager.default.contentsOfDirectory(atPath: out))?.isEmpty == true else {
                throw ValidationError("\(out) already exists and is not an empty folder; choose a new folder.")
            }
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        try SyntheticWorkspace(pages: pages, seed: seed).write(to: URL(fileURLWithPath: out))
        let elapsed = ContinuousClock.now - started
        FileHandle.standardError.write(Data("wrote \(pages) pages to \(out) in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2))))\n".utf8))
    }
}
