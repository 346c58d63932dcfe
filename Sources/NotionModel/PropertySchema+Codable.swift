extension PropertySchema: Codable {
    enum CodingKeys: String, CodingKey { case id, name, description, type }

    private struct Options: Codable {
        var options: [SelectOption]
        var groups: [StatusGroup]?
        enum CodingKeys: String, CodingKey { case options, groups }
    }

    private struct NumberConfig: Codable {
        var format: String?
        enum CodingKeys: String, CodingKey { case format }
    }

    private struct FormulaConfig: Codable {
        var expression: String
        enum CodingKeys: String, CodingKey { case expression }
    }

    private struct UniqueIDConfig: Codable {
        var prefix: String?
        enum CodingKeys: String, CodingKey { case prefix }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        let type = try container.decode(String.self, forKey: .type)
        let payload = try decoder.container(keyedBy: AnyCodingKey.self)
        let key = AnyCodingKey(type)
        if let empty = Config.emptyConfigs[type] {
            _ = try payload.decodeIfPresent(EmptyObject.self, forKey: key)
            config = empty
            return
        }
        switch type {
        case "number": config = .number(format: try payload.decode(NumberConfig.self, forKey: key).format)
        case "select": config = .select(options: try payload.decode(Options.self, forKey: key).options)
        case "multi_select": config = .multiSelect(options: try payload.decode(Options.self, forKey: key).options)
        case "status":
            let options = try payload.decode(Options.self, forKey: key)
            config = .status(options: options.options, groups: options.groups ?? [])
        case "formula": config = .formula(expression: try payload.decode(FormulaConfig.self, forKey: key).expression)
        case "relation": config = .relation(try payload.decode(Relation.self, forKey: key))
        case "rollup": config = .rollup(try payload.decode(Rollup.self, forKey: key))
        case "unique_id": config = .uniqueID(prefix: try payload.decode(UniqueIDConfig.self, forKey: key).prefix)
        default: config = .unknown(type: type, try payload.json(type))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(type, forKey: .type)
        var payload = encoder.container(keyedBy: AnyCodingKey.self)
        let key = AnyCodingKey(type)
        switch config {
        case .title, .richText, .date, .people, .files, .checkbox, .url, .email, .phoneNumber, .createdTime, .createdBy,
            .lastEditedTime, .lastEditedBy, .button, .verification, .place, .location, .lastVisitedTime:
            try payload.encode(EmptyObject(), forKey: key)
        case .number(let format): try payload.encode(NumberConfig(format: format), forKey: key)
        case .select(let options), .multiSelect(let options): try payload.encode(Options(options: options), forKey: key)
        case .status(let options, let groups): try payload.encode(Options(options: options, groups: groups), forKey: key)
        case .formula(let expression): try payload.encode(FormulaConfig(expression: expression), forKey: key)
        case .relation(let relation): try payload.encode(relation, forKey: key)
        case .rollup(let rollup): try payload.encode(rollup, forKey: key)
        case .uniqueID(let prefix): try payload.encode(UniqueIDConfig(prefix: prefix), forKey: key)
        case .unknown(let type, let config): try payload.encodeJSON(config, forKey: type)
        }
    }
}

extension PropertySchema.Relation: Codable {
    private struct Dual: Codable {
        var syncedPropertyID: String?
        var syncedPropertyName: String?
        enum CodingKeys: String, CodingKey {
            case syncedPropertyID = "synced_property_id"
            case syncedPropertyName = "synced_property_name"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        databaseID = try container.decodeIfPresent(DatabaseID.self, forKey: "database_id")
        dataSourceID = try container.decodeIfPresent(DataSourceID.self, forKey: "data_source_id")
        let type = try container.decode(String.self, forKey: "type")
        switch type {
        case "single_property":
            _ = try container.decodeIfPresent(EmptyObject.self, forKey: "single_property")
            kind = .singleProperty
        case "dual_property":
            let dual = try container.decode(Dual.self, forKey: "dual_property")
            kind = .dualProperty(syncedPropertyID: dual.syncedPropertyID, syncedPropertyName: dual.syncedPropertyName)
        default: kind = .unknown(type: type, try container.json(type))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encodeIfPresent(databaseID, forKey: "database_id")
        try container.encodeIfPresent(dataSourceID, forKey: "data_source_id")
        try container.encode(kind.type, forKey: "type")
        switch kind {
        case .singleProperty: try container.encode(EmptyObject(), forKey: "single_property")
        case .dualProperty(let id, let name):
            try container.encode(Dual(syncedPropertyID: id, syncedPropertyName: name), forKey: "dual_property")
        case .unknown(let type, let payload): try container.encodeJSON(payload, forKey: type)
        }
    }
}
