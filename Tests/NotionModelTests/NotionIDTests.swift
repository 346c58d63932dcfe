import Foundation
import NotionModel
import Testing

@Suite struct NotionIDTests {
    static let dashed = "393abc1e-edcd-81c3-a7e3-f719e1e1ec4b"

    @Test(arguments: [
        "393abc1e-edcd-81c3-a7e3-f719e1e1ec4b",
        "393abc1eedcd81c3a7e3f719e1e1ec4b",
        "393ABC1E-EDCD-81C3-A7E3-F719E1E1EC4B",
        "393ABC1EEDCD81C3A7E3F719E1E1EC4B",
        " 393abc1eedcd81c3a7e3f719e1e1ec4b ",
    ])
    func idFormsNormalize(input: String) throws {
        let id = try #require(NotionID(input))
        #expect(id.rawValue == Self.dashed)
        #expect(id.compact == "393abc1eedcd81c3a7e3f719e1e1ec4b")
        #expect(PageID(input)?.rawValue == Self.dashed)
    }

    @Test func canonicalInputIsKeptAsIs() throws {
        let input = Self.dashed
        #expect(try #require(NotionID(input)).rawValue == input)
        #expect(NotionID("393abc1e-EDCD-81c3-a7e3-f719e1e1ec4b")?.rawValue == Self.dashed)
    }

    @Test(arguments: [
        "https://www.notion.so/My-Page-393abc1eedcd81c3a7e3f719e1e1ec4b",
        "https://acme.notion.site/393abc1eedcd81c3a7e3f719e1e1ec4b?pvs=4",
        "https://app.notion.com/p/Title-393abc1eedcd81c3a7e3f719e1e1ec4b",
        "https://www.notion.so/393abc1eedcd81c3a7e3f719e1e1ec4b?v=abc",
        "https://www.notion.so/My-Page-393abc1eedcd81c3a7e3f719e1e1ec4b#393abc1eedcd80f3813be205934558c6",
        "https://www.notion.so/workspace/393abc1e-edcd-81c3-a7e3-f719e1e1ec4b/",
        "393abc1eedcd81c3a7e3f719e1e1ec4b",
    ])
    func urlsGiveThePageID(url: String) throws {
        #expect(NotionID(parsing: url)?.rawValue == Self.dashed)
        #expect(PageID(parsing: url)?.rawValue == Self.dashed)
    }

    @Test(arguments: [
        "", "not an id", "393abc1eedcd81c3a7e3f719e1e1ec4", "393abc1eedcd81c3a7e3f719e1e1ec4bb",
        "393abc1eedcd81c3a7e3f719e1e1ec4g", "393abc1e-edcd81c3-a7e3-f719e1e1ec4b-", "393abc1e-edcd-81c3-a7e3f-719e1e1ec4b",
        "https://www.notion.so/My-Page", "https://www.notion.so/My-Page-393abc1eedcd81c3a7e3f719e1e1ec4bX",
        "https://www.notion.so/A393abc1eedcd81c3a7e3f719e1e1ec4b",
        // Dashed, 36 characters, one byte off the canonical form.
        "393abc1e-edcd-81c3-a7e3-f719e1e1ec4g", "393abc1e_edcd-81c3-a7e3-f719e1e1ec4b", "393abc1e-edcd-81c3-a7e3-f719e1e1ec-b",
    ])
    func garbageIsRejected(input: String) {
        #expect(NotionID(input) == nil)
        #expect(NotionID(parsing: input) == nil)
    }

    @Test func variantCheck() throws {
        #expect(try #require(NotionID(Self.dashed)).hasValidVariant)
        #expect(try #require(NotionID("00000000-0000-0000-0000-000000000000")).hasValidVariant)
        #expect(try #require(NotionID("12345678-1234-1234-b234-123456789abc")).hasValidVariant)
        #expect(try #require(NotionID("12345678-1234-1234-1234-123456789abc")).hasValidVariant == false)
        #expect(try #require(NotionID("12345678-1234-1234-c234-123456789abc")).hasValidVariant == false)
    }

    @Test func codableNormalizesAndRejects() throws {
        let decoded = try JSONDecoder().decode(BlockID.self, from: Data(#""393ABC1EEDCD81C3A7E3F719E1E1EC4B""#.utf8))
        #expect(decoded.rawValue == Self.dashed)
        #expect(try JSONValue(encoding: decoded) == .string(Self.dashed))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PageID.self, from: Data(#""nope""#.utf8)) }
    }
}
