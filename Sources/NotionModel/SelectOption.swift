/// A select / multi-select / status option: `{"id","name","color"[,"description"]}`.
public struct SelectOption: Hashable, Sendable, Codable {
    public var id: String?
    public var name: String
    public var color: Color?
    /// Schema options only (usually null).
    public var description: String?

    public init(id: String? = nil, name: String, color: Color? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.color = color
        self.description = description
    }

    enum CodingKeys: String, CodingKey { case id, name, color, description }
}
