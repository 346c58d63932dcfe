@testable import Emulator
import Foundation
import NotionAPI
import NotionModel
import Testing

@Suite struct PageRequestsTests {
    let lookup = FakeLookup()
    let schema = json(#"""
    {"Name":{"id":"title","name":"Name","description":null,"type":"title","title":{}},
     "Tags":{"id":"a%3Ab","name":"Tags","description":null,"type":"multi_select","multi_select":{"options":[{"id":"o1","name":"red","color":"red","description":null}]}},
     "Kind":{"id":"kind","name":"Kind","description":null,"type":"select","select":{"options":[]}},
     "State":{"id":"st","name":"State","description":null,"type":"status","status":{"options":[{"id":"s1","name":"Done","color":"green","description":null}],"groups":[]}},
     "Score":{"id":"sc","name":"Score","description":null,"type":"number","number":{"format":"number"}},
     "Mail":{"id":"ml","name":"Mail","description":null,"type":"email","email":{}},
     "Site":{"id":"si","name":"Site","description":null,"type":"url","url":{}},
     "Rel":{"id":"rl","name":"Rel","description":null,"type":"relation","relation":{"data_source_id":"393abc1e-edcd-818e-abb1-000b9d6b1204","type":"single_property","single_property":{}}},
     "Who":{"id":"pp","name":"Who","description":null,"type":"people","people":{}},
     "When":{"id":"dt","name":"When","description":null,"type":"date","date":{}},
     "Done":{"id":"cb","name":"Done","description":null,"type":"checkbox","checkbox":{}},
     "Formula":{"id":"fx","name":"Formula","description":null,"type":"formula","formula":{"expression":"1"}}}
    """#)

    /// Recorded: test_pages_create.yaml.
    @Test func pageParentedTitleMatchesRecording() throws {
        let create = try PageRequests.create(
            body: json(#"{"parent":{"page_id":"393abc1eedcd80f3813be205934558c6"},"properties":{"title":[{"text":{"content":"Test Page"}}]},"children":[]}"#),
            version: .v2025_09_03, schema: nil, lookup: lookup)
        #expect(create.parent == .page(NotionID("393abc1e-edcd-80f3-813b-e205934558c6")!))
        #expect(create.properties == ["title": json(#"{"id":"title","type":"title","title":[{"type":"text","text":{"content":"Test Page","link":null},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"Test Page","href":null}]}"#)])
        #expect(create.icon == .null && create.cover == .null && create.children.isEmpty)
    }

    func create(_ properties: JSONValue) throws(ValidationFailure) -> PageCreate {
        try PageRequests.create(body: ["parent": ["data_source_id": "393abc1e-edcd-818e-abb1-000b9d6b1204"], "properties": properties],
                                version: .v2025_09_03, schema: schema, lookup: lookup)
    }

    @Test func propertiesCoercedByNameOrID() throws {
        let result = try create(json(#"""
        {"Name":{"title":[{"text":{"content":"Row"}}]},"a:b":{"multi_select":[{"name":"red"},{"name":"blue"}]},
         "Kind":{"select":{"name":"new"}},"st":{"status":{"name":"Done"}},"Score":{"number":4.5},"Mail":{"email":"a@b.c"},
         "Site":{"url":null},"Rel":{"relation":[{"id":"393abc1eedcd8170aebfcf1d14057b30"}]},
         "Who":{"people":[{"id":"7775f3a3-893f-43fa-b625-460c61094c78"}]},"When":{"date":{"start":"2026-07-01"}},"Done":{"checkbox":true}}
        """#))
        #expect(result.parent == .dataSource(NotionID("393abc1e-edcd-818e-abb1-000b9d6b1204")!))
        #expect(result.properties["Tags"]?["id"] == "a%3Ab")
        let tags = result.properties["Tags"]?["multi_select"]?.arrayValue ?? []
        #expect(tags.first == ["id": "o1", "name": "red", "color": "red"])
        #expect(tags.last?["name"] == "blue")
        #expect(result.properties["State"] == ["id": "st", "type": "status", "status": ["id": "s1", "name": "Done", "color": "green"]])
        #expect(result.properties["Score"]?["number"] == 4.5)
        #expect(result.properties["Rel"] == ["id": "rl", "type": "relation", "relation": [["id": "393abc1e-edcd-8170-aebf-cf1d14057b30"]], "has_more": false])
        #expect(result.properties["Who"]?["people"]?[0]?["name"] == "Ada")
        #expect(result.properties["When"]?["date"] == ["start": "2026-07-01", "end": nil, "time_zone": nil])
        #expect(result.newOptions.map(\.propertyName) == ["Kind", "Tags"])
        #expect(result.newOptions.map { $0.option["name"] } == ["new", "blue"])
        #expect(result.newOptions[0].option["color"] == "default")
    }

    @Test func propertyErrors() {
        #expect(failureMessage { () throws(ValidationFailure) in try create(["Nope": ["number": 1]]) } == "Nope is not a property that exists.")
        #expect(failureMessage { () throws(ValidationFailure) in try create(["Score": ["select": ["name": "x"]]]) } == "Score is expected to be number.")
        #expect(failureMessage { () throws(ValidationFailure) in try create(["Formula": ["formula": ["string": "x"]]]) }
            == "body failed validation: body.properties.Formula.formula should be not present, instead was `{\"string\":\"x\"}`.")
        let longMail = String(repeating: "a", count: 195) + "@b.cd"
        #expect(failureMessage { () throws(ValidationFailure) in try create(["Mail": ["email": .string(longMail)]]) } == nil)
        #expect(failureMessage { () throws(ValidationFailure) in try create(["Mail": ["email": .string(longMail + "e")]]) }
            == "body failed validation: body.properties.Mail.email.length should be ≤ `200`, instead was `201`.")
        let tooMany = JSONValue.array((0...100).map { .object(["name": .string("t\($0)")]) })
        #expect(failureMessage { () throws(ValidationFailure) in try create(["Tags": ["multi_select": tooMany]]) }
            == "body failed validation: body.properties.Tags.multi_select.length should be ≤ `100`, instead was `101`.")
        let relations = JSONValue.array((0...100).map { _ in ["id": "393abc1eedcd8170aebfcf1d14057b30"] })
        #expect(failureMessage { () throws(ValidationFailure) in try create(["Rel": ["relation": relations]]) }
            == "body failed validation: body.properties.Rel.relation.length should be ≤ `100`, instead was `101`.")
        #expect(failureMessage { () throws(ValidationFailure) in try create(["Site": ["url": ""]]) }
            == "body failed validation: body.properties.Site.url should be populated, instead was `\"\"`.")
        #expect(failureMessage { () throws(ValidationFailure) in
            try PageRequests.create(body: ["parent": ["page_id": "393abc1eedcd80f3813be205934558c6"]], version: .v2025_09_03, schema: nil, lookup: lookup)
        } == "body failed validation: body.properties should be defined, instead was `undefined`.")
    }

    @Test func parentUnionAndChildrenPaths() {
        #expect(failureMessage { () throws(ValidationFailure) in
            try PageRequests.parent(body: ["parent": ["id": "x"]], version: .v2025_09_03)
        } == """
            body failed validation. Fix one:
            body.parent.page_id should be defined, instead was `undefined`.
            body.parent.database_id should be defined, instead was `undefined`.
            body.parent.data_source_id should be defined, instead was `undefined`.
            body.parent.workspace should be defined, instead was `undefined`.
            body.parent.block_id should be defined, instead was `undefined`.
            """)
        #expect(failureMessage { () throws(ValidationFailure) in
            try PageRequests.parent(body: ["parent": ["database_id": "f5820a?v=1"]], version: .v2022_06_28)
        } == "body failed validation: body.parent.database_id should be a valid uuid, instead was `\"f5820a?v=1\"`.")
        #expect(failureMessage { () throws(ValidationFailure) in
            try PageRequests.create(body: ["parent": ["page_id": "393abc1eedcd80f3813be205934558c6"], "properties": [:],
                                           "children": [paragraphRequest("a"), ["paragraph": ["rich_text": [["text": ["content": .string(String(repeating: "x", count: 2001))]]]]]]],
                                    version: .v2025_09_03, schema: nil, lookup: lookup)
        } == "body failed validation: body.children[1].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.")
    }

    @Test func iconAndCoverUnions() throws {
        let update = try PageRequests.update(
            body: ["icon": ["type": "file_upload", "file_upload": ["id": .string(FakeLookup.uploadID.rawValue)]],
                   "cover": ["external": ["url": "https://x.y/c.png"]], "in_trash": true, "is_locked": true],
            version: .v2026_03_11, schema: nil, lookup: lookup)
        #expect(update.icon == ["type": "file", "file": ["url": "/files/393abc1e-edcd-81cc-b617-00b2433488d0/notes.txt"]])
        #expect(update.cover == ["type": "external", "external": ["url": "https://x.y/c.png"]])
        #expect(update.inTrash == true && update.isLocked == true)
        #expect(update.attachedUploads == [FakeLookup.uploadID])
        let clear = try PageRequests.update(body: ["icon": nil], version: .v2025_09_03, schema: nil, lookup: lookup)
        #expect(clear.icon == .some(.null))
        #expect(failureMessage { () throws(ValidationFailure) in
            try PageRequests.update(body: ["icon": ["emojo": "x"]], version: .v2025_09_03, schema: nil, lookup: lookup)
        } == """
            body failed validation. Fix one:
            body.icon.emoji should be defined, instead was `undefined`.
            body.icon.external should be defined, instead was `undefined`.
            body.icon.file_upload should be defined, instead was `undefined`.
            body.icon.custom_emoji should be defined, instead was `undefined`.
            body.icon.icon should be defined, instead was `undefined`.
            """)
        #expect(failureMessage { () throws(ValidationFailure) in
            try PageRequests.update(body: ["archived": true], version: .v2026_03_11, schema: nil, lookup: lookup)
        } == "body failed validation: body.archived should be not present, instead was `true`.")
    }
}

@Suite struct SchemaRequestsTests {
    let lookup = FakeLookup()

    /// Recorded: test_data_sources_create.yaml.
    @Test func dataSourceCreateMatchesRecording() throws {
        let create = try DataSourceRequests.create(
            body: json(#"{"parent":{"type":"database_id","database_id":"e8a73c8a-58db-4ab7-b0d2-690d24025a01"},"properties":{"Name":{"title":{}}},"title":[{"type":"text","text":{"content":"Test DataSource"}}]}"#),
            version: .v2025_09_03, lookup: lookup)
        #expect(create.properties == json(#"{"Name":{"id":"title","name":"Name","description":null,"type":"title","title":{}}}"#))
        #expect(create.title == [textItem("Test DataSource")])
        #expect(create.databaseID == NotionID("e8a73c8a-58db-4ab7-b0d2-690d24025a01"))
    }

    @Test func schemaConfigs() throws {
        let create = try DataSourceRequests.create(body: json(#"""
        {"parent":{"database_id":"e8a73c8a-58db-4ab7-b0d2-690d24025a01"},"properties":{
          "Name":{"title":{}},"Price":{"number":{"format":"dollar"}},"Tags":{"multi_select":{"options":[{"name":"a","color":"red"}]}},
          "State":{"status":{}},"F":{"formula":{"expression":"1+1"}},"R":{"relation":{"data_source_id":"393abc1e-edcd-818e-abb1-000b9d6b1204","single_property":{}}},
          "ID":{"unique_id":{"prefix":"T"}},"C":{"created_time":{}}}}
        """#), version: .v2025_09_03, lookup: lookup)
        let properties = create.properties
        #expect(properties["Price"]?["number"] == ["format": "dollar"])
        #expect(properties["Tags"]?["multi_select"]?["options"]?[0]?["color"] == "red")
        #expect(properties["State"]?["status"]?["options"]?.arrayValue?.map { $0["name"] } == ["Not started", "In progress", "Done"])
        #expect(properties["State"]?["status"]?["groups"]?.arrayValue?.count == 3)
        #expect(properties["R"]?["relation"] == ["data_source_id": "393abc1e-edcd-818e-abb1-000b9d6b1204", "type": "single_property", "single_property": [:]])
        #expect(properties["ID"]?["unique_id"] == ["prefix": "T"])
        let ids = properties.objectValue?.values.compactMap { $0["id"]?.stringValue } ?? []
        #expect(Set(ids).count == ids.count)
        #expect(failureMessage { () throws(ValidationFailure) in
            try DataSourceRequests.create(body: ["parent": ["database_id": "e8a73c8a-58db-4ab7-b0d2-690d24025a01"]], version: .v2025_09_03, lookup: lookup)
        } == "body failed validation: body.properties should be defined, instead was `undefined`.")
    }

    @Test func schemaUpdateRenamesDeletesAdds() throws {
        let schema = json(#"{"Name":{"id":"title","name":"Name","description":null,"type":"title","title":{}},"Old":{"id":"ab","name":"Old","description":null,"type":"checkbox","checkbox":{}},"Gone":{"id":"cd","name":"Gone","description":null,"type":"url","url":{}}}"#)
        let update = try DataSourceRequests.update(
            body: json(#"{"properties":{"ab":{"name":"New"},"Gone":null,"Added":{"rich_text":{}}},"archived":true}"#),
            version: .v2025_09_03, schema: schema, lookup: lookup)
        let properties = update.properties?.objectValue ?? [:]
        #expect(properties.keys.sorted() == ["Added", "Name", "New"])
        #expect(properties["New"]?["id"] == "ab")
        #expect(properties["Added"]?["type"] == "rich_text")
        #expect(update.inTrash == true)
    }

    /// Recorded: test_databases_create.yaml — no initial data source gives a `Name` title.
    @Test func databaseCreateDefaults() throws {
        let create = try DatabaseRequests.create(
            body: json(#"{"parent":{"type":"page_id","page_id":"393abc1e-edcd-81e8-95dc-ec52a3110c68"},"title":[{"type":"text","text":{"content":"Test Database"}}]}"#),
            version: .v2025_09_03, lookup: lookup)
        #expect(create.parent == .page(NotionID("393abc1e-edcd-81e8-95dc-ec52a3110c68")!))
        #expect(create.description == [] && create.isInline == false)
        #expect(create.properties == DatabaseRequests.defaultSchema)
        #expect(failureMessage { () throws(ValidationFailure) in
            try DatabaseRequests.create(body: ["parent": ["page_id": "393abc1e-edcd-81e8-95dc-ec52a3110c68"], "properties": [:]], version: .v2025_09_03, lookup: lookup)
        } == "body failed validation: body.properties should be not present, instead was `{}`.")
    }

    /// Recorded: test_comments_create.yaml.
    @Test func commentCreate() throws {
        let comment = try CommentRequests.create(
            body: json(#"{"parent":{"page_id":"393abc1e-edcd-817b-81a7-f1fcafdcd00b"},"rich_text":[{"text":{"content":"This is a test comment."}}]}"#),
            version: .v2025_09_03, lookup: lookup)
        #expect(comment.target == .page(NotionID("393abc1e-edcd-817b-81a7-f1fcafdcd00b")!))
        #expect(comment.richText == [textItem("This is a test comment.")])
        let four = JSONValue.array(Array(repeating: ["file_upload_id": .string(FakeLookup.uploadID.rawValue)], count: 4))
        #expect(failureMessage { () throws(ValidationFailure) in
            try CommentRequests.create(body: ["discussion_id": "393abc1e-edcd-81dc-bcc6-001cd3572671", "rich_text": [], "attachments": four],
                                       version: .v2025_09_03, lookup: lookup)
        } == "body failed validation: body.attachments.length should be ≤ `3`, instead was `4`.")
    }

    /// Recorded: test_file_uploads_create.yaml.
    @Test func fileUploadCreate() throws {
        let upload = try FileUploadRequests.create(body: json(#"{"mode":"single_part","filename":"test_file.txt","content_type":"text/plain"}"#), version: .v2025_09_03)
        #expect(upload.mode == "single_part" && upload.filename == "test_file.txt" && upload.contentType == "text/plain" && upload.numberOfParts == nil)
        #expect(failureMessage { () throws(ValidationFailure) in try FileUploadRequests.create(body: ["mode": "multi_part", "filename": "a.bin"], version: .v2025_09_03) }
            == "body failed validation: body.number_of_parts should be defined, instead was `undefined`.")
    }
}
