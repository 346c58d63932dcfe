@testable import Export
import Foundation
import NotionModel
import Testing

/// SHA-256 against the FIPS 180-2 vectors, asset file names and reference keys.
@Suite struct AssetNamingTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256OfData(input: String, digest: String) {
        #expect(SHA256.hex(Data(input.utf8)) == digest)
    }

    @Test func sha256OfAFileIsStreamedInChunks() throws {
        // One million "a" (the FIPS long vector), plus a file of 2.5 chunks compared with the
        // digest of the same bytes in memory.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let million = folder.appendingPathComponent("a")
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: million)
        #expect(try SHA256.hex(ofFileAt: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")

        var bytes = Data()
        for run in 0..<40 { bytes.append(Data(repeating: UInt8(truncatingIfNeeded: run * 7), count: 65_536)) }
        let large = folder.appendingPathComponent("large")
        try bytes.write(to: large)
        #expect(try SHA256.hex(ofFileAt: large) == SHA256.hex(bytes))

        let empty = folder.appendingPathComponent("empty")
        try Data().write(to: empty)
        #expect(try SHA256.hex(ofFileAt: empty) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(arguments: [
        ("architecture-diagram.png", "architecture-diagram-0123456789ab.png"),
        ("Q&A: \"Why / how?\" #1 ../notes.PDF", "q-a-why-how-1-notes-0123456789ab.pdf"),
        ("Café Crème Brûlée.JPEG", "cafe-creme-brulee-0123456789ab.jpeg"),
        ("会議メモ.txt", "file-0123456789ab.txt"),
        ("CON", "con-0123456789ab"),
        (".htaccess", "htaccess-0123456789ab"),
        ("release-notes-2.4.txt", "release-notes-2-4-0123456789ab.txt"),
        ("archive.tar.gz", "archive-tar-0123456789ab.gz"),
        ("weird.ext with space", "weird-ext-with-space-0123456789ab"),
        (String(repeating: "Long name ", count: 20) + ".md",
         "long-name-long-name-long-name-long-name-long-name-long-name-0123456789ab.md"),
    ])
    func fileNames(name: String, expected: String) {
        #expect(AssetName.fileName(name: name, sha256: "0123456789abcdef" + String(repeating: "0", count: 48)) == expected)
    }

    @Test func theURLGivesTheExtensionWhenTheNameHasNone() {
        let name = AssetName.fileName(name: "Brand assets", sha256: String(repeating: "ab", count: 32),
                                      fallbackExtensions: [AssetName.fileExtension(of: "https://host/x/brand-assets.ZIP")])
        #expect(name == "brand-assets-abababababab.zip")
    }

    @Test func keysDropTheSignatureAndNamesComeFromThePath() throws {
        let signed = "https://prod-files-secure.s3.us-west-2.amazonaws.com/space/5f1c/Quarterly%20Report.pdf"
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=abc"
        let hosted = try #require(AssetReference(file: .file(url: signed, expiryTime: "2026-02-01T01:00:00.000Z"),
                                                 owner: .page(PageID(NotionID("ba9e0000-0000-8000-8000-000000000001")!)),
                                                 ownerLastEditedTime: "2026-01-20T16:45:00.000Z"))
        // The host is not part of a hosted file's identity, only its path.
        #expect(hosted.key == "/space/5f1c/Quarterly%20Report.pdf")
        #expect(hosted.nameHint == "Quarterly Report.pdf")
        #expect(hosted.isHosted)
        #expect(hosted.expiryDate == Date(timeIntervalSince1970: 1_769_907_600))

        // External files keep their query (it selects the content), not their fragment.
        let external = try #require(AssetReference(file: .external(url: "https://images.example/photo?w=1600#top"),
                                                   owner: .block(BlockID(NotionID("b10c0001-0000-8000-8000-000000000001")!)),
                                                   ownerLastEditedTime: "t", name: "  Venue  "))
        #expect(external.key == "https://images.example/photo?w=1600")
        #expect(external.nameHint == "Venue")
        #expect(!external.isHosted)
        #expect(AssetReference(file: .fileUpload(id: NotionID("f11e0000-0000-8000-8000-000000000001")!), owner: external.owner,
                               ownerLastEditedTime: "t") == nil)
    }

    @Test func downloadsSendNoCredentials() {
        let request = AssetStore.request(URL(string: "https://prod-files-secure.s3.us-west-2.amazonaws.com/a/b.png?X-Amz-Signature=1")!)
        #expect(request.value(forHTTPHeaderField: "Authorization") == nil)
        #expect(request.httpMethod == "GET")
        #expect(request.httpShouldHandleCookies == false)
    }
}
