@testable import Markdown
import Testing

/// `MarkdownFormatter.lines` is the Character-level split on line feeds, done on bytes.
@Suite struct LineSplitTests {
    @Test(arguments: ["", "a", "\n", "\n\n", "a\nb", "a\n", "\na", "a\r\nb", "\r\n", "\r\n\n", "\r\r\n", "\n\r",
                      "é\nß\n", "a\u{301}\nb", "\u{301}\n", "👩‍💻\n👩‍💻", "a\n\n\nb\n"])
    func matchesSplit(_ text: String) {
        #expect(MarkdownFormatter.lines(text) == text.split(separator: "\n", omittingEmptySubsequences: false))
    }
}
