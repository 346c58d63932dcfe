/// Payload of the `equation` block: a KaTeX expression.
public struct Equation: Hashable, Sendable, Codable {
    public var expression: String

    public init(expression: String) { self.expression = expression }

    enum CodingKeys: String, CodingKey { case expression }
}
