import Foundation
import Synchronization

/// A real headless Chromium for tests that open a generated site: the DOM after scripts ran, and
/// screenshots. `scripts/install-deps --browser` installs Debian's `chromium-headless-shell`.
///
/// Each call starts a fresh browser with its own temporary profile and kills it after `timeout`.
/// The async variants run the blocking call on a thread of its own: a test that serves the page
/// from an in-process server must not block the cooperative pool that server answers on (on a
/// 2-core machine it has two threads).
public struct HeadlessBrowser: Sendable {
    public let executable: URL
    /// How long one browser run may take before it is killed.
    public var timeout: Duration

    public init(executable: URL, timeout: Duration = .seconds(60)) {
        self.executable = executable
        self.timeout = timeout
    }

    /// The first browser found, in this order: Debian's real headless-shell binary (not the
    /// `/usr/bin` wrapper script, which would survive a timeout kill as an orphan browser), then
    /// `chromium-headless-shell`, `chromium` and `chromium-browser` on PATH.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HeadlessBrowser {
        let fileManager = FileManager.default
        for path in fixedLocations where fileManager.isExecutableFile(atPath: path) {
            return HeadlessBrowser(executable: URL(fileURLWithPath: path))
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in namesOnPath {
            for directory in directories {
                let path = directory + "/" + name
                if fileManager.isExecutableFile(atPath: path) { return HeadlessBrowser(executable: URL(fileURLWithPath: path)) }
            }
        }
        throw HeadlessBrowserError(command: "find a headless browser", problem: """
            none found (looked for \(fixedLocations.joined(separator: ", ")) and \(namesOnPath.joined(separator: ", ")) on PATH); \
            install Debian's with scripts/install-deps --browser
            """, stderr: "")
    }

    static let fixedLocations = ["/usr/lib/chromium/chromium-headless-shell"]
    static let namesOnPath = ["chromium-headless-shell", "chromium", "chromium-browser"]

    /// The page's DOM, serialized, once scripts have run for up to `ms` milliseconds of virtual
    /// time (virtual time stands still while fetches are pending, so fetched data is in).
    public func dumpDOM(of url: URL, virtualTimeBudget ms: Int = 5000) throws -> String {
        let output = try runBrowser(["--virtual-time-budget=\(ms)", "--dump-dom", url.absoluteString])
        return String(decoding: output, as: UTF8.self)
    }

    /// A PNG of the page's first `width` × `height` pixels, after `ms` milliseconds of virtual time.
    public func screenshot(of url: URL, to file: URL, width: Int = 1280, height: Int = 900, virtualTimeBudget ms: Int = 5000) throws {
        try? FileManager.default.removeItem(at: file)
        let arguments = ["--virtual-time-budget=\(ms)", "--screenshot=\(file.path)", "--window-size=\(width),\(height)",
                         "--hide-scrollbars", url.absoluteString]
        _ = try runBrowser(arguments)
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? UInt64 ?? 0
        guard size > 0 else {
            throw HeadlessBrowserError(command: commandLine(arguments), problem: "exited without writing \(file.path)", stderr: "")
        }
    }

    /// `dumpDOM` on a thread of its own (see the type's comment).
    public func dumpDOM(of url: URL, virtualTimeBudget ms: Int = 5000) async throws -> String {
        try await Self.onOwnThread { try dumpDOM(of: url, virtualTimeBudget: ms) }
    }

    /// `screenshot` on a thread of its own (see the type's comment).
    public func screenshot(of url: URL, to file: URL, width: Int = 1280, height: Int = 900, virtualTimeBudget ms: Int = 5000) async throws {
        try await Self.onOwnThread { try screenshot(of: url, to: file, width: width, height: height, virtualTimeBudget: ms) }
    }

    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// Runs the browser with the common flags plus `arguments`; returns its stdout.
    func runBrowser(_ arguments: [String]) throws -> Data {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("headless-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        // --no-sandbox: tests run as root in containers, where Chromium's sandbox refuses to start.
        // --disable-dev-shm-usage: containers often have a tiny /dev/shm, which crashes renderers.
        let all = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--user-data-dir=\(profile.path)"] + arguments
        let command = commandLine(all)

        let process = Process()
        process.executableURL = executable
        process.arguments = all
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try Self.withSignalsUnblocked { try process.run() }
        } catch {
            throw HeadlessBrowserError(command: command, problem: "could not start: \(error)", stderr: "")
        }
        // Read both pipes at once: a browser blocked on a full stderr pipe would never finish.
        let stdout = PipeReader(out), stderr = PipeReader(err)

        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = exited.wait(timeout: .now() + 5)
            }
            throw HeadlessBrowserError(command: command, problem: "did not finish within \(timeout); killed it",
                                       stderr: stderr.finish(within: .seconds(2)))
        }
        // Helpers the browser started may hold the pipes a moment longer than the browser itself.
        let output = stdout.finishData(within: .seconds(10))
        let errors = stderr.finish(within: .seconds(2))
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)"
                                                         : "was killed by signal \(process.terminationStatus)"
            throw HeadlessBrowserError(command: command, problem: how, stderr: errors)
        }
        return output
    }

    /// Runs `body` (which starts a child) with no signal blocked on this thread. A child inherits
    /// its parent thread's signal mask, and the test runner's worker threads block nearly every
    /// signal: a browser started from one would ignore the SIGTERM of a timeout.
    static func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t(), saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        return try body()
    }

    func commandLine(_ arguments: [String]) -> String {
        ([executable.path] + arguments).joined(separator: " ")
    }

    /// Drains a pipe on a dispatch thread into a buffer that can be read even if the pipe never
    /// reaches its end.
    final class PipeReader: Sendable {
        let data = Mutex(Data())
        let done = DispatchSemaphore(value: 0)

        init(_ pipe: Pipe) {
            let handle = pipe.fileHandleForReading
            DispatchQueue.global().async { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    data.withLock { $0.append(chunk) }
                }
                done.signal()
            }
        }

        func finishData(within limit: Duration) -> Data {
            _ = done.wait(timeout: .now() + Double(limit.components.seconds))
            return data.withLock { $0 }
        }

        func finish(within limit: Duration) -> String {
            String(decoding: finishData(within: limit), as: UTF8.self)
        }
    }
}

/// A browser run that failed: which command, what happened, and the end of its stderr.
public struct HeadlessBrowserError: Error, CustomStringConvertible {
    public var command: String
    public var problem: String
    /// The browser's whole stderr; the description shows its last lines.
    public var stderr: String

    public var description: String {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true)
        let tail = lines.suffix(20).joined(separator: "\n")
        guard !tail.isEmpty else { return "\(command): \(problem)" }
        return "\(command): \(problem)\nstderr (last \(min(20, lines.count)) of \(lines.count) lines):\n\(tail)"
    }
}
