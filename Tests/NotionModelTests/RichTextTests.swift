import Foundation
import NotionModel
import Testing

@Suite struct RichTextTests {
    typealias S = Sample

    static func mention(_ payload: String, plainText: String, href: String? = nil) -> String {
        let hrefJSON = href.map { "\"\($0)\"" } ?? "null"
        return #"{"type":"mention","mention":\#(payload),"annotations":{"bold":true,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"red_background"},"plain_text":"\#(plainText)","href":\#(hrefJSON)}"#
    }

    static let bold = Annotations(bold: true, color: .redBackground)

    @Test func textWithLink() throws {
        let json = #"{"type":"text","text":{"content":"Notion","link":{"url":"https://notion.so"}},"annotations":{"bold":false,"italic":true,"strikethrough":false,"underline":true,"code":false,"color":"blue"},"plain_text":"Notion","href":"https://notion.so"}"#
        let text = try roundTrip(RichText.self, json)
        #expect(text == RichText(kind: .text(content: "Notion", link: "https://notion.so"), plainText: "Notion", href: "https://notion.so", annotations: Annotations(italic: true, underline: true, color: .blue)))
        #expect(text.type == "text")
    }

    @Test func equation() throws {
        let json = #"{"type":"equation","equation":{"expression":"E=mc^2"},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"E=mc^2","href":null}"#
        #expect(try roundTrip(RichText.self, json).kind == .equation(expression: "E=mc^2"))
    }

    @Test func unknownRichTextType() throws {
        let json = #"{"type":"hologram","hologram":{"depth":3},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"?","href":null}"#
        #expect(try roundTrip(RichText.self, json).kind == .unknown(type: "hologram", ["depth": 3]))
    }

    /// (payload, expected mention) for every mention type in the reference.
    static let mentions: [(String, Mention)] = [
        (#"{"type":"user","user":{"object":"user","id":"\#(S.userID)"}}"#, .user(.partial(UserID(S.userID)!))),
        (#"{"type":"user","user":{"object":"user","id":"\#(S.userID)","name":"Ada","avatar_url":null,"type":"person","person":{"email":"ada@example.com"}}}"#,
         .user(User(id: UserID(S.userID)!, type: "person", name: "Ada", person: .init(email: "ada@example.com")))),
        (#"{"type":"page","page":{"id":"\#(S.pageID)"}}"#, .page(id: PageID(S.pageID)!)),
        (#"{"type":"database","database":{"id":"\#(S.databaseID)"}}"#, .database(id: DatabaseID(S.databaseID)!)),
        (#"{"type":"date","date":{"start":"2026-07-01","end":null,"time_zone":null}}"#, .date(DateValue(start: "2026-07-01"))),
        (#"{"type":"date","date":{"start":"2026-07-01T09:00:00.000+02:00","end":"2026-07-02T09:00:00.000+02:00","time_zone":"Europe/Berlin"}}"#,
         .date(DateValue(start: "2026-07-01T09:00:00.000+02:00", end: "2026-07-02T09:00:00.000+02:00", timeZone: "Europe/Berlin"))),
        (#"{"type":"link_preview","link_preview":{"url":"https://github.com/a/b"}}"#, .linkPreview(url: "https://github.com/a/b")),
        (#"{"type":"link_mention","link_mention":{"href":"https://example.com","title":"Example","description":"An example","link_author":"Ann","link_provider":"Example Inc","thumbnail_url":"https://example.com/t.png","icon_url":"https://example.com/i.png","iframe_url":"https://example.com/f","height":300,"padding":12,"padding_top":4.5}}"#,
         .linkMention(LinkMention(href: "https://example.com", title: "Example", description: "An example", linkAuthor: "Ann", linkProvider: "Example Inc", thumbnailURL: "https://example.com/t.png", iconURL: "https://example.com/i.png", iframeURL: "https://example.com/f", height: 300, padding: 12, paddingTop: 4.5))),
        (#"{"type":"template_mention","template_mention":{"type":"template_mention_date","template_mention_date":"today"}}"#, .templateMention(.date("today"))),
        (#"{"type":"template_mention","template_mention":{"type":"template_mention_user","template_mention_user":"me"}}"#, .templateMention(.user("me"))),
        (#"{"type":"custom_emoji","custom_emoji":{"id":"\#(S.blockID)","name":"party","url":"https://example.com/party.png"}}"#,
         .customEmoji(CustomEmoji(id: S.id(S.blockID), name: "party", url: "https://example.com/party.png"))),
        (#"{"type":"teleport","teleport":{"to":"mars"}}"#, .unknown(type: "teleport", ["to": "mars"])),
    ]

    @Test(arguments: mentions)
    func everyMentionType(payload: String, expected: Mention) throws {
        let text = try roundTrip(RichText.self, Self.mention(payload, plainText: "x"))
        #expect(text.kind == .mention(expected))
        #expect(text.annotations == Self.bold)
        #expect(text.plainText == "x")
        #expect(try roundTrip(Mention.self, payload) == expected)
    }

    @Test func pageMentionKeepsHref() throws {
        let text = try roundTrip(RichText.self, Self.mention(#"{"type":"page","page":{"id":"\#(S.pageID)"}}"#, plainText: "Title", href: "https://www.notion.so/393abc1eedcd81d5beece345d8013f05"))
        #expect(text.href == "https://www.notion.so/393abc1eedcd81d5beece345d8013f05")
    }

    @Test func colorIsOpen() throws {
        #expect(Color.apiColors.count == 20)
        #expect(Color.apiColors.filter(\.isBackground).count == 10)
        let annotations = try roundTrip(Annotations.self, #"{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":true,"color":"teal_background"}"#)
        #expect(annotations.color == Color(rawValue: "teal_background"))
        #expect(annotations.code)
    }

    @Test func plainTextOfArray() {
        #expect([RichText.text("a"), .text("b")].plainText == "ab")
    }
}
