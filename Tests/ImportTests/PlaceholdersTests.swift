import Import
import NotionModel
import Testing

@Suite struct PlaceholdersTests {
    let drafts = [
        BlockDraft("paragraph", ["rich_text": [["type": "text", "text": ["content": "see", "link": ["url": "local-page:b.md#intro"]]]]],
                   children: [BlockDraft("image", ["type": "file_upload", "file_upload": ["id": "local-file:img/a.png"]])]),
        BlockDraft("link_to_page", ["type": "page_id", "page_id": "restore-id:ba9e0000-0000-8000-8000-000000000002"]),
        BlockDraft("paragraph", ["rich_text": [["type": "text", "text": ["content": "local-file: is just text here"]]]]),
        BlockDraft("image", ["type": "file_upload", "file_upload": ["id": "local-file:img/a.png"]]),
    ]

    @Test func everyPlaceholderIsFoundOnceInDocumentOrder() {
        #expect(Placeholders.collect(in: drafts) == ["local-page:b.md#intro", "local-file:img/a.png", "restore-id:ba9e0000-0000-8000-8000-000000000002"])
    }

    @Test func resolvingReplacesWhatIsKnownAndNamesTheRest() {
        let (resolved, unresolved) = Placeholders.resolve(drafts) { placeholder in
            placeholder == "local-file:img/a.png" ? "upload-1" : placeholder.hasPrefix("restore-id:") ? "new-id" : nil
        }
        #expect(unresolved == ["local-page:b.md#intro"])
        #expect(resolved[0].children[0].body == ["type": "file_upload", "file_upload": ["id": "upload-1"]])
        #expect(resolved[1].body == ["type": "page_id", "page_id": "new-id"])
        #expect(resolved[2] == drafts[2])
        #expect(resolved[0].body == drafts[0].body)
        #expect(Placeholders.collect(in: resolved) == ["local-page:b.md#intro"])
    }
}
