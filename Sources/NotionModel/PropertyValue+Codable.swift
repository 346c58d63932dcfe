extension PropertyValue.Value {
    /// Decodes the value of type `type` from the object that holds `type` and the payload key.
    init(type: String, from container: KeyedDecodingContainer<AnyCodingKey>) throws {
        let key = AnyCodingKey(type)
        func value<T: Decodable>(_: T.Type) throws -> T { try container.decode(T.self, forKey: key) }
        func optional<T: Decodable>(_: T.Type) throws -> T? { try container.decodeIfPresent(T.self, forKey: key) }
        switch type {
        case "title": self = .title(try value([RichText].self))
        case "rich_text": self = .richText(try value([RichText].self))
        case "number": self = .number(try optional(Double.self))
        case "select": self = .select(try optional(SelectOption.self))
        case "status": self = .status(try optional(SelectOption.self))
        case "multi_select": self = .multiSelect(try value([SelectOption].self))
        case "date": self = .date(try optional(DateValue.self))
        case "people": self = .people(try value([UserOrGroup].self))
        case "files": self = .files(try value([NamedFile].self))
        case "checkbox": self = .checkbox(try value(Bool.self))
        case "url": self = .url(try optional(String.self))
        case "email": self = .email(try optional(String.self))
        case "phone_number": self = .phoneNumber(try optional(String.self))
        case "formula": self = .formula(try value(PropertyValue.Formula.self))
        case "relation":
            self = .relation(
                try value([PropertyValue.PageReference].self),
                hasMore: try container.decodeIfPresent(Bool.self, forKey: "has_more"))
        case "rollup": self = .rollup(try value(PropertyValue.Rollup.self))
        case "created_time": self = .createdTime(try value(String.self))
        case "last_edited_time": self = .lastEditedTime(try value(String.self))
        case "created_by": self = .createdBy(try value(User.self))
        case "last_edited_by": self = .lastEditedBy(try value(User.self))
        case "unique_id": self = .uniqueID(try value(PropertyValue.UniqueID.self))
        case "verification": self = .verification(try optional(PropertyValue.Verification.self))
        case "button": _ = try optional(EmptyObject.self); self = .button
        case "place": self = .place(try optional(PropertyValue.Place.self))
        default: self = .unknown(type: type, try container.json(type))
        }
    }

    /// Writes `type`, the payload, and (for relations) `has_more`.
    func encode(into container: inout KeyedEncodingContainer<AnyCodingKey>) throws {
        try container.encode(type, forKey: "type")
        let key = AnyCodingKey(type)
        switch self {
        case .title(let v), .richText(let v): try container.encode(v, forKey: key)
        case .number(let v): try container.encodeIfPresent(v, forKey: key)
        case .select(let v), .status(let v): try container.encodeIfPresent(v, forKey: key)
        case .multiSelect(let v): try container.encode(v, forKey: key)
        case .date(let v): try container.encodeIfPresent(v, forKey: key)
        case .people(let v): try container.encode(v, forKey: key)
        case .files(let v): try container.encode(v, forKey: key)
        case .checkbox(let v): try container.encode(v, forKey: key)
        case .url(let v), .email(let v), .phoneNumber(let v): try container.encodeIfPresent(v, forKey: key)
        case .formula(let v): try container.encode(v, forKey: key)
        case .relation(let v, let hasMore):
            try container.encode(v, forKey: key)
            try container.encodeIfPresent(hasMore, forKey: "has_more")
        case .rollup(let v): try container.encode(v, forKey: key)
        case .createdTime(let v), .lastEditedTime(let v): try container.encode(v, forKey: key)
        case .createdBy(let v), .lastEditedBy(let v): try container.encode(v, forKey: key)
        case .uniqueID(let v): try container.encode(v, forKey: key)
        case .verification(let v): try container.encodeIfPresent(v, forKey: key)
        case .button: try container.encode(EmptyObject(), forKey: key)
        case .place(let v): try container.encodeIfPresent(v, forKey: key)
        case .unknown(let type, let payload): try container.encodeJSON(payload, forKey: type)
        }
    }
}

extension PropertyValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        id = try container.decodeIfPresent(String.self, forKey: "id")
        value = try Value(type: try container.decode(String.self, forKey: "type"), from: container)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encodeIfPresent(id, forKey: "id")
        try value.encode(into: &container)
    }
}

extension PropertyValue.Formula: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeTagged(decoder) { type, container in
            let key = AnyCodingKey(type)
            return switch type {
            case "string": .string(try container.decodeIfPresent(String.self, forKey: key))
            case "number": .number(try container.decodeIfPresent(Double.self, forKey: key))
            case "boolean": .boolean(try container.decodeIfPresent(Bool.self, forKey: key))
            case "date": .date(try container.decodeIfPresent(DateValue.self, forKey: key))
            default: .unknown(type: type, try container.json(type))
            }
        }
    }

    public var type: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .boolean: "boolean"
        case .date: "date"
        case .unknown(let type, _): type
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(type, forKey: "type")
        let key = AnyCodingKey(type)
        switch self {
        case .string(let v): try container.encodeIfPresent(v, forKey: key)
        case .number(let v): try container.encodeIfPresent(v, forKey: key)
        case .boolean(let v): try container.encodeIfPresent(v, forKey: key)
        case .date(let v): try container.encodeIfPresent(v, forKey: key)
        case .unknown(let type, let payload): try container.encodeJSON(payload, forKey: type)
        }
    }
}

extension PropertyValue.Rollup: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        let type = try container.decode(String.self, forKey: "type")
        let key = AnyCodingKey(type)
        function = try container.decodeIfPresent(String.self, forKey: "function")
        result = switch type {
        case "number": .number(try container.decodeIfPresent(Double.self, forKey: key))
        case "date": .date(try container.decodeIfPresent(DateValue.self, forKey: key))
        case "array": .array(try container.decode([PropertyValue].self, forKey: key))
        case "unsupported": .unsupported(try container.json(type))
        case "incomplete": .incomplete(try container.json(type))
        default: .unknown(type: type, try container.json(type))
        }
    }

    public var type: String {
        switch result {
        case .number: "number"
        case .date: "date"
        case .array: "array"
        case .unsupported: "unsupported"
        case .incomplete: "incomplete"
        case .unknown(let type, _): type
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(type, forKey: "type")
        let key = AnyCodingKey(type)
        switch result {
        case .number(let v): try container.encodeIfPresent(v, forKey: key)
        case .date(let v): try container.encodeIfPresent(v, forKey: key)
        case .array(let v): try container.encode(v, forKey: key)
        case .unsupported(let v), .incomplete(let v), .unknown(_, let v): try container.encodeJSON(v, forKey: type)
        }
        try container.encodeIfPresent(function, forKey: "function")
    }
}
