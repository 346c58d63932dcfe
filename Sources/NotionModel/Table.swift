/// Payload of `table`. The rows are the block's children (`table_row` blocks).
public struct Table: Hashable, Sendable, Codable {
    public var tableWidth: Int
    public var hasColumnHeader: Bool
    public var hasRowHeader: Bool

    public init(tableWidth: Int, hasColumnHeader: Bool = false, hasRowHeader: Bool = false) {
        self.tableWidth = tableWidth
        self.hasColumnHeader = hasColumnHeader
        self.hasRowHeader = hasRowHeader
    }

    enum CodingKeys: String, CodingKey {
        case tableWidth = "table_width"
        case hasColumnHeader = "has_column_header"
        case hasRowHeader = "has_row_header"
    }
}
