import Foundation
import SiteServer
import Testing
import TestSupport

/// The plumbing for browser tests: a page served by `StaticSiteServer`, opened in Debian's
/// chromium-headless-shell (`scripts/install-deps --browser`).
@Suite struct HeadlessBrowserTests {
    static let page = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>browser test</title>
        <style>body { font: 32px sans-serif; margin: 40px; } #out { color: #0a0; }</style></head>
        <body><h1>Browser test</h1><p id="out">waiting</p>
        <script>
        fetch("data/message.json")
          .then(response => response.json())
          .then(data => { document.getElementById("out").textContent = "fetched: " + data.message; });
        </script>
        </body></html>
        """

    /// Serves the page and its JSON from a temp folder for the duration of `body`.
    static func withServedPage(_ body: (URL, URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "browser-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appending(path: "site")
        try FileManager.default.createDirectory(at: root.appending(path: "data"), withIntermediateDirectories: true)
        try Data(page.utf8).write(to: root.appending(path: "index.html"))
        try Data(#"{"message": "hello from the server"}"#.utf8).write(to: root.appending(path: "data/message.json"))
        let server = try await StaticSiteServer(root: root, port: 0).start()
        do {
            try await body(server.baseURL, folder)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func scriptsRunAndFetchBeforeTheDOMIsDumped() async throws {
        let browser = try HeadlessBrowser.find()
        try await Self.withServedPage { url, _ in
            let dom = try await browser.dumpDOM(of: url)
            #expect(dom.contains(#"<p id="out">fetched: hello from the server</p>"#), "\(dom)")
        }
    }

    @Test func screenshotsArePNGFiles() async throws {
        let browser = try HeadlessBrowser.find()
        try await Self.withServedPage { url, folder in
            let file = folder.appending(path: "shot.png")
            try await browser.screenshot(of: url, to: file, width: 800, height: 600)
            let data = try Data(contentsOf: file)
            #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(data.count > 2_000)
            // IHDR right after the signature: width and height, big-endian.
            #expect(data[16..<24] == Data([0, 0, 0x03, 0x20, 0, 0, 0x02, 0x58]))
        }
    }

    @Test func aFailingRunNamesTheCommandAndShowsStderr() throws {
        let browser = HeadlessBrowser(executable: URL(fileURLWithPath: "/bin/sh"))
        // sh rejects the browser's flags: a stand-in for a browser that fails.
        #expect {
            _ = try browser.dumpDOM(of: URL(string: "http://127.0.0.1:1/")!)
        } throws: { error in
            let description = String(describing: error)
            return description.hasPrefix("/bin/sh --headless --no-sandbox") && description.contains("exited with status 2")
                && description.contains("stderr (last 1 of 1 lines):\n")
        }
    }
}

extension HeadlessBrowserTests {
    @Test func aBrowserThatHangsIsKilledAtTheTimeout() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "hang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appending(path: "hang")
        try Data("#!/bin/sh\necho starting >&2\nexec sleep 30\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let browser = HeadlessBrowser(executable: script, timeout: .milliseconds(300))
        #expect {
            _ = try browser.dumpDOM(of: URL(string: "http://127.0.0.1:1/")!)
        } throws: { error in
            let description = String(describing: error)
            return description.contains("did not finish within 0.3 seconds; killed it") && description.hasSuffix("\nstarting")
        }
    }
}
