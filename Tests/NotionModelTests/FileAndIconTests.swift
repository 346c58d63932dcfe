import Foundation
import NotionModel
import Testing

@Suite struct FileAndIconTests {
    typealias S = Sample

    @Test func fileWithExpiryTime() throws {
        let json = #"{"type":"file","file":{"url":"https://prod-files-secure.s3.us-west-2.amazonaws.com/x?X-Amz-Expires=3600","expiry_time":"2026-07-04T10:08:00.000Z"}}"#
        let file = try roundTrip(FileObject.self, json)
        #expect(file == .file(url: "https://prod-files-secure.s3.us-west-2.amazonaws.com/x?X-Amz-Expires=3600", expiryTime: "2026-07-04T10:08:00.000Z"))
        #expect(file.url?.hasPrefix("https://prod-files") == true)
    }

    @Test func externalUploadAndUnknownFiles() throws {
        #expect(try roundTrip(FileObject.self, #"{"type":"external","external":{"url":"https://e.com/a.png"}}"#) == .external(url: "https://e.com/a.png"))
        #expect(try roundTrip(FileObject.self, #"{"type":"file_upload","file_upload":{"id":"\#(S.pageID)"}}"#) == .fileUpload(id: S.id(S.pageID)))
        #expect(try roundTrip(FileObject.self, #"{"type":"drive","drive":{"x":1}}"#) == .unknown(type: "drive", ["x": 1]))
    }

    @Test func namedFile() throws {
        let file = try roundTrip(NamedFile.self, #"{"name":"a.pdf","type":"external","external":{"url":"https://e.com/a.pdf"}}"#)
        #expect(file == NamedFile(name: "a.pdf", file: .external(url: "https://e.com/a.pdf")))
    }

    static let icons: [(String, Icon)] = [
        (#"{"type":"emoji","emoji":"🛴"}"#, .emoji("🛴")),
        (#"{"type":"custom_emoji","custom_emoji":{"id":"\#(S.blockID)","name":"party","url":"https://e.com/p.png"}}"#,
         .customEmoji(CustomEmoji(id: S.id(S.blockID), name: "party", url: "https://e.com/p.png"))),
        (#"{"type":"file","file":{"url":"https://s3/i.png","expiry_time":"2026-07-04T10:08:00.000Z"}}"#, .file(url: "https://s3/i.png", expiryTime: "2026-07-04T10:08:00.000Z")),
        (#"{"type":"external","external":{"url":"https://e.com/i.svg"}}"#, .external(url: "https://e.com/i.svg")),
        (#"{"type":"file_upload","file_upload":{"id":"\#(S.pageID)"}}"#, .fileUpload(id: S.id(S.pageID))),
        (#"{"type":"icon","icon":{"name":"snake","color":"lightgray"}}"#, .native(name: "snake", color: .lightgray)),
        (#"{"type":"sticker","sticker":{"pack":"cats","n":3}}"#, .unknown(type: "sticker", ["pack": "cats", "n": 3])),
    ]

    @Test(arguments: icons)
    func everyIconType(json: String, expected: Icon) throws {
        let icon = try roundTrip(Icon.self, json)
        #expect(icon == expected)
        #expect(icon.type == (try JSONValue(string: json))["type"]?.stringValue)
    }

    static let parents: [(String, Parent)] = [
        (#"{"type":"page_id","page_id":"\#(S.pageID)"}"#, .page(PageID(S.pageID)!)),
        (#"{"type":"database_id","database_id":"\#(S.databaseID)"}"#, .database(DatabaseID(S.databaseID)!)),
        (#"{"type":"data_source_id","data_source_id":"\#(S.dataSourceID)","database_id":"\#(S.databaseID)"}"#,
         .dataSource(DataSourceID(S.dataSourceID)!, databaseID: DatabaseID(S.databaseID)!)),
        (#"{"type":"block_id","block_id":"\#(S.blockID)"}"#, .block(BlockID(S.blockID)!)),
        (#"{"type":"workspace","workspace":true}"#, .workspace),
        (#"{"type":"agent_id","agent_id":"\#(S.blockID)"}"#, .unknown(type: "agent_id", .string(S.blockID))),
    ]

    @Test(arguments: parents)
    func everyParentType(json: String, expected: Parent) throws {
        #expect(try roundTrip(Parent.self, json) == expected)
    }

    @Test func undashedParentIdsAreNormalized() throws {
        let parent = try JSONDecoder().decode(Parent.self, from: Data(#"{"type":"page_id","page_id":"393ABC1EEDCD81D5BEECE345D8013F05"}"#.utf8))
        #expect(parent == .page(PageID(S.pageID)!))
    }
}
