import Foundation
import Import
import NotionAPI
import NotionModel
import Testing

@Suite struct FileUploaderTests {
    static let paidPlan = 5 * 1024 * 1024 * 1024

    /// A temporary folder of this test's own.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Deterministic bytes that are not all alike (so a misplaced part shows).
    func bytes(_ count: Int, seed: UInt8 = 1) -> Data {
        var data = Data(count: count)
        data.withUnsafeMutableBytes { raw in
            let p = raw.bindMemory(to: UInt8.self)
            var x = UInt32(seed)
            for i in 0..<count { x = x &* 1_103_515_245 &+ 12345; p[i] = UInt8(truncatingIfNeeded: x >> 16) }
        }
        return data
    }

    /// The stored bytes behind an upload, read back through a block that attaches it.
    func attachedBytes(_ h: WriterHarness, _ id: String) async throws -> Data {
        let written = try await h.writer.append([BlockDraft("file", ["type": "file_upload", "file_upload": ["id": .string(id)]])],
                                                to: WriterHarness.root)
        let blockID = try #require(written.first?.id)
        let block = try #require(h.workspace.storedJSON(NotionID(blockID)!))
        let path = try #require(block["file"]?["file"]?["url"]?.stringValue)
        return try #require(h.workspace.snapshot.files[path])
    }

    @Test func oneKilobyteFileInOnePart() async throws {
        let h = try WriterHarness()
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("notes.txt")
        let content = bytes(1024)
        try content.write(to: file)
        let uploader = FileUploader(client: h.client)
        let id = try await uploader.upload(file, name: "docs/notes.txt")
        #expect(h.transport.lines == ["GET /v1/users/me", "POST /v1/file_uploads", "POST /v1/file_uploads/\(id)/send"])
        #expect(h.transport.json(1) == ["mode": "single_part", "filename": "notes.txt", "content_type": "text/plain"])
        let send = h.transport.requests[2]
        #expect(send.header("Content-Type") == "multipart/form-data; boundary=notion-export-form-7d1c3a9e5b2f4806")
        var expected = Data("--notion-export-form-7d1c3a9e5b2f4806\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\n".utf8)
        expected.append(content)
        expected.append(Data("\r\n--notion-export-form-7d1c3a9e5b2f4806--\r\n".utf8))
        #expect(send.body == expected)
        #expect(try await attachedBytes(h, id) == content)
    }

    @Test func twentyFiveMegabytesInTwoParts() async throws {
        let h = try WriterHarness(uploadLimit: Self.paidPlan)
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("video.mp4")
        let content = bytes(25_000_000)
        try content.write(to: file)
        let id = try await FileUploader(client: h.client).upload(file)
        #expect(h.transport.lines == [
            "GET /v1/users/me", "POST /v1/file_uploads",
            "POST /v1/file_uploads/\(id)/send", "POST /v1/file_uploads/\(id)/send", "POST /v1/file_uploads/\(id)/complete",
        ])
        #expect(h.transport.json(1) == ["mode": "multi_part", "filename": "video.mp4", "content_type": "video/mp4", "number_of_parts": 2])
        // Two equal parts of 12.5 MB (each within Notion's 5–20 MB), numbered.
        let sizes = h.transport.requests[2...3].map { ($0.body?.count ?? 0) }
        #expect(sizes.allSatisfy { $0 > 12_500_000 && $0 < 12_500_300 })
        // Sent at the same time, so in either order.
        let numbers = h.transport.requests[2...3].compactMap { request in
            (1...2).first { request.body.map { String(decoding: $0.suffix(120), as: UTF8.self) }?.contains("name=\"part_number\"\r\n\r\n\($0)\r\n") == true }
        }
        #expect(numbers.sorted() == [1, 2])
        #expect(try await attachedBytes(h, id) == content)
    }

    @Test func theSameContentIsSentOnce() async throws {
        let h = try WriterHarness()
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.png"), b = dir.appendingPathComponent("copy of a.png")
        try bytes(4096).write(to: a)
        try bytes(4096).write(to: b)
        let uploader = FileUploader(client: h.client)
        async let first = uploader.upload(a)
        async let second = uploader.upload(a)
        let ids = try await [first, second, uploader.upload(b)]
        #expect(Set(ids).count == 1)
        #expect(uploader.uploadCount == 1)
        #expect(h.transport.lines.filter { $0.hasPrefix("POST") } == ["POST /v1/file_uploads", "POST /v1/file_uploads/\(ids[0])/send"])
        #expect(h.transport.lines.filter { $0 == "GET /v1/users/me" }.count == 1)
    }

    @Test func aFileOverTheFreePlanCapIsRefusedBeforeSending() async throws {
        let h = try WriterHarness()
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("scan.pdf")
        try bytes(6_000_000).write(to: file)
        await #expect {
            _ = try await FileUploader(client: h.client).upload(file, name: "guides/scan.pdf")
        } throws: { error in
            (error as? UploadError)?.description == """
                guides/scan.pdf is 5.7 MiB (6000000 bytes) and this workspace takes files up to 5.0 MiB (5242880 bytes) per \
                upload (workspace_limits.max_file_upload_size_in_bytes; 5 MiB is the free plan's cap): upgrade the workspace, \
                make the file smaller, or link it from the web instead.
                """
        }
        #expect(h.transport.lines == ["GET /v1/users/me"])
    }

    @Test func aSinglePartWhoseAnswerWasLostIsCheckedNotResent() async throws {
        let h = try WriterHarness()
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.txt")
        try bytes(1024).write(to: file)
        h.transport.dropAnswers.withLock { $0 = [2] }
        let id = try await FileUploader(client: h.client).upload(file)
        #expect(h.transport.lines == [
            "GET /v1/users/me", "POST /v1/file_uploads", "POST /v1/file_uploads/\(id)/send", "GET /v1/file_uploads/\(id)"])
        #expect(try await attachedBytes(h, id) == bytes(1024))
    }

    @Test func aLostPartIsSentAgainAndALostCompletionChecked() async throws {
        let h = try WriterHarness(uploadLimit: Self.paidPlan)
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.bin")
        let content = bytes(21_000_000, seed: 7)
        try content.write(to: file)
        h.transport.dropAnswers.withLock { $0 = [2, 5] }
        let id = try await FileUploader(client: h.client).upload(file)
        #expect(h.transport.lines == [
            "GET /v1/users/me", "POST /v1/file_uploads",
            "POST /v1/file_uploads/\(id)/send", "POST /v1/file_uploads/\(id)/send", "POST /v1/file_uploads/\(id)/send",
            "POST /v1/file_uploads/\(id)/complete", "GET /v1/file_uploads/\(id)",
        ])
        #expect(try await attachedBytes(h, id) == content)
    }
}
