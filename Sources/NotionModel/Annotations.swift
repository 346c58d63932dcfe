/// Rich-text styling. Responses always carry every key.
public struct Annotations: Hashable, Sendable, Codable {
    public var bold: Bool
    public var italic: Bool
    public var strikethrough: Bool
    public var underline: Bool
    public var code: Bool
    public var color: Color

    public init(
        bold: Bool = false, italic: Bool = false, strikethrough: Bool = false, underline: Bool = false,
        code: Bool = false, color: Color = .default
    ) {
        self.bold = bold
        self.italic = italic
        self.strikethrough = strikethrough
        self.underline = underline
        self.code = code
        self.color = color
    }

    public static let plain = Annotations()

    enum CodingKeys: String, CodingKey {
        case bold, italic, strikethrough, underline, code, color
    }
}
