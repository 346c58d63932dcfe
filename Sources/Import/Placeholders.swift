import NotionModel

/// The placeholders drafts carry until the import knows what they stand for (see `BlockDraft`):
/// `local-file:<path>` (an upload), `local-page:<path>[#fragment]` (a page of the import) and
/// `restore-id:<old id>` (something a restore recreated). Only ids and URLs can be placeholders.
public enum Placeholders {
    public static let prefixes = ["local-file:", "local-page:", RestoreDrafts.placeholderID]

    public static func isPlaceholder(_ text: String) -> Bool { prefixes.contains { text.hasPrefix($0) } }

    /// The keys whose string values can be placeholders: ids and URLs, never text a user wrote
    /// (`content`, `expression`, titles), which may start with anything.
    public static let keys: Set<String> = ["id", "url", "page_id", "database_id", "block_id", "data_source_id"]

    /// Every placeholder in the drafts, in document order, each once.
    public static func collect(in drafts: [BlockDraft]) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        func visit(_ value: JSONValue, key: String?) {
            switch value {
            case .string(let text) where key.map(keys.contains) == true && isPlaceholder(text):
                if seen.insert(text).inserted { out.append(text) }
            case .array(let items): items.forEach { visit($0, key: nil) }
            case .object(let fields): fields.keys.sorted().forEach { visit(fields[$0]!, key: $0) }
            default: break
            }
        }
        func walk(_ drafts: [BlockDraft]) {
            for draft in drafts {
                visit(draft.body, key: nil)
                walk(draft.children)
            }
        }
        walk(drafts)
        return out
    }

    /// The drafts with every placeholder `replacement` knows replaced by its value; the ones it
    /// does not know stay, and are returned so the caller can say what could not be resolved.
    public static func resolve(_ drafts: [BlockDraft], _ replacement: (String) -> String?) -> (drafts: [BlockDraft], unresolved: [String]) {
        var unresolved: [String] = []
        func map(_ value: JSONValue, key: String?) -> JSONValue {
            switch value {
            case .string(let text) where key.map(keys.contains) == true && isPlaceholder(text):
                if let new = replacement(text) { return .string(new) }
                if !unresolved.contains(text) { unresolved.append(text) }
                return value
            case .array(let items): return .array(items.map { map($0, key: nil) })
            case .object(let fields): return .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key, map($0.value, key: $0.key)) }))
            default: return value
            }
        }
        func walk(_ drafts: [BlockDraft]) -> [BlockDraft] {
            drafts.map { BlockDraft($0.type, map($0.body, key: nil), children: walk($0.children)) }
        }
        return (walk(drafts), unresolved)
    }
}
