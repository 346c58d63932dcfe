/// Payload of `synced_block`. The original has `synced_from: null`; a duplicate points at the
/// original (`{"type":"block_id","block_id"}`) and shows the original's children.
public struct SyncedBlock: Hashable, Sendable, Codable {
    public var syncedFrom: BlockID?

    public init(syncedFrom: BlockID? = nil) { self.syncedFrom = syncedFrom }

    public var isOriginal: Bool { syncedFrom == nil }

    enum CodingKeys: String, CodingKey {
        case syncedFrom = "synced_from"
    }

    private struct Source: Codable {
        var type: String
        var blockID: BlockID
        enum CodingKeys: String, CodingKey {
            case type
            case blockID = "block_id"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        syncedFrom = try container.decodeIfPresent(Source.self, forKey: .syncedFrom)?.blockID
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let syncedFrom {
            try container.encode(Source(type: "block_id", blockID: syncedFrom), forKey: .syncedFrom)
        } else {
            try container.encodeNil(forKey: .syncedFrom)
        }
    }
}
