import Foundation
import Import
import NotionModel
import TestSupport
import Testing

@Suite struct RestoreDraftsTests {
    static let backup = Fixtures.repositoryRoot.appending(path: "Tests/ExportTests/Golden/sample-backup")

    /// The sample backup's asset index: stable id → path in the backup.
    static func assets() throws -> [String: String] {
        let index = try JSONValue(data: Data(contentsOf: backup.appending(path: ".notion-export/assets.json")))
        return (index["assets"]?.objectValue ?? [:]).compactMapValues { $0["path"]?.stringValue }
    }

    @Test func everyPageOfTheSampleBackupBecomesRequestFormDrafts() throws {
        let assets = try Self.assets()
        let out = try TemporaryFolder()
        defer { out.remove() }
        var warnings: [String] = []
        for path in try GoldenTree.files(in: Self.backup, excluding: [".notion-export/"]) where path.hasSuffix(".json") {
            let document = try JSONValue(data: Data(contentsOf: Self.backup.appending(path: path)))
            guard let blocks = document["blocks"]?.arrayValue else { continue }  // databases have none
            var restore = RestoreDrafts(file: path, asset: { assets[$0] })
            let drafts = restore.drafts(blocks)
            warnings += restore.warnings.map(\.description)
            let json = JSONValue.array(drafts.map { $0.request(nesting: 1000) })
            // Nothing only a response has survives.
            let text = String(decoding: json.data(), as: UTF8.self)
            for key in ["plain_text", "href", "expiry_time", "created_time", "last_edited_time", "has_children", "in_trash", "created_by", "\"id\":\"b10c"] {
                #expect(!text.contains(key.hasPrefix("\"") ? key : "\"\(key)\""), "\(path) keeps \(key)")
            }
            let target = out.url.appending(path: path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try json.data(pretty: true).write(to: target)
        }
        for problem in try GoldenTree.compare(out.url, with: Fixtures.repositoryRoot.appending(path: "Tests/ImportTests/Golden/restore-drafts"), excluding: []) {
            Issue.record(Comment(rawValue: problem))
        }
        #expect(warnings.sorted() == [
            "acme-home/company/team-directory.json: unsupported block: block b10c0022-0000-8000-8000-00000000000a: Notion gives no content for `form` blocks: a note stands in its place.",
            "acme-home/meeting-notes.json: template block: block b10c001d-0000-8000-8000-000000000006: template buttons cannot be created through the API: restored as a toggle with the button's content.",
            "acme-home/meeting-notes/2026-01-12-weekly-sync.json: transcription block: block b10c001e-0000-8000-8000-000000000002: meeting notes cannot be created through the API: restored as a toggle with their content.",
            "acme-home/product/roadmap-2026/q1-planning.json: ai_summary block: block b10c0015-0000-8000-8000-000000000004: Notion gives no content for `ai_summary` blocks: a note stands in its place.",
            "acme-home/product/roadmap-2026/q2-planning.json: link_preview block: block b10c0016-0000-8000-8000-000000000005: a link preview cannot be created through the API: restored as a bookmark.",
        ])
    }

    @Test func eachPlaceholderNamesWhatTheRestoreResolves() {
        var restore = RestoreDrafts(file: "p.json", asset: { $0 == "/files/1/a.png" ? "assets/a-1234.png" : nil })
        let rich: JSONValue = [[
            "type": "mention", "plain_text": "Spec", "href": "https://www.notion.so/ba9e",
            "mention": ["type": "page", "page": ["id": "ba9e0000-0000-8000-8000-000000000002"]],
            "annotations": ["bold": true],
        ], [
            "type": "mention", "plain_text": "example.com", "href": "https://example.com/x",
            "mention": ["type": "link_mention", "link_mention": ["href": "https://example.com/x"]], "annotations": [:],
        ]]
        let drafts = restore.drafts([
            ["type": "image", "id": "b1", "image": ["type": "file", "file": ["url": "/files/1/a.png"], "caption": []]],
            ["type": "image", "id": "b2", "image": ["type": "file", "file": ["url": "/files/9/gone.png"], "caption": []]],
            ["type": "paragraph", "id": "b3", "paragraph": ["rich_text": rich, "color": "default", "icon": .null]],
            ["type": "link_to_page", "id": "b4", "link_to_page": ["type": "page_id", "page_id": "ba9e0000-0000-8000-8000-000000000003"]],
            ["type": "child_page", "id": "ba9e0000-0000-8000-8000-000000000005", "child_page": ["title": "Child"]],
            ["type": "synced_block", "id": "b6", "synced_block": ["synced_from": ["type": "block_id", "block_id": "b0"]]],
            ["type": "link_preview", "id": "b7", "link_preview": ["url": "https://github.com/x/y/pull/1"]],
        ])
        #expect(drafts.map(\.type) == ["image", "callout", "paragraph", "link_to_page", "child_page", "synced_block", "bookmark"])
        #expect(drafts[0].body == ["type": "file_upload", "file_upload": ["id": "local-file:assets/a-1234.png"], "caption": []])
        #expect(drafts[2].body == ["color": "default", "rich_text": [
            ["type": "mention", "mention": ["type": "page", "page": ["id": "restore-id:ba9e0000-0000-8000-8000-000000000002"]], "annotations": ["bold": true]],
            ["type": "text", "text": ["content": "example.com", "link": ["url": "https://example.com/x"]], "annotations": [:]],
        ]])
        #expect(drafts[3].body == ["type": "page_id", "page_id": "restore-id:ba9e0000-0000-8000-8000-000000000003"])
        #expect(drafts[4].body == ["title": "Child", "id": "restore-id:ba9e0000-0000-8000-8000-000000000005"])
        #expect(drafts[5].body == ["synced_from": ["type": "block_id", "block_id": "restore-id:b0"]])
        #expect(restore.warnings.map(\.construct) == ["image block", "link_preview block"])
    }
}

@Suite struct RestorePropertiesTests {
    @Test func theSampleBackupsDatabasesAndRowsBecomeRequests() throws {
        let assets = try RestoreDraftsTests.assets()
        let out = try TemporaryFolder()
        defer { out.remove() }
        // One restore for the whole backup: each property's warning is given once, for the first file.
        var restore = RestoreProperties(file: "", asset: { assets[$0] })
        for path in try GoldenTree.files(in: RestoreDraftsTests.backup, excluding: [".notion-export/"]) where path.hasSuffix(".json") {
            let document = try JSONValue(data: Data(contentsOf: RestoreDraftsTests.backup.appending(path: path)))
            restore.file = path
            let json: JSONValue
            if let sources = document["data_sources"]?.arrayValue {
                json = .array(sources.map { source in
                    let (base, linked) = restore.schema(source["properties"]?.objectValue ?? [:])
                    return ["base": .object(base), "linked": .object(linked)]
                })
            } else if let page = document["page"], page["parent"]?["type"]?.stringValue != "page_id", page["parent"]?["type"]?.stringValue != "workspace" {
                json = .object(restore.values(page["properties"]?.objectValue ?? [:]))
            } else {
                continue
            }
            let target = out.url.appending(path: path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try json.data(pretty: true).write(to: target)
        }
        for problem in try GoldenTree.compare(out.url, with: Fixtures.repositoryRoot.appending(path: "Tests/ImportTests/Golden/restore-properties"), excluding: []) {
            Issue.record(Comment(rawValue: problem))
        }
        let topics = "acme-home/marketing/topics/company-news.json: property "
        #expect(restore.warnings.map(\.description) == [
            "acme-home/marketing/blog.json: property \"Status\": status groups are Notion's defaults after a restore (the API cannot set them).",
            topics + "\"Created\": Notion computes `created_time` values: the restored rows show new ones.",
            topics + "\"Created by\": Notion computes `created_by` values: the restored rows show new ones.",
            topics + "\"Display name\": Notion computes `formula` values: the restored rows show new ones.",
            topics + "\"Edited\": Notion computes `last_edited_time` values: the restored rows show new ones.",
            topics + "\"Post count\": Notion computes `rollup` values: the restored rows show new ones.",
            topics + "\"Topic ID\": Notion computes `unique_id` values: the restored rows show new ones.",
        ])
    }
}
