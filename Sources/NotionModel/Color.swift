/// A Notion color (`ApiColor`): text and background colors for annotations and blocks, option
/// colors for select/status, native icon colors. An open set: unknown names are kept as they are.
public struct Color: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// True for the `*_background` colors.
    public var isBackground: Bool { rawValue.hasSuffix("_background") }

    public static let `default`: Self = "default"
    public static let gray: Self = "gray"
    public static let brown: Self = "brown"
    public static let orange: Self = "orange"
    public static let yellow: Self = "yellow"
    public static let green: Self = "green"
    public static let blue: Self = "blue"
    public static let purple: Self = "purple"
    public static let pink: Self = "pink"
    public static let red: Self = "red"
    public static let defaultBackground: Self = "default_background"
    public static let grayBackground: Self = "gray_background"
    public static let brownBackground: Self = "brown_background"
    public static let orangeBackground: Self = "orange_background"
    public static let yellowBackground: Self = "yellow_background"
    public static let greenBackground: Self = "green_background"
    public static let blueBackground: Self = "blue_background"
    public static let purpleBackground: Self = "purple_background"
    public static let pinkBackground: Self = "pink_background"
    public static let redBackground: Self = "red_background"
    /// Native-icon only.
    public static let lightgray: Self = "lightgray"

    /// Every `ApiColor` value, text colors first.
    public static let apiColors: [Color] = [
        .default, .gray, .brown, .orange, .yellow, .green, .blue, .purple, .pink, .red,
        .defaultBackground, .grayBackground, .brownBackground, .orangeBackground, .yellowBackground,
        .greenBackground, .blueBackground, .purpleBackground, .pinkBackground, .redBackground,
    ]
}
