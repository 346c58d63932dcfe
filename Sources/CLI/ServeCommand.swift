import ArgumentParser
import Foundation
import SiteServer

/// `notion-export serve`: preview a built static site on loopback.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a built static site folder over HTTP on 127.0.0.1, to preview it in a browser.",
        discussion: """
        Prints "listening on http://HOST:PORT/" as its only line on stdout and serves \
        until interrupted (Ctrl-C or SIGTERM). /a/ serves a/index.html, /a redirects to \
        /a/ when a is a folder and serves a.html when only that exists; missing files \
        get the site's 404.html. GET and HEAD only, nothing outside the folder (no .. \
        and no symlinks leading out), no caching (Cache-Control: no-cache), and byte \
        ranges for video and audio.

        Examples:
          notion-export serve site-out
          notion-export serve site-out --port 0
          notion-export serve site-out --host 0.0.0.0 --port 8080
        """
    )

    @Argument(help: ArgumentHelp("The folder the site was built into.", valueName: "dir"))
    var dir: String

    @Option(name: .long, help: "Port (0 picks a free port).")
    var port: UInt16 = 8000

    @Option(name: .long, help: ArgumentHelp("Address to listen on: an IPv4 or IPv6 address, or localhost.", valueName: "address"))
    var host: String = "127.0.0.1"

    func run() async throws {
        let server = StaticSiteServer(root: URL(fileURLWithPath: dir), host: host, port: port)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await server.run { url in
                        // The only stdout line, unbuffered: scripts and tests wait for it to learn the port.
                        FileHandle.standardOutput.write(Data("listening on \(url.absoluteString)\n".utf8))
                    }
                }
                group.addTask { await Self.terminationSignal() }
                // Whichever ends first (a signal, or the server failing) ends the command.
                try await group.next()
                group.cancelAll()
            }
        } catch let error as StaticSiteServerError {
            let console = Console(progress: Progress(style: .detect(quiet: false, environment: ProcessInfo.processInfo.environment)),
                                  quiet: false, verbose: false)
            console.error(message(for: error))
            throw status(for: error).exitCode
        }
    }

    func message(for error: StaticSiteServerError) -> String {
        switch error {
        case .missingRoot:
            "serve \(dir): no such folder. Build the site first with `notion-export site`, then serve the folder it wrote."
        case .rootNotADirectory:
            "serve \(dir): not a folder. Give the folder the site was built into (the one holding index.html)."
        case .invalidHost:
            "--host \(host): not an IPv4 or IPv6 address. Use 127.0.0.1 (the default), ::1, 0.0.0.0 or localhost."
        case .portInUse:
            "port \(port) on \(host) is already in use. Stop what is using it, or pick another port with --port (--port 0 picks a free one)."
        case .cannotListen:
            "\(error.description)."
        }
    }

    func status(for error: StaticSiteServerError) -> ExitStatus {
        switch error {
        case .missingRoot, .rootNotADirectory, .invalidHost: .usage
        case .portInUse, .cannotListen: .failure
        }
    }

    /// Returns at the first SIGINT or SIGTERM (then the server stops and the command exits 0), or
    /// when the task is cancelled.
    static func terminationSignal() async {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let numbers = [SIGINT, SIGTERM]
        let sources = numbers.map { number in
            // Dispatch sees the signal only once its default action (terminate) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        for await _ in stream { break }
        for source in sources { source.cancel() }
        for number in numbers { signal(number, SIG_DFL) }
    }
}
