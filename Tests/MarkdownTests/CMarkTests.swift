import Markdown
import Testing

@Suite struct CMarkTests {
    @Test func rendersEveryGFMExtension() {
        let html = CMark.html("""
        | a | b |
        |:-:|---|
        | ~~x~~ | https://example.com |

        - [x] done
        """)
        #expect(html == """
        <table>
        <thead>
        <tr>
        <th align="center">a</th>
        <th>b</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td align="center"><del>x</del></td>
        <td><a href="https://example.com">https://example.com</a></td>
        </tr>
        </tbody>
        </table>
        <ul>
        <li><input type="checkbox" checked="" disabled="" /> done</li>
        </ul>

        """)
    }

    /// Regression test for cmark-gfm's process-global state: without the lock, 8–16 % of
    /// concurrent parses came out wrong (toolchain.md §1.4).
    @Test func concurrentParsesMatchSerialReference() async {
        let source = "~~struck~~ and https://example.com and a | table |\n|---|---|\n| x | y |\n"
        let reference = CMark.html(source)
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<500).reduce(0) { count, _ in count + (CMark.html(source) == reference ? 0 : 1) } }
            }
            var total = 0
            for await count in group { total += count }
            return total
        }
        #expect(mismatches == 0)
    }
}
