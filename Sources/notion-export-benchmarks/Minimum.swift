import ArgumentParser
import Emulator
import Foundation
import NotionModel

/// Prints, as JSON, the fewest requests a backup of a workspace folder can make (scripts/bench
/// compares every run with them): a full backup, a backup that finds nothing changed, and one that
/// finds the given pages changed. Counted on the workspace the emulator would serve, at
/// Notion-Version 2025-09-03 and pages of 100.
struct Minimum: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimum",
        abstract: "The fewest requests a full, an unchanged and a partly changed backup of a workspace folder need (JSON).")

    @Option(help: ArgumentHelp("The workspace folder.", valueName: "dir")) var workspace: String
    @Option(name: .customLong("changed"), parsing: .upToNextOption,
            help: ArgumentHelp("Ids of pages changed since the last backup.", valueName: "id"))
    var changed: [String] = []

    func run() async throws {
        let minimum = try Workspace(contentsOf: URL(fileURLWithPath: workspace)).minimumRequests()
        var changedCost = 0
        for raw in changed {
            guard let id = NotionID(raw), let cost = minimum.pages[id] else {
                throw ValidationError("--changed \(raw): not a visible page of \(workspace).")
            }
            changedCost += cost
        }
        let read = minimum.discovery - minimum.databases + minimum.pages.values.reduce(0, +)
        // A full backup reads everything, each database once, and `users/me` for workspace.json.
        let result: [String: Int] = [
            "read": read,
            "full_backup": read + minimum.databases + 1,
            "no_change_backup": minimum.discovery,
            "changed_backup": minimum.discovery + changedCost,
            "pages": minimum.pages.count,
            "databases": minimum.databases,
        ]
        let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
