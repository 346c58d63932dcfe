import Foundation
import NotionModel

// Icon/cover normalization for databases and data sources through Requests/' FileNormalizer.
// REQUESTS: replace with SchemaRequests' database/data source create/update results.
enum FallbackProperties {
    /// Icon/cover request → stored shape (through Requests/' FileNormalizer); nil when absent.
    static func fileLike(_ value: JSONValue?, path: String, lookup: any WorkspaceLookup,
                         attached: inout [NotionID]) throws -> JSONValue? {
        guard let value else { return nil }
        var normalizer = FileNormalizer(lookup: lookup)
        let out = path.hasSuffix("cover") ? try normalizer.cover(value, path: path) : try normalizer.icon(value, path: path)
        attached.append(contentsOf: normalizer.attachedUploads)
        return out
    }
}
