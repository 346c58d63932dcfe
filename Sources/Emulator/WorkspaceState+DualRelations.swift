import Foundation
import NotionModel

/// Dual relations as Notion keeps them: creating one adds the reverse property to the target data
/// source, and a relation value written on one side is mirrored on the other.
extension WorkspaceState {
    /// The data source a relation config points at, if visible: its `data_source_id`, or (2022-06-28
    /// requests name only `database_id`) the database's first data source.
    func relationTarget(_ config: JSONValue?) -> NotionID? {
        if let sid = config?["data_source_id"]?.idValue { return dataSourceVisible(sid) ? sid : nil }
        guard let db = config?["database_id"]?.idValue, databaseVisible(db) else { return nil }
        return content.databases[db]?.dataSourceIDs.first
    }

    /// A dual relation not paired with its reverse yet: just created, or its config re-sent.
    static func isUnpairedDual(_ property: JSONValue) -> Bool {
        property["relation"]?["type"] == "dual_property"
            && property["relation"]?["dual_property"]?["synced_property_id"]?.stringValue == nil
    }

    /// Checks, before anything is written, that every unpaired dual relation of a new schema has a
    /// target; Notion answers 400 otherwise.
    func checkDualRelationTargets(_ schema: JSONValue?) throws(NotionAPIError) {
        for (name, property) in schema?.objectValue ?? [:] where Self.isUnpairedDual(property) && relationTarget(property["relation"]) == nil {
            let config = property["relation"]
            let target = config?["data_source_id"]?.stringValue.map { "data source \($0)" }
                ?? "database \(config?["database_id"]?.stringValue ?? "")"
            // Unverified wording.
            throw .validation("Relation property \(name) points to \(target), which does not exist or is not shared with the integration.")
        }
    }

    /// After a schema write on `sid`: pairs each unpaired dual relation with its reverse on the
    /// target (a reverse already pointing back, else a new property named `synced_property_name` or
    /// `Related to <source title> (<name>)`, made unique with ` 1`, ` 2`…), and renames the reverse's
    /// `synced_property_name` of paired ones. Both configs then name each other.
    mutating func pairDualRelations(of sid: NotionID, time: String) {
        for name in (content.dataSources[sid]?["properties"]?.objectValue ?? [:]).keys.sorted() {
            guard var property = content.dataSources[sid]?["properties"]?[name], property["relation"]?["type"] == "dual_property",
                  let target = relationTarget(property["relation"]), let id = property["id"]?.stringValue else { continue }
            var targetSchema = content.dataSources[target]?["properties"]?.objectValue ?? [:]
            let syncedID = property["relation"]?["dual_property"]?["synced_property_id"]?.stringValue
            var reverse = targetSchema.first { key, value in
                guard target != sid || key != name, value["relation"]?["data_source_id"]?.idValue == sid else { return false }
                let pointer = value["relation"]?["dual_property"]?["synced_property_id"]?.stringValue
                return syncedID.map { value["id"]?.stringValue == $0 } ?? (pointer == id)
            }
            if reverse == nil {
                guard syncedID == nil else { continue }  // paired with a property since deleted: left alone
                let title = content.dataSources[sid]?["title"]?.plainText ?? ""
                let base = property["relation"]?["dual_property"]?["synced_property_name"]?.stringValue ?? "Related to \(title) (\(name))"
                var reverseName = base
                var suffix = 1
                while targetSchema[reverseName] != nil {
                    reverseName = "\(base) \(suffix)"
                    suffix += 1
                }
                let reverseID = PropertyIDs.make(seed: reverseName, existing: Set(targetSchema.values.compactMap { $0["id"]?.stringValue }))
                reverse = (reverseName, ["id": .string(reverseID), "name": .string(reverseName), "description": nil, "type": "relation",
                                         "relation": ["type": "dual_property"]])
            }
            guard let (reverseName, found) = reverse else { continue }
            var reverseProperty = found
            reverseProperty["relation"]?["database_id"] = content.dataSources[sid]?["parent"]?["database_id"] ?? .null
            reverseProperty["relation"]?["data_source_id"] = .string(sid.rawValue)
            reverseProperty["relation"]?["dual_property"] = ["synced_property_id": .string(id), "synced_property_name": .string(name)]
            if reverseProperty != targetSchema[reverseName] {
                targetSchema[reverseName] = reverseProperty
                content.dataSources[target]?["properties"] = .object(targetSchema)
                content.dataSources[target]?["last_edited_time"] = .string(time)
            }
            property["relation"]?["database_id"] = content.dataSources[target]?["parent"]?["database_id"] ?? .null
            property["relation"]?["data_source_id"] = .string(target.rawValue)
            property["relation"]?["dual_property"] = ["synced_property_id": reverseProperty["id"] ?? .null,
                                                      "synced_property_name": .string(reverseName)]
            content.dataSources[sid]?["properties"]?[name] = property
        }
    }

    /// After a page write: for each dual relation whose value changed from `before`, adds the page
    /// to the reverse property of every newly related page (appended, in the order set) and
    /// removes it from pages no longer related; those pages are edited as `pages.update` edits.
    mutating func mirrorDualRelations(ofPage id: NotionID, before: [String: JSONValue], time: String, author: JSONValue) {
        guard let page = content.pages[id]?.json, let sid = page["parent"]?["data_source_id"]?.idValue else { return }
        func related(_ value: JSONValue?) -> [NotionID] { (value?["relation"]?.arrayValue ?? []).compactMap { $0["id"]?.idValue } }
        for (name, property) in content.dataSources[sid]?["properties"]?.objectValue ?? [:] {
            let config = property["relation"]
            guard config?["type"] == "dual_property", let target = config?["data_source_id"]?.idValue,
                  let syncedID = config?["dual_property"]?["synced_property_id"]?.stringValue,
                  let (reverseName, reverse) = content.dataSources[target]?["properties"]?.objectValue?
                      .first(where: { $0.value["id"]?.stringValue == syncedID }) else { continue }
            let old = related(before[name]), new = related(page["properties"]?[name])
            for other in new.filter({ !old.contains($0) }) + old.filter({ !new.contains($0) }) {
                guard var record = content.pages[other], record.json["parent"]?["data_source_id"]?.idValue == target else { continue }
                var properties = record.json["properties"]?.objectValue ?? [:]
                var value = properties[reverseName] ?? ["id": reverse["id"] ?? .null, "type": "relation", "relation": [], "has_more": false]
                var list = value["relation"]?.arrayValue ?? []
                if new.contains(other) {
                    guard !list.contains(where: { $0["id"]?.idValue == id }) else { continue }
                    list.append(["id": .string(id.rawValue)])
                } else {
                    guard list.contains(where: { $0["id"]?.idValue == id }) else { continue }
                    list.removeAll { $0["id"]?.idValue == id }
                }
                value["relation"] = .array(list)
                properties[reverseName] = value
                record.json["properties"] = .object(properties)
                record.json["last_edited_time"] = .string(time)
                record.json["last_edited_by"] = author
                content.pages[other] = record
            }
        }
    }
}
