/// Payload of `table_row`: one rich-text array per cell.
public struct TableRow: Hashable, Sendable, Codable {
    public var cells: [[RichText]]

    public init(cells: [[RichText]]) { self.cells = cells }

    enum CodingKeys: String, CodingKey { case cells }
}
