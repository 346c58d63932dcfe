import ArgumentParser

struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "emulator", abstract: "Serve a workspace folder as a local Notion API.")
    func run() async throws {}
}
