import ArgumentParser
import NotionAPI

/// The `notion-export` command line.
public struct NotionExportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "notion-export",
        abstract: "Export a Notion workspace to Markdown, a static site or a git-friendly backup, and import Markdown back.",
        discussion: """
        Talks to the Notion REST API with an integration token: NOTION_TOKEN, \
        --token-file, or the token notion-export login stored. Without any token, commands run against the local emulator on \
        the bundled sample workspace (examples/workspace), so everything can be tried \
        offline. NOTION_API_BASE_URL points the client elsewhere (default \
        https://api.notion.com); NOTION_VERSION or --notion-version picks the \
        Notion-Version (default \(NotionVersion.default)). The token is never printed, \
        logged or written to a report.

        Examples:
          notion-export whoami
          notion-export login --client-id 1f2e… --client-secret-file secret.txt
          NOTION_TOKEN=ntn_… notion-export api GET /v1/users/me
          notion-export api POST /v1/search --data '{"query":"Roadmap"}' --all
          notion-export emulator --workspace examples/workspace --port 8787
          notion-export serve site-out

        \(ExitStatus.table)
        """,
        subcommands: [ListCommand.self, MarkdownCommand.self, BackupCommand.self, ImportCommand.self, RestoreCommand.self, SiteCommand.self, ServeCommand.self, WhoamiCommand.self, LoginCommand.self, LogoutCommand.self, APICommand.self, EmulatorCommand.self, SyntheticWorkspaceCommand.self]
    )
    public init() {}
}
