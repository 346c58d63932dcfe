import Markdown
import Testing

/// Every GFM spec example, parsed, formatted and parsed again, renders to the same HTML as the
/// example itself (and formatting is idempotent), except the ones listed with a reason.
@Suite struct SpecTests {
    /// Examples whose HTML legitimately changes, by number, with the reason.
    static let excluded: [Int: String] = [
        51: "a setext heading's line break becomes a space in the ATX heading we write",
        52: "a setext heading's line break becomes a space in the ATX heading we write",
        65: "a setext heading's line break becomes a space in the ATX heading we write",
        281: "two adjacent lists of one kind are kept apart by an empty HTML comment, which renders",
        282: "two adjacent lists of one kind are kept apart by an empty HTML comment, which renders",
    ]

    static var supported: [GFMSpecExample] { gfmSpecExamples.filter { excluded[$0.number] == nil } }

    @Test(arguments: supported) func roundTrip(_ example: GFMSpecExample) {
        let formatted = MarkdownDocument.parse(example.markdown).formatted()
        #expect(CMark.html(formatted) == CMark.html(example.markdown), "formatted as:\n\(formatted)")
        #expect(MarkdownDocument.parse(formatted).formatted() == formatted, "not idempotent:\n\(formatted)")
    }

    @Test func fixtureHoldsTheWholeSpec() {
        #expect(gfmSpecExamples.count == 673)
        #expect(Self.excluded.keys.allSatisfy { number in gfmSpecExamples.contains { $0.number == number } })
    }
}
