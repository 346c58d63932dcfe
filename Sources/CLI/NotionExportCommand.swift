import ArgumentParser

/// The `notion-export` command line.
public struct NotionExportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "notion-export",
        abstract: "Export a Notion workspace to Markdown, a static site or a git-friendly backup, and import Markdown back.",
        subcommands: [EmulatorCommand.self, SyntheticWorkspaceCommand.self]
    )
    public init() {}
}
