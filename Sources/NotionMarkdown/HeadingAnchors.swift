/// GitHub's heading anchors: the text lowercased, everything but letters, marks, numbers, `_`,
/// `-` and spaces removed, spaces turned into `-`; a repeated anchor gets `-1`, `-2`, … in
/// document order.
public struct HeadingAnchors: Sendable {
    var seen: [String: Int] = [:]

    public init() {}

    /// The anchor of the next heading in the document.
    public mutating func next(_ text: String) -> String {
        let base = Self.slug(text)
        let count = seen[base, default: 0]
        seen[base] = count + 1
        return count == 0 ? base : "\(base)-\(count)"
    }

    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
                 .connectorPunctuation:
                out.unicodeScalars.append(scalar)
            default:
                if scalar == "-" { out += "-" } else if scalar == " " { out += "-" }
            }
        }
        return out
    }
}
