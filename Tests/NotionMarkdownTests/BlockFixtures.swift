import Foundation
import Markdown
import NotionMarkdown
import NotionModel

/// Blocks and rich text built from Notion's JSON, the way the API sends them, so that the tests
/// exercise the same decoding as real data.
enum N {
    nonisolated(unsafe) static var counter = 0
    static let lock = NSLock()

    static func nextID() -> String {
        lock.lock(); defer { lock.unlock() }
        counter += 1
        return String(format: "b10c0000-0000-4000-8000-%012d", counter)
    }

    /// A block of `type` with `payload` (the JSON under the type key) and children.
    static func block(_ type: String, _ payload: String, id: String? = nil, _ children: [Block] = []) -> Block {
        let id = id ?? nextID()
        let json = """
        {"object":"block","id":"\(id)","parent":{"type":"page_id","page_id":"ba9e0000-0000-8000-8000-000000000001"},
         "created_time":"2025-01-01T00:00:00.000Z","last_edited_time":"2025-01-01T00:00:00.000Z",
         "created_by":{"object":"user","id":"00000000-0000-4000-8000-000000000001"},
         "last_edited_by":{"object":"user","id":"00000000-0000-4000-8000-000000000001"},
         "has_children":\(children.isEmpty ? "false" : "true"),"archived":false,"in_trash":false,
         "type":"\(type)","\(type)":\(payload)}
        """
        var block = try! JSONValue(string: json).decode(Block.self)
        block.children = children
        return block
    }

    static func text(_ content: String, _ marks: String = "", color: String = "default", link: String? = nil) -> String {
        let linkJSON = link.map { "{\"url\":\(quote($0))}" } ?? "null"
        return """
        {"type":"text","text":{"content":\(quote(content)),"link":\(linkJSON)},"annotations":{"bold":\(marks.contains("b")),\
        "italic":\(marks.contains("i")),"strikethrough":\(marks.contains("s")),"underline":\(marks.contains("u")),\
        "code":\(marks.contains("c")),"color":"\(color)"},"plain_text":\(quote(content)),"href":\(link.map(quote) ?? "null")}
        """
    }

    static func mention(_ payload: String, plain: String, href: String? = nil) -> String {
        """
        {"type":"mention","mention":\(payload),"annotations":{"bold":false,"italic":false,"strikethrough":false,\
        "underline":false,"code":false,"color":"default"},"plain_text":\(quote(plain)),"href":\(href.map(quote) ?? "null")}
        """
    }

    static func equation(_ expression: String) -> String {
        """
        {"type":"equation","equation":{"expression":\(quote(expression))},"annotations":{"bold":false,"italic":false,\
        "strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":\(quote(expression)),"href":null}
        """
    }

    static func rich(_ items: String...) -> String { "[" + items.joined(separator: ",") + "]" }

    static func richText(_ items: String...) -> [RichText] {
        try! JSONValue(string: "[" + items.joined(separator: ",") + "]").decode([RichText].self)
    }

    static func paragraph(_ items: String..., color: String = "default", children: [Block] = []) -> Block {
        block("paragraph", "{\"rich_text\":[\(items.joined(separator: ","))],\"color\":\"\(color)\"}", children)
    }

    static func quote(_ string: String) -> String {
        String(decoding: JSONValue.string(string).data(), as: UTF8.self)
    }
}

extension NotionMarkdownConverter {
    /// The Markdown text of blocks, as a writer would save it.
    func markdown(_ blocks: [Block], resolver: some ConversionResolver = StubResolver(), context: DocumentContext = .init()) -> String {
        MarkdownFormatter().format(convert(blocks, resolver: resolver, context: context).blocks)
    }
}
