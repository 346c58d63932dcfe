import Foundation

/// One part of a `multipart/form-data` body.
struct FormPart: Sendable {
    var name: String
    var filename: String?
    var contentType: String?
    var data: Data
}

enum Multipart {
    /// Parses a multipart/form-data body with the boundary from `contentType`.
    static func parse(_ body: Data, contentType: String) -> [FormPart]? {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let delimiter = Data("--\(boundary)".utf8)
        let bytes = body
        var parts: [FormPart] = []
        var searchStart = bytes.startIndex
        var sections: [Range<Data.Index>] = []
        var previousEnd: Data.Index?
        while let found = bytes.range(of: delimiter, in: searchStart..<bytes.endIndex) {
            if let previousEnd { sections.append(previousEnd..<found.lowerBound) }
            previousEnd = found.upperBound
            searchStart = found.upperBound
        }
        let crlf2 = Data("\r\n\r\n".utf8), lf2 = Data("\n\n".utf8)
        for section in sections {
            var data = bytes[section]
            // Drop the line break after the delimiter.
            if data.starts(with: Data("\r\n".utf8)) { data = data.dropFirst(2) } else if data.starts(with: Data("\n".utf8)) { data = data.dropFirst(1) }
            guard let split = data.range(of: crlf2) ?? data.range(of: lf2) else { continue }
            let headerText = String(decoding: data[data.startIndex..<split.lowerBound], as: UTF8.self)
            var content = data[split.upperBound...]
            if content.hasSuffix(Data("\r\n".utf8)) { content = content.dropLast(2) } else if content.hasSuffix(Data("\n".utf8)) { content = content.dropLast(1) }
            var part = FormPart(name: "", filename: nil, contentType: nil, data: Data(content))
            for line in headerText.split(whereSeparator: \.isNewline) {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = attribute("name", in: String(line)) ?? ""
                    part.filename = attribute("filename", in: String(line))
                } else if lower.hasPrefix("content-type:") {
                    part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(part)
        }
        return parts
    }

    private static func attribute(_ key: String, in line: String) -> String? {
        guard let range = line.range(of: "\(key)=\"") else { return nil }
        // Make sure "name=" did not match inside "filename=".
        if key == "name", range.lowerBound > line.startIndex, line[line.index(before: range.lowerBound)].isLetter {
            let rest = String(line[range.upperBound...])
            return attribute(key, in: rest)
        }
        let rest = line[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

extension Data {
    fileprivate func hasSuffix(_ suffix: Data) -> Bool { count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix) }
}
