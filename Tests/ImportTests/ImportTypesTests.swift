import Import
import NotionModel
import Testing

@Suite struct ImportTypesTests {
    @Test func aDraftNestsAsManyLevelsAsAsked() {
        let leaf = BlockDraft("paragraph", ["rich_text": []])
        let tree = BlockDraft("bulleted_list_item", ["rich_text": []], children: [BlockDraft("bulleted_list_item", ["rich_text": []], children: [leaf])])
        #expect(tree.count == 3)
        #expect(tree.request(nesting: 0) == ["object": "block", "type": "bulleted_list_item", "bulleted_list_item": ["rich_text": []]])
        let one = tree.request(nesting: 1)
        #expect(one["bulleted_list_item"]?["children"]?[0]?["bulleted_list_item"]?["children"] == nil)
        let two = tree.request(nesting: 2)
        #expect(two["bulleted_list_item"]?["children"]?[0]?["bulleted_list_item"]?["children"]?[0]?["type"] == "paragraph")
    }
}
