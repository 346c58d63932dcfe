import Foundation
import Import
import NotionModel
import Testing

/// One Markdown snippet per construct → the exact request JSON of its blocks (and its warnings),
/// against `Golden/blocks/<name>.json`. Re-record with
/// `NOTION_EXPORT_RECORD=1 swift test --filter MarkdownImporterGoldenTests` (a recording run fails).
@Suite struct MarkdownImporterGoldenTests {
    static let snippets: [(String, String)] = [
        ("front-matter", "---\ntitle: Unicode, Emoji and You 🎉\nnotion_id: ba9e0000-0000-8000-8000-00000000002e\nicon: 🎉\ncover: ../assets/cover%20image.png\nproperties:\n  Published: 2025-12-10\n  Tags:\n  - a\n  - 'yes'\n---\n\nBody.\n"),
        ("front-matter-native-icon", "---\ntitle: '2024'\nicon:\n  name: snake\n  color: purple\ncover: https://example.com/c.png\n---\n\nBody.\n"),
        ("headings", "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n"),
        ("paragraph-breaks", "Line one\\\nLine two\nsoft continues\n\nSecond paragraph.\n"),
        ("empty-paragraph", "Before\n\n<br>\n\nAfter\n"),
        ("emphasis", "**bold**, *italic*, ~~strike~~, `code`, **_bold italic_**, <u>under</u> and <span data-color=\"red\"><u>**_~~`all`~~_**</u></span>.\n"),
        ("html-fallbacks", "<strong>bo*ld*</strong>*ic* and <em>em</em> and <del>gone</del>.\n"),
        ("colors", "<span data-color=\"gray\">gray</span> <span data-color=\"blue_background\">blue background</span>\n"),
        ("block-color", "<span data-block-color=\"red_background\">A red block with **bold**.</span>\n"),
        ("links", "An [external](https://www.notion.com/help), a [page](../other%20page.md#part), <https://acme.example>, a [file](files/a.pdf), an [anchor](#top) and [bad](http://).\n"),
        ("mentions", "<span data-mention=\"user\" data-id=\"aced0000-0000-8000-8000-000000000001\">@Mara</span>, <time datetime=\"2026-03-09\" data-end=\"2026-03-13\" data-time-zone=\"Europe/Berlin\">x</time>, <span data-mention=\"template\" data-value=\"today\">@Today</span>, <span data-mention=\"template\" data-value=\"me\">@Me</span>, <span data-mention=\"custom_emoji\" data-id=\"e3030000-0000-8000-8000-000000000001\">:shipit:</span>.\n"),
        ("inline-math", "Inline $`e^{i\\pi} + 1 = 0`$ and **$`x`$** here.\n"),
        ("bulleted-nested", "- one\n  - two\n    - three\n- four\n"),
        ("numbered-start", "3. three\n4. four\n   1. inner\n"),
        ("to-do", "- [ ] open\n- [x] done\n  - child\n- plain\n"),
        ("quote", "> Quoted **text**\n>\n> - child item\n"),
        ("alert-with-comment", "> [!NOTE]\n>\n> <!-- notion:callout icon=\"👋\" color=\"blue_background\" -->\n>\n> **Welcome** here.\n>\n> Second paragraph.\n"),
        ("alert-default", "> [!WARNING]\n> Careful.\n"),
        ("alert-native-icon", "> [!TIP]\n>\n> <!-- notion:callout icon=\"notion:snake\" icon-color=\"purple\" color=\"green_background\" -->\n>\n> Native.\n"),
        ("alert-custom-emoji-icon", "> [!IMPORTANT]\n>\n> <!-- notion:callout icon=\":shipit:\" color=\"purple_background\" -->\n>\n> Ship.\n"),
        ("alert-custom-emoji-icon-by-mention", "> [!IMPORTANT]\n>\n> <!-- notion:callout icon=\":shipit:\" color=\"purple_background\" -->\n>\n> Ship <span data-mention=\"custom_emoji\" data-id=\"e3030000-0000-8000-8000-000000000001\">:shipit:</span>\n"),
        ("aside-callout", "<aside data-callout data-icon=\"💡\" data-color=\"gray_background\">\n\nTip text\n\n</aside>\n"),
        ("unsupported-placeholder", "> [!WARNING]\n> Notion block `form` could not be exported (block b10c0022-0000-8000-8000-00000000000a).\n"),
        ("toggle", "<details>\n<summary>Click <strong>me</strong> &amp; see</summary>\n\nHidden *text*.\n\n</details>\n"),
        ("toggle-empty", "<details>\n<summary>Nothing inside</summary>\n</details>\n"),
        ("toggleable-heading", "<details>\n<summary><h2>Section <code>x</code></h2></summary>\n\nInside.\n\n</details>\n"),
        ("nested-toggles", "<details>\n<summary>Outer</summary>\n\n<details>\n<summary>Inner</summary>\n\nDeep.\n\n</details>\n\n</details>\n"),
        ("meeting-notes", "<details data-meeting-notes>\n<summary>Weekly sync</summary>\n\nNotes.\n\n</details>\n"),
        ("template", "<details data-template>\n<summary>Add a task</summary>\n\n- [ ] task\n\n</details>\n"),
        ("code-languages", "```swift\nlet x = 1\n```\n\n```py\nprint(1)\n```\n\n```\nplain\n```\n\n```cpp caption=\"The \\\\\"main\\\\\" file\"\nint main() {}\n```\n\n```java-c-cpp-csharp\nx\n```\n\n```klingon\nQapla'\n```\n"),
        ("equation", "```math\n\\int_0^1 x\\,dx\n```\n"),
        ("table", "| A | B |\n| --- | --- |\n| 1 | two<br>lines |\n| **3** | |\n"),
        ("table-no-header", "|  |  |\n| --- | --- |\n| a | b |\n"),
        ("table-row-header", "<!-- notion:table row-header -->\n\n| H | I |\n| :-- | --: |\n| r | v |\n"),
        ("divider", "Above\n\n***\n\nBelow\n"),
        ("image", "![A **diagram**](../assets/architecture%20diagram.png)\n\n![](https://example.com/x.png \"title\")\n"),
        ("file-links", "[clip.mp4](https://example.com/clip.mp4 \"video\")\n\n[Recording](../assets/talk.mp3 \"audio\")\n\n[security-whitepaper.pdf](../assets/security-whitepaper-994f26f80a0e.pdf \"pdf\")\n\n[brand-assets.zip](../assets/brand-assets.zip \"file\")\n"),
        ("embeds", "[https://example.com](https://example.com \"bookmark\")\n\n[A caption](https://example.com/b \"bookmark\")\n\n[https://www.youtube.com/watch?v=1](https://www.youtube.com/watch?v=1 \"embed\")\n\n[https://github.com/a/b/pull/1](https://github.com/a/b/pull/1 \"link_preview\")\n"),
        ("page-links", "[Child Page](home/child.md \"child_page\")\n\n[Tasks](home/tasks.md \"child_database\")\n\n[Other](../other.md \"link_to_page\")\n\n[Outside](https://www.notion.so/ba9e0000000080008000000000000026 \"link_to_page\")\n"),
        ("columns", "<div data-columns>\n\n<div data-column data-width=\"0.25\">\n\nLeft\n\n</div>\n\n<div data-column data-width=\"0.75\">\n\nRight\n\n- item\n\n</div>\n\n</div>\n"),
        ("tabs", "<div data-tabs>\n\n<div data-tab data-title=\"Q1\">\n\nFirst\n\n</div>\n\n<div data-tab data-title=\"Q2\">\n\nSecond\n\n</div>\n\n</div>\n"),
        ("synced-blocks", "<!-- notion:synced_block id=\"b10c0002-0000-8000-8000-000000000005\" -->\n\nShared text.\n\n<!-- /notion:synced_block -->\n\n<!-- notion:synced_block from=\"b10c0002-0000-8000-8000-000000000005\" -->\n\nShared text.\n\n<!-- /notion:synced_block -->\n"),
        ("table-of-contents", "<!-- notion:table_of_contents -->\n\n- [One](#one)\n  - [Two](#two)\n\n<!-- /notion:table_of_contents -->\n\n# One\n\n## Two\n"),
        ("breadcrumb", "<!-- notion:breadcrumb -->\n\n[Home](../home.md) / [Here](here.md)\n\n<!-- /notion:breadcrumb -->\n"),
        ("list-separator", "- a\n\n<!-- -->\n\n- b\n"),
        ("raw-html", "<div class=\"note\">\n*not parsed*\n</div>\n\nText with <kbd>Ctrl</kbd> inline.\n"),
        ("footnotes", "A claim[^1].\n\n[^1]: The source, with **bold**.\n    And a second line.\n"),
    ]

    static let names = snippets.map(\.0)

    @Test(arguments: names) func snippetConvertsToTheGoldenRequests(_ name: String) throws {
        let markdown = Self.snippets.first { $0.0 == name }!.1
        let document = MarkdownImporter().read(markdown, file: "snippet.md")
        try ImportGolden.check(ImportGolden.json(document), "blocks/\(name).json")
    }
}
