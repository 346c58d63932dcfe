import Foundation
import NotionModel
import CFuzzerDriver

// libFuzzer entry point: bytes → `JSONValue(data:)` → every model the client decodes from a
// response. Throwing is the expected answer to bad input; crashing or hanging is a bug. A value
// that parses must print back to JSON that parses again.
func fuzzJSONDecode(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    guard let value = try? JSONValue(data: data) else { return 0 }
    let printed = value.data()
    guard (try? JSONValue(data: printed)) != nil else {
        fatalError("parsed JSON prints as text that does not parse: \(String(decoding: printed, as: UTF8.self).prefix(500))")
    }
    let decoder = JSONValueDecoder()
    _ = try? decoder.decode(Page.self, from: value)
    _ = try? decoder.decode(Block.self, from: value)
    _ = try? decoder.decode(Database.self, from: value)
    _ = try? decoder.decode(DataSource.self, from: value)
    _ = try? decoder.decode(User.self, from: value)
    _ = try? decoder.decode(Comment.self, from: value)
    _ = try? decoder.decode(FileUpload.self, from: value)
    _ = try? decoder.decode(PropertyItemResponse.self, from: value)
    _ = try? decoder.decode(NotionErrorBody.self, from: value)
    _ = try? decoder.decode(ListResponse<Page>.self, from: value)
    _ = try? decoder.decode(ListResponse<Block>.self, from: value)
    _ = try? decoder.decode(ListResponse<DataSource>.self, from: value)
    _ = try? decoder.decode(ListResponse<User>.self, from: value)
    // A model that decodes encodes again (the backup writes what it read).
    if let block = try? decoder.decode(Block.self, from: value) { _ = try? JSONEncoder().encode(block) }
    if let page = try? decoder.decode(Page.self, from: value) { _ = try? JSONEncoder().encode(page) }
    return 0
}

@main
enum Fuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzJSONDecode(data, size) })
    }
}
