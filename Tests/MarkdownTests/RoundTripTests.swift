import Markdown
import Testing

@Suite struct RoundTripTests {
    static let kitchenSink = ##"""
    Setext title
    ============

    ## Inline *emphasis*, __strong__, ~~strike~~ and `code`

    Text with *nested **strong** inside*, a [link](https://example.com/a_(b) "Title"), an
    ![image](img.png), <https://autolink.example>, www.example.com, me@example.com, raw <kbd>html</kbd>,
    a hard break\
    and a soft one, a footnote[^first] and another[^second]. Escapes: \*not emphasis\*, 1\. \# \| \\ &amp;.

    > A quote
    > > nested quote with `` code `with` backticks ``

    > [!NOTE]
    > Notes matter.

    > [!WARNING]
    > - a list in a warning

    - level 1
      - level 2
        1. level 3
        2. level 3 again
           - [ ] level 4 task
           - [x] level 4 done
    - back to 1

    7. seven
    8. eight

       loose paragraph

    9. nine

    | Left | Center | Right | None |
    |:-----|:------:|------:|------|
    | a \| b | `x \| y` | **bold** | [l](u) |
    | | empty before | 3 | ~~s~~ |

    ````markdown
    ```swift
    let fence = "inside"
    ```
    ````

    ~~~
    tilde fence with ``` inside
    ~~~

        indented code

    <div align="center">
    block html
    </div>

    * * *

    [^first]: The first note.

    [^second]: The second note,
        with a second paragraph line.

        And a second paragraph.
    """##

    @Test func kitchenSinkHasEveryKind() {
        let blocks = allBlocks(MarkdownDocument.parse(Self.kitchenSink).blocks)
        func has(_ predicate: (MarkdownBlock) -> Bool) -> Bool { blocks.contains(where: predicate) }
        #expect(has { if case .heading = $0 { true } else { false } })
        #expect(has { if case .alert(.note, _) = $0 { true } else { false } })
        #expect(has { if case .alert(.warning, _) = $0 { true } else { false } })
        #expect(has { if case .blockQuote = $0 { true } else { false } })
        #expect(has { if case .table = $0 { true } else { false } })
        #expect(has { if case .codeBlock = $0 { true } else { false } })
        #expect(has { if case .htmlBlock = $0 { true } else { false } })
        #expect(has { if case .thematicBreak = $0 { true } else { false } })
        #expect(has { if case .footnoteDefinition = $0 { true } else { false } })
        #expect(has { if case .list(let list) = $0 { list.items.contains { $0.checked == true } } else { false } })
        #expect(has { if case .list(let list) = $0 { !list.tight } else { false } })
    }

    @Test func kitchenSinkRoundTripsByHTML() {
        let formatted = MarkdownDocument.parse(Self.kitchenSink).formatted()
        #expect(CMark.html(formatted) == CMark.html(Self.kitchenSink), "formatted as:\n\(formatted)")
        #expect(MarkdownDocument.parse(formatted).formatted() == formatted)
    }

    @Test func kitchenSinkCanonicalText() {
        #expect(MarkdownDocument.parse(Self.kitchenSink).formatted() == ##"""
        # Setext title

        ## Inline *emphasis*, **strong**, ~~strike~~ and `code`

        Text with *nested **strong** inside*, a [link](https://example.com/a_\(b\) "Title"), an
        ![image](img.png), <https://autolink.example>, [www\.example.com](http://www.example.com), <me@example.com>, raw <kbd>html</kbd>,
        a hard break\
        and a soft one, a footnote[^first] and another[^second]. Escapes: \*not emphasis\*, 1. \# \| \\ &.

        > A quote
        >
        > > nested quote with ``code `with` backticks``

        > [!NOTE]
        > Notes matter.

        > [!WARNING]
        >
        > - a list in a warning

        - level 1
          - level 2
            1. level 3
            2. level 3 again
               - [ ] level 4 task
               - [x] level 4 done
        - back to 1

        7. seven

        8. eight

           loose paragraph

        9. nine

        | Left | Center | Right | None |
        | :-- | :-: | --: | --- |
        | a \| b | `x \| y` | **bold** | [l](u) |
        |  | empty before | 3 | ~~s~~ |

        ````markdown
        ```swift
        let fence = "inside"
        ```
        ````

        ````
        tilde fence with ``` inside
        ````

        ```
        indented code
        ```

        <div align="center">
        block html
        </div>

        ***

        [^first]: The first note.

        [^second]: The second note,
            with a second paragraph line.

            And a second paragraph.

        """##)
    }
}
