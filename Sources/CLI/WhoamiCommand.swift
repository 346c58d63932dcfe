import ArgumentParser
import Foundation
import NotionAPI

/// `notion-export whoami`: which integration the token belongs to, and in which workspace.
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the integration (bot) the token belongs to and its workspace.",
        discussion: """
        Calls GET /v1/users/me. A quick check that the token, the base URL and the \
        Notion-Version work before a long export.

        Examples:
          NOTION_TOKEN=ntn_… notion-export whoami
          notion-export whoami --token-file ~/.notion-token --json
          notion-export whoami --emulator examples/workspace
          notion-export whoami          # no token: the local emulator on examples/workspace
        """
    )

    @OptionGroup(title: "Connection") var connection: NotionConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Flag(name: .long, help: "Print Notion's user object as JSON instead.")
    var json = false

    func run() async throws {
        try await NotionRun(command: "whoami", connection: connection, output: output).execute { session in
            let user = try await session.client.send(.usersMe)
            if json {
                session.console.output(user.jsonString(pretty: true))
                return
            }
            let bot = user["bot"]
            let lines = [
                ("Bot", user["name"]?.stringValue ?? "(no name)"),
                ("Workspace", bot?["workspace_name"]?.stringValue ?? "(unknown)"),
                ("Bot ID", user["id"]?.stringValue ?? "(unknown)"),
            ]
            session.console.output(lines.map { "\($0.0 + ":")".padding(toLength: 11, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n"))
        }
    }
}
