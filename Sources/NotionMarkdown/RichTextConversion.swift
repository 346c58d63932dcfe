import Markdown
import NotionModel

/// Rich text → inlines. Items become runs with a set of marks; runs are grouped mark by mark in a
/// fixed order (link, colour, underline, bold, italic, strikethrough), so adjacent items that share
/// a mark share one pair of markers, and the formatter moves whitespace out of the markers.
struct RichTextConversion {
    struct Marks: Hashable {
        var link: String?
        var color: Color?
        var underline = false
        var bold = false
        var italic = false
        var strikethrough = false
        var code = false
    }

    enum Leaf: Hashable {
        case text(String)
        /// Inlines made by the converter (mentions, equations): never merged with neighbours.
        case inlines([MarkdownInline])
    }

    struct Run: Hashable {
        var marks: Marks
        var leaf: Leaf
    }

    let options: ConversionOptions
    let resolver: any ConversionResolver
    var warnings: [ConversionWarning] = []
    var blockID: BlockID?

    init(options: ConversionOptions, resolver: any ConversionResolver) {
        self.options = options
        self.resolver = resolver
    }

    mutating func inlines(_ items: [RichText]) -> [MarkdownInline] {
        var runs: [Run] = []
        for item in items {
            let run = self.run(item)
            // Adjacent plain items with the same marks are one run (`**a****b**` would not parse).
            if case .text(let text) = run.leaf, let last = runs.last, last.marks == run.marks, case .text(let previous) = last.leaf {
                runs[runs.count - 1].leaf = .text(previous + text)
            } else {
                runs.append(run)
            }
        }
        return group(runs[...], level: 0)
    }

    // MARK: Items

    mutating func run(_ item: RichText) -> Run {
        var marks = Marks()
        let annotations = item.annotations
        if annotations.color != .default {
            if options.colors == .html { marks.color = annotations.color } else { dropped("colour \(annotations.color)") }
        }
        if annotations.underline {
            if options.underline == .html { marks.underline = true } else { dropped("underline") }
        }
        marks.bold = annotations.bold
        marks.italic = annotations.italic
        marks.strikethrough = annotations.strikethrough
        switch item.kind {
        case .text(let content, let link):
            marks.code = annotations.code
            if let href = link ?? item.href { marks.link = rewrite(href) }
            return Run(marks: marks, leaf: .text(content))
        case .equation(let expression):
            if let href = item.href { marks.link = rewrite(href) }
            return Run(marks: marks, leaf: .inlines([.text("$"), .code(expression), .text("$")]))
        case .mention(let mention):
            return mentionRun(mention, item: item, marks: marks)
        case .unknown(let type, _):
            warnings.append(ConversionWarning(.unknownRichText, blockID: blockID,
                                              "rich text of type “\(type)” is kept as its plain text “\(item.plainText)”."))
            return Run(marks: marks, leaf: .text(item.plainText))
        }
    }

    mutating func mentionRun(_ mention: Mention, item: RichText, marks: Marks) -> Run {
        var marks = marks
        switch mention {
        case .page(let id):
            marks.link = link(to: id.id, fallbackTitle: item.plainText)
            return Run(marks: marks, leaf: .text(resolver.target(of: id.id)?.title ?? item.plainText))
        case .database(let id):
            marks.link = link(to: id.id, fallbackTitle: item.plainText)
            return Run(marks: marks, leaf: .text(resolver.target(of: id.id)?.title ?? item.plainText))
        case .user(let user):
            let name = user.name ?? resolver.userName(user.id) ?? String(item.plainText.trimmingPrefix("@"))
            return Run(marks: marks, leaf: .inlines(Self.span(["data-mention": "user", "data-id": user.id.rawValue], [.text("@" + name)])))
        case .date(let date):
            var attributes = [("datetime", date.start)]
            if let end = date.end { attributes.append(("data-end", end)) }
            if let zone = date.timeZone { attributes.append(("data-time-zone", zone)) }
            return Run(marks: marks, leaf: .inlines([.html("<time" + Self.attributes(attributes) + ">"), .text(item.plainText), .html("</time>")]))
        case .linkPreview(let url):
            marks.link = rewrite(url)
            return Run(marks: marks, leaf: .text(item.plainText.isEmpty ? url : item.plainText))
        case .linkMention(let mention):
            marks.link = rewrite(mention.href)
            return Run(marks: marks, leaf: .text(mention.title ?? (item.plainText.isEmpty ? mention.href : item.plainText)))
        case .templateMention(let template):
            let value: String = switch template {
            case .date(let value), .user(let value): value
            case .unknown(let type, _): type
            }
            return Run(marks: marks, leaf: .inlines(Self.span(["data-mention": "template", "data-value": value], [.text(item.plainText)])))
        case .customEmoji(let emoji):
            let name = emoji.name.map { ":\($0):" } ?? item.plainText
            return Run(marks: marks, leaf: .inlines(Self.span(["data-mention": "custom_emoji", "data-id": emoji.id.rawValue], [.text(name)])))
        case .unknown(let type, _):
            warnings.append(ConversionWarning(.unknownRichText, blockID: blockID,
                                              "mention of type “\(type)” is kept as its plain text “\(item.plainText)”."))
            if let href = item.href { marks.link = rewrite(href) }
            return Run(marks: marks, leaf: .text(item.plainText))
        }
    }

    /// A relative link to an exported page or database, or its Notion URL (reported) when it is not
    /// part of the export.
    mutating func link(to id: NotionID, fallbackTitle: String) -> String {
        if let target = resolver.target(of: id) { return target.href }
        let url = id.notionURL
        warnings.append(ConversionWarning(.unresolvedLink, blockID: blockID,
                                          "“\(fallbackTitle)” links to \(url), which is not part of this export; the link keeps its Notion URL."))
        return url
    }

    mutating func rewrite(_ href: String) -> String {
        let rewritten = resolver.rewrite(href: href)
        if !rewritten.resolved {
            warnings.append(ConversionWarning(.unresolvedLink, blockID: blockID,
                                              "\(href) is a Notion page outside this export; the link keeps its Notion URL."))
        }
        return rewritten.href
    }

    mutating func dropped(_ what: String) {
        warnings.append(ConversionWarning(.droppedFormatting, blockID: blockID, "\(what) left out (formatting option)."))
    }

    // MARK: Grouping

    /// Groups `runs` by the mark of `level` (0 link … 5 strikethrough), then the next level inside
    /// each group; below the last level each run becomes its leaf.
    func group(_ runs: ArraySlice<Run>, level: Int) -> [MarkdownInline] {
        guard level < 6 else { return runs.flatMap(leaf) }
        var out: [MarkdownInline] = []
        var start = runs.startIndex
        while start < runs.endIndex {
            let key = Self.key(runs[start].marks, level)
            var end = start + 1
            while end < runs.endIndex, Self.key(runs[end].marks, level) == key { end += 1 }
            let inner = group(runs[start..<end], level: level + 1)
            out += wrap(inner, runs[start].marks, level: level, active: key != nil)
            start = end
        }
        return out
    }

    static func key(_ marks: Marks, _ level: Int) -> String? {
        switch level {
        case 0: marks.link
        case 1: marks.color?.rawValue
        case 2: marks.underline ? "u" : nil
        case 3: marks.bold ? "b" : nil
        case 4: marks.italic ? "i" : nil
        default: marks.strikethrough ? "s" : nil
        }
    }

    func wrap(_ inner: [MarkdownInline], _ marks: Marks, level: Int, active: Bool) -> [MarkdownInline] {
        guard active else { return inner }
        switch level {
        case 0: return [.link(destination: marks.link ?? "", title: "", inner)]
        case 1: return Self.span(["data-color": marks.color?.rawValue ?? ""], inner)
        case 2: return [.html("<u>")] + inner + [.html("</u>")]
        case 3: return [.strong(inner)]
        case 4: return [.emphasis(inner)]
        default: return [.strikethrough(inner)]
        }
    }

    func leaf(_ run: Run) -> [MarkdownInline] {
        switch run.leaf {
        case .inlines(let inlines):
            return inlines
        case .text(let text) where run.marks.code:
            // A code span cannot hold a line break: each line is its own span.
            var out: [MarkdownInline] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { out.append(.lineBreak) }
                if !line.isEmpty { out.append(.code(String(line))) }
            }
            return out
        case .text(let text):
            return Self.textInlines(text)
        }
    }

    /// Text with Notion's soft line breaks (`\n` inside an item) as hard breaks.
    static func textInlines(_ text: String) -> [MarkdownInline] {
        var out: [MarkdownInline] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out.append(.lineBreak) }
            if !line.isEmpty { out.append(.text(String(line))) }
        }
        return out
    }

    // MARK: HTML pieces

    static func span(_ attributes: KeyValuePairs<String, String>, _ inner: [MarkdownInline]) -> [MarkdownInline] {
        [.html("<span" + Self.attributes(attributes.map { ($0.key, $0.value) }) + ">")] + inner + [.html("</span>")]
    }

    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { name, value in " \(name)=\"\(escapeAttribute(value))\"" }.joined()
    }

    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += "&#10;"
            default: out.append(character)
            }
        }
        return out
    }
}
