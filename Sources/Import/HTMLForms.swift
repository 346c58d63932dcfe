import Foundation
import Markdown
import NotionModel
import Yams

/// The dialect's HTML forms (docs/dialect.md): an opening HTML block, the content as Markdown
/// blocks, a closing HTML block, all siblings in cmark's tree. Matched by depth, so forms nest.
extension DocumentReader {
    /// Reads the form that starts with the HTML block at `index` into `out`; returns the index
    /// after it. HTML that is none of the forms is carried as a `markdown:raw` code block.
    mutating func htmlForm(_ html: String, _ blocks: [MarkdownBlock], _ maps: [SourceMap], at index: Int,
                           into out: inout [BlockDraft]) -> Int {
        let map = maps[index]
        let trimmed = html.trimmingSpaces
        if ["<br>", "<br/>", "<br />"].contains(trimmed) {
            out.append(BlockDraft("paragraph", ["rich_text": []]))
            return index + 1
        }
        if let comment = HTMLTag.comment(trimmed) {
            // `<!-- -->` separates two adjacent lists of one kind, which would otherwise merge.
            if comment.isEmpty { return index + 1 }
            if let next = commentForm(comment, blocks, maps, at: index, into: &out) { return next }
        } else if let line = trimmed.split(separator: "\n").first, let tag = HTMLTag(line), !tag.closing {
            if let next = elementForm(tag, trimmed, blocks, maps, at: index, into: &out) { return next }
        }
        warn(map, "raw HTML", "this HTML is not one of the forms notion-export writes; it is kept as a `markdown:raw` code block holding its source, which an export writes back verbatim.")
        out.append(raw(html, language: "html"))
        return index + 1
    }

    // MARK: Comments

    mutating func commentForm(_ comment: String, _ blocks: [MarkdownBlock], _ maps: [SourceMap], at index: Int,
                              into out: inout [BlockDraft]) -> Int? {
        guard let directive = HTMLTag.directive(comment) else { return nil }
        let map = maps[index]
        switch directive.name {
        case "notion:synced_block":
            guard let end = closing(blocks, after: index, opens: { Self.comment($0, named: "notion:synced_block") },
                                    closes: { Self.comment($0, named: "/notion:synced_block") }) else { return nil }
            if let from = directive["from"] {
                // A copy shows its original's blocks; they are the original's to carry.
                warn(map, "synced block", "a copy of synced block \(from) is created as a reference to it; its content comes from the original, not from this file.")
                out.append(BlockDraft("synced_block", ["synced_from": ["type": "block_id", "block_id": .string(from)]]))
            } else {
                let children = self.blocks(Array(blocks[(index + 1)..<end]), Array(maps[(index + 1)..<end]))
                // The id the export gave it: copies in other files name it, and the importer points
                // them at the new block (not sent).
                out.append(BlockDraft("synced_block", ["synced_from": .null], children: children, source: directive["id"]))
            }
            return end + 1
        case "notion:table_of_contents", "notion:breadcrumb":
            // What follows up to the closing comment is the exporter's rendering of the block.
            let type = String(directive.name.dropFirst("notion:".count))
            out.append(BlockDraft(type, [:]))
            let end = closing(blocks, after: index, opens: { _ in false }, closes: { Self.comment($0, named: "/" + directive.name) })
            return (end ?? index) + 1
        case "notion:table" where directive["row-header"] != nil:
            guard index + 1 < blocks.count, case .table(let table) = blocks[index + 1] else { return nil }
            out += self.table(table, rowHeader: true, maps[index + 1])
            return index + 2
        default:
            return nil
        }
    }

    static func comment(_ block: MarkdownBlock, named name: String) -> Bool {
        guard case .htmlBlock(let html) = block, let comment = HTMLTag.comment(html) else { return false }
        return comment == name || comment.hasPrefix(name + " ")
    }

    /// The index of the HTML block that closes the form opened at `index`, counting nested openers.
    func closing(_ blocks: [MarkdownBlock], after index: Int, opens: (MarkdownBlock) -> Bool, closes: (MarkdownBlock) -> Bool) -> Int? {
        var depth = 1
        var position = index + 1
        while position < blocks.count {
            if closes(blocks[position]) {
                depth -= 1
                if depth == 0 { return position }
            } else if opens(blocks[position]) {
                depth += 1
            }
            position += 1
        }
        return nil
    }

    static func element(_ block: MarkdownBlock, opens name: String) -> Bool {
        guard case .htmlBlock(let html) = block else { return false }
        let trimmed = html.trimmingSpaces
        guard let line = trimmed.split(separator: "\n").first, let tag = HTMLTag(line), !tag.closing, tag.name == name else { return false }
        return !trimmed.hasSuffix("</\(name)>")
    }

    static func element(_ block: MarkdownBlock, closes name: String) -> Bool {
        guard case .htmlBlock(let html) = block else { return false }
        return html.trimmingSpaces == "</\(name)>"
    }

    func closingElement(_ name: String, _ blocks: [MarkdownBlock], after index: Int) -> Int? {
        closing(blocks, after: index, opens: { Self.element($0, opens: name) }, closes: { Self.element($0, closes: name) })
    }

    // MARK: Elements

    mutating func elementForm(_ tag: HTMLTag, _ html: String, _ blocks: [MarkdownBlock], _ maps: [SourceMap], at index: Int,
                              into out: inout [BlockDraft]) -> Int? {
        let map = maps[index]
        switch tag.name {
        case "details":
            guard let (summary, selfClosed) = Self.summary(html) else { return nil }
            var end = index
            var children: [BlockDraft] = []
            if !selfClosed {
                guard let close = closingElement("details", blocks, after: index) else { return nil }
                children = self.blocks(Array(blocks[(index + 1)..<close]), Array(maps[(index + 1)..<close]))
                end = close
            }
            out += details(tag, summary: summary, children: children, map)
            return end + 1
        case "div" where tag["data-columns"] != nil:
            guard let close = closingElement("div", blocks, after: index) else { return nil }
            out += columns(Array(blocks[(index + 1)..<close]), Array(maps[(index + 1)..<close]), map)
            return close + 1
        case "div" where tag["data-tabs"] != nil:
            guard let close = closingElement("div", blocks, after: index) else { return nil }
            out += tabs(Array(blocks[(index + 1)..<close]), Array(maps[(index + 1)..<close]), map)
            return close + 1
        case "aside" where tag["data-callout"] != nil:
            guard let close = closingElement("aside", blocks, after: index) else { return nil }
            var attributes: [String: String] = [:]
            for (key, value) in tag.attributes where key.hasPrefix("data-") { attributes[String(key.dropFirst(5))] = value }
            let icon = iconValue(attributes, map)
            out += callout(Array(blocks[(index + 1)..<close]), Array(maps[(index + 1)..<close]), color: attributes["color"] ?? "default", icon: icon, map)
            return close + 1
        default:
            return nil
        }
    }

    /// `<details…>\n<summary>HTML</summary>[\n</details>]`: the summary's HTML, and whether the
    /// block closes the element itself (no children).
    static func summary(_ html: String) -> (String, Bool)? {
        guard let open = html.firstRange(of: "<summary>"), let close = html.ranges(of: "</summary>").last, open.upperBound <= close.lowerBound else { return nil }
        let after = html[close.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard after.isEmpty || after == "</details>" else { return nil }
        return (String(html[open.upperBound..<close.lowerBound]), after == "</details>")
    }

    mutating func details(_ tag: HTMLTag, summary: String, children: [BlockDraft], _ map: SourceMap) -> [BlockDraft] {
        // `<summary><h2>…</h2></summary>`: a toggleable heading.
        for level in 1...6 where summary.hasPrefix("<h\(level)>") && summary.hasSuffix("</h\(level)>") {
            if level > 4 { warn(map, "heading level \(level)", "Notion headings go to level 4; this toggleable heading becomes a heading_4.") }
            let inner = String(summary.dropFirst(4).dropLast(5))
            let (content, color) = Self.blockColorHTML(inner)
            var extra: [String: JSONValue] = ["is_toggleable": true]
            if let color { extra["color"] = .string(color) }
            return textBlocks("heading_\(min(level, 4))", richText(html: content, map), extra, children: children, map)
        }
        if tag["data-meeting-notes"] != nil {
            warn(map, "meeting notes", "Notion's API cannot create meeting notes; they become a toggle with the same title and content.")
        } else if tag["data-template"] != nil {
            warn(map, "template", "Notion's API no longer creates template buttons; this one becomes a toggle with the same text and content.")
        }
        let (content, color) = Self.blockColorHTML(summary)
        return textBlocks("toggle", richText(html: content, map), color.map { ["color": .string($0)] } ?? [:], children: children, map)
    }

    /// A block colour span around a summary's whole HTML.
    static func blockColorHTML(_ html: String) -> (String, String?) {
        guard html.hasPrefix("<span data-block-color=\""), html.hasSuffix("</span>"), let end = html.firstIndex(of: ">"),
              let tag = HTMLTag(html[...end]), let color = tag["data-block-color"] else { return (html, nil) }
        return (String(html[html.index(after: end)...].dropLast(7)), color)
    }

    mutating func columns(_ blocks: [MarkdownBlock], _ maps: [SourceMap], _ map: SourceMap) -> [BlockDraft] {
        var columns: [BlockDraft] = []
        var stray: [BlockDraft] = []
        var index = 0
        while index < blocks.count {
            if case .htmlBlock(let html) = blocks[index], let line = html.trimmingSpaces.split(separator: "\n").first,
               let tag = HTMLTag(line), tag.name == "div", tag["data-column"] != nil,
               let close = closingElement("div", blocks, after: index) {
                var children = self.blocks(Array(blocks[(index + 1)..<close]), Array(maps[(index + 1)..<close]))
                if children.isEmpty { children = [BlockDraft("paragraph", ["rich_text": []])] }
                let body: JSONValue = tag["data-width"].flatMap(Double.init).map { ["width_ratio": .double($0)] } ?? [:]
                columns.append(BlockDraft("column", body, children: children))
                index = close + 1
            } else {
                var piece: [BlockDraft] = []
                index = form(at: index, blocks, maps, into: &piece)
                stray += piece
            }
        }
        if !stray.isEmpty { warn(map, "columns", "\(stray.count) block(s) inside <div data-columns> but outside any column are placed after the columns.") }
        guard columns.count >= 2 else {
            warn(map, "columns", "Notion needs at least two columns; the single column's blocks are placed in the page.")
            return columns.flatMap(\.children) + stray
        }
        return [BlockDraft("column_list", [:], children: columns)] + stray
    }

    mutating func tabs(_ blocks: [MarkdownBlock], _ maps: [SourceMap], _ map: SourceMap) -> [BlockDraft] {
        var tabs: [BlockDraft] = []
        var stray: [BlockDraft] = []
        var index = 0
        while index < blocks.count {
            if case .htmlBlock(let html) = blocks[index], let line = html.trimmingSpaces.split(separator: "\n").first,
               let tag = HTMLTag(line), tag.name == "div", tag["data-tab"] != nil,
               let close = closingElement("div", blocks, after: index) {
                let children = self.blocks(Array(blocks[(index + 1)..<close]), Array(maps[(index + 1)..<close]))
                let title = RichItem(content: .text(tag["data-title"] ?? ""), marks: .init())
                tabs.append(BlockDraft("paragraph", ["rich_text": tag["data-title"].map { $0.isEmpty ? [] : [title.request] } ?? []], children: children))
                index = close + 1
            } else {
                var piece: [BlockDraft] = []
                index = form(at: index, blocks, maps, into: &piece)
                stray += piece
            }
        }
        if !stray.isEmpty { warn(map, "tabs", "\(stray.count) block(s) inside <div data-tabs> but outside any tab are placed after the tabs.") }
        return [BlockDraft("tab", [:], children: tabs)] + stray
    }

    /// One block (or HTML form) at `index`; the index after it.
    mutating func form(at index: Int, _ blocks: [MarkdownBlock], _ maps: [SourceMap], into out: inout [BlockDraft]) -> Int {
        if case .htmlBlock(let html) = blocks[index] { return htmlForm(html, blocks, maps, at: index, into: &out) }
        out += block(blocks[index], maps[index])
        return index + 1
    }

    // MARK: Front matter

    /// The YAML between the `---` lines: title, icon and cover in request form; the rest kept as JSON.
    mutating func frontMatter(_ text: String, into document: inout ImportDocument) {
        var yaml = text.hasPrefix("---\n") ? String(text.dropFirst(4)) : text
        while yaml.hasSuffix("\n") { yaml.removeLast() }
        if yaml.hasSuffix("---") { yaml.removeLast(3) }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            warnings.append(ImportWarning(file: file, line: 1, construct: "front matter",
                                          message: "the YAML does not parse (\(error)); the title comes from the file name and no property is read."))
            return
        }
        guard let node else { return }
        let json = Self.json(node)
        document.frontMatter = json
        guard case .object(let fields) = json else {
            warnings.append(ImportWarning(file: file, line: 1, construct: "front matter", message: "the front matter is not a mapping; it is ignored."))
            return
        }
        let at = SourceMap(range: SourceRange(start: SourcePosition(line: 1 - lineOffset, column: 1), end: SourcePosition(line: 1 - lineOffset, column: 1)))
        if let title = fields["title"] {
            switch title {
            case .string(let text): document.title = text
            case .int(let value): document.title = String(value)
            case .double(let value): document.title = String(value)
            case .bool(let value): document.title = String(value)
            default: warn(at, "title", "the front matter's title is not text; the title comes from the file name.")
            }
        }
        switch fields["icon"] {
        case .string(let icon)?: document.icon = iconValue(icon, color: nil, at)
        case .object(let native)?:
            if case .string(let name)? = native["name"] {
                var icon: [String: JSONValue] = ["name": .string(name)]
                if case .string(let color)? = native["color"] { icon["color"] = .string(color) }
                document.icon = ["type": "icon", "icon": .object(icon)]
            } else {
                warn(at, "icon", "the front matter's icon mapping has no name; it is left out.")
            }
        case nil, .null?: break
        default: warn(at, "icon", "the front matter's icon is neither an emoji, a file nor a Notion icon; it is left out.")
        }
        if case .string(let description)? = fields["description"] {
            // A database's description: one paragraph of Markdown.
            var inlines: [MarkdownInline] = []
            for block in MarkdownDocument.parse(description).blocks { if case .paragraph(let items) = block { inlines += items } }
            document.description = richTextJSON(inlines, at, "the description")
        }
        switch fields["cover"] {
        case .string(let cover)?: document.cover = file(cover, at, "cover")
        case nil, .null?: break
        default: warn(at, "cover", "the front matter's cover is not a URL or a file path; it is left out.")
        }
    }

    /// YAML → JSON with YAML 1.1's core types (null, bool, int, float); timestamps stay text.
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let bool = node.bool { return .bool(bool) }
            if let int = node.int { return .int(int) }
            if let double = node.float { return .double(double) }
            return .string(scalar.string)
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? "\(key)"] = json(value) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }
}
