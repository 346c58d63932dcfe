import Foundation

/// Choices of the canonical dialect that a user may change. The defaults are lossless: every
/// choice that drops something is opt-in and reported.
public struct ConversionOptions: Sendable, Hashable {
    /// What to do with Notion formatting Markdown has no syntax for (colours, underline).
    public enum HTMLStyle: String, Sendable, Hashable, CaseIterable {
        /// Inline HTML (`<span data-color="red">`, `<u>`): kept, and read back by the importer.
        case html
        /// Left out: the text stays, the formatting goes (reported once per document).
        case drop
    }

    /// How callouts are written.
    public enum CalloutStyle: String, Sendable, Hashable, CaseIterable {
        /// A GitHub alert (`> [!NOTE]`) whose kind follows the colour, with the icon and colour in
        /// an HTML comment on its first line so that the importer restores them.
        case alert
        /// `<aside data-callout data-icon="💡" data-color="gray_background">` around the content.
        case html
    }

    public var colors: HTMLStyle
    public var underline: HTMLStyle
    public var callouts: CalloutStyle

    public init(colors: HTMLStyle = .html, underline: HTMLStyle = .html, callouts: CalloutStyle = .alert) {
        self.colors = colors
        self.underline = underline
        self.callouts = callouts
    }
}
