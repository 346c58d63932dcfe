import Foundation
@testable import SiteServer
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small built site in a temp folder, beside a folder outside it that symlinks point into.
struct SiteFixture {
    let folder: URL
    var root: URL { folder.appending(path: "site") }
    var outside: URL { folder.appending(path: "outside") }
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<200).map { UInt8($0) })

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "serve-\(UUID().uuidString)")
        let files: [String: Data] = [
            "site/index.html": Data("<h1>home</h1>\n".utf8),
            "site/a/index.html": Data("<h1>a</h1>\n".utf8),
            "site/guide.html": Data("<h1>guide</h1>\n".utf8),
            "site/404.html": Data("<h1>lost</h1>\n".utf8),
            "site/style.css": Data("body { color: red }\n".utf8),
            "site/img.png": Self.png,
            "site/notes.unknownext": Data("?".utf8),
            "outside/secret.txt": Data("top secret\n".utf8),
        ]
        for (path, data) in files {
            let url = folder.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appending(path: "leak.txt").path, withDestinationPath: outside.appending(path: "secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: root.appending(path: "linked").path, withDestinationPath: "../outside")
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// The fixture served in-process on a free port for the duration of `body`.
func withServedSite(root: KeyPath<SiteFixture, URL> = \.root, _ body: (SiteFixture, StaticSiteServer.Listening) async throws -> Void) async throws {
    let fixture = try SiteFixture()
    defer { fixture.remove() }
    let listening = try await StaticSiteServer(root: fixture[keyPath: root], port: 0).start()
    do {
        try await body(fixture, listening)
    } catch {
        await listening.stop()
        throw error
    }
    await listening.stop()
}

/// One request written byte for byte on a socket, and the whole answer. URLSession would
/// normalize `..` segments away before sending them. The request says `Connection: close`
/// because FlyingFox keeps an HTTP/1.1 connection open until the client closes it, even after
/// answering `Connection: close` (clients, browsers included, close on that header).
struct RawHTTP: Sendable {
    struct Response: Sendable {
        var status: Int
        /// Lowercased names.
        var headers: [String: String]
        var body: Data
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// On a thread of its own: the blocking socket calls must not hold one of the cooperative
    /// threads the in-process server answers on.
    static func send(_ requestLine: String, headers: [String] = [], port: UInt16) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try sendBlocking(requestLine, headers: headers, port: port) }) }.start()
        }
    }

    static func sendBlocking(_ requestLine: String, headers: [String], port: UInt16) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        // Generous: the in-process server answers on the cooperative threads, which other tests
        // running at the same time may hold while they wait for a subprocess; the answer then
        // comes late, not wrong.
        var timeout = timeval(tv_sec: 180, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port) failed") }
        let request = Array(([requestLine, "Host: 127.0.0.1:\(port)", "Connection: close"] + headers + ["", ""]).joined(separator: "\r\n").utf8)
        guard request.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == request.count else {
            throw Failure(description: "short write")
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw Failure(description: "read failed or timed out after \(received.count) bytes") }
            if count == 0 { break }
            received.append(contentsOf: buffer[..<count])
        }
        guard let end = received.firstRange(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no header in \(String(decoding: received, as: UTF8.self))")
        }
        let head = String(decoding: received[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: fields, body: Data(received[end.upperBound...]))
    }
}

func httpRequest(_ url: URL, method: String = "GET", headers: [String: String] = [:]) async throws -> (Data, HTTPURLResponse) {
    var request = URLRequest(url: url)
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    return (data, try #require(response as? HTTPURLResponse))
}

@Suite struct ServeTests {
    @Test(arguments: [
        ("", "<h1>home</h1>\n", "text/html; charset=utf-8"),
        ("a/", "<h1>a</h1>\n", "text/html; charset=utf-8"),
        ("guide", "<h1>guide</h1>\n", "text/html; charset=utf-8"),
        ("guide.html", "<h1>guide</h1>\n", "text/html; charset=utf-8"),
        ("style.css", "body { color: red }\n", "text/css; charset=utf-8"),
        ("notes.unknownext", "?", "application/octet-stream"),
    ])
    func servesFilesWithTheirContentType(path: String, body: String, contentType: String) async throws {
        try await withServedSite { _, server in
            let (data, response) = try await httpRequest(server.baseURL.appending(path: path))
            #expect(response.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == body)
            #expect(response.value(forHTTPHeaderField: "Content-Type") == contentType)
            #expect(response.value(forHTTPHeaderField: "Content-Length") == String(data.count))
            #expect(response.value(forHTTPHeaderField: "Cache-Control") == "no-cache")
            #expect(response.value(forHTTPHeaderField: "Connection") == "close")
        }
    }

    @Test func servesBinaryFilesByteForByte() async throws {
        try await withServedSite { _, server in
            let (data, response) = try await httpRequest(server.baseURL.appending(path: "img.png"))
            #expect(response.statusCode == 200)
            #expect(data == SiteFixture.png)
            #expect(response.value(forHTTPHeaderField: "Content-Type") == "image/png")
        }
    }

    @Test func aFolderWithoutTheSlashRedirectsKeepingTheQuery() async throws {
        try await withServedSite { _, server in
            let redirect = try await RawHTTP.send("GET /a?x=1&y=%20 HTTP/1.1", port: server.port)
            #expect(redirect.status == 301)
            #expect(redirect.headers["location"] == "/a/?x=1&y=%20")
            #expect(redirect.headers["connection"] == "close")
            // Built from the path's parts, so `//host` can never send the browser to another site.
            let doubleSlash = try await RawHTTP.send("GET //a HTTP/1.1", port: server.port)
            #expect(doubleSlash.headers["location"] == "/a/")
            let root = try await RawHTTP.send("GET /a/ HTTP/1.1", port: server.port)
            #expect(root.status == 200)
            #expect(String(decoding: root.body, as: UTF8.self) == "<h1>a</h1>\n")
        }
    }

    @Test func aMissingFileGetsTheSites404Page() async throws {
        try await withServedSite { _, server in
            for path in ["nope", "a/nope.html", "style.css/"] {
                let (data, response) = try await httpRequest(server.baseURL.appending(path: path))
                #expect(response.statusCode == 404, "\(path)")
                #expect(String(decoding: data, as: UTF8.self) == "<h1>lost</h1>\n", "\(path)")
                #expect(response.value(forHTTPHeaderField: "Content-Type") == "text/html; charset=utf-8")
            }
        }
    }

    @Test func aMissingFileInASiteWithout404PageGetsPlainText() async throws {
        try await withServedSite(root: \.outside) { _, server in
            let (data, response) = try await httpRequest(server.baseURL.appending(path: "nope"))
            #expect(response.statusCode == 404)
            #expect(String(decoding: data, as: UTF8.self) == "404 not found\n")
            #expect(response.value(forHTTPHeaderField: "Content-Type") == "text/plain; charset=utf-8")
        }
    }

    @Test func headSendsTheHeadersWithoutTheBody() async throws {
        try await withServedSite { _, server in
            let (data, response) = try await httpRequest(server.baseURL.appending(path: "style.css"), method: "HEAD")
            #expect(response.statusCode == 200)
            #expect(data.isEmpty)
            #expect(response.value(forHTTPHeaderField: "Content-Length") == "20")
            // On the wire too: nothing after the header.
            let raw = try await RawHTTP.send("HEAD /img.png HTTP/1.1", port: server.port)
            #expect(raw.status == 200)
            #expect(raw.headers["content-length"] == String(SiteFixture.png.count))
            #expect(raw.body.isEmpty)
        }
    }

    @Test(arguments: [
        "/../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/a/..%2f..%2fetc/passwd",
        "/a/%2E%2E/%2E%2E/outside/secret.txt",
        "/leak.txt",
        "/linked/secret.txt",
        "/linked/",
    ])
    func nothingOutsideTheFolderIsServed(path: String) async throws {
        try await withServedSite { _, server in
            let response = try await RawHTTP.send("GET \(path) HTTP/1.1", port: server.port)
            #expect(response.status == 404)
            #expect(String(decoding: response.body, as: UTF8.self) == "<h1>lost</h1>\n")
        }
    }

    @Test func onlyGetAndHeadAreAllowed() async throws {
        try await withServedSite { fixture, server in
            for method in ["POST", "PUT", "DELETE"] {
                let (data, response) = try await httpRequest(server.baseURL.appending(path: "style.css"), method: method)
                #expect(response.statusCode == 405, "\(method)")
                #expect(response.value(forHTTPHeaderField: "Allow") == "GET, HEAD")
                #expect(String(decoding: data, as: UTF8.self) == "405 method not allowed: only GET and HEAD\n")
            }
            #expect(FileManager.default.fileExists(atPath: fixture.root.appending(path: "style.css").path))
        }
    }

    @Test func aRangeRequestGetsThoseBytes() async throws {
        try await withServedSite { _, server in
            let url = server.baseURL.appending(path: "img.png")
            let size = SiteFixture.png.count
            let (part, response) = try await httpRequest(url, headers: ["Range": "bytes=8-15"])
            #expect(response.statusCode == 206)
            #expect(part == SiteFixture.png[8...15])
            #expect(response.value(forHTTPHeaderField: "Content-Range") == "bytes 8-15/\(size)")
            #expect(response.value(forHTTPHeaderField: "Content-Length") == "8")
            #expect(response.value(forHTTPHeaderField: "Accept-Ranges") == "bytes")

            let (tail, open) = try await httpRequest(url, headers: ["Range": "bytes=200-"])
            #expect(open.statusCode == 206)
            #expect(tail == SiteFixture.png[200...])
            #expect(open.value(forHTTPHeaderField: "Content-Range") == "bytes 200-\(size - 1)/\(size)")

            let (_, beyond) = try await httpRequest(url, headers: ["Range": "bytes=\(size)-"])
            #expect(beyond.statusCode == 416)
            #expect(beyond.value(forHTTPHeaderField: "Content-Range") == "bytes */\(size)")
        }
    }

    @Test(arguments: [
        ("bytes=0-9", ByteRange.satisfiable(0..<10)),
        ("bytes=5-", .satisfiable(5..<100)),
        ("bytes=90-200", .satisfiable(90..<100)),
        ("bytes=-10", .satisfiable(90..<100)),
        ("bytes=-500", .satisfiable(0..<100)),
        ("bytes=100-", .unsatisfiable),
        ("bytes=-0", .unsatisfiable),
    ])
    func byteRanges(header: String, expected: ByteRange) {
        #expect(ByteRange(header: header, fileSize: 100) == expected)
    }

    @Test(arguments: ["", "bytes=", "bytes=9-5", "bytes=0-1,5-6", "items=0-5", "bytes=a-b", "bytes=--5"])
    func byteRangesThatAreIgnored(header: String) {
        #expect(ByteRange(header: header, fileSize: 100) == nil)
    }

    @Test func aPortInUseIsNamed() async throws {
        try await withServedSite { fixture, server in
            await #expect(throws: StaticSiteServerError.portInUse(host: "127.0.0.1", port: server.port)) {
                _ = try await StaticSiteServer(root: fixture.root, port: server.port).start()
            }
            // The command line's sentence (its own process: nothing here waits on this server).
            let result = try BuiltBinary.run(["serve", fixture.root.path, "--port", String(server.port)])
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr == "error: port \(server.port) on 127.0.0.1 is already in use. Stop what is using it, or pick another port with --port (--port 0 picks a free one).\n")
        }
    }
}

/// `notion-export serve` as a user runs it.
@Suite struct ServeCommandTests {
    @Test func printsTheListeningLineServesAndStopsOnSIGTERM() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let process = Process()
        process.executableURL = BuiltBinary.url
        process.arguments = ["serve", fixture.root.path, "--port", "0"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }

        var buffer = Data()
        while !buffer.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self)
        let match = try #require(line.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)\/\n/))
        let port = try #require(Int(match.1))
        #expect(port > 0)

        let (data, response) = try await httpRequest(try #require(URL(string: "http://127.0.0.1:\(port)/guide")))
        #expect(response.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == "<h1>guide</h1>\n")

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        // Exactly one line on stdout, nothing on stderr.
        #expect(out.fileHandleForReading.readDataToEndOfFile().isEmpty)
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "")
    }

    @Test func aMissingFolderIsAUsageError() throws {
        let result = try BuiltBinary.run(["serve", "/nonexistent/site-out"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == "error: serve /nonexistent/site-out: no such folder. Build the site first with `notion-export site`, then serve the folder it wrote.\n")
    }

    @Test func aFileIsNotASiteFolder() throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let file = fixture.root.appending(path: "index.html").path
        let result = try BuiltBinary.run(["serve", file])
        #expect(result.status == 64)
        #expect(result.stderr == "error: serve \(file): not a folder. Give the folder the site was built into (the one holding index.html).\n")
    }

    @Test func aHostNameIsRefused() throws {
        let result = try BuiltBinary.run(["serve", "/", "--host", "example.com"])
        #expect(result.status == 64)
        #expect(result.stderr == "error: --host example.com: not an IPv4 or IPv6 address. Use 127.0.0.1 (the default), ::1, 0.0.0.0 or localhost.\n")
    }
}
