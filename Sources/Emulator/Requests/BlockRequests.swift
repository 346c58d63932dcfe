import Foundation
import NotionAPI
import NotionModel

/// The result of validating an append-children request.
struct AppendRequest: Hashable, Sendable {
    /// First-level blocks to create, each with its nested children (stored shape).
    var children: [NewBlock]
    var position: AppendPosition
    /// File uploads referenced by the new blocks (the store marks them attached).
    var attachedUploads: [NotionID]
}

/// The result of validating a block update.
struct BlockUpdate: Hashable, Sendable {
    /// Keys of the type payload to replace (stored shape), nil when the body changes no payload key.
    var payloadPatch: JSONValue?
    /// New trash state from `in_trash` (or legacy `archived`), nil when unchanged.
    var inTrash: Bool?
    var attachedUploads: [NotionID]
}

/// Block requests: `PATCH /v1/blocks/{id}/children` and `PATCH /v1/blocks/{id}`.
enum BlockRequests {
    /// Block types an append (or page create) may create.
    static let creatableTypes: [String] = [
        "paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item", "numbered_list_item",
        "to_do", "toggle", "quote", "callout", "code", "equation", "divider", "breadcrumb", "table_of_contents",
        "table", "table_row", "column_list", "column", "image", "video", "audio", "pdf", "file", "bookmark", "embed",
        "link_to_page", "synced_block", "tab",
    ]

    /// Types whose blocks may carry nested `children` in a request.
    static let childBearing: Set<String> = [
        "paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item", "numbered_list_item",
        "to_do", "toggle", "quote", "callout", "table", "column_list", "column", "synced_block", "tab",
    ]

    static let textTypes: Set<String> = [
        "paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item", "numbered_list_item",
        "to_do", "toggle", "quote", "callout",
    ]

    static let mediaTypes: Set<String> = ["image", "video", "audio", "pdf", "file"]

    /// Code block languages (SDK `LanguageRequest`).
    static let codeLanguages = NotionCodeLanguage.all

    /// Validates an append-children body. `parentType` is the type of the block appended to
    /// (`"table"` requires `table_row` children of `parentTableWidth` cells; `"column_list"` requires columns).
    static func appendChildren(
        body: JSONValue, version: NotionVersion, lookup: any WorkspaceLookup,
        parentType: String? = nil, parentTableWidth: Int? = nil
    ) throws(ValidationFailure) -> AppendRequest {
        let object = try Validation.object(body, "body")
        var allowed: Set<String> = ["children", "position"]
        if version < .v2026_03_11 { allowed.insert("after") }
        try Validation.onlyKeys(object, allowed, "body")
        var position = AppendPosition.end
        if let after = object["after"] {
            if object["position"] != nil { throw Validation.notPresent("body.after", after) }
            position = .afterBlock(try Validation.uuid(after, "body.after"))
        }
        if let rawPosition = object["position"] {
            position = try parsePosition(rawPosition, path: "body.position")
        }
        var normalizer = BlockNormalizer(lookup: lookup, version: version)
        let children = try normalizer.children(
            object["children"], path: "body.children", depth: 1, parentType: parentType, tableWidth: parentTableWidth)
        return AppendRequest(children: children, position: position, attachedUploads: normalizer.files.attachedUploads)
    }

    static func parsePosition(_ value: JSONValue, path: String) throws(ValidationFailure) -> AppendPosition {
        let object = try Validation.object(value, path)
        let kind = try Validation.enumValue(object["type"], path + ".type", ["start", "end", "after_block"])
        switch kind {
        case "start":
            try Validation.onlyKeys(object, ["type", "start"], path)
            return .start
        case "end":
            try Validation.onlyKeys(object, ["type", "end"], path)
            return .end
        default:
            return try afterBlock(object, path: path)
        }
    }

    /// `{"type":"after_block","after_block":{"id"}}` (appends and page creates).
    static func afterBlock(_ object: [String: JSONValue], path: String) throws(ValidationFailure) -> AppendPosition {
        try Validation.onlyKeys(object, ["type", "after_block"], path)
        let after = try Validation.object(object["after_block"], path + ".after_block")
        try Validation.onlyKeys(after, ["id"], path + ".after_block")
        return .afterBlock(try Validation.uuid(after["id"], path + ".after_block.id"))
    }

    /// Validates a block update body against the block's existing type. `existingTableWidth` checks a
    /// `table_row`'s cells.
    static func update(
        body: JSONValue, existingType: String, version: NotionVersion, lookup: any WorkspaceLookup,
        existingTableWidth: Int? = nil
    ) throws(ValidationFailure) -> BlockUpdate {
        let object = try Validation.object(body, "body")
        var allowed: Set<String> = ["type", "in_trash", existingType]
        if version < .v2026_03_11 { allowed.insert("archived") }
        try Validation.onlyKeys(object, allowed, "body")
        if let declared = object["type"] {
            let type = try Validation.string(declared, "body.type")
            if type != existingType { throw Validation.failure("body.type", "`\"\(existingType)\"`", declared) }
        }
        var inTrash: Bool?
        if let trash = object["in_trash"] { inTrash = try Validation.bool(trash, "body.in_trash") }
        if let archived = object["archived"] {
            let value = try Validation.bool(archived, "body.archived")
            if inTrash == nil { inTrash = value }
        }
        var patch: JSONValue?
        var normalizer = BlockNormalizer(lookup: lookup, version: version)
        if let payload = object[existingType] {
            let path = "body.\(existingType)"
            let fields = try Validation.object(payload, path)
            if let children = fields["children"] { throw Validation.notPresent(path + ".children", children) }
            patch = .object(try normalizer.payload(
                existingType, fields, path: path, update: true, tableWidth: existingTableWidth))
        }
        return BlockUpdate(payloadPatch: patch, inTrash: inTrash, attachedUploads: normalizer.files.attachedUploads)
    }

    /// Normalizes a page/append `children` array without the append wrapper (used by page create).
    static func children(
        _ value: JSONValue?, path: String, version: NotionVersion, lookup: any WorkspaceLookup
    ) throws(ValidationFailure) -> (blocks: [NewBlock], uploads: [NotionID]) {
        var normalizer = BlockNormalizer(lookup: lookup, version: version)
        let blocks = try normalizer.children(value, path: path, depth: 1, parentType: nil, tableWidth: nil)
        return (blocks, normalizer.files.attachedUploads)
    }
}

/// Walks a request's block tree, validating and converting each block to stored shape.
struct BlockNormalizer {
    let lookup: any WorkspaceLookup
    let version: NotionVersion
    var files: FileNormalizer

    init(lookup: any WorkspaceLookup, version: NotionVersion) {
        self.lookup = lookup
        self.version = version
        self.files = FileNormalizer(lookup: lookup)
    }

    mutating func children(
        _ value: JSONValue?, path: String, depth: Int, parentType: String?, tableWidth: Int?
    ) throws(ValidationFailure) -> [NewBlock] {
        if depth == 1 {
            let total = Self.countBlocks(value)
            if total > Limits.payloadBlocks {
                throw ValidationFailure(
                    "body failed validation: \(path) should have ≤ `\(Limits.payloadBlocks)` block elements in total, instead was `\(total)`.")
            }
        }
        let items = try Validation.array(value, path)
        try Validation.maxCount(items, Limits.arrayElements, path)
        var blocks: [NewBlock] = []
        for (index, item) in items.enumerated() {
            blocks.append(try block(item, path: "\(path)[\(index)]", depth: depth, parentType: parentType, tableWidth: tableWidth))
        }
        return blocks
    }

    /// Block elements in a request tree: every item of a `children` array, at any depth.
    static func countBlocks(_ value: JSONValue?) -> Int {
        guard let items = value?.arrayValue else { return 0 }
        var total = 0
        for item in items {
            total += 1
            guard let object = item.objectValue else { continue }
            for (key, payload) in object where key != "object" && key != "type" {
                if key == "children" { total += countBlocks(payload) } else { total += countBlocks(payload["children"]) }
            }
        }
        return total
    }

    mutating func block(
        _ value: JSONValue, path: String, depth: Int, parentType: String?, tableWidth: Int?
    ) throws(ValidationFailure) -> NewBlock {
        let object = try Validation.object(value, path)
        let creatable = BlockRequests.creatableTypes
        let type: String
        if let declared = object["type"] {
            type = try Validation.string(declared, path + ".type")
            guard creatable.contains(type) else {
                if let payload = object[type] { throw Validation.notPresent("\(path).\(type)", payload) }
                throw Validation.failure(path + ".type", Validation.oneOf(creatable), declared)
            }
            if object[type] == nil { throw Validation.undefined("\(path).\(type)") }
        } else {
            let present = creatable.filter { object[$0] != nil }
            guard let first = present.first else {
                if let stray = object.keys.sorted().first(where: { $0 != "object" && $0 != "children" }) {
                    throw Validation.notPresent("\(path).\(stray)", object[stray])
                }
                throw Validation.unionFailure(creatable.map { Validation.sentence("\(path).\($0)", "defined", nil) })
            }
            type = first
        }
        try Validation.onlyKeys(object, ["object", "type", "children", type], path)
        if let marker = object["object"], marker != "block" {
            throw Validation.failure(path + ".object", "`\"block\"`", marker)
        }
        if let stray = object["children"], stray != .array([]) {
            throw Validation.notPresent(path + ".children", stray)
        }
        // Placement rules: rows only in tables, columns only in column lists.
        if parentType == "table", type != "table_row" {
            throw Validation.undefined(path + ".table_row")
        }
        if parentType == "column_list", type != "column" {
            throw Validation.undefined(path + ".column")
        }
        if type == "table_row", parentType != "table" { throw Validation.notPresent("\(path).table_row", object[type]) }
        if type == "column", parentType != "column_list" { throw Validation.notPresent("\(path).column", object[type]) }

        let payloadPath = "\(path).\(type)"
        var fields = try Validation.object(object[type], payloadPath)
        let rawChildren = fields.removeValue(forKey: "children")
        var payload = try payload(type, fields, path: payloadPath, update: false, tableWidth: tableWidth)

        var children: [NewBlock] = []
        let childrenPath = payloadPath + ".children"
        if let rawChildren, rawChildren != .array([]) {
            guard BlockRequests.childBearing.contains(type), depth < 3 else {
                throw Validation.notPresent(childrenPath, rawChildren)
            }
            let width = type == "table" ? payload["table_width"]?.intValue : nil
            children = try self.children(rawChildren, path: childrenPath, depth: depth + 1, parentType: type, tableWidth: width)
        }
        switch type {
        case "table":
            if children.isEmpty { throw Validation.undefined(childrenPath) }
        case "column_list":
            if rawChildren == nil { throw Validation.undefined(childrenPath) }
            if children.count < 2 {
                throw Validation.failure(childrenPath + ".length", "≥ `2`", .int(children.count))
            }
        case "column":
            if children.isEmpty {
                if rawChildren == nil { throw Validation.undefined(childrenPath) }
                throw Validation.failure(childrenPath + ".length", "≥ `1`", .int(0))
            }
        case "synced_block":
            // A duplicate shows its original's children; it may not bring its own.
            if payload["synced_from"] != .null, !children.isEmpty { throw Validation.notPresent(childrenPath, rawChildren) }
        default:
            break
        }
        if type == "column_list" || type == "column" || type == "tab" { payload = payload.isEmpty ? [:] : payload }
        return NewBlock(type: type, payload: .object(payload), children: children)
    }

    /// One type payload. With `update`, only keys present are validated and returned (a patch);
    /// otherwise required keys are enforced and defaults filled in as Notion returns them.
    mutating func payload(
        _ type: String, _ fields: [String: JSONValue], path: String, update: Bool, tableWidth: Int?
    ) throws(ValidationFailure) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        func color(_ out: inout [String: JSONValue]) throws(ValidationFailure) {
            if let value = fields["color"] {
                out["color"] = .string(try Validation.enumValue(value, path + ".color", RichTextRequests.colors))
            } else if !update {
                out["color"] = "default"
            }
        }
        func richText(_ key: String, required: Bool, _ out: inout [String: JSONValue]) throws(ValidationFailure) {
            if let value = fields[key] {
                out[key] = try RichTextRequests.normalize(value, path: "\(path).\(key)", lookup: lookup)
            } else if required && !update {
                throw Validation.undefined("\(path).\(key)")
            } else if !update {
                out[key] = []
            }
        }
        func flag(_ key: String, default value: Bool, _ out: inout [String: JSONValue]) throws(ValidationFailure) {
            if let given = fields[key] {
                out[key] = .bool(try Validation.bool(given, "\(path).\(key)"))
            } else if !update {
                out[key] = .bool(value)
            }
        }

        if BlockRequests.textTypes.contains(type) {
            var allowed: Set<String> = ["rich_text", "color"]
            var textFields = fields
            if version < .v2022_02_22, let legacy = textFields.removeValue(forKey: "text") {
                textFields["rich_text"] = legacy
            }
            switch type {
            case "paragraph", "callout": allowed.insert("icon")
            case "heading_1", "heading_2", "heading_3", "heading_4": allowed.insert("is_toggleable")
            case "numbered_list_item": allowed.formUnion(["list_start_index", "list_format"])
            case "to_do": allowed.insert("checked")
            default: break
            }
            try Validation.onlyKeys(textFields, allowed, path)
            if let value = textFields["rich_text"] {
                out["rich_text"] = try RichTextRequests.normalize(value, path: path + ".rich_text", lookup: lookup)
            } else if !update {
                throw Validation.undefined(path + ".rich_text")
            }
            if allowed.contains("icon") {
                if let icon = fields["icon"] { out["icon"] = try files.icon(icon, path: path + ".icon") } else if !update { out["icon"] = .null }
            }
            if allowed.contains("is_toggleable") { try flag("is_toggleable", default: false, &out) }
            if type == "to_do" { try flag("checked", default: false, &out) }
            if type == "numbered_list_item" {
                if let start = fields["list_start_index"] {
                    let number = try Validation.number(start, path + ".list_start_index")
                    guard number >= 1, number.rounded() == number else {
                        throw Validation.failure(path + ".list_start_index", "≥ `1`", start)
                    }
                    out["list_start_index"] = .int(Int(number))
                }
                if let format = fields["list_format"] {
                    out["list_format"] = .string(try Validation.enumValue(format, path + ".list_format", ["numbers", "letters", "roman"]))
                }
            }
            try color(&out)
            return out
        }
        if BlockRequests.mediaTypes.contains(type) {
            var allowed: Set<String> = ["caption", "type", "external", "file_upload"]
            if type == "file" { allowed.insert("name") }
            try Validation.onlyKeys(fields, allowed, path)
            try richText("caption", required: false, &out)
            if !update || fields["external"] != nil || fields["file_upload"] != nil || fields["type"] != nil {
                let media = try files.media(fields, path: path)
                out.merge(media.fields) { _, new in new }
                if type == "file" {
                    if let name = fields["name"] {
                        out["name"] = .string(try Validation.nonEmptyString(name, path + ".name"))
                    } else {
                        out["name"] = .string(media.filename)
                    }
                }
            } else if type == "file", let name = fields["name"] {
                out["name"] = .string(try Validation.nonEmptyString(name, path + ".name"))
            }
            return out
        }
        switch type {
        case "code":
            try Validation.onlyKeys(fields, ["rich_text", "language", "caption"], path)
            try richText("caption", required: false, &out)
            try richText("rich_text", required: true, &out)
            if let language = fields["language"] {
                out["language"] = .string(try Validation.enumValue(language, path + ".language", BlockRequests.codeLanguages))
            } else if !update {
                throw Validation.undefined(path + ".language")
            }
        case "equation":
            try Validation.onlyKeys(fields, ["expression"], path)
            if let expression = fields["expression"] {
                let string = try Validation.string(expression, path + ".expression")
                try Validation.maxLength(string, Limits.equationExpression, path + ".expression")
                out["expression"] = .string(string)
            } else if !update {
                throw Validation.undefined(path + ".expression")
            }
        case "divider", "breadcrumb", "column_list", "tab":
            try Validation.onlyKeys(fields, [], path)
        case "table_of_contents":
            try Validation.onlyKeys(fields, ["color"], path)
            try color(&out)
        case "column":
            try Validation.onlyKeys(fields, ["width_ratio"], path)
            if let ratio = fields["width_ratio"] {
                let number = try Validation.number(ratio, path + ".width_ratio")
                guard number > 0, number <= 1 else { throw Validation.failure(path + ".width_ratio", "≤ `1`", ratio) }
                out["width_ratio"] = ratio
            }
        case "table":
            var allowed: Set<String> = ["has_column_header", "has_row_header"]
            if !update { allowed.insert("table_width") }
            try Validation.onlyKeys(fields, allowed, path)
            if !update {
                let width = try Validation.number(fields["table_width"], path + ".table_width")
                guard width.rounded() == width else { throw Validation.failure(path + ".table_width", "an integer", fields["table_width"]) }
                if width < 1 { throw Validation.failure(path + ".table_width", "≥ `1`", fields["table_width"]) }
                out["table_width"] = .int(Int(width))
            }
            try flag("has_column_header", default: false, &out)
            try flag("has_row_header", default: false, &out)
        case "table_row":
            try Validation.onlyKeys(fields, ["cells"], path)
            if let cells = fields["cells"] {
                let rows = try Validation.array(cells, path + ".cells")
                if let tableWidth, rows.count != tableWidth {
                    throw Validation.failure(path + ".cells.length", "`\(tableWidth)`", .int(rows.count))
                }
                var normalized: [JSONValue] = []
                for (index, cell) in rows.enumerated() {
                    normalized.append(try RichTextRequests.normalize(cell, path: "\(path).cells[\(index)]", lookup: lookup))
                }
                out["cells"] = .array(normalized)
            } else if !update {
                throw Validation.undefined(path + ".cells")
            }
        case "bookmark", "embed":
            try Validation.onlyKeys(fields, ["url", "caption"], path)
            try richText("caption", required: false, &out)
            if let url = fields["url"] {
                out["url"] = .string(try Validation.url(url, path + ".url"))
            } else if !update {
                throw Validation.undefined(path + ".url")
            }
        case "link_to_page":
            let kind = try FileNormalizer.unionKind(fields, kinds: ["page_id", "database_id", "comment_id"], path: path)
            try Validation.onlyKeys(fields, ["type", kind], path)
            let id = try Validation.uuid(fields[kind], "\(path).\(kind)")
            out = ["type": .string(kind), kind: .string(id.rawValue)]
        case "synced_block":
            try Validation.onlyKeys(fields, ["synced_from"], path)
            if let from = fields["synced_from"], from != .null {
                let object = try Validation.object(from, path + ".synced_from")
                try Validation.onlyKeys(object, ["type", "block_id"], path + ".synced_from")
                if let declared = object["type"] {
                    _ = try Validation.enumValue(declared, path + ".synced_from.type", ["block_id"])
                }
                let id = try Validation.uuid(object["block_id"], path + ".synced_from.block_id")
                out["synced_from"] = ["type": "block_id", "block_id": .string(id.rawValue)]
            } else if !update || fields["synced_from"] != nil {
                out["synced_from"] = .null
            }
        default:
            throw Validation.notPresent("\(path)", .object(fields))
        }
        return out
    }
}
