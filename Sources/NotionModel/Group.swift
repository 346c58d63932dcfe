/// A group of users, as it appears in `people` property values: `{"object":"group","id","name"}`.
public struct Group: Hashable, Sendable, Codable {
    public var object: String
    public var id: NotionID
    public var name: String?

    public init(id: NotionID, name: String? = nil) {
        self.object = "group"
        self.id = id
        self.name = name
    }

    enum CodingKeys: String, CodingKey { case object, id, name }
}

/// An item of a `people` property: a user or a group, told apart by `object`.
public enum UserOrGroup: Hashable, Sendable, Codable {
    case user(User)
    case group(Group)

    private enum CodingKeys: String, CodingKey { case object }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .object)
        self = object == "group" ? .group(try Group(from: decoder)) : .user(try User(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .user(let user): try user.encode(to: encoder)
        case .group(let group): try group.encode(to: encoder)
        }
    }
}
