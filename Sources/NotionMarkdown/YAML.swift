import NotionModel
import Yams

/// A YAML value as the front matter writes it: block mappings in the order given, block
/// sequences, and scalars written so that they read back as exactly what was meant.
///
/// The writer is our own rather than libyaml's emitter (through Yams) because libyaml escapes
/// every character outside the Basic Multilingual Plane: an emoji title would come out as
/// `"\U0001F389"`. Yams still supplies the resolution rules (which plain scalars read as
/// booleans, numbers, null, timestamps), and the tests read every form back with it.
indirect enum YAML {
    /// A string, quoted or put in a literal block when a plain scalar would not read back as it.
    case string(String)
    /// A plain scalar written as it is: a number, boolean, null or timestamp.
    case plain(String)
    case sequence([YAML])
    case mapping([(key: String, value: YAML)])

    static let null = YAML.plain("null")

    static func bool(_ value: Bool) -> YAML { .plain(value ? "true" : "false") }

    static func int(_ value: Int) -> YAML { .plain(String(value)) }

    /// Integers without `.0`; other numbers with a `.` in the mantissa, which YAML 1.1 readers
    /// need to see a float (`1.0e-05`, not `1e-05`).
    static func number(_ value: Double) -> YAML {
        guard value.isFinite else { return .plain(value.isNaN ? ".nan" : value < 0 ? "-.inf" : ".inf") }
        let text = PropertyText.number(value)
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") else { return .plain(text) }
        return .plain(String(text[..<e]) + ".0" + String(text[e...]))
    }

    /// A date or date-time as Notion gives it (`2025-03-14`, `2025-03-14T09:30:00.000+02:00`):
    /// plain, so that readers type it as a timestamp; any other text stays a string.
    static func timestamp(_ text: String) -> YAML {
        Resolver.default.resolveTag(of: Node(text)) == .timestamp ? .plain(text) : .string(text)
    }

    /// Raw JSON: objects with their keys in code-point order.
    static func json(_ value: JSONValue) -> YAML {
        switch value {
        case .null: .null
        case .bool(let value): bool(value)
        case .int(let value): int(value)
        case .double(let value): number(value)
        case .string(let value): .string(value)
        case .array(let values): .sequence(values.map(json))
        case .object(let object):
            .mapping(object.keys.sorted(by: PropertyText.codePointOrder).map { ($0, json(object[$0] ?? .null)) })
        }
    }

    /// A YAML document holding this mapping, every line ending in a newline.
    static func document(_ pairs: [(key: String, value: YAML)]) -> String {
        var writer = YAMLWriter()
        writer.mapping(pairs, indent: 0, continuingLine: false)
        return writer.out
    }
}

/// Writes block-style YAML. Each method starts where the cursor is and ends after a newline.
struct YAMLWriter {
    var out = ""

    /// `continuingLine`: the first key goes right after a `- ` already written.
    mutating func mapping(_ pairs: [(key: String, value: YAML)], indent: Int, continuingLine: Bool) {
        for (index, pair) in pairs.enumerated() {
            if index > 0 || !continuingLine { out += String(repeating: " ", count: indent) }
            let key = Self.key(pair.key)
            if key.count > 1000 {
                // Implicit keys are limited to 1024 characters; longer ones need `? key` / `: value`.
                out += "? " + key + "\n" + String(repeating: " ", count: indent) + ":"
            } else {
                out += key + ":"
            }
            afterIndicator(pair.value, indent: indent)
        }
    }

    mutating func sequence(_ items: [YAML], indent: Int, continuingLine: Bool) {
        for (index, item) in items.enumerated() {
            if index > 0 || !continuingLine { out += String(repeating: " ", count: indent) }
            out += "-"
            switch item {
            case .sequence(let items) where !items.isEmpty:
                out += " "
                sequence(items, indent: indent + 2, continuingLine: true)
            case .mapping(let pairs) where !pairs.isEmpty:
                out += " "
                mapping(pairs, indent: indent + 2, continuingLine: true)
            default:
                afterIndicator(item, indent: indent)
            }
        }
    }

    /// A value after `key:` or `-` (at `indent`): scalars and empty collections on the same line,
    /// a mapping indented below, a sequence below at the same indent.
    mutating func afterIndicator(_ value: YAML, indent: Int) {
        switch value {
        case .string(let text): out += " " + Self.scalar(text, contentIndent: indent + 2) + "\n"
        case .plain(let text): out += " " + text + "\n"
        case .sequence(let items) where items.isEmpty: out += " []\n"
        case .mapping(let pairs) where pairs.isEmpty: out += " {}\n"
        case .sequence(let items):
            out += "\n"
            sequence(items, indent: indent, continuingLine: false)
        case .mapping(let pairs):
            out += "\n"
            mapping(pairs, indent: indent + 2, continuingLine: false)
        }
    }

    /// A string in the simplest form that reads back as it: plain, a literal block (`|`),
    /// single-quoted, or double-quoted with escapes.
    static func scalar(_ text: String, contentIndent: Int) -> String {
        if isPlainSafe(text) { return text }
        if isLiteralSafe(text) { return literal(text, indent: contentIndent) }
        if isSingleQuoteSafe(text) { return singleQuoted(text) }
        return doubleQuoted(text)
    }

    /// A mapping key: one line, plain or quoted.
    static func key(_ text: String) -> String {
        if isPlainSafe(text) { return text }
        if isSingleQuoteSafe(text) { return singleQuoted(text) }
        return doubleQuoted(text)
    }

    // MARK: - Styles

    /// Characters that may not start a plain scalar (YAML's indicators), conservatively including
    /// `-`, `?` and `:`, which may start one only when not followed by a space.
    private static let indicators: Set<Character> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]

    /// YAML 1.1 booleans that Yams' resolver (and YAML 1.2) read as strings, but go-yaml v2 does not.
    private static let shortBooleans: Set<String> = ["y", "Y", "n", "N"]

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last,
              !indicators.contains(first), first != " ", last != " ", last != ":",
              text.unicodeScalars.allSatisfy(isRawSafe),
              !text.contains(": "), !text.contains(" #")
        else { return false }
        return !shortBooleans.contains(text) && Resolver.default.resolveTag(of: Node(text)) == .str
    }

    /// A literal block keeps every character but needs: a line break, no trailing spaces (which
    /// editors strip), a first line that does not start with a space (or the block would
    /// need an indentation indicator), and some non-empty line.
    static func isLiteralSafe(_ text: String) -> Bool {
        guard text.contains("\n"), text.contains(where: { $0 != "\n" }),
              text.unicodeScalars.allSatisfy({ $0 == "\n" || isRawSafe($0) }),
              !text.contains(" \n"), !text.hasSuffix(" ")
        else { return false }
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: true).first
        return firstLine?.first != " "
    }

    static func isSingleQuoteSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isRawSafe)
    }

    /// `|`, `|-` or `|+` (a final line break kept, none, or every trailing one), then the lines.
    static func literal(_ text: String, indent: Int) -> String {
        let trailingBreaks = text.reversed().prefix { $0 == "\n" }.count
        let chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if trailingBreaks > 0 { lines.removeLast() }
        let prefix = String(repeating: " ", count: indent)
        return "|" + chomping + lines.map { $0.isEmpty ? "\n" : "\n" + prefix + $0 }.joined()
    }

    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\0": out += "\\0"
            case "\u{7}": out += "\\a"
            case "\u{8}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{B}": out += "\\v"
            case "\u{C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{1B}": out += "\\e"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case _ where isRawSafe(scalar): out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let (escape, width) = scalar.value < 0x100 ? ("\\x", 2) : scalar.value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
                out += escape + String(repeating: "0", count: width - hex.count) + hex
            }
        }
        return out + "\""
    }

    /// Printable in YAML and not a tab, line break or byte-order mark: written as itself (tabs
    /// are escaped so that they can be told from spaces).
    static func isRawSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0x10000...0x10FFFF: true
        case 0xE000...0xFFFD: scalar.value != 0xFEFF
        default: false
        }
    }
}
