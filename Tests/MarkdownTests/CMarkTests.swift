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

    /// Regression test for cmark-gfm's process-global state: the inline pass of a parse adds the
    /// extensions' characters to a global table and removes them when it ends, so without the lock
    /// around it 8–16 % of concurrent parses came out wrong (toolchain.md §1.4). Everything else
    /// runs unlocked; the three ways in (HTML, the site's HTML with its URL mapping, our AST) run
    /// at once, each checked against its serial result.
    @Test func concurrentParsesMatchSerialReference() async {
        let source = """
            # Title with ~~struck~~ text

            ~~struck~~ and https://example.com and www.example.org and a footnote[^1].

            | a | b |
            |---|:-:|
            | ~~x~~ | https://example.net |

            - [x] done ~~old~~
            - [ ] todo <script>x</script>

            [^1]: The note, ~~struck~~.

            """
        let transform = SiteHTMLTransform(url: { url, _ in url.uppercased() })
        let html = CMark.html(source)
        let site = CMark.html(source, transform: transform)
        let tree = MarkdownDocument.parse(source)
        #expect(html.contains("<del>struck</del>") && html.contains("<table>") && html.contains("href=\"http://www.example.org\""))
        #expect(site.contains("HTTPS://EXAMPLE.NET"))
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<300).reduce(0) { count, _ in
                        let same = switch task % 3 {
                        case 0: CMark.html(source) == html
                        case 1: CMark.html(source, transform: transform) == site
                        default: MarkdownDocument.parse(source) == tree
                        }
                        return count + (same ? 0 : 1)
                    }
                }
            }
            var total = 0
            for await count in group { total += count }
            return total
        }
        #expect(mismatches == 0)
    }
}
