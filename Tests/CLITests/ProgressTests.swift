@testable import CLI
import Foundation
import Synchronization
import Testing

/// The progress line in-process, with its output captured and its timer driven by hand.
@Suite struct ProgressTests {
    final class Capture: Sendable {
        let text = Mutex("")
        var value: String { text.withLock { $0 } }
        func append(_ string: String) { text.withLock { $0 += string } }
    }

    @Test func statusTextShowsPagesOnlyOnceTracked() {
        var counts = Progress.Counts()
        counts.requests = 57
        counts.retries = 2
        counts.waits = 1
        #expect(Progress.statusText(counts) == "requests 57, retries 2, waits 1")
        counts.tracksPages = true
        counts.pagesDone = 12
        #expect(Progress.statusText(counts) == "pages 12, requests 57, retries 2, waits 1")
        counts.pagesTotal = 40
        #expect(Progress.statusText(counts) == "pages 12/40, requests 57, retries 2, waits 1")
    }

    @Test func periodicStyleWritesPlainLines() {
        let capture = Capture()
        let progress = Progress(style: .periodic(interval: .seconds(5)), write: capture.append)
        progress.setTotal(pages: 3)
        progress.pageDone()
        progress.recordRequest(attempt: 1, waited: false)
        progress.recordRequest(attempt: 2, waited: true)
        #expect(capture.value == "")
        progress.tick()
        progress.print("a note")
        progress.finish()
        #expect(capture.value == "progress: pages 1/3, requests 2, retries 1, waits 1\na note\n")
    }

    @Test func liveStyleWithoutColoursRedrawsInPlaceWithoutEscapes() {
        let capture = Capture()
        let progress = Progress(style: .live(colors: false), write: capture.append)
        progress.recordRequest(attempt: 1, waited: false)
        progress.print("GET /v1/users/me 200 3 ms")
        progress.finish()
        let status = "requests 1, retries 0, waits 0"
        let blank = "\r" + String(repeating: " ", count: status.count) + "\r"
        #expect(capture.value == "\r\(status)" + blank + "GET /v1/users/me 200 3 ms\n\r\(status)" + blank)
        #expect(!capture.value.contains("\u{1B}"))
    }

    @Test func liveStyleWithColoursDimsTheStatusLine() {
        let capture = Capture()
        let progress = Progress(style: .live(colors: true), write: capture.append)
        progress.recordRequest(attempt: 1, waited: false)
        progress.finish()
        #expect(capture.value == "\r\u{1B}[2K\u{1B}[2mrequests 1, retries 0, waits 0\u{1B}[0m\r\u{1B}[2K")
    }

    @Test func styleFollowsTheTerminalQuietAndNoColor() {
        #expect(Progress.Style.detect(quiet: true, environment: [:], stderrIsTerminal: true) == .silent)
        #expect(Progress.Style.detect(quiet: false, environment: [:], stderrIsTerminal: false) == .periodic(interval: .seconds(5)))
        #expect(Progress.Style.detect(quiet: false, environment: [:], stderrIsTerminal: true) == .live(colors: true))
        #expect(Progress.Style.detect(quiet: false, environment: ["NO_COLOR": "1"], stderrIsTerminal: true) == .live(colors: false))
        #expect(Progress.Style.detect(quiet: false, environment: ["NO_COLOR": ""], stderrIsTerminal: true) == .live(colors: true))
    }

    @Test func silentStyleStillPrintsLines() {
        let capture = Capture()
        let progress = Progress(style: .silent, write: capture.append)
        progress.recordRequest(attempt: 1, waited: false)
        progress.tick()
        progress.print("error: x")
        #expect(capture.value == "error: x\n")
    }
}
