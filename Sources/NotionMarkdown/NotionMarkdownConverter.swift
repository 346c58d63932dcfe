import Markdown
import NotionModel

/// Notion blocks → the canonical Markdown AST (see `docs/dialect.md` for what each
/// block becomes and why).
public struct NotionMarkdownConverter: Sendable {
    public var options: ConversionOptions

    public init(options: ConversionOptions = .init()) {
        self.options = options
    }
}
