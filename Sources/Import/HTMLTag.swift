/// One HTML tag of the dialect's fixed forms (`<span data-color="red">`, `</details>`,
/// `<div data-column data-width="0.5">`), read back: its name, whether it closes, its attributes
/// (a bare flag has the value ""). Only what the exporter writes needs to parse; anything else is
/// `nil`, and the caller carries it as raw HTML.
struct HTMLTag: Hashable {
    var name: String
    var closing: Bool
    var attributes: [String: String]

    subscript(_ name: String) -> String? { attributes[name] }

    /// A whole string that is exactly one tag (surrounding whitespace allowed).
    init?(_ text: some StringProtocol) {
        var scanner = Scanner(String(text).trimmingSpaces)
        guard scanner.take("<") else { return nil }
        closing = scanner.take("/")
        name = scanner.word().lowercased()
        guard !name.isEmpty else { return nil }
        attributes = [:]
        while true {
            scanner.skipSpaces()
            if scanner.take("/>") || scanner.take(">") { break }
            let key = scanner.word().lowercased()
            guard !key.isEmpty, !closing else { return nil }
            scanner.skipSpaces()
            if scanner.take("=") {
                scanner.skipSpaces()
                guard let value = scanner.quoted() else { return nil }
                attributes[key] = HTMLText.decodeEntities(value)
            } else {
                attributes[key] = ""
            }
        }
        guard scanner.atEnd else { return nil }
    }

    /// An HTML comment's inner text (`<!-- notion:synced_block id="…" -->` → `notion:synced_block id="…"`).
    static func comment(_ text: some StringProtocol) -> String? {
        let trimmed = String(text).trimmingSpaces
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->"), trimmed.count >= 7 else { return nil }
        return String(trimmed.dropFirst(4).dropLast(3)).trimmingSpaces
    }

    /// `name key="value" flag` (a comment's text) as a name and attributes, through the tag reader.
    static func directive(_ text: String) -> HTMLTag? { HTMLTag("<" + text + ">") }

    private struct Scanner {
        var rest: Substring
        init(_ text: String) { rest = Substring(text) }
        var atEnd: Bool { rest.isEmpty }
        mutating func take(_ prefix: String) -> Bool {
            guard rest.hasPrefix(prefix) else { return false }
            rest = rest.dropFirst(prefix.count)
            return true
        }
        mutating func skipSpaces() { rest = rest.drop { $0 == " " || $0 == "\n" || $0 == "\t" } }
        mutating func word() -> String {
            let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" }
            rest = rest.dropFirst(word.count)
            return String(word)
        }
        mutating func quoted() -> String? {
            guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: quote) else { return nil }
            rest = body[body.index(after: end)...]
            return String(body[..<end])
        }
    }
}

/// HTML text (a `<summary>`'s content, attribute values) back to characters.
enum HTMLText {
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            if let semicolon = after.prefix(12).firstIndex(of: ";"), let decoded = entity(after[after.index(after: amp)..<semicolon]) {
                out += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                out += "&"
                rest = after.dropFirst()
            }
        }
        return out + rest
    }

    static func entity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default:
            let value: UInt32?
            if name.hasPrefix("#x") || name.hasPrefix("#X") { value = UInt32(name.dropFirst(2), radix: 16) }
            else if name.hasPrefix("#") { value = UInt32(name.dropFirst()) }
            else { value = nil }
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// Inline HTML (cmark's rendering of a summary's inlines) as inline nodes: each tag an
    /// `.html` node, text between tags decoded, `<br />` a line break. The rich-text reader then
    /// treats them exactly like the same tags written inline in Markdown.
    static func inlines(_ html: String) -> [MarkdownInlineToken] {
        var out: [MarkdownInlineToken] = []
        var rest = Substring(html)
        while !rest.isEmpty {
            if rest.first == "<", let close = rest.firstIndex(of: ">") {
                let tag = String(rest[...close])
                out.append(.tag(tag))
                rest = rest[rest.index(after: close)...]
            } else {
                let text = rest.prefix { $0 != "<" }
                let piece = text.isEmpty ? rest.prefix(1) : text
                out.append(.text(decodeEntities(String(piece))))
                rest = rest.dropFirst(piece.count)
            }
        }
        return out
    }
}

/// A piece of a `<summary>`'s HTML.
enum MarkdownInlineToken: Hashable {
    case tag(String)
    case text(String)
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\n" || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\n" || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}
