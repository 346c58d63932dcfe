import Foundation
import NotionModel
import Testing

@Suite struct ObjectTests {
    typealias S = Sample

    @Test func errorBodyWithAdditionalData() throws {
        let json = #"{"object":"error","status":404,"code":"object_not_found","message":"Could not find page with ID: 00000000-0000-0000-0000-000000000000.","additional_data":{"integration_id":"7775f3a3-893f-43fa-b625-460c61094c78"},"request_id":"r1"}"#
        let error = try roundTrip(NotionErrorBody.self, json)
        #expect(error == NotionErrorBody(status: 404, code: "object_not_found", message: "Could not find page with ID: 00000000-0000-0000-0000-000000000000.", additionalData: ["integration_id": "7775f3a3-893f-43fa-b625-460c61094c78"], requestID: "r1"))
        #expect(error.description.hasPrefix("404 object_not_found"))
        #expect(try roundTrip(NotionObject.self, json) == .error(error))
    }

    @Test func botUserWithOwner() throws {
        let json = #"{"object":"user","id":"\#(S.userID)","name":"notion-sdk-py","avatar_url":null,"type":"bot","bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"ws","workspace_id":"231674b6-2cc1-46bc-b742-c5c9fe4b9c73","workspace_limits":{"max_file_upload_size_in_bytes":5242880}},"request_id":"r"}"#
        let user = try roundTrip(User.self, json)
        #expect(user.bot == User.Bot(owner: .workspace, workspaceName: "ws", workspaceID: "231674b6-2cc1-46bc-b742-c5c9fe4b9c73", workspaceLimits: .init(maxFileUploadSizeInBytes: 5242880)))
        #expect(user.raw == (try JSONValue(string: json)))
        let oauth = #"{"object":"user","id":"\#(S.userID)","type":"bot","bot":{"owner":{"type":"user","user":{"object":"user","id":"\#(S.userID)","type":"person","person":{"email":"a@b.c","email_verified":true}}}}}"#
        let owner = try roundTrip(User.self, oauth).bot?.owner
        #expect(owner == .user(User(id: UserID(S.userID)!, type: "person", person: .init(email: "a@b.c", emailVerified: true))))
    }

    @Test func partialAndOtherUsers() throws {
        let partial = try roundTrip(User.self, S.partialUser)
        #expect(partial == .partial(UserID(S.userID)!))
        #expect(partial.isPartial)
        let uploader = try roundTrip(User.self, #"{"id":"\#(S.userID)","type":"agent"}"#)
        #expect(uploader.object == nil)
        #expect(uploader.type == "agent")
        let agent = try roundTrip(User.self, #"{"object":"user","id":"\#(S.userID)","type":"agent","agent":{"model":"x"}}"#)
        #expect(agent.otherPayload == ["model": "x"])
    }

    @Test func pageInDataSource() throws {
        let json = #"{"object":"page","id":"\#(S.pageID)","created_time":"2026-07-04T09:08:00.000Z","last_edited_time":"2026-07-04T09:08:00.000Z","created_by":\#(S.partialUser),"last_edited_by":\#(S.partialUser),"cover":{"type":"external","external":{"url":"https://e.com/c.jpg"}},"icon":{"type":"emoji","emoji":"🛴"},"parent":{"type":"data_source_id","data_source_id":"\#(S.dataSourceID)","database_id":"\#(S.databaseID)"},"in_trash":false,"is_archived":false,"is_locked":false,"properties":{"Name":{"id":"title","type":"title","title":[\#(S.text("Row"))]},"Done":{"id":"x%40zJ","type":"checkbox","checkbox":true}},"url":"https://www.notion.so/Row-393abc1eedcd81d5beece345d8013f05","public_url":null,"archived":false,"request_id":"r"}"#
        let page = try roundTrip(Page.self, json)
        #expect(page.id == PageID(S.pageID))
        #expect(page.parent == .dataSource(DataSourceID(S.dataSourceID)!, databaseID: DatabaseID(S.databaseID)))
        #expect(page.cover == .external(url: "https://e.com/c.jpg"))
        #expect(page.icon == .emoji("🛴"))
        #expect(page.title?.plainText == "Row")
        #expect(page.properties["Done"] == PropertyValue(id: "x%40zJ", .checkbox(true)))
        #expect(page.raw == (try JSONValue(string: json)))
    }

    @Test func databaseContainerAndLegacyShapes() throws {
        let container = #"{"object":"database","id":"\#(S.databaseID)","title":[\#(S.text("DB"))],"description":[],"parent":{"type":"page_id","page_id":"\#(S.pageID)"},"is_inline":false,"in_trash":false,"is_locked":false,"created_time":"2026-07-04T09:09:12.949+00:00","last_edited_time":"2026-07-04T09:09:12.949+00:00","data_sources":[{"id":"\#(S.dataSourceID)","name":"DB"}],"icon":null,"cover":null,"url":"https://www.notion.so/x","public_url":null,"archived":false,"request_id":"r"}"#
        let database = try roundTrip(Database.self, container)
        #expect(database.dataSources == [.init(id: DataSourceID(S.dataSourceID)!, name: "DB")])
        #expect(database.properties == nil)
        #expect(database.createdBy == nil)
        let legacy = #"{"object":"database","id":"\#(S.databaseID)","cover":null,"icon":null,"created_time":"2024-12-30T17:09:00.000Z","created_by":\#(S.partialUser),"last_edited_by":\#(S.partialUser),"last_edited_time":"2024-12-30T17:09:00.000Z","title":[],"description":[],"is_inline":true,"properties":{"Name":{"id":"title","name":"Name","type":"title","title":{}}},"parent":{"type":"page_id","page_id":"\#(S.pageID)"},"url":"https://www.notion.so/x","public_url":null,"archived":false,"in_trash":false}"#
        let old = try roundTrip(Database.self, legacy)
        #expect(old.properties?["Name"] == PropertySchema(id: "title", name: "Name", .title))
        #expect(old.dataSources == nil)
        #expect(old.createdBy == .partial(UserID(S.userID)!))
    }

    @Test func dataSource() throws {
        let json = #"{"object":"data_source","id":"\#(S.dataSourceID)","cover":null,"icon":{"type":"emoji","emoji":"⚙️"},"created_time":"2026-07-04T09:09:00.000Z","created_by":\#(S.partialUser),"last_edited_by":\#(S.partialUser),"last_edited_time":"2026-07-04T09:09:00.000Z","title":[],"description":[],"is_inline":false,"properties":{"Name":{"id":"title","name":"Name","description":null,"type":"title","title":{}}},"parent":{"type":"database_id","database_id":"\#(S.databaseID)"},"database_parent":{"type":"page_id","page_id":"\#(S.pageID)"},"url":"https://www.notion.so/x","public_url":null,"in_trash":false,"archived":false,"request_id":"r"}"#
        let source = try roundTrip(DataSource.self, json)
        #expect(source.parent == .database(DatabaseID(S.databaseID)!))
        #expect(source.databaseParent == .page(PageID(S.pageID)!))
        #expect(source.properties.keys.sorted() == ["Name"])
    }

    @Test func commentWithAttachment() throws {
        let json = #"{"object":"comment","id":"\#(S.blockID)","parent":{"type":"block_id","block_id":"\#(S.blockID)"},"discussion_id":"\#(S.pageID)","created_time":"2026-07-04T09:08:00.000Z","last_edited_time":"2026-07-04T09:08:00.000Z","created_by":\#(S.partialUser),"rich_text":[\#(S.text("Hi"))],"display_name":{"type":"integration","resolved_name":"bot"},"attachments":[{"category":"image","file":{"url":"https://s3/a.png","expiry_time":"2026-07-04T10:08:00.000Z"}}],"request_id":"r"}"#
        let comment = try roundTrip(NotionModel.Comment.self, json)
        #expect(comment.richText == [.text("Hi")])
        #expect(comment.displayName == .init(type: "integration", resolvedName: "bot"))
        #expect(comment.attachments?.first?.file == .init(url: "https://s3/a.png", expiryTime: "2026-07-04T10:08:00.000Z"))
    }

    @Test func fileUploadMultiPart() throws {
        let json = #"{"object":"file_upload","id":"\#(S.blockID)","created_time":"2026-07-04T09:11:00.000Z","created_by":{"id":"\#(S.userID)","type":"bot"},"last_edited_time":"2026-07-04T09:11:00.000Z","expiry_time":"2026-07-04T10:11:00.000Z","upload_url":"https://api.notion.com/v1/file_uploads/x/send","complete_url":"https://api.notion.com/v1/file_uploads/x/complete","in_trash":false,"status":"pending","filename":"big.bin","content_type":"application/octet-stream","content_length":null,"number_of_parts":{"total":3,"sent":1},"archived":false}"#
        let upload = try roundTrip(FileUpload.self, json)
        #expect(upload.numberOfParts == .init(total: 3, sent: 1))
        #expect(upload.createdBy?.type == "bot")
        #expect(upload.status == "pending")
    }

    @Test func mixedListKeepsUnknownObjects() throws {
        let json = #"{"object":"list","results":[\#(S.block("divider", "{}")),{"object":"view","id":"v1","type":"table"}],"next_cursor":"\#(S.blockID)","has_more":true,"type":"block","block":{},"request_id":"r","request_status":{"type":"incomplete","incomplete_reason":"timeout"}}"#
        let list = try roundTrip(ListResponse<NotionObject>.self, json)
        #expect(list.results.map(\.object) == ["block", "view"])
        #expect(list.nextCursor == S.blockID)
        #expect(list.typeObject == [:])
        #expect(list.requestStatus == .init(type: "incomplete", incompleteReason: "timeout"))
        // A list without a type object (custom emojis).
        let emojis = try roundTrip(ListResponse<NotionObject>.self, #"{"object":"list","type":"custom_emoji","results":[],"has_more":false,"next_cursor":null}"#)
        #expect(emojis.typeObject == JSONValue?.none)
    }
}
