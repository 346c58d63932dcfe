import CCrypto
import Foundation

/// SHA-256 from the system's libcrypto, as lowercase hex: the content address of assets.
enum SHA256 {
    /// The digest of `data`.
    static func hex(_ data: Data) -> String {
        var hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// The digest of a file's bytes, read in 1 MiB chunks (assets may be large; memory stays flat).
    static func hex(ofFileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
        }
        return hasher.finalize()
    }
}

/// An incremental SHA-256 (`SHA256_Init`/`Update`/`Final`).
struct SHA256Hasher {
    private var context = SHA256_CTX()
    private let api: any StreamingSHA256 = LibcryptoSHA256()

    init() { api.begin(&context) }

    mutating func update(_ data: Data) {
        data.withUnsafeBytes { bytes in api.update(&context, bytes) }
    }

    /// The digest as 64 lowercase hex digits. The hasher is spent afterwards.
    mutating func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        digest.withUnsafeMutableBufferPointer { api.finish(&context, $0.baseAddress!) }
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

// OpenSSL 3 marks the SHA256_* streaming calls deprecated in favour of EVP, whose header the
// CCrypto shim does not include. They still work (the one-shot `SHA256()` uses them). Calling them
// through a protocol requirement keeps the build free of deprecation warnings; switching to
// EVP_Digest* needs only `#include <openssl/evp.h>` in Sources/CCrypto/shim.h.
private protocol StreamingSHA256: Sendable {
    func begin(_ context: UnsafeMutablePointer<SHA256_CTX>)
    func update(_ context: UnsafeMutablePointer<SHA256_CTX>, _ bytes: UnsafeRawBufferPointer)
    func finish(_ context: UnsafeMutablePointer<SHA256_CTX>, _ digest: UnsafeMutablePointer<UInt8>)
}

private struct LibcryptoSHA256: StreamingSHA256 {
    @available(*, deprecated, message: "OpenSSL 3 deprecates SHA256_Init; called through StreamingSHA256")
    func begin(_ context: UnsafeMutablePointer<SHA256_CTX>) {
        SHA256_Init(context)
    }

    @available(*, deprecated, message: "OpenSSL 3 deprecates SHA256_Update; called through StreamingSHA256")
    func update(_ context: UnsafeMutablePointer<SHA256_CTX>, _ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        SHA256_Update(context, base, bytes.count)
    }

    @available(*, deprecated, message: "OpenSSL 3 deprecates SHA256_Final; called through StreamingSHA256")
    func finish(_ context: UnsafeMutablePointer<SHA256_CTX>, _ digest: UnsafeMutablePointer<UInt8>) {
        SHA256_Final(digest, context)
    }
}
