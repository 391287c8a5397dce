import Checksum
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors (and the 1,000,000 × 'a' one)")
    func vectors() {
        func hex(_ s: String) -> String { SHA256.hex(Array(s.utf8)) }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(hex(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Lengths around the 55/56/64-byte padding boundaries give distinct digests of 32 bytes.
        let digests = (54...66).map { SHA256.digest([UInt8](repeating: 0x61, count: $0)) }
        #expect(Set(digests).count == digests.count && digests.allSatisfy { $0.count == 32 })
    }
}
