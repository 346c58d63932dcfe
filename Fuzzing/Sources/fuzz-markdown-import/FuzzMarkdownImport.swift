import Foundation
import Import
import NotionModel
import CFuzzerDriver

// libFuzzer entry point: bytes → text (invalid UTF-8 repaired, as a file read would) → the
// Markdown importer. It must not crash or hang, and what it produces must be sendable: every
// draft encodes as a request, and rich text keeps Notion's limits (RichTextLimits). A broken
// limit is a crash, so libFuzzer saves the input.
func fuzzMarkdownImport(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let document = MarkdownImporter().read(text, file: "fuzz.md")
    for draft in document.blocks { check(draft) }
    for value in [document.frontMatter, document.description, document.icon, document.cover] {
        if let value { checkJSON(value, at: "document") }
    }
    let (items, _) = MarkdownImporter.richText(markdown: text, file: "fuzz.md")
    checkJSON(items, at: "richText(markdown:)")
    return 0
}

func check(_ draft: BlockDraft) {
    let request = draft.request(nesting: 2)
    let data = request.data()
    guard (try? JSONValue(data: data)) != nil else {
        fatalError("a \(draft.type) request does not parse back: \(String(decoding: data, as: UTF8.self).prefix(500))")
    }
    checkJSON(draft.body, at: draft.type)
    for child in draft.children { check(child) }
}

/// Rich-text limits anywhere in `value`: at most 100 items per array, 2000 UTF-16 units of text
/// content per item, 1000 per equation expression.
func checkJSON(_ value: JSONValue, at place: String) {
    switch value {
    case .array(let elements):
        let richText = elements.contains { element in
            guard case .object(let fields) = element, let type = fields["type"]?.stringValue else { return false }
            return ["text", "equation", "mention"].contains(type) && fields[type] != nil
        }
        if richText && elements.count > 100 {
            fatalError("\(place): a rich-text array of \(elements.count) items (limit 100)")
        }
        for element in elements { checkJSON(element, at: place) }
    case .object(let fields):
        if fields["type"]?.stringValue == "text", let content = fields["text"]?["content"]?.stringValue,
           content.utf16.count > 2000 {
            fatalError("\(place): a text item of \(content.utf16.count) UTF-16 units (limit 2000)")
        }
        if fields["type"]?.stringValue == "equation", let expression = fields["equation"]?["expression"]?.stringValue,
           expression.utf16.count > 1000 {
            fatalError("\(place): an equation of \(expression.utf16.count) UTF-16 units (limit 1000)")
        }
        for (key, field) in fields { checkJSON(field, at: "\(place).\(key)") }
    default:
        break
    }
}

@main
enum Fuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzMarkdownImport(data, size) })
    }
}
