import Foundation
import Import
import NotionModel
import Testing

/// Golden files of the import tests, found through `#filePath` so a recording run writes into the
/// source tree. Records when `NOTION_EXPORT_RECORD=1` or the file is missing, and then fails.
enum ImportGolden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["NOTION_EXPORT_RECORD"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("Recorded new golden file \(name); rerun without NOTION_EXPORT_RECORD.", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(a, e)).firstIndex { $0 != $1 } ?? min(a.count, e.count)
            Issue.record("""
                \(name) differs at line \(line + 1):
                expected: \(line < e.count ? String(e[line]) : "<end>")
                actual:   \(line < a.count ? String(a[line]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }

    /// What a golden file holds for one document: its blocks as requests (all levels nested) and
    /// its warnings.
    static func json(_ document: ImportDocument) -> String {
        var object: [String: JSONValue] = [
            "blocks": .array(document.blocks.map { $0.request(nesting: 64) }),
            "warnings": .array(document.warnings.map { .string($0.description) }),
        ]
        if document.title != "snippet" { object["title"] = .string(document.title) }
        if let icon = document.icon { object["icon"] = icon }
        if let cover = document.cover { object["cover"] = cover }
        return JSONValue.object(object).jsonString(pretty: true) + "\n"
    }
}
