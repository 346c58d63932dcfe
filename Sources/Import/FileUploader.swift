import Export
import Foundation
import NotionAPI
import NotionModel
import Synchronization

/// An upload that failed, naming the file and what to do.
public struct UploadError: Error, Sendable, CustomStringConvertible {
    /// The file as the caller named it.
    public var file: String
    public var reason: Reason

    public enum Reason: Sendable {
        /// Over the workspace's per-file cap (`workspace_limits.max_file_upload_size_in_bytes`).
        case tooLarge(bytes: Int, limit: Int)
        case unreadable(String)
        case notion(NotionError)
        /// Notion answered, but not with what an upload step returns.
        case unexpected(String)
    }

    public var description: String {
        switch reason {
        case .tooLarge(let bytes, let limit):
            return "\(file) is \(Self.size(bytes)) and this workspace takes files up to \(Self.size(limit)) per upload "
                + "(workspace_limits.max_file_upload_size_in_bytes; 5 MiB is the free plan's cap): upgrade the workspace, "
                + "make the file smaller, or link it from the web instead."
        case .unreadable(let detail):
            return "cannot read \(file): \(detail)"
        case .notion(let error):
            return "uploading \(file): \(error.description)"
        case .unexpected(let detail):
            return "uploading \(file): \(detail)"
        }
    }

    static func size(_ bytes: Int) -> String {
        let mib = Double(bytes) / 1_048_576
        return String(format: "%.1f MiB (%d bytes)", mib, bytes)
    }
}

/// Sends local files through Notion's File Upload API: create → send (→ complete for multi-part).
///
/// One uploader serves a whole import: uploads are keyed by the SHA-256 of the content, so a file
/// used by many pages (or copied under several names) is sent once, and concurrent requests for
/// the same content wait for the one upload. The id it returns is attached with
/// `{"type": "file_upload", "file_upload": {"id": …}}`; attach soon, since Notion expires unattached
/// uploads after an hour.
public final class FileUploader: Sendable {
    /// Notion's sizes (reference §6 File uploads): one part up to 20 MB, else parts of 5–20 MB
    /// (the last may be smaller). Decimal megabytes: below both readings of "MB".
    public struct Sizes: Sendable, Hashable {
        public var singlePartMax = 20_000_000
        public var partMax = 20_000_000
        /// Parts sent at the same time.
        public var partsInFlight = 3
        public init() {}
    }

    let client: NotionClient
    let sizes: Sizes
    let uploads = Mutex<[String: Task<String, any Error>]>([:])
    let limit = Mutex<Task<Int?, any Error>?>(nil)

    public init(client: NotionClient, sizes: Sizes = Sizes()) {
        self.client = client
        self.sizes = sizes
    }

    /// Distinct contents sent (or being sent) so far.
    public var uploadCount: Int { uploads.withLock { $0.count } }

    /// Uploads the file at `url` (named `name` in errors, e.g. the path the Markdown wrote) and
    /// returns the file upload id.
    /// `filename`: the name Notion gives the file (the file's own name when nil), e.g. a backed-up
    /// asset's original name rather than the backup's content-addressed one.
    public func upload(_ url: URL, name: String? = nil, filename: String? = nil) async throws(UploadError) -> String {
        let name = name ?? url.lastPathComponent
        let filename = filename ?? url.lastPathComponent
        let size: Int
        do {
            size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw UploadError(file: name, reason: .unreadable(error.localizedDescription))
        }
        // Refused before the file is read: hashing gigabytes to learn they cannot be sent helps no one.
        if let cap = try await workspaceLimit(for: name), size > cap {
            throw UploadError(file: name, reason: .tooLarge(bytes: size, limit: cap))
        }
        let hash: String
        do {
            hash = try SHA256.hex(ofFileAt: url)
        } catch {
            throw UploadError(file: name, reason: .unreadable(error.localizedDescription))
        }
        let task = uploads.withLock { running in
            if let existing = running[hash] { return existing }
            let task = Task { () async throws -> String in try await self.send(url, name: name, filename: filename, size: size) }
            running[hash] = task
            return task
        }
        do {
            return try await task.value
        } catch let error as UploadError {
            // A failed upload may be retried by a later call.
            uploads.withLock { $0[hash] = nil }
            throw error
        } catch {
            uploads.withLock { $0[hash] = nil }
            throw UploadError(file: name, reason: .unexpected(String(describing: error)))
        }
    }

    /// The bot's per-file cap, read once per uploader (`GET /v1/users/me`); nil when Notion does not say.
    func workspaceLimit(for name: String) async throws(UploadError) -> Int? {
        let task = limit.withLock { current in
            if let current { return current }
            let task = Task { () async throws -> Int? in
                let me = try await self.client.send(.usersMe, subject: .workspace)
                return me["bot"]?["workspace_limits"]?["max_file_upload_size_in_bytes"]?.intValue
            }
            current = task
            return task
        }
        do {
            return try await task.value
        } catch let error as NotionError {
            limit.withLock { $0 = nil }
            throw UploadError(file: name, reason: .notion(error))
        } catch {
            limit.withLock { $0 = nil }
            throw UploadError(file: name, reason: .unexpected(String(describing: error)))
        }
    }

    func send(_ url: URL, name: String, filename: String, size: Int) async throws(UploadError) -> String {
        let type = ContentType.forFilename(filename)
        @Sendable func call(_ endpoint: Endpoint, _ id: String?, body: JSONValue? = nil, form: MultipartForm? = nil) async throws(UploadError) -> JSONValue {
            let parameters = id.map { ["file_upload_id": $0] } ?? [:]
            let subject: NotionSubject = id.map { .fileUpload($0) } ?? .workspace
            do {
                if let form { return try await client.send(endpoint, parameters, form: form, subject: subject) }
                return try await client.send(endpoint, parameters, body: body, subject: subject)
            } catch {
                throw UploadError(file: name, reason: .notion(error))
            }
        }
        /// A step whose answer was lost after it may have landed (a dropped connection, a 5xx): the
        /// client does not repeat such writes, but these are safe to settle here. A created upload
        /// that is never used expires within the hour; a numbered part sent again replaces itself;
        /// a single part or a completion is repeated only if the upload says it did not happen.
        @Sendable func settle(_ endpoint: Endpoint, _ id: String?, body: JSONValue? = nil, form: MultipartForm? = nil,
                    landed: (@Sendable (JSONValue) -> Bool)? = nil) async throws(UploadError) -> JSONValue {
            do {
                return try await call(endpoint, id, body: body, form: form)
            } catch {
                guard case .notion(let notion) = error.reason, case .unsafeToRetry = notion.reason else { throw error }
                if let id, let landed {
                    let upload = try await call(.fileUploadsRetrieve, id)
                    if landed(upload) { return upload }
                }
                return try await call(endpoint, id, body: body, form: form)
            }
        }
        @Sendable func read(_ range: Range<Int>) throws(UploadError) -> Data {
            do {
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                try handle.seek(toOffset: UInt64(range.lowerBound))
                return try handle.read(upToCount: range.count) ?? Data()
            } catch {
                throw UploadError(file: name, reason: .unreadable(error.localizedDescription))
            }
        }
        @Sendable func part(_ data: Data, number: Int?) -> MultipartForm {
            var parts = [MultipartForm.Part(name: "file", filename: filename, contentType: type, data: data)]
            if let number { parts.append(.init(name: "part_number", data: Data(String(number).utf8))) }
            return MultipartForm(parts: parts)
        }

        if size <= sizes.singlePartMax {
            let created = try await settle(.fileUploadsCreate, nil, body: [
                "mode": "single_part", "filename": .string(filename), "content_type": .string(type)])
            guard let id = created["id"]?.stringValue else { throw UploadError(file: name, reason: .unexpected("the created upload has no id.")) }
            let sent = try await settle(.fileUploadsSend, id, form: part(try read(0..<size), number: nil)) { $0["status"] == "uploaded" }
            guard sent["status"] == "uploaded" else {
                throw UploadError(file: name, reason: .unexpected("Notion reports the upload \(id) as \(sent["status"]?.stringValue ?? "?") after sending it."))
            }
            return id
        }
        // Equal parts, as few as the part limit allows: every part but the last is ≥ 10 MB here.
        let count = (size + sizes.partMax - 1) / sizes.partMax
        let partSize = (size + count - 1) / count
        let created = try await settle(.fileUploadsCreate, nil, body: [
            "mode": "multi_part", "filename": .string(filename), "content_type": .string(type), "number_of_parts": .int(count)])
        guard let id = created["id"]?.stringValue else { throw UploadError(file: name, reason: .unexpected("the created upload has no id.")) }
        // Parts in any order (Notion numbers them), a few at a time: each is read when it is sent,
        // so at most `partsInFlight` parts are in memory.
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 1
                func add() {
                    let number = next
                    next += 1
                    group.addTask {
                        let start = (number - 1) * partSize
                        _ = try await settle(.fileUploadsSend, id, form: part(try read(start..<min(size, start + partSize)), number: number))
                    }
                }
                for _ in 0..<min(sizes.partsInFlight, count) { add() }
                while try await group.next() != nil { if next <= count { add() } }
            }
        } catch let error as UploadError {
            throw error
        } catch {
            throw UploadError(file: name, reason: .unexpected(String(describing: error)))
        }
        let completed = try await settle(.fileUploadsComplete, id) { $0["status"] == "uploaded" }
        guard completed["status"] == "uploaded" else {
            throw UploadError(file: name, reason: .unexpected("Notion reports the upload \(id) as \(completed["status"]?.stringValue ?? "?") after completing it."))
        }
        return id
    }
}

/// Content types Notion accepts for uploads, by file extension.
enum ContentType {
    static let byExtension: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "svg": "image/svg+xml", "heic": "image/heic", "tif": "image/tiff", "tiff": "image/tiff", "ico": "image/vnd.microsoft.icon",
        "pdf": "application/pdf", "txt": "text/plain", "md": "text/markdown", "csv": "text/csv", "json": "application/json",
        "xml": "application/xml", "html": "text/html", "zip": "application/zip",
        "mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "m4a": "audio/mp4", "aac": "audio/aac",
        "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
        "doc": "application/msword", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint", "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]

    static func forFilename(_ name: String) -> String {
        byExtension[(name as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
    }
}
