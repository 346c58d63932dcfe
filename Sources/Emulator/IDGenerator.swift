import Foundation
import NotionAPI
import NotionModel

/// Deterministic UUID-shaped ids: a workspace prefix (like Notion's shared 8-hex prefix), version
/// nibble 8 and an RFC 4122 variant nibble (8…b). Object kinds carry Notion's markers in the last
/// group (`000b…` data sources, `001d…` comments, `001c…` discussions, `00b2…` file uploads).
struct IDGenerator: Sendable, Hashable {
    enum Kind: Sendable { case block, page, database, dataSource, comment, discussion, fileUpload, request }

    let seed: UInt64
    private(set) var counter: UInt64 = 0

    init(seed: UInt64) { self.seed = seed }

    mutating func next(_ kind: Kind) -> NotionID {
        counter += 1
        var random = SplitMix64(seed: seed &+ counter &* 0x9E37_79B9_7F4A_7C15)
        let a = random.next(), b = random.next()
        let prefix = SplitMix64.mix(seed)
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let s = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s.suffix(digits)
        }
        let variant = "89ab"[ "89ab".index("89ab".startIndex, offsetBy: Int(b % 4)) ]
        let marker: String? = switch kind {
        case .dataSource: "000b"
        case .comment: "001d"
        case .discussion: "001c"
        case .fileUpload: "00b2"
        default: nil
        }
        let tail = (marker ?? hex(b >> 40, 4)) + hex(a & 0xFFFF_FFFF, 8)
        let text: String
        if kind == .request {
            // Request ids look like random v4 uuids, as Notion's do.
            text = hex(a >> 32, 8) + "-" + hex(a >> 16, 4) + "-4" + hex(b, 3) + "-" + String(variant) + hex(b >> 12, 3) + "-" + hex(b >> 24, 12)
        } else {
            text = hex(prefix >> 32, 8) + "-" + hex(prefix >> 16, 4) + "-8" + hex(b, 3) + "-" + String(variant) + hex(b >> 12, 3) + "-" + tail
        }
        return NotionID(text)!
    }

}
