/// The canonical GitHub-Flavored Markdown writer. Deterministic: `-` bullets, `1.` ordered
/// markers numbered from the list's start, `*` emphasis, `**` strong, `~~` strikethrough,
/// backtick fences longer than any backtick run inside, ATX headings, `***` thematic breaks,
/// backslash hard breaks, item content aligned under its marker. All escaping lives here, one
/// function per context.
public struct MarkdownFormatter: Sendable {
    public struct Options: Hashable, Sendable {
        public enum TableStyle: Hashable, Sendable {
            /// `| a | b |`: one space either side of each cell; a changed cell changes one line.
            case compact
            /// Cells padded with spaces to the widest cell of their column (counted in characters).
            case aligned
        }
        public var tableStyle: TableStyle
        public init(tableStyle: TableStyle = .compact) { self.tableStyle = tableStyle }
    }

    public var options: Options
    public init(_ options: Options = .init()) { self.options = options }

    /// The document's text, ending in one newline (empty for no blocks).
    public func format(_ document: MarkdownDocument) -> String { format(document.blocks) }

    /// Inlines as the text of one paragraph, without the final newline (captions, front matter
    /// values).
    public func format(_ inlines: [MarkdownInline]) -> String {
        var text = format([.paragraph(inlines)])
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    public func format(_ blocks: [MarkdownBlock]) -> String {
        let text = blockSequence(blocks, tight: false)
        return text.isEmpty ? "" : text + "\n"
    }

    // MARK: Blocks

    func blockSequence(_ blocks: [MarkdownBlock], tight: Bool) -> String {
        var out = ""
        var previous: MarkdownBlock?
        for block in blocks {
            let text = self.block(block)
            if let previous {
                switch (previous, block) {
                case (.list(let a), .list(let b)) where a.kind.isOrdered == b.kind.isOrdered:
                    // Two adjacent lists of one kind would merge into one; an empty comment separates them.
                    out += "\n\n<!-- -->\n\n"
                case (.paragraph, .paragraph), (.paragraph, .table), (.paragraph, .htmlBlock):
                    out += "\n\n"
                case (.paragraph, .list(let list)) where !list.canInterruptParagraph:
                    // Only a list starting at 1 with a non-empty first item may interrupt a paragraph.
                    out += "\n\n"
                default:
                    out += tight ? "\n" : "\n\n"
                }
            }
            out += text
            previous = block
        }
        return out
    }

    func block(_ block: MarkdownBlock) -> String {
        switch block {
        case .paragraph(let inlines):
            return inlineLine(Self.trimmingBreaks(inlines), context: .body)
        case .heading(let level, let inlines):
            let hashes = String(repeating: "#", count: min(max(level, 1), 6))
            let content = inlineLine(Self.trimmingBreaks(inlines), context: .heading)
            return content.isEmpty ? hashes : hashes + " " + content
        case .thematicBreak:
            return "***"
        case .blockQuote(let blocks):
            return Self.quoted(blockSequence(blocks, tight: false))
        case .alert(let kind, let blocks):
            let marker = "[!\(kind.rawValue.uppercased())]"
            guard !blocks.isEmpty else { return Self.quoted(marker) }
            let separator = if case .paragraph = blocks[0] { "\n" } else { "\n\n" }
            return Self.quoted(marker + separator + blockSequence(blocks, tight: false))
        case .list(let list):
            return self.list(list)
        case .codeBlock(let info, let text):
            return codeBlock(info: info, text: text)
        case .htmlBlock(let html):
            var text = Substring(html)
            while text.last == "\n" { text = text.dropLast() }
            return String(text)
        case .table(let table):
            return self.table(table)
        case .footnoteDefinition(let label, let blocks):
            let content = blockSequence(blocks, tight: false)
            let head = "[^\(label)]:"
            return content.isEmpty ? head : Self.hanging(content, first: head + " ", indent: 4)
        }
    }

    func list(_ list: MarkdownList) -> String {
        var items: [String] = []
        for (index, item) in list.items.enumerated() {
            let marker: String = switch list.kind {
            case .bullet: "-"
            case .ordered(let start): "\(start + index)."
            }
            let content = blockSequence(item.blocks, tight: list.tight)
            var first = marker + " "
            if let checked = item.checked, case .paragraph? = item.blocks.first { first += checked ? "[x] " : "[ ] " }
            items.append(content.isEmpty ? marker : Self.hanging(content, first: first, indent: marker.count + 1))
        }
        return items.joined(separator: list.tight ? "\n" : "\n\n")
    }

    func codeBlock(info: String, text: String) -> String {
        let useTildes = info.contains("`")
        let fenceCharacter: Character = useTildes ? "~" : "`"
        let fence = String(repeating: fenceCharacter, count: max(3, Self.longestRun(of: fenceCharacter, in: text) + 1))
        var body = text
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        return fence + Self.escapeInfo(info) + "\n" + body + fence
    }

    func table(_ table: MarkdownTable) -> String {
        let columns = max(table.alignments.count, table.header.count, 1)
        func cells(_ row: [[MarkdownInline]]) -> [String] {
            (0..<columns).map { $0 < row.count ? tableCell(row[$0]) : "" }
        }
        let header = cells(table.header)
        let rows = table.rows.map(cells)
        let alignments = (0..<columns).map { $0 < table.alignments.count ? table.alignments[$0] : .none }
        var widths = Array(repeating: 3, count: columns)
        if options.tableStyle == .aligned {
            for row in [header] + rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        }
        func line(_ row: [String]) -> String {
            let padded = row.enumerated().map { column, cell in
                options.tableStyle == .aligned ? cell + String(repeating: " ", count: widths[column] - cell.count) : cell
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let delimiter = alignments.enumerated().map { column, alignment -> String in
            let width = widths[column]
            return switch alignment {
            case .none: String(repeating: "-", count: width)
            case .left: ":" + String(repeating: "-", count: width - 1)
            case .center: ":" + String(repeating: "-", count: width - 2) + ":"
            case .right: String(repeating: "-", count: width - 1) + ":"
            }
        }
        return ([line(header), line(delimiter)] + rows.map(line)).joined(separator: "\n")
    }

    // MARK: Inlines

    enum InlineContext { case body, heading, tableCell }

    /// Inlines that make up a whole paragraph, heading or cell: the first starts a line, the last ends one.
    func inlineLine(_ inlines: [MarkdownInline], context: InlineContext) -> String {
        inlineSequence(Self.normalized(inlines), lineStart: true, lineEnd: true, context: context)
    }

    /// `emphasisParent` is the delimiter of the emphasis or strong these inlines sit directly in:
    /// an emphasis at its inner edge takes the other character (`*_a_*`, `**_a_**`), since
    /// `**a**` would be strong and `***a***` emphasis around strong.
    func inlineSequence(_ inlines: [MarkdownInline], lineStart: Bool, lineEnd: Bool, context: InlineContext,
                        emphasisParent: Character? = nil) -> String {
        var out = ""
        for (index, inline) in inlines.enumerated() {
            let start = index == 0 ? lineStart : inlines[index - 1].isBreak
            let end = index == inlines.count - 1 ? lineEnd : inlines[index + 1].isBreak
            switch inline {
            case .text(let text):
                var escaped = Self.escapeText(text, lineStart: start, lineEnd: end, context: context)
                if escaped.hasSuffix("!"), index + 1 < inlines.count, case .link = inlines[index + 1] {
                    escaped.removeLast()
                    escaped += "\\!" // not an image
                }
                out += escaped
            case .softBreak:
                out += context == .body ? "\n" : " "
            case .lineBreak:
                let text: String = switch context { case .body: "\\\n"; case .heading: " "; case .tableCell: "<br>" }
                out += text
            case .code(let code):
                out += Self.codeSpan(code)
            case .emphasis(let children):
                let atEdge = emphasisParent != nil && (index == 0 || index == inlines.count - 1)
                let marker: Character = atEdge && emphasisParent == "*" ? "_" : "*"
                let inner = inlineSequence(children, lineStart: false, lineEnd: false, context: context, emphasisParent: marker)
                var written = delimited(inner, String(marker), tag: "em", after: Self.previousCharacter(out), before: Self.firstCharacter(inlines, after: index))
                if written.hasPrefix("<") {
                    // Inside an HTML element the children are no longer next to a delimiter.
                    written = "<em>" + inlineSequence(children, lineStart: false, lineEnd: false, context: context) + "</em>"
                }
                out += written
            case .strong(let children):
                let inner = inlineSequence(children, lineStart: false, lineEnd: false, context: context, emphasisParent: "*")
                var written = delimited(inner, "**", tag: "strong", after: Self.previousCharacter(out), before: Self.firstCharacter(inlines, after: index))
                if written.hasPrefix("<") {
                    written = "<strong>" + inlineSequence(children, lineStart: false, lineEnd: false, context: context) + "</strong>"
                }
                out += written
            case .strikethrough(let children):
                let inner = inlineSequence(children, lineStart: false, lineEnd: false, context: context)
                out += delimited(inner, "~~", tag: "del", after: Self.previousCharacter(out), before: Self.firstCharacter(inlines, after: index))
            case .link(let destination, let title, let children):
                out += "[" + inlineSequence(children, lineStart: false, lineEnd: false, context: context) + "]("
                    + Self.escapeDestination(destination) + Self.escapeTitle(title) + ")"
            case .image(let source, let title, let alt):
                out += "![" + inlineSequence(alt, lineStart: false, lineEnd: false, context: context) + "]("
                    + Self.escapeDestination(source) + Self.escapeTitle(title) + ")"
            case .autolink(let destination):
                out += autolink(destination, context: context)
            case .html(let html):
                out += html
            case .footnoteReference(let label):
                out += "[^\(label)]"
            }
        }
        return out
    }

    /// `inner` between delimiter runs, when they would open and close there: a run opens only if
    /// it is left-flanking (punctuation right after it needs whitespace or punctuation before it)
    /// and closes only if it is right-flanking. `**"a"**b` is not strong, so that case, and only
    /// that one, is written as an HTML element, which renders the same.
    func delimited(_ inner: String, _ delimiter: String, tag: String, after previous: Character?, before next: Character?) -> String {
        let character = delimiter.first!
        // cmark-gfm's strikethrough extension makes every delimiter scan skip `~` when it looks at
        // the characters around a run; a raw delimiter of the run's own character joins the run.
        let first = inner.first { $0 != character && $0 != "~" }
        let last = inner.last { $0 != character && $0 != "~" }
        let opens = !(first.map(Self.isPunctuation) ?? false) || previous.map { $0.isWhitespace || Self.isPunctuation($0) } ?? true
        let closes = !(last.map(Self.isPunctuation) ?? false) || next.map { $0.isWhitespace || Self.isPunctuation($0) } ?? true
        // A run right next to another run of the same character joins it (`*a***b**`).
        let joins = previous == character || next == character
        // `_` neither opens nor closes inside a word.
        let intraword = character == "_"
            && (previous.map { !$0.isWhitespace && !Self.isPunctuation($0) } ?? false
                || next.map { !$0.isWhitespace && !Self.isPunctuation($0) } ?? false)
        return opens && closes && !joins && !intraword ? delimiter + inner + delimiter : "<\(tag)>" + inner + "</\(tag)>"
    }

    /// CommonMark's punctuation: ASCII punctuation and Unicode's P categories.
    static func isPunctuation(_ character: Character) -> Bool {
        character.isASCII ? (character.isPunctuation || character.isSymbol) : character.isPunctuation
    }

    /// The last character written before a delimiter run, as cmark-gfm sees it (tildes skipped).
    static func previousCharacter(_ out: String) -> Character? {
        guard let index = out.lastIndex(where: { $0 != "~" }) else { return nil }
        // An escaped character is literal text: it cannot join a run; it is punctuation.
        let backslashes = out[..<index].reversed().prefix { $0 == "\\" }.count
        return backslashes % 2 == 1 ? "\\" : out[index]
    }

    /// The first character the inlines after `index` will write, as cmark-gfm sees it from a
    /// delimiter run before them (tildes skipped); nil at the end of the line.
    static func firstCharacter(_ inlines: [MarkdownInline], after index: Int) -> Character? {
        guard index + 1 < inlines.count else { return nil }
        return firstCharacter(Array(inlines[(index + 1)...]))
    }

    static func firstCharacter(_ inlines: [MarkdownInline]) -> Character? {
        guard let inline = inlines.first else { return nil }
        switch inline {
        case .text(let text):
            guard let first = text.first else { return firstCharacter(Array(inlines.dropFirst())) }
            return "\\*_[]<>#`~|&".contains(first) ? "\\" : first
        case .softBreak, .lineBreak: return "\n"
        case .code: return "`"
        case .emphasis, .strong: return "*"
        case .strikethrough(let children):
            return firstCharacter(children + inlines.dropFirst())
        case .link, .footnoteReference: return "["
        case .image: return "!"
        case .autolink, .html: return "<"
        }
    }

    func autolink(_ destination: String, context: InlineContext) -> String {
        if destination.hasPrefix("mailto:"), Self.isEmail(destination.dropFirst(7)) {
            return "<" + destination.dropFirst(7) + ">"
        }
        if Self.isAutolinkURI(destination) { return "<" + destination + ">" }
        return inlineSequence([.link(destination: destination, title: "", [.text(destination)])], lineStart: false, lineEnd: false, context: context)
    }

    func tableCell(_ inlines: [MarkdownInline]) -> String {
        // The table parser removes one backslash before every pipe before inline parsing, so
        // every pipe of the cell, in code spans and raw HTML too, gets one.
        inlineLine(inlines, context: .tableCell).replacing( "|", with: "\\|")
    }

    /// Moves whitespace and breaks at the inner edges of emphasis, strong and strikethrough
    /// outside their markers (`** bold**` does not parse as strong), drops empty ones and empty
    /// text, and merges adjacent text.
    static func normalized(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var out: [MarkdownInline] = []
        func append(_ inline: MarkdownInline) {
            if case .text(let text) = inline {
                if text.isEmpty { return }
                if case .text(let previous)? = out.last { out[out.count - 1] = .text(previous + text); return }
            }
            out.append(inline)
        }
        for inline in inlines {
            switch inline {
            case .emphasis(let children), .strong(let children), .strikethrough(let children):
                var inner = normalized(children)
                var leading: [MarkdownInline] = []
                var trailing: [MarkdownInline] = []
                while let first = inner.first {
                    if first.isBreak { leading.append(inner.removeFirst()); continue }
                    guard case .text(let text) = first, text.first?.isWhitespace == true else { break }
                    let space = text.prefix(while: \.isWhitespace)
                    leading.append(.text(String(space)))
                    let rest = text.dropFirst(space.count)
                    if rest.isEmpty { inner.removeFirst() } else { inner[0] = .text(String(rest)) }
                }
                while let last = inner.last {
                    if last.isBreak { trailing.insert(inner.removeLast(), at: 0); continue }
                    guard case .text(let text) = last, text.last?.isWhitespace == true else { break }
                    let kept = text.reversed().drop(while: \.isWhitespace).reversed()
                    trailing.insert(.text(String(text.dropFirst(kept.count))), at: 0)
                    if kept.isEmpty { inner.removeLast() } else { inner[inner.count - 1] = .text(String(kept)) }
                }
                leading.forEach(append)
                if !inner.isEmpty {
                    switch inline {
                    case .emphasis: append(.emphasis(inner))
                    case .strong: append(.strong(inner))
                    default: append(.strikethrough(inner))
                    }
                }
                trailing.forEach(append)
            case .link(let destination, let title, let children):
                // A break at the edge of a link text shows nothing of the link: it goes outside.
                var inner = normalized(children)
                var trailing: [MarkdownInline] = []
                while inner.first?.isBreak == true { append(inner.removeFirst()) }
                while inner.last?.isBreak == true { trailing.insert(inner.removeLast(), at: 0) }
                // A link that shows its own destination is an autolink: the parser reads it as one.
                if title.isEmpty, inner.count == 1, case .text(let text) = inner[0],
                   text == destination || "mailto:" + text == destination {
                    append(.autolink(destination))
                } else {
                    append(.link(destination: destination, title: title, inner))
                }
                trailing.forEach(append)
            case .image(let source, let title, let alt):
                append(.image(source: source, title: title, alt: normalized(alt)))
            case .code(let code) where code.isEmpty:
                continue
            default:
                append(inline)
            }
        }
        return out
    }

    /// Inlines with whitespace at their outer edges removed (after whitespace inside emphasis
    /// moved out): what a paragraph that should not start or end in spaces holds.
    public static func trimmingWhitespace(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var result = normalized(inlines)
        if case .text(let text)? = result.first {
            let kept = String(text.drop { $0 == " " || $0 == "\t" })
            if kept.isEmpty { result.removeFirst() } else { result[0] = .text(kept) }
        }
        if case .text(let text)? = result.last {
            var end = text.endIndex
            while end > text.startIndex, case let last = text.index(before: end), text[last] == " " || text[last] == "\t" { end = last }
            let kept = String(text[..<end])
            if kept.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(kept) }
        }
        return result
    }

    static func trimmingBreaks(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var result = normalized(inlines)
        while result.last?.isBreak == true { result.removeLast() }
        while result.first?.isBreak == true { result.removeFirst() }
        return result
    }

    // MARK: Escaping, one function per context

    /// Text: every character with inline meaning gets a backslash; at the start of a line, block
    /// starters (`-`, `+`, `=`, `1.`, `1)`) and leading whitespace are neutralized; at the end of
    /// a line, trailing whitespace (which cmark strips, or reads as a hard break) becomes entities.
    static func escapeText(_ text: String, lineStart: Bool, lineEnd: Bool, context: InlineContext) -> String {
        let characters = Array(text)
        var out = ""
        var index = 0
        if lineStart {
            while index < characters.count, characters[index] == " " || characters[index] == "\t" {
                out += characters[index] == " " ? "&#32;" : "&#9;"
                index += 1
            }
            if index < characters.count, "-+=".contains(characters[index]) {
                out += "\\" + String(characters[index])
                index += 1
            } else {
                var digits = index
                while digits < characters.count, characters[digits].isASCII, characters[digits].isNumber { digits += 1 }
                if digits > index, digits < characters.count, characters[digits] == "." || characters[digits] == ")" {
                    out += String(characters[index..<digits]) + "\\" + String(characters[digits])
                    index = digits + 1
                }
            }
        }
        var trailingStart = characters.count
        if lineEnd {
            while trailingStart > index, characters[trailingStart - 1] == " " || characters[trailingStart - 1] == "\t" { trailingStart -= 1 }
        }
        while index < characters.count {
            let character = characters[index]
            if index >= trailingStart {
                out += character == " " ? "&#32;" : "&#9;"
                index += 1
                continue
            }
            // Only one-byte Characters are escaped: switching on the byte spares a String
            // comparison per case and Character (`*` with a combining mark is one Character, not `*`).
            let utf8 = character.utf8
            guard utf8.count == 1, let byte = utf8.first else {
                out.append(character)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "`"), UInt8(ascii: "~"):
                out += "\\" + String(character)
            case UInt8(ascii: "|"):
                out += context == .tableCell ? "|" : "\\|"
            case UInt8(ascii: "&"):
                out += isEntityLike(characters, at: index) ? "\\&" : "&"
            case UInt8(ascii: "\n"):
                out += "&#10;"
            case UInt8(ascii: ":") where index + 2 < characters.count && characters[index + 1] == "/" && characters[index + 2] == "/":
                out += "\\:" // no GFM extended URL autolink
            case UInt8(ascii: ".") where index >= 3 && String(characters[(index - 3)..<index]).lowercased() == "www":
                out += "\\." // no GFM extended www autolink
            default:
                out.append(character)
            }
            index += 1
        }
        return out
    }

    /// `&` followed by something an entity reference could be (`&amp;`, `&#1;`, `&#x1;`).
    static func isEntityLike(_ characters: [Character], at index: Int) -> Bool {
        var cursor = index + 1
        if cursor < characters.count, characters[cursor] == "#" { cursor += 1 }
        let start = cursor
        while cursor < characters.count, characters[cursor].isASCII, characters[cursor].isLetter || characters[cursor].isNumber { cursor += 1 }
        return cursor > start && cursor < characters.count && characters[cursor] == ";"
    }

    /// A code span: a backtick run longer than any inside, padded with a space when the code
    /// starts or ends with a backtick or starts and ends with a space.
    static func codeSpan(_ code: String) -> String {
        guard !code.isEmpty else { return "" }
        let code = code.replacing( "\n", with: " ")
        let fence = String(repeating: "`", count: longestRun(of: "`", in: code) + 1)
        let pad = code.first == "`" || code.last == "`" || (code.first == " " && code.last == " " && code.contains { $0 != " " })
        return pad ? fence + " " + code + " " + fence : fence + code + fence
    }

    /// A link or image destination: in angle brackets when it has spaces, angle brackets or
    /// unbalanced parentheses; otherwise bare with `\`, `(`, `)` escaped.
    static func escapeDestination(_ destination: String) -> String {
        let characters = Array(destination)
        var depth = 0
        var balanced = true
        for character in characters {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1; if depth < 0 { balanced = false } }
        }
        balanced = balanced && depth == 0
        let needsAngles = destination.isEmpty || !balanced
            || characters.contains { $0 == " " || $0 == "<" || $0 == ">" || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }
        var out = ""
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\": out += "\\\\"
            case "<", ">": out += "\\" + String(character)
            case "(", ")": out += needsAngles ? String(character) : "\\" + String(character)
            case "&": out += isEntityLike(characters, at: index) ? "&amp;" : "&" // entities are decoded before backslash escapes
            case "\n": out += "%0A"
            default: out.append(character)
            }
        }
        return needsAngles ? "<" + out + ">" : out
    }

    /// A link title, in double quotes; empty for no title.
    static func escapeTitle(_ title: String) -> String {
        guard !title.isEmpty else { return "" }
        let characters = Array(title)
        var out = ""
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "\"": out += "\\" + String(character)
            case "&": out += isEntityLike(characters, at: index) ? "&amp;" : "&" // entities are decoded before backslash escapes
            default: out.append(character)
            }
        }
        return " \"" + out + "\""
    }

    /// A fenced code block's info string (backslash escapes and entities apply there).
    static func escapeInfo(_ info: String) -> String {
        let characters = Array(info.replacing( "\n", with: " "))
        var out = ""
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\": out += "\\\\"
            case "&": out += isEntityLike(characters, at: index) ? "&amp;" : "&" // entities are decoded before backslash escapes
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: Helpers

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    static func quoted(_ text: String) -> String {
        guard !text.isEmpty else { return ">" }
        return lines(text)
            .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
    }

    /// `text.split(separator: "\n", omittingEmptySubsequences: false)`, found in the UTF-8 bytes
    /// instead of by comparing every Character: a line feed is a Character of its own except
    /// right after a carriage return (CR LF is one Character, which the split does not cut).
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            previous = byte
            utf8.formIndex(after: &index)
        }
        lines.append(text[start...])
        return lines
    }

    /// First line after `first`, the others indented by `indent` spaces (blank lines stay empty).
    static func hanging(_ text: String, first: String, indent: Int) -> String {
        let padding = String(repeating: " ", count: indent)
        return lines(text).enumerated()
            .map { index, line in index == 0 ? first + line : (line.isEmpty ? "" : padding + line) }
            .joined(separator: "\n")
    }

    static func isEmail(_ text: Substring) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let local = parts[0].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".!#$%&'*+/=?^_`{|}~-".contains($0)) }
        let domain = parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        return local && domain && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    static func isAutolinkURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard (2...32).contains(scheme.count), let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) else { return false }
        return !text.contains { $0 == " " || $0 == "<" || $0 == ">" || $0 == "&" || $0.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F } }
    }
}

extension MarkdownList {
    var canInterruptParagraph: Bool {
        if case .ordered(let start) = kind, start != 1 { return false }
        return items.first.map { !$0.blocks.isEmpty } ?? false
    }
}

extension MarkdownListKind {
    var isOrdered: Bool { if case .ordered = self { true } else { false } }
}

extension MarkdownInline {
    var isBreak: Bool { self == .softBreak || self == .lineBreak }
}
