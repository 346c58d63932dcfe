import Foundation
import NotionModel
import Testing

/// `JSONValueDecoder` reads models straight from the tree; it must agree with `JSONDecoder` on
/// values and on errors (the coding path and wording users see in "cannot read Notion's answer").
@Suite struct JSONValueDecoderTests {
    static func both<T: Decodable & Equatable>(_ type: T.Type, _ text: String) throws -> (tree: Result<T, DecodingError>, foundation: Result<T, DecodingError>) {
        let value = try JSONValue(string: text)
        func run(_ body: () throws -> T) -> Result<T, DecodingError> {
            do { return .success(try body()) } catch let error as DecodingError { return .failure(error) } catch { fatalError("\(error)") }
        }
        return (run { try JSONValueDecoder().decode(T.self, from: value) }, run { try JSONDecoder().decode(T.self, from: Data(text.utf8)) })
    }

    static let paragraph = #"{"object":"block","id":"c098457c-0002-8000-8000-000000000001","parent":{"type":"page_id","page_id":"c098457c-0001-8000-8000-000000000000"},"created_time":"2026-01-01T00:00:00.000Z","last_edited_time":"2026-01-01T00:00:00.000Z","created_by":{"object":"user","id":"c098457c-0000-8000-8000-0000000000ff"},"last_edited_by":{"object":"user","id":"c098457c-0000-8000-8000-0000000000ff"},"has_children":false,"archived":false,"in_trash":false,"type":"paragraph","paragraph":{"rich_text":[RT],"color":"default"}}"#

    @Test func valuesEqualFoundations() throws {
        let text = Self.paragraph.replacingOccurrences(of: "RT", with: #"{"type":"text","text":{"content":"Hi","link":null},"annotations":{"bold":true,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"Hi","href":null}"#)
        let (tree, foundation) = try Self.both(Block.self, text)
        let block = try tree.get()
        #expect(block == (try foundation.get()))
        #expect(block.raw == (try JSONValue(string: text)), "raw is the tree itself")
        #expect(try JSONValueDecoder().decode([String: [Int]].self, from: ["a": [1, 2], "b": []]) == ["a": [1, 2], "b": []])
        #expect(try JSONValueDecoder().decode(Double.self, from: 3) == 3.0)
        #expect(try JSONValueDecoder().decode(Int?.self, from: .null) == nil)
    }

    @Test(arguments: [
        // A rich text object without plain_text (the benchmark's hand-edited workspace had one).
        #"{"type":"text","text":{"content":"Hi"}}"#,
        // A number where a string belongs.
        #"{"type":"text","text":{"content":3},"plain_text":"Hi","annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"}}"#,
        // null where an object belongs.
        #"{"type":"text","text":null,"plain_text":"Hi","annotations":null}"#,
        // Not an object at all.
        #"["Hi"]"#,
    ])
    func errorsEqualFoundations(richText: String) throws {
        let (tree, foundation) = try Self.both(Block.self, Self.paragraph.replacingOccurrences(of: "RT", with: richText))
        guard case .failure(let treeError) = tree, case .failure(let foundationError) = foundation else {
            Issue.record("both decoders must fail: \(tree), \(foundation)"); return
        }
        #expect(treeError.readableDescription == foundationError.readableDescription)
        #expect(treeError.readableDescription.contains("paragraph.rich_text[0]"))
    }
}
