import Foundation
import IngestCore
import Testing

/// Fingerprints that survive outlets' edits, and the similarity that attaches reworded claims as variants.
@Suite("Claims: fingerprint and matching")
struct ClaimsMatcherTests {
    @Test(
        "the fingerprint survives case, punctuation, spelling, brackets and quote styles",
        arguments: [
            ("Russia's defence programme needs modernisation.", "russia’s DEFENSE program needs modernization"),
            ("The colour of the labour behaviour", "the color of the labor behavior"),
            ("They analysed the co-operation", "They analyzed the cooperation"),
            ("its long-standing interest", "its longstanding interest"),
            ("They travelled and cancelled the catalogue", "They traveled and canceled the catalog"),
            ("[Kim] expressed his views on the issues", "(Kim) expressed his views on the issues"),
            ("[Kim] expressed his views on the issues", "expressed his views on the issues"),
            ("the U.S. said it would act", "the US said it would act"),
            ("He doesn't support the plan", "He does not support the plan"),
            (
                "“It’s been no secret … Mr. Putin is reaching out”",
                "\"It's been no secret... Mr Putin is reaching out\""
            ),
            ("centres of organisation realised", "centers of organization realized"),
        ]
    )
    func invariance(a: String, b: String) {
        #expect(ClaimMatcher.fingerprint(a) == ClaimMatcher.fingerprint(b))
        #expect(ClaimMatcher.canonicalTokens(a) == ClaimMatcher.canonicalTokens(b))
        #expect(ClaimMatcher.isSameClaim(a, b))
    }

    @Test("negations, figures and different words change the fingerprint")
    func sensitivity() {
        #expect(
            ClaimMatcher.fingerprint("He supports the plan") != ClaimMatcher.fingerprint("He doesn't support the plan")
        )
        #expect(ClaimMatcher.fingerprint("12 people were killed") != ClaimMatcher.fingerprint("15 people were killed"))
        #expect(!ClaimMatcher.isSameClaim("12 people were killed in the attack", "15 people were killed in the attack"))
        #expect(ClaimMatcher.fingerprint("advise the committee") != ClaimMatcher.fingerprint("advize the committee"))
        #expect(ClaimMatcher.fingerprint("Russia backs the North") != ClaimMatcher.fingerprint("China backs the South"))
    }

    @Test("canonical tokens drop stopwords and insertions, keep negation, fold spelling")
    func canonicalTokens() {
        let tokens = ClaimMatcher.canonicalTokens(
            "The [Kim] defence minister didn't say that the programme was cancelled."
        )
        #expect(!tokens.contains("the"))
        #expect(!tokens.contains("kim"))
        #expect(tokens.contains("not"))
        #expect(tokens == ClaimMatcher.canonicalTokens("defense minister did not say program was canceled"))
        #expect(ClaimMatcher.canonicalTokens("U.S. officials") == ClaimMatcher.canonicalTokens("US officials"))
        #expect(ClaimMatcher.canonicalTokens("they told us") != ClaimMatcher.canonicalTokens("they told US"))
    }

    @Test("trimmed ends and small rewordings are the same claim with a different fingerprint")
    func trimmedEnds() {
        let full =
            "It may signify that the current geopolitical circumstances are starting to erode Russia's "
            + "long-standing interest in preserving the global non-proliferation regime"
        let trimmed = "current geopolitical circumstances are starting to erode Russia's long-standing interest"
        #expect(ClaimMatcher.fingerprint(full) != ClaimMatcher.fingerprint(trimmed))
        #expect(ClaimMatcher.isSameClaim(full, trimmed))
        #expect(ClaimMatcher.similarity(full, trimmed) >= ClaimMatcher.sameClaimThreshold)
        #expect(
            !ClaimMatcher.isSameClaim(full, "Moscow is complacent with North Korea's ongoing nuclear modernization")
        )
    }

    @Test("seed quotes across outlets: identical ones share a fingerprint, reworded ones are variants of one claim")
    func seedVariants() throws {
        let reuters = try ClaimsFixture.seedClaims("003")
        let rewrite = try ClaimsFixture.seedClaims("002")
        // Panda's first quote, straight vs curly apostrophe: same fingerprint.
        let panda003 = try ClaimsFixture.claim(reuters, containing: "We've come a long way")
        let panda002 = try ClaimsFixture.claim(rewrite, containing: "We’ve come a long way")
        #expect(panda003.fingerprint == panda002.fingerprint)
        // Lukin: `long-standing` vs `longstanding`.
        let lukin003 = try ClaimsFixture.claim(reuters, containing: "It may signify")
        let lukin002 = try ClaimsFixture.claim(rewrite, containing: "It may signify")
        #expect(lukin003.fingerprint == lukin002.fingerprint)
        // Panda's second quote: a partial quote in 003, a full quote in 002 — one claim, two variants.
        let tour003 = try ClaimsFixture.claim(reuters, containing: "evidence that Moscow is complacent")
        let tour002 = try ClaimsFixture.claim(rewrite, containing: "The personal tour for Shoigu")
        #expect(tour003.fingerprint != tour002.fingerprint)
        #expect(ClaimMatcher.isSameClaim(tour003, tour002))
        // Different claims stay apart.
        #expect(!ClaimMatcher.isSameClaim(panda003, lukin003))
        #expect(!ClaimMatcher.isSameClaim(tour003, panda002))
        // The editorial brackets of 002 and 004 meet.
        let kim002 = try ClaimsFixture.claim(rewrite, containing: "[Kim] expressed his views")
        let kim004 = try ClaimsFixture.claim(
            try ClaimsFixture.seedClaims("004"),
            containing: "(Kim) expressed his views"
        )
        #expect(kim002.fingerprint == kim004.fingerprint)
    }

    @Test("the extractor's fingerprint equals ClaimMatcher.fingerprint of the content text")
    func consistentPaths() throws {
        var checked = 0
        for prefix in ["000", "001", "002", "003", "004"] {
            for claim in try ClaimsFixture.seedClaims(prefix) {
                if claim.contentParts.isEmpty {
                    #expect(claim.fingerprint == ClaimMatcher.fingerprint(claim.content.text))
                } else {
                    let joined = claim.contentParts.map(\.text).joined(separator: " ")
                    #expect(claim.fingerprint == ClaimMatcher.fingerprint(joined))
                }
                #expect(claim.fingerprint.count == 32)
                checked += 1
            }
        }
        #expect(checked > 60)
    }

    @Test("the extractor's signature, which the store writes, equals ClaimMatcher.signature of the content text")
    func carriedSignature() throws {
        var checked = 0
        var withNumbers = 0
        for prefix in ["000", "001", "002", "003", "004"] {
            for claim in try ClaimsFixture.seedClaims(prefix) {
                let text =
                    claim.contentParts.isEmpty
                    ? claim.content.text : claim.contentParts.map(\.text).joined(separator: " ")
                #expect(claim.signature == ClaimMatcher.signature(text))
                if !(claim.signature?.numbers.isEmpty ?? true) { withNumbers += 1 }
                checked += 1
            }
        }
        #expect(checked > 60)
        #expect(withNumbers > 0)
    }

    @Test("the carried signature is not encoded: a claim's JSON is unchanged and a decoded claim has none")
    func signatureNotEncoded() throws {
        let claim = try #require(try ClaimsFixture.seedClaims("000").first)
        #expect(claim.signature != nil)
        var bare = claim
        bare.signature = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(claim) == encoder.encode(bare))
        let decoded = try JSONDecoder().decode(Claim.self, from: encoder.encode(claim))
        #expect(decoded.signature == nil)
        #expect(decoded == bare)
    }

    @Test("similarity is containment: symmetric, 1 for a subset, 0 for disjoint content")
    func similarityProperties() {
        let a = "North Korea and Russia deny conducting arms transactions"
        let b = "deny conducting arms transactions"
        #expect(ClaimMatcher.similarity(a, b) == 1)
        #expect(ClaimMatcher.similarity(a, b) == ClaimMatcher.similarity(b, a))
        #expect(ClaimMatcher.similarity(a, "The weather was pleasant in spring") == 0)
        let signature = ClaimMatcher.signature(a)
        #expect(ClaimMatcher.isSameClaim(signature, ClaimMatcher.signature(a.uppercased())))
    }
}
