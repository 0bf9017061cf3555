import Testing

@testable import IngestCore

/// The shared text layer: the one UTF-8 decoder, hash family and union-find every stage uses.
@Suite struct TextLayerTests {
    @Test func fnv1aMatchesThePublishedVectors() {
        #expect(FNV1a.hash("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar".utf8) == 0x8594_4171_f739_67e8)
        var text = "FooBar"
        let folded = text.withUTF8 { FNV1a.hashLowercased($0, 0, $0.count) }
        #expect(folded == FNV1a.hash("foobar".utf8))
    }

    @Test func theClaimsWordHashIsFNV1aOverFoldedScalars() {
        // ASCII words hash as their lower-case bytes, and typographic apostrophes as ASCII ones.
        #expect(WordHash.of("Said") == FNV1a.hash("said".utf8))
        #expect(WordHash.of("don\u{2019}t") == FNV1a.hash("don't".utf8))
    }

    @Test func theDecoderReadsEveryLengthAndRefusesCutScalars() {
        var text = "a\u{E9}\u{201C}\u{1F600}"
        let decoded: [(UInt32, Int)] = text.withUTF8 { bytes in
            var result: [(UInt32, Int)] = []
            var index = 0
            while index < bytes.count {
                let (scalar, length) = ByteText.decode(bytes, index)
                result.append((scalar, length))
                index += length
            }
            return result
        }
        #expect(decoded.map(\.0) == [0x61, 0xE9, 0x201C, 0x1F600])
        #expect(decoded.map(\.1) == [1, 2, 3, 4])
        // A continuation byte, or a lead byte whose scalar is cut off by the end, reads as U+FFFD.
        let cut: [UInt8] = [0x80, 0xE2, 0x80]
        cut.withUnsafeBufferPointer { bytes in
            #expect(ByteText.decode(bytes, 0) == (0xFFFD, 1))
            #expect(ByteText.decode(bytes, 1) == (0xFFFD, 1))
        }
    }

    @Test func unionFindRootsAreTheSmallestMemberWhateverTheOrder() {
        let links = [(5, 9), (9, 2), (7, 8), (8, 3), (2, 7)]
        for order in [links, links.reversed(), links.map { ($0.1, $0.0) }] {
            var components = UnionFind<Int>()
            for id in [1, 4] { components.insert(id) }
            for (a, b) in order { components.union(a, b) }
            #expect(Set(components.members) == [1, 2, 3, 4, 5, 7, 8, 9])
            for id in [2, 3, 5, 7, 8, 9] { #expect(components.find(id) == 2) }
            #expect(components.find(1) == 1)
            #expect(components.find(4) == 4)
        }
    }
}
