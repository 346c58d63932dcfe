import Foundation
import NotionModel

/// GitHub's anchors for the headings of one document, as its Markdown renderer assigns them:
/// the heading's text lowercased, every character that is not a letter, mark, digit, connector
/// (`_`), `-` or space dropped, each space turned into `-`; a slug seen before gets `-1`, `-2`, …
/// in document order (github-slugger's rule: the suffixed form must itself be unused).
public struct HeadingAnchors: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    /// The anchor of the next heading in document order.
    public mutating func next(_ text: String) -> String {
        let base = Self.slug(text)
        var anchor = base
        while used[anchor] != nil {
            used[base, default: 0] += 1
            anchor = base + "-" + String(used[base] ?? 0)
        }
        used[anchor] = 0
        return anchor
    }

    /// One heading's slug, before duplicates are numbered. The text is trimmed first, as a
    /// Markdown heading's content is.
    public static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().unicodeScalars {
            if scalar == " " {
                out.append("-")
            } else if scalar == "-" || isWord(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Ruby's (Onigmo's) `\p{Word}`: alphabetic, marks, decimal digits, connector punctuation,
    /// join controls.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.isJoinControl { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// The anchors of a page's headings by block id, walking its blocks in document order.
    ///
    /// Toggleable headings are written as `<details>`/`<summary>` (docs/dialect.md), which GitHub
    /// gives no anchor, so they neither get one nor count. Synced block references count with the
    /// original's children, which the document shows in their place; a block id seen twice keeps
    /// its first anchor. Child pages and databases are separate documents.
    public static func of(_ blocks: [Block]) -> [BlockID: String] {
        var anchors = HeadingAnchors()
        var result: [BlockID: String] = [:]
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block.content {
                case .heading1(let heading), .heading2(let heading), .heading3(let heading), .heading4(let heading):
                    guard heading.isToggleable != true else { break }
                    let anchor = anchors.next(heading.richText.plainText)
                    if result[block.id] == nil { result[block.id] = anchor }
                case .childPage, .childDatabase:
                    continue
                default:
                    break
                }
                walk(block.children)
            }
        }
        walk(blocks)
        return result
    }
}
