/// A line and column in a Markdown source, both 1-based, as cmark-gfm reports them.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
}

/// Where a block came from: first and last character, inclusive.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition
    public init(start: SourcePosition, end: SourcePosition) { self.start = start; self.end = end }
    public var description: String { "\(start)-\(end)" }
}

/// The source ranges of a block tree, parallel to it: `children` follow the block's own child
/// blocks (a list's children are its items, each with the item's blocks as children). Kept out
/// of `MarkdownBlock` so that trees compare equal whatever their origin.
public struct SourceMap: Hashable, Sendable {
    public var range: SourceRange?
    public var children: [SourceMap]
    public init(range: SourceRange?, children: [SourceMap] = []) { self.range = range; self.children = children }
}

public enum MarkdownAlertKind: String, CaseIterable, Hashable, Sendable {
    case note, tip, important, warning, caution
}

public enum MarkdownTableAlignment: Hashable, Sendable {
    case none, left, center, right
}

public enum MarkdownListKind: Hashable, Sendable {
    case bullet
    case ordered(start: Int)
}

public struct MarkdownListItem: Hashable, Sendable {
    /// `nil` for an ordinary item, `true`/`false` for a task item.
    public var checked: Bool?
    public var blocks: [MarkdownBlock]
    public init(checked: Bool? = nil, _ blocks: [MarkdownBlock]) { self.checked = checked; self.blocks = blocks }
}

public struct MarkdownList: Hashable, Sendable {
    public var kind: MarkdownListKind
    /// A tight list has no blank lines between its items or their blocks.
    public var tight: Bool
    public var items: [MarkdownListItem]
    public init(_ kind: MarkdownListKind, tight: Bool = true, items: [MarkdownListItem]) {
        self.kind = kind; self.tight = tight; self.items = items
    }
}

public struct MarkdownTable: Hashable, Sendable {
    public var alignments: [MarkdownTableAlignment]
    public var header: [[MarkdownInline]]
    public var rows: [[[MarkdownInline]]]
    public init(alignments: [MarkdownTableAlignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]]) {
        self.alignments = alignments; self.header = header; self.rows = rows
    }
}

/// A GitHub-Flavored Markdown block. Blocks hold inlines; an inline can never hold a block.
public indirect enum MarkdownBlock: Hashable, Sendable {
    case paragraph([MarkdownInline])
    case heading(level: Int, [MarkdownInline])
    case thematicBreak
    case blockQuote([MarkdownBlock])
    case list(MarkdownList)
    /// `info` is the whole info string (its first word is the language); `text` is the literal,
    /// each line ending in a newline.
    case codeBlock(info: String, text: String)
    case htmlBlock(String)
    case table(MarkdownTable)
    case footnoteDefinition(label: String, [MarkdownBlock])
    /// A GitHub alert (`> [!NOTE]`): its own node, never text that looks like one.
    case alert(MarkdownAlertKind, [MarkdownBlock])
}

public indirect enum MarkdownInline: Hashable, Sendable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case strikethrough([MarkdownInline])
    case link(destination: String, title: String, [MarkdownInline])
    case image(source: String, title: String, alt: [MarkdownInline])
    /// A link shown as its own destination (`<https://…>`, a bare GFM URL, or an email).
    case autolink(String)
    case html(String)
    case footnoteReference(String)
}

/// Something the parser could not represent exactly, with where it happened.
public struct MarkdownDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var position: SourcePosition?
    public var message: String
    public init(position: SourcePosition?, message: String) { self.position = position; self.message = message }
    public var description: String { position.map { "\($0): \(message)" } ?? message }
}

public struct MarkdownDocument: Hashable, Sendable {
    public var blocks: [MarkdownBlock]
    /// One entry per element of `blocks`; empty for a tree that was built rather than parsed.
    public var sourceMap: [SourceMap]
    public var diagnostics: [MarkdownDiagnostic]

    public init(_ blocks: [MarkdownBlock], sourceMap: [SourceMap] = [], diagnostics: [MarkdownDiagnostic] = []) {
        self.blocks = blocks; self.sourceMap = sourceMap; self.diagnostics = diagnostics
    }

    /// The canonical Markdown text of this document.
    public func formatted(_ options: MarkdownFormatter.Options = .init()) -> String {
        MarkdownFormatter(options).format(blocks)
    }

    /// Rendered through cmark-gfm (GFM extensions and footnotes on, raw HTML omitted), for validation.
    public func html() -> String { CMark.html(formatted()) }
}
