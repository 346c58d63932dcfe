import Foundation
import NotionAPI
import Synchronization

/// Progress on stderr: on a terminal, one status line redrawn in place ("pages 12/40, requests 57,
/// retries 2, waits 1"); elsewhere (CI logs), a plain line every few seconds, because carriage
/// returns turn a log into one unreadable line. Other stderr lines (notes, errors, `--verbose`
/// request lines) go through `print(_:)`, which moves the status line out of their way.
///
/// whoami and api show request counts; export and backup add pages done / total.
final class Progress: Sendable {
    enum Style: Sendable, Equatable {
        /// A status line updated in place (stderr is a terminal). `colors`: dim the status line
        /// and colour `error:` (off under NO_COLOR).
        case live(colors: Bool)
        /// A plain status line every `interval` (stderr is a file or a pipe).
        case periodic(interval: Duration)
        /// No status at all (`--quiet`); printed lines still appear.
        case silent

        /// The style for this process: live on a TTY, periodic otherwise, silent when quiet.
        static func detect(quiet: Bool, environment: [String: String], stderrIsTerminal: Bool = isatty(2) == 1) -> Style {
            if quiet { return .silent }
            guard stderrIsTerminal else { return .periodic(interval: .seconds(5)) }
            // https://no-color.org: any non-empty value turns colours off.
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return .live(colors: !noColor && environment["TERM"] != "dumb")
        }

        var colors: Bool { if case .live(true) = self { true } else { false } }
    }

    struct Counts: Sendable, Equatable {
        var pagesDone = 0
        var pagesTotal: Int?
        var tracksPages = false
        /// The export stage running now ("fetch tree", "render"), shown first.
        var stage: String?
        var requests = 0
        var retries = 0
        /// Pauses after 429/529 (Retry-After or back-off).
        var waits = 0
    }

    struct State {
        var counts = Counts()
        /// Width of the status line on screen (0: none drawn).
        var drawnWidth = 0
        var lastDraw: ContinuousClock.Instant?
        var timer: Task<Void, Never>?
        /// Stages entered with `enter(_:)`, in order, and when.
        var stages: [(name: String, started: ContinuousClock.Instant)] = []
    }

    let style: Style
    let write: @Sendable (String) -> Void
    let state = Mutex(State())

    /// `write` receives finished text for stderr (tests capture it).
    init(style: Style, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.style = style
        self.write = write
    }

    var counts: Counts { state.withLock { $0.counts } }

    /// Starts the redraw (live) or periodic-line timer.
    func start() {
        let interval: Duration
        switch style {
        case .live: interval = .milliseconds(250)
        case .periodic(let every): interval = every
        case .silent: return
        }
        let timer = Task { [weak self] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                self?.tick()
            }
        }
        state.withLock { $0.timer = timer }
    }

    /// Stops the timer and clears the status line.
    func finish() {
        let text: String? = state.withLock { state in
            state.timer?.cancel()
            state.timer = nil
            defer { state.drawnWidth = 0 }
            return state.drawnWidth > 0 ? clearSequence(width: state.drawnWidth) : nil
        }
        if let text { write(text) }
    }

    // MARK: Counting

    /// The number of pages to do, when known (export and backup learn it after discovery).
    func setTotal(pages: Int?) {
        state.withLock { $0.counts.pagesTotal = pages; $0.counts.tracksPages = true }
        redrawIfDue()
    }

    func pageDone(_ count: Int = 1) {
        state.withLock { $0.counts.pagesDone += count; $0.counts.tracksPages = true }
        redrawIfDue()
    }

    /// Names the stage now running, with what it has so far ("fetch tree: 12 pages, 40 block lists").
    func stage(_ text: String) {
        state.withLock { $0.counts.stage = text }
        redrawIfDue()
    }

    /// Starts a named stage of the run: shown on the status line and timed for the report.
    func enter(_ stage: String) {
        state.withLock {
            $0.counts.stage = stage
            $0.stages.append((stage, ContinuousClock.now))
        }
        redrawIfDue()
    }

    /// Seconds spent in each stage entered so far, in order (the last one runs until now).
    /// A stage entered twice counts once, with both spans.
    func stageSeconds(until end: ContinuousClock.Instant = .now) -> [(stage: String, seconds: Double)] {
        let stages = state.withLock { $0.stages }
        var result: [(stage: String, seconds: Double)] = []
        for (index, stage) in stages.enumerated() {
            let stop = index + 1 < stages.count ? stages[index + 1].started : end
            let span = stop - stage.started
            let seconds = Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18
            if let at = result.firstIndex(where: { $0.stage == stage.name }) { result[at].seconds += seconds } else { result.append((stage.name, seconds)) }
        }
        return result
    }

    /// Called by the client's observer for every attempt.
    func record(_ event: NotionClient.RequestEvent) {
        recordRequest(attempt: event.attempt, waited: event.retry != nil && (event.status == 429 || event.status == 529))
    }

    /// `waited`: the answer paused the run (429/529 with Retry-After or back-off).
    func recordRequest(attempt: Int, waited: Bool) {
        state.withLock {
            $0.counts.requests += 1
            if attempt > 1 { $0.counts.retries += 1 }
            if waited { $0.counts.waits += 1 }
        }
        redrawIfDue()
    }

    // MARK: Output

    /// The status text, e.g. "pages 12/40, requests 57, retries 2, waits 1".
    static func statusText(_ counts: Counts) -> String {
        var parts: [String] = []
        if let stage = counts.stage { parts.append(stage) }
        if counts.tracksPages {
            parts.append("pages \(counts.pagesDone)" + (counts.pagesTotal.map { "/\($0)" } ?? ""))
        }
        parts.append("requests \(counts.requests)")
        parts.append("retries \(counts.retries)")
        parts.append("waits \(counts.waits)")
        return parts.joined(separator: ", ")
    }

    /// Prints a whole line on stderr (a note, an error, a verbose request line) above the status.
    func print(_ line: String) {
        state.withLock { state in
            var text = state.drawnWidth > 0 ? clearSequence(width: state.drawnWidth) : ""
            state.drawnWidth = 0
            text += line + "\n"
            if case .live = style, state.lastDraw != nil {
                text += draw(&state)
            }
            write(text)
        }
    }

    /// One timer step: redraw the live line, or print the periodic one.
    func tick() {
        switch style {
        case .live:
            let text = state.withLock { draw(&$0) }
            write(text)
        case .periodic:
            write("progress: " + Self.statusText(counts) + "\n")
        case .silent:
            break
        }
    }

    /// Live lines redraw at most ten times a second; the timer catches up the rest.
    func redrawIfDue() {
        guard case .live = style else { return }
        let text: String? = state.withLock { state in
            if let last = state.lastDraw, ContinuousClock.now - last < .milliseconds(100) { return nil }
            return draw(&state)
        }
        if let text { write(text) }
    }

    /// Carriage return, the status, and padding over a longer previous line (no escape codes
    /// without colours, so NO_COLOR output holds none).
    func draw(_ state: inout State) -> String {
        let status = Self.statusText(state.counts)
        state.lastDraw = .now
        defer { state.drawnWidth = status.count }
        if style.colors { return "\r\u{1B}[2K\u{1B}[2m\(status)\u{1B}[0m" }
        return "\r" + status + String(repeating: " ", count: max(0, state.drawnWidth - status.count))
    }

    func clearSequence(width: Int) -> String {
        style.colors ? "\r\u{1B}[2K" : "\r" + String(repeating: " ", count: width) + "\r"
    }
}
