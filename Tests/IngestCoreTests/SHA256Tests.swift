import IngestCore
import Testing

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(SHA256.hex(of: Array(input.utf8)) == expected)
    }

    @Test func millionAs() {
        let digest = SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func paddingBoundaries() {
        // Lengths around the 55/56/64-byte padding edges, checked against Python's hashlib.
        #expect(
            SHA256.hex(of: [UInt8](repeating: 0x62, count: 55))
                == "eb2c86e932179f4ba13fe8715a26124b77d6bad290b9b4c1cc140cf633300c19"
        )
        #expect(
            SHA256.hex(of: [UInt8](repeating: 0x62, count: 56))
                == "a5fc6e203a4c2b657d0d153885932414b2ffc6a93f0f8bf8b3183315e5a7212c"
        )
        #expect(
            SHA256.hex(of: [UInt8](repeating: 0x62, count: 64))
                == "a0fab1377f49a759b57f63318262ebe89fabfc990e8e93ceac2984561482b9d4"
        )
    }
}
