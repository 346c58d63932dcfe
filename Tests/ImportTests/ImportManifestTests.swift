import Foundation
import Import
import NotionModel
import TestSupport
import Testing

@Suite struct ImportManifestTests {
    static let parent = "ba9e0000-0000-8000-8000-000000000001"

    @Test func aManifestSavesAndLoadsTheSameStateAsTheSameBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var manifest = ImportManifest(parent: Self.parent)
        manifest.pages["Home.md"] = .init(id: "p1", hash: "h1", blocks: [.init(id: "b1", hash: "d1", children: [.init(id: "b2", hash: "d2")])])
        manifest.pages["Home/Draft.md"] = .init(pending: "2026-11-21T18:30:00.000Z", hash: "h2")
        manifest.uploads["f00d"] = "u1"
        let url = ImportManifest.url(in: folder.url, root: URL(fileURLWithPath: "/docs"), parent: Self.parent)
        #expect(url.lastPathComponent.hasPrefix("ba9e0000000080008000000000000001-") && url.pathExtension == "json")
        try manifest.save(to: url)
        let bytes = try Data(contentsOf: url)
        #expect(try ImportManifest.load(from: url, parent: Self.parent) == manifest)
        try ImportManifest.load(from: url, parent: Self.parent).save(to: url)
        #expect(try Data(contentsOf: url) == bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == """
        {
          "pages": {
            "Home.md": {
              "blocks": [
                {
                  "children": [
                    {
                      "hash": "d2",
                      "id": "b2"
                    }
                  ],
                  "hash": "d1",
                  "id": "b1"
                }
              ],
              "hash": "h1",
              "id": "p1"
            },
            "Home/Draft.md": {
              "blocks": [],
              "hash": "h2",
              "pending": "2026-11-21T18:30:00.000Z"
            }
          },
          "parent": "ba9e0000-0000-8000-8000-000000000001",
          "uploads": {
            "f00d": "u1"
          },
          "version": 1
        }
        """)
    }

    /// Synced originals' new ids are kept by the id their Markdown names; a manifest without any
    /// has no `synced` key (the bytes of manifests written before it existed do not change).
    @Test func syncedOriginalsSaveAndLoad() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appending(path: "m.json")
        var manifest = ImportManifest(parent: Self.parent)
        try manifest.save(to: url)
        #expect(try JSONValue(data: Data(contentsOf: url))["synced"] == nil)
        manifest.synced["b10c0002-0000-8000-8000-000000000005"] = "new-original"
        try manifest.save(to: url)
        #expect(try JSONValue(data: Data(contentsOf: url))["synced"] == ["b10c0002-0000-8000-8000-000000000005": "new-original"])
        #expect(try ImportManifest.load(from: url, parent: Self.parent) == manifest)
        try Data(#"{"version": 1, "parent": "\#(Self.parent)", "synced": {"old": 3}}"#.utf8).write(to: url)
        #expect(throws: ImportError.self) { try ImportManifest.load(from: url, parent: Self.parent) }
    }

    @Test func aMissingManifestIsEmptyAndABrokenOneSaysHowToRecover() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appending(path: "m.json")
        #expect(try ImportManifest.load(from: url, parent: Self.parent) == ImportManifest(parent: Self.parent))
        func message(_ text: String, parent: String = Self.parent) throws -> String? {
            try Data(text.utf8).write(to: url)
            do { _ = try ImportManifest.load(from: url, parent: parent); return nil } catch { return error.message }
        }
        let recover = "remove it to start over; the next run finds the pages it created by their titles instead of creating them again."
        #expect(try message("{") == "is not an import manifest (not JSON): " + recover)
        #expect(try message(#"{"version": 2, "parent": "x"}"#) == "is not an import manifest (version 2, expected 1): " + recover)
        #expect(try message(#"{"version": 1, "parent": "other"}"#) == "belongs to an import under other, not \(Self.parent).")
        #expect(try message(#"{"version": 1, "parent": "\#(Self.parent)", "pages": {"a.md": {"id": "x"}}}"#) == "is not an import manifest (page a.md has no hash): " + recover)
    }
}
