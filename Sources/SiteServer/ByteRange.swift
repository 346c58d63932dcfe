import Foundation

/// A `Range: bytes=…` request header, reduced to what a preview server needs: one range
/// (`a-b`, `a-` or the suffix form `-n`). Browsers ask for ranges to seek in video and audio.
enum ByteRange: Equatable {
    /// Serve these bytes with 206.
    case satisfiable(Range<Int>)
    /// A well-formed range that lies outside the file: 416.
    case unsatisfiable

    /// nil when there is no usable header: absent, malformed, another unit or several ranges.
    /// RFC 9110 §14.2 lets a server ignore such a header and send the whole file with 200.
    init?(header: String?, fileSize: Int) {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes=") else { return nil }
        let spec = trimmed.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        guard first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit) else { return nil }

        if first.isEmpty {
            // bytes=-n: the last n bytes.
            guard let length = Int(last) else { return nil }
            guard length > 0, fileSize > 0 else { self = .unsatisfiable; return }
            self = .satisfiable(max(0, fileSize - length)..<fileSize)
            return
        }
        guard let start = Int(first) else { return nil }
        var end = fileSize - 1
        if !last.isEmpty {
            guard let requestedEnd = Int(last) else { return nil }
            // last < first makes the header invalid, not unsatisfiable: ignore it.
            guard requestedEnd >= start else { return nil }
            end = min(requestedEnd, fileSize - 1)
        }
        guard start < fileSize else { self = .unsatisfiable; return }
        self = .satisfiable(start..<(end + 1))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
