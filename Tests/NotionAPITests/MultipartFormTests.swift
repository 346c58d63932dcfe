import Foundation
import NotionAPI
import Testing

@Suite struct MultipartFormTests {
    @Test func partsFieldsAndFileAsRFC7578() {
        let form = MultipartForm(parts: [
            .init(name: "file", filename: "a \"b\".txt", contentType: "text/plain", data: Data("hi".utf8)),
            .init(name: "part_number", data: Data("2".utf8)),
        ], boundary: "B")
        let encoded = form.encoded()
        #expect(encoded.contentType == "multipart/form-data; boundary=B")
        #expect(String(decoding: encoded.body, as: UTF8.self) == """
            --B\r\nContent-Disposition: form-data; name="file"; filename="a %22b%22.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n\
            --B\r\nContent-Disposition: form-data; name="part_number"\r\n\r\n2\r\n--B--\r\n
            """)
    }

    @Test func aBoundaryFoundInAPartIsLengthened() {
        let form = MultipartForm(parts: [.init(name: "file", data: Data("x\r\n--B\r\ny".utf8))], boundary: "B")
        let encoded = form.encoded()
        #expect(encoded.contentType == "multipart/form-data; boundary=B-x")
        #expect(String(decoding: encoded.body, as: UTF8.self).hasSuffix("\r\n--B-x--\r\n"))
    }
}
