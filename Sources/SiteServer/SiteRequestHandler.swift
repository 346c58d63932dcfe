import FlyingFox
import Foundation

/// Answers one request from the site folder: GET and HEAD only, files under the root only.
///
/// Every response says `Connection: close` (FlyingFox writes headers and body separately without
/// `TCP_NODELAY`, so a kept-alive connection stalls about 43 ms per request, toolchain.md §3;
/// clients close on the header, while FlyingFox itself would wait for another request) and
/// `Cache-Control: no-cache` (a preview must show the latest build after a rebuild).
struct SiteRequestHandler: HTTPHandler {
    /// The root's real path (symlinks resolved), without a trailing slash.
    let root: String

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        respond(to: request)
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let isHead = request.method == .HEAD
        guard request.method == .GET || isHead else {
            var response = textResponse(.methodNotAllowed, "405 method not allowed: only GET and HEAD\n", isHead: false)
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let target = request.target.rawValue
        let path = target.prefix { $0 != "?" }
        let query = target.dropFirst(path.count + 1)
        switch resolve(String(path)) {
        case .file(let file):
            return fileResponse(file, request: request, isHead: isHead)
        case .redirect(let location):
            let location = query.isEmpty ? location : location + "?" + query
            var response = textResponse(.movedPermanently, "moved to \(location)\n", isHead: isHead)
            response.headers[.location] = location
            return response
        case .notFound:
            return notFound(isHead: isHead)
        case .badRequest:
            return textResponse(.badRequest, "400 bad request: the path is not valid percent-encoded UTF-8\n", isHead: isHead)
        }
    }

    enum Resolution: Equatable {
        /// A regular file's real path, inside the root.
        case file(String)
        /// The directory's URL path with a trailing slash.
        case redirect(String)
        case notFound
        case badRequest
    }

    /// Maps a request path (percent-encoded, without the query) to what to answer.
    ///
    /// Traversal is refused twice: any `..` component after decoding (so `%2e%2e` and `..%2f`
    /// count), and any file whose real path lies outside the root (a symlink pointing out).
    func resolve(_ rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/"), let decoded = rawPath.removingPercentEncoding else { return .badRequest }
        guard !decoded.contains("\0") else { return .badRequest }
        let parts = decoded.split(separator: "/").map(String.init)
        guard !parts.contains("..") else { return .notFound }
        let components = parts.filter { $0 != "." }
        let wantsDirectory = decoded.hasSuffix("/")
        let candidate = ([root] + components).joined(separator: "/")

        switch entry(at: candidate) {
        case .directory(let real):
            guard wantsDirectory else { return .redirect(Self.urlPath(components) + "/") }
            if case .file(let index) = entry(at: real + "/index.html") { return .file(index) }
            return .notFound
        case .file(let real):
            return wantsDirectory ? .notFound : .file(real)
        case .none:
            // Pretty URLs: /guide serves guide.html when there is no guide or guide/.
            if !wantsDirectory, !components.isEmpty, case .file(let real) = entry(at: candidate + ".html") {
                return .file(real)
            }
            return .notFound
        }
    }

    enum Entry {
        case file(String)
        case directory(String)
    }

    /// What is at `path` once symlinks are resolved, if it exists inside the root.
    func entry(at path: String) -> Entry? {
        guard let real = Self.realPath(path), contains(real) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .directory(real) : .file(real)
    }

    func contains(_ real: String) -> Bool {
        real == root || real.hasPrefix(root == "/" ? "/" : root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Components re-encoded for a `Location`, built from the decoded parts rather than echoed, so
    /// that `//host` can never become a redirect to another site.
    static func urlPath(_ components: [String]) -> String {
        "/" + components.map { $0.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? $0 }.joined(separator: "/")
    }

    static let segmentAllowed = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@")

    func fileResponse(_ file: String, request: HTTPRequest, isHead: Bool) -> HTTPResponse {
        let url = URL(fileURLWithPath: file)
        guard let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? UInt64 else {
            return notFound(isHead: isHead)
        }
        let fileSize = Int(size)
        var headers = Self.commonHeaders
        headers[.contentType] = ContentType.forFile(named: url.lastPathComponent)
        headers[.acceptRanges] = "bytes"

        var status = HTTPStatusCode.ok
        var range = 0..<fileSize
        switch ByteRange(header: request.headers[.range], fileSize: fileSize) {
        case .satisfiable(let requested)?:
            status = .partialContent
            range = requested
            headers[.contentRange] = "bytes \(requested.lowerBound)-\(requested.upperBound - 1)/\(fileSize)"
        case .unsatisfiable?:
            var response = textResponse(.rangeNotSatisfiable, "416 range not satisfiable: the file has \(fileSize) bytes\n", isHead: isHead)
            response.headers[.contentRange] = "bytes */\(fileSize)"
            return response
        case nil:
            break
        }
        headers[.contentLength] = String(range.count)
        if isHead { return HTTPResponse(statusCode: status, headers: headers) }
        do {
            let body = try HTTPBodySequence(file: url, range: range, suggestedBufferSize: 64 * 1024)
            return HTTPResponse(statusCode: status, headers: headers, body: body)
        } catch {
            return notFound(isHead: isHead)
        }
    }

    /// 404 with the site's own 404.html when it has one.
    func notFound(isHead: Bool) -> HTTPResponse {
        if case .file(let page) = entry(at: root + "/404.html"), let body = FileManager.default.contents(atPath: page) {
            var headers = Self.commonHeaders
            headers[.contentType] = ContentType.html
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: .notFound, headers: headers, body: isHead ? Data() : body)
        }
        return textResponse(.notFound, "404 not found\n", isHead: isHead)
    }

    func textResponse(_ status: HTTPStatusCode, _ text: String, isHead: Bool) -> HTTPResponse {
        let body = Data(text.utf8)
        var headers = Self.commonHeaders
        headers[.contentType] = ContentType.plainText
        headers[.contentLength] = String(body.count)
        return HTTPResponse(statusCode: status, headers: headers, body: isHead ? Data() : body)
    }

    static let commonHeaders: HTTPHeaders = [.connection: "close", .cacheControl: "no-cache"]
}
