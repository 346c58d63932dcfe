import Foundation
import NotionAPI

/// Signs workspace-relative file paths into expiring S3-like URLs on the emulator's host, and
/// checks them when they are fetched.
struct FileSigner: Sendable {
    var baseURL: URL
    var lifetime: TimeInterval
    var secret: UInt64

    /// `<base>/files/<sig>/<path>?X-Amz-Algorithm=…&X-Amz-Date=…&X-Amz-Expires=…&X-Amz-Signature=…`
    func sign(_ path: String, at now: Date) -> (url: String, expiry: String) {
        let date = NotionTime.amz(now)
        let expires = Int(lifetime)
        let signature = Self.hex(secret, "\(path)|\(date)|\(expires)", rounds: 4)
        let folder = Self.hex(secret, path, rounds: 1)
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let encodedPath = path.split(separator: "/").map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "&"])) ?? String($0)
        }.joined(separator: "/")
        let url = "\(base)/files/\(folder)/\(encodedPath)?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=\(date)"
            + "&X-Amz-Expires=\(expires)&X-Amz-Signature=\(signature)"
        return (url, NotionTime.minuteMillis(now.addingTimeInterval(lifetime)))
    }

    enum Check: Equatable {
        case ok(path: String)
        case expired(expires: Date)
        case denied
    }

    /// Checks a fetched `/files/<sig>/<path>` request.
    func check(path requestPath: String, query: [String: String], now: Date) -> Check {
        let parts = requestPath.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0] == "files" else { return .denied }
        let path = String(parts[2]).removingPercentEncoding ?? String(parts[2])
        guard String(parts[1]) == Self.hex(secret, path, rounds: 1),
              let dateText = query["X-Amz-Date"], let date = NotionTime.parseAmz(dateText),
              let expiresText = query["X-Amz-Expires"], let expires = Int(expiresText),
              query["X-Amz-Signature"] == Self.hex(secret, "\(path)|\(dateText)|\(expires)", rounds: 4)
        else { return .denied }
        let expiry = date.addingTimeInterval(TimeInterval(expires))
        return now >= expiry ? .expired(expires: expiry) : .ok(path: path)
    }

    /// A keyed FNV-1a digest as hex (not cryptographic; it only has to look and behave like a signature).
    static func hex(_ key: UInt64, _ text: String, rounds: Int) -> String {
        var out = ""
        for round in 0..<rounds {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ key ^ UInt64(round &* 0x9E37)
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = SplitMix64.mix(hash)
            let s = String(hash, radix: 16)
            out += String(repeating: "0", count: 16 - s.count) + s
        }
        return out
    }
}
