import Foundation
import NotionModel

/// A database document's `schema:` front matter: each property of its (first) data source, in
/// the table's column order, in a form `import` turns back into the same property.
///
/// ```yaml
/// schema:
///   Name: title
///   Published: date
///   Weight:
///     number: number_with_commas
///   Status:
///     status:
///     - Draft: gray
///     - Published: green
///   Related:
///     relation: topics.md        # the related database's document, or its id when not exported
///     synced_property: Posts     # dual relations: the property on the other side
///   Post count:
///     rollup:
///       relation: Posts
///       property: Name
///       function: count
///   Display name:
///     formula: if(prop("Featured"), "⭐ " + prop("Name"), prop("Name"))
///   Topic ID:
///     unique_id: TOP
/// ```
///
/// A property with nothing to configure is its type alone; a description adds `description:`.
/// Formulas name properties with `prop("…")` (Notion's API gives ids, which a new workspace
/// would not have). Option ids, status groups and property ids are Notion's to assign.
public enum SchemaYAML {
    static func schema(_ properties: [String: PropertySchema], order: [String], resolver: some ConversionResolver) -> YAML {
        .mapping(order.compactMap { name in properties[name].map { (name, property($0, in: properties, resolver: resolver)) } })
    }

    static func property(_ property: PropertySchema, in properties: [String: PropertySchema], resolver: some ConversionResolver) -> YAML {
        var pairs: [(key: String, value: YAML)] = []
        switch property.config {
        case .number(let format?) where format != "number": pairs = [("number", .string(format))]
        case .select(let options): pairs = [("select", self.options(options))]
        case .multiSelect(let options): pairs = [("multi_select", self.options(options))]
        case .status(let options, _): pairs = [("status", self.options(options))]
        case .formula(let expression): pairs = [("formula", .string(readable(expression, properties: properties)))]
        case .uniqueID(let prefix?): pairs = [("unique_id", .string(prefix))]
        case .relation(let relation):
            let id = relation.databaseID?.id ?? relation.dataSourceID?.id
            let target = id.flatMap { resolver.target(of: $0)?.href } ?? id?.rawValue ?? ""
            pairs = [("relation", .string(target))]
            if case .dualProperty(_, let name?) = relation.kind { pairs.append(("synced_property", .string(name))) }
        case .rollup(let rollup):
            pairs = [("rollup", .mapping([
                ("relation", .string(rollup.relationPropertyName ?? name(of: rollup.relationPropertyID, in: properties) ?? "")),
                ("property", .string(rollup.rollupPropertyName ?? rollup.rollupPropertyID ?? "")),
                ("function", .string(rollup.function)),
            ]))]
        default: break
        }
        if let description = property.description, !description.isEmpty {
            if pairs.isEmpty { pairs = [(property.type, .mapping([]))] }
            pairs.append(("description", .string(description)))
        }
        return pairs.isEmpty ? .string(property.type) : .mapping(pairs)
    }

    /// `- Name: color`, or a mapping when the option has a description.
    static func options(_ options: [SelectOption]) -> YAML {
        .sequence(options.map { option in
            let color = YAML.string(option.color?.rawValue ?? "default")
            guard let description = option.description, !description.isEmpty else { return .mapping([(option.name, color)]) }
            return .mapping([("name", .string(option.name)), ("color", color), ("description", .string(description))])
        })
    }

    static func name(of id: String?, in properties: [String: PropertySchema]) -> String? {
        guard let id else { return nil }
        let decoded = id.removingPercentEncoding ?? id
        return properties.values.first { $0.id == id || $0.id.removingPercentEncoding == decoded }?.name
    }

    /// `{{notion:block_property:<property id>:<data source id>:<…>}}` → `prop("<name>")` for the
    /// properties of this schema; other references stay as they are.
    public static func readable(_ expression: String, properties: [String: PropertySchema]) -> String {
        readable(expression) { name(of: $0, in: properties) }
    }

    /// The same, with property names looked up by id.
    public static func readable(_ expression: String, name: (String) -> String?) -> String {
        var out = ""
        var rest = Substring(expression)
        while let open = rest.range(of: "{{notion:block_property:") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            out += rest[..<open.lowerBound]
            let fields = rest[open.upperBound..<close.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            if let id = fields.first, let name = name(String(id)) {
                out += "prop(\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\")"
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
