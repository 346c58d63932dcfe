import Foundation

/// File names made from titles: readable, and safe on Linux, macOS and Windows.
///
/// `slug(_:)` is a pure function of the title; the layout adds `-<last 8 hex of the id>` when
/// siblings collide or the slug is a name the platform or the output tree reserves.
public enum FileName {
    /// The longest slug, in UTF-8 bytes (before any id suffix and the `.md` extension; the whole
    /// file name stays below 120 bytes, well inside every file system's 255).
    static let maximumBytes = 80

    /// The slug of a title with nothing usable in it (empty, emoji only, punctuation only).
    static let untitled = "untitled"

    /// A title as a file name stem:
    /// - compatibility-normalized (NFKC: full-width `Ａ` → `A`, `ﬁ` → `fi`, `¹` → `1`);
    /// - Latin letters with diacritics lose them (`é` → `e`, `Å` → `a`, `ß` → `ss`, `ø` → `o`);
    ///   other scripts (CJK, Cyrillic, Greek, Arabic, Hebrew, …) are kept, lowercased where they
    ///   have case, in NFC;
    /// - ASCII lowercase; apostrophes inside words vanish (`Mara's` → `maras`);
    /// - every run of anything else (spaces, punctuation, symbols, emoji, `/ \ : * ? " < > |`, dots,
    ///   control characters) becomes one `-`, none at either end;
    /// - at most `maximumBytes` UTF-8 bytes, cut on a character boundary, and between words when
    ///   that keeps at least half;
    /// - `untitled` when nothing is left.
    ///
    /// The result never contains `/`, `\`, `.` or a character Windows forbids, so it cannot escape
    /// its folder or hide itself; Windows device names (`con`, `lpt1`) are left to the layout.
    public static func slug(_ title: String) -> String {
        var out = ""
        var pendingSeparator = false
        for character in title.precomposedStringWithCompatibilityMapping {
            if apostrophes.contains(character) { continue }
            guard let kept = keep(character) else {
                // Format characters (zero-width joiners, direction marks, soft hyphens) are invisible.
                if !character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .format }) {
                    pendingSeparator = true
                }
                continue
            }
            if pendingSeparator, !out.isEmpty { out += "-" }
            pendingSeparator = false
            out += kept
        }
        out = out.precomposedStringWithCanonicalMapping
        // Cut on a character boundary; at a word boundary when the cut would split a word and an
        // earlier one ends in the second half; never with a separator at the end.
        if out.utf8.count > maximumBytes {
            var cut = ""
            var bytes = 0
            var rest = out[...]
            while let character = rest.first, bytes + character.utf8.count <= maximumBytes {
                cut.append(character)
                bytes += character.utf8.count
                rest = rest.dropFirst()
            }
            if rest.first != "-", !cut.hasSuffix("-"), let separator = cut.lastIndex(of: "-"),
               cut[..<separator].utf8.count >= maximumBytes / 2 {
                cut = String(cut[..<separator])
            }
            while cut.hasSuffix("-") { cut.removeLast() }
            out = cut
        }
        return out.isEmpty ? untitled : out
    }

    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{02BC}"]

    /// Latin letters that carry no combining mark to strip but have a usual ASCII spelling.
    static let latinLetters: [Character: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t",
    ]

    /// What a character contributes to a slug, or nil when it separates words.
    static func keep(_ character: Character) -> String? {
        if let ascii = character.asciiValue {
            switch ascii {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return String(character)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return String(character).lowercased()
            default: return nil
            }
        }
        if let latin = latinLetters[character] { return latin }
        // An ASCII letter or digit under combining marks (`é`, `ệ`, `İ`): the letter alone.
        let decomposed = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
        if let base = decomposed.first, base.isASCII, let kept = keep(Character(base)),
           decomposed.dropFirst().allSatisfy(isMark) {
            return kept
        }
        // Letters and digits of other scripts, with their marks; anything else separates.
        guard let base = character.unicodeScalars.first, isLetterOrNumber(base) else { return nil }
        let scalars = character.unicodeScalars.filter { isLetterOrNumber($0) || (isMark($0) && !$0.properties.isVariationSelector) }
        var kept = ""
        kept.unicodeScalars.append(contentsOf: scalars)
        return kept.lowercased()
    }

    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Names Windows gives to devices, with or without an extension, in any case.
    static let windowsDeviceNames: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul", "conin$", "conout$", "clock$"]
        for n in 1...9 { names.insert("com\(n)"); names.insert("lpt\(n)") }
        return names
    }()

    /// Whether Windows would open a device instead of a file of this name (`con`, `Lpt1.md`).
    static func isWindowsDeviceName(_ name: String) -> Bool {
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? name
        return windowsDeviceNames.contains(stem.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
