import NotionModel

/// Something the conversion could not carry exactly, with where it happened. Every warning is a
/// line in the run report; none of them means content vanished (a placeholder stands in).
public struct ConversionWarning: Sendable, Hashable, Comparable, CustomStringConvertible {
    public struct Kind: RawRepresentable, Sendable, Hashable, Comparable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        /// Notion's own `unsupported` block (forms, buttons, AI blocks): a placeholder.
        public static let unsupportedBlock = Kind(rawValue: "unsupported block")
        /// A block type this build does not know: a placeholder.
        public static let unknownBlock = Kind(rawValue: "unknown block type")
        /// A rich-text or mention type this build does not know: its plain text.
        public static let unknownRichText = Kind(rawValue: "unknown rich text")
        /// A link to a Notion page outside the export: kept as its Notion URL.
        public static let unresolvedLink = Kind(rawValue: "unresolved link")
        /// Formatting left out on purpose (`--colors drop`, `--underline drop`).
        public static let droppedFormatting = Kind(rawValue: "dropped formatting")
        /// A block an override left out on purpose.
        public static let omittedBlock = Kind(rawValue: "omitted block")
        /// A property type this build does not know: its raw JSON.
        public static let unknownProperty = Kind(rawValue: "unknown property type")
    }

    public var kind: Kind
    /// The block it happened in, when there is one.
    public var blockID: BlockID?
    /// What happened, in a sentence.
    public var message: String

    public init(_ kind: Kind, blockID: BlockID? = nil, _ message: String) {
        self.kind = kind
        self.blockID = blockID
        self.message = message
    }

    public var description: String {
        blockID.map { "\(kind.rawValue) (block \($0)): \(message)" } ?? "\(kind.rawValue): \(message)"
    }

    public static func < (lhs: ConversionWarning, rhs: ConversionWarning) -> Bool {
        (lhs.kind, lhs.blockID?.rawValue ?? "", lhs.message) < (rhs.kind, rhs.blockID?.rawValue ?? "", rhs.message)
    }
}
