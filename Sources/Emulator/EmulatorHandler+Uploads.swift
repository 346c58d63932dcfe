import Foundation
import NotionAPI
import NotionModel

extension EmulatorHandler {
    func uploadURL(_ id: NotionID, _ tail: String) -> String {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/v1/file_uploads/\(id.rawValue)/\(tail)"
    }

    func createUpload(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let request = try FileUploadRequests.create(body: c.body, version: c.version)
        var filename = request.filename
        var contentType = request.contentType
        if contentType == nil, let name = filename { contentType = MIMEType.forPath(name) }
        if let name = filename, (name as NSString).pathExtension.isEmpty, let type = contentType, let ext = MIMEType.ext(for: type) {
            filename = "\(name).\(ext)"
        }
        let id = s.ids.next(.fileUpload)
        let now = JSONValue.string(NotionTime.minute(c.now))
        // Key order as recorded (test_file_uploads_create*.yaml).
        var upload: JSONValue = [
            "object": "file_upload", "id": .string(id.rawValue), "created_time": now,
            "created_by": ["id": s.content.bot["id"] ?? .null, "type": "bot"], "last_edited_time": now,
            "expiry_time": .string(NotionTime.minute(c.now.addingTimeInterval(3600))),
            "upload_url": .string(uploadURL(id, "send")), "in_trash": false, "status": "pending",
            "filename": filename.map { .string($0) } ?? .null, "content_type": contentType.map { .string($0) } ?? .null,
            "content_length": nil,
        ]
        var record = WorkspaceSnapshot.UploadRecord(json: upload)
        switch request.mode {
        case "multi_part":
            upload["number_of_parts"] = ["total": .int(request.numberOfParts ?? 1), "sent": 0]
            upload["complete_url"] = .string(uploadURL(id, "complete"))
        case "external_url":
            // Recorded: the create response is `pending` with an `upload_url` and no `file_import_result`;
            // Notion then imports the URL asynchronously. The emulator completes the import when the
            // next request arrives (`finishPendingImports`).
            record.externalURL = request.externalURL
            s.pendingImports.append(id)
        default:
            break
        }
        record.json = upload
        s.content.fileUploads[id] = record
        s.content.uploadOrder.append(id)
        return s.renderUpload(id, c.shaping)
    }

    /// Completes the asynchronous import of `external_url` uploads created by earlier requests.
    /// The emulator cannot fetch the URL, so it stores no bytes: the upload reports `uploaded` with
    /// `file_import_result.type = "success"` and `content_length: null`, and attaching it yields an
    /// `external` file object pointing at the original URL (see `StateLookup.uploadedFile`) rather
    /// than a Notion-hosted `file` one — the only usable object without the bytes.
    static func finishPendingImports(now: Date, _ s: inout WorkspaceState) {
        for id in s.pendingImports {
            guard var record = s.content.fileUploads[id], record.json["status"]?.stringValue == "pending" else { continue }
            record.json["status"] = "uploaded"
            record.json["upload_url"] = nil
            record.json["last_edited_time"] = .string(NotionTime.minute(now))
            record.json["file_import_result"] = ["imported_time": .string(NotionTime.minuteMillis(now)), "type": "success", "success": [:]]
            s.content.fileUploads[id] = record
        }
        s.pendingImports = []
    }

    func uploadRecord(_ c: Context, _ s: inout WorkspaceState) throws -> NotionID {
        let id = Self.pathID(c, "file_upload_id")
        guard s.content.fileUploads[id] != nil else { throw Self.notFound("file upload", id.rawValue, c) }
        return id
    }

    func retrieveUpload(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        s.renderUpload(try uploadRecord(c, &s), c.shaping)
    }

    func listUploads(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let status = c.first("status")
        if let status, !["pending", "uploaded", "expired", "failed"].contains(status) {
            throw NotionAPIError.validation(
                "query failed validation: query.status should be `\"pending\"`, `\"uploaded\"`, `\"expired\"`, or `\"failed\"`, instead was `\"\(status)\"`.")
        }
        // Newest first, as recorded.
        let uploads = s.content.uploadOrder.reversed().map { s.renderUpload($0, c.shaping) }
            .filter { status == nil || $0["status"]?.stringValue == status }
        let page = try Self.page(uploads, id: { $0["id"]?.stringValue ?? "" }, cursor: Self.startCursor(c, inBody: false),
                                 size: Self.pageSize(c, inBody: false))
        return Self.list(page.items, next: page.next, type: "file_upload")
    }

    func sendUpload(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = try uploadRecord(c, &s)
        let current = s.renderUpload(id, c.shaping)
        guard current["status"]?.stringValue == "pending" else {
            throw NotionAPIError.validation("File upload is not in the pending state; its status is \(current["status"]?.stringValue ?? "").")  // unverified wording
        }
        guard c.contentType.lowercased().hasPrefix("multipart/form-data"),
              let parts = Multipart.parse(c.rawBody, contentType: c.contentType),
              let file = parts.first(where: { $0.name == "file" }) else {
            throw NotionAPIError.validation("body failed validation: body.file should be defined, instead was `undefined`.")
        }
        var record = s.content.fileUploads[id]!
        let maxSize = s.content.bot["bot"]?["workspace_limits"]?["max_file_upload_size_in_bytes"]?.intValue ?? 5_242_880
        if let total = record.json["number_of_parts"]?["total"]?.intValue {
            guard let numberText = parts.first(where: { $0.name == "part_number" }).map({ String(decoding: $0.data, as: UTF8.self) }),
                  let number = Int(numberText.trimmingCharacters(in: .whitespacesAndNewlines)), (1...total).contains(number) else {
                throw NotionAPIError.validation("body failed validation: body.part_number should be defined, instead was `undefined`.")
            }
            // Parts are 5–20 MB, the last one may be smaller (reference §6).
            if file.data.count > UploadLimits.partMax {
                throw NotionAPIError.validation("Part \(number) is \(file.data.count) bytes; parts of a multi-part upload must be at most \(UploadLimits.partMax) bytes.")  // unverified wording
            }
            if number < total, file.data.count < UploadLimits.partMin {
                throw NotionAPIError.validation("Part \(number) is \(file.data.count) bytes; every part but the last must be at least \(UploadLimits.partMin) bytes.")  // unverified wording
            }
            let othersSize = record.parts.filter { $0.key != number }.reduce(0) { $0 + $1.value.count }
            if othersSize + file.data.count > maxSize {
                throw NotionAPIError.validation("The file size exceeds the limit of \(maxSize) bytes for this workspace.")  // unverified wording
            }
            record.parts[number] = file.data
            record.json["number_of_parts"]?["sent"] = .int(record.parts.count)
        } else {
            if file.data.count > maxSize {
                throw NotionAPIError.validation("The file size exceeds the limit of \(maxSize) bytes for this workspace.")  // unverified wording
            }
            if file.data.count > UploadLimits.singlePartMax {
                throw NotionAPIError.validation("The file is \(file.data.count) bytes; a single-part upload takes at most \(UploadLimits.singlePartMax) bytes. Use mode \"multi_part\".")  // unverified wording
            }
            finishUpload(&record, id: id, data: file.data, fallbackName: file.filename, fallbackType: file.contentType, &s)
        }
        record.json["last_edited_time"] = .string(NotionTime.minute(c.now))
        s.content.fileUploads[id] = record
        return s.renderUpload(id, c.shaping)
    }

    func finishUpload(_ record: inout WorkspaceSnapshot.UploadRecord, id: NotionID, data: Data, fallbackName: String?,
                      fallbackType: String?, _ s: inout WorkspaceState) {
        if record.json["filename"] == nil || record.json["filename"] == .null { record.json["filename"] = .string(fallbackName ?? "file") }
        if record.json["content_type"] == nil || record.json["content_type"] == .null {
            record.json["content_type"] = .string(fallbackType ?? MIMEType.forPath(record.json["filename"]?.stringValue ?? ""))
        }
        record.json["status"] = "uploaded"
        record.json["content_length"] = .int(data.count)
        record.json["upload_url"] = nil
        record.json["complete_url"] = nil
        let path = "uploads/\(id.rawValue)/\(record.json["filename"]?.stringValue ?? "file")"
        s.content.files[path] = data
        record.filePath = path
        record.parts = [:]
    }

    func completeUpload(_ c: Context, _ s: inout WorkspaceState) throws -> JSONValue {
        let id = try uploadRecord(c, &s)
        var record = s.content.fileUploads[id]!
        // The rendered status: a pending upload past its expiry is expired and cannot complete.
        guard let total = record.json["number_of_parts"]?["total"]?.intValue, s.renderUpload(id, c.shaping)["status"] == "pending" else {
            throw NotionAPIError.validation("File upload is not a pending multi-part upload.")  // unverified wording
        }
        guard record.parts.count == total else {
            throw NotionAPIError.validation("Expected \(total) parts but received \(record.parts.count).")  // unverified wording
        }
        var data = Data()
        for number in 1...total { data.append(record.parts[number] ?? Data()) }
        finishUpload(&record, id: id, data: data, fallbackName: nil, fallbackType: nil, &s)
        record.json["last_edited_time"] = .string(NotionTime.minute(c.now))
        s.content.fileUploads[id] = record
        return s.renderUpload(id, c.shaping)
    }
}

/// File Upload API sizes (reference §6). Notion writes "20 MB" and "5 MB" without saying which MB,
/// so the emulator takes the stricter reading of each: at most 20,000,000 bytes in one part or a
/// single-part upload, at least 5 MiB in every part but the last.
enum UploadLimits {
    static let singlePartMax = 20_000_000
    static let partMax = 20_000_000
    static let partMin = 5 * 1024 * 1024
}
