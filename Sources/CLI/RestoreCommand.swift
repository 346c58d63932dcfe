import ArgumentParser
import Export
import Foundation
import Import
import NotionModel

/// `notion-export restore BACKUP --parent PAGE`: a backup tree recreated in Notion.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Recreate a backup's pages, databases, rows and content under a page.",
        discussion: """
        Reads the raw JSON `notion-export backup` keeps beside each Markdown file and recreates \
        everything under PAGE: pages with their icons, covers and content, databases with their \
        schema and rows, files uploaded from the backup's assets/, child pages in their place, \
        links and mentions between restored pages pointed at the new ones, relations and rollups \
        last. Notion gives everything new ids. What the API cannot recreate (template buttons, \
        meeting notes, link previews, blocks Notion gives no content for, values Notion \
        computes) takes its nearest form and is listed as a warning and in --report.

        Examples:
          NOTION_TOKEN=ntn_… notion-export restore backup/ --parent https://www.notion.so/Restored-0123…
          notion-export restore backup/ --parent ba9e0000-0000-8000-8000-000000000001 --report restore.json
        """
    )

    @Argument(help: ArgumentHelp("The backup folder (written by `notion-export backup`).", valueName: "backup"))
    var backup: String

    @Option(name: .long, help: ArgumentHelp("The page to restore under: id (dashed or not) or any Notion URL; it must be shared with the integration.", valueName: "id-or-url"))
    var parent: String

    @OptionGroup(title: "Connection") var connection: NotionConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func parentID() throws -> String {
        try IDArgument.page(parent, option: "--parent").rawValue
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: backup)
        try await NotionRun(command: "restore", connection: connection, output: output).execute(prepare: {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UsageError("\(backup): not a folder; give the folder `notion-export backup` wrote.")
            }
            return try parentID()
        }) { session, parent in
            if let id = NotionID(parent) { session.name([id: "--parent \(self.parent)"]) }
            session.progress.enter("restore")
            let summary = try await Restore(client: session.client, backup: folder, parent: parent).run()
            for warning in summary.warnings { session.warn(warning.description) }
            session.record("restore", [
                "pages": .int(summary.pages), "databases": .int(summary.databases), "blocks": .int(summary.blocks), "files": .int(summary.files),
                "ids": .object(summary.ids.mapValues(JSONValue.string)),
                "lossy": .array(summary.warnings.map { ["file": .string($0.file), "construct": .string($0.construct), "message": .string($0.message)] }),
            ])
            session.console.output("""
            restored \(summary.pages) pages, \(summary.databases) databases, \(summary.blocks) blocks and \(summary.files) files from \(backup)
            \(summary.warnings.count) warnings
            """)
        }
    }
}
