import Foundation
import IngestCore
import Testing

/// The worked examples from the seeds, one test each, with exact speaker, kind, polarity and reporting source.
@Suite("Claims: worked examples")
struct ClaimsWorkedExampleTests {
    @Test("direct quote with a named speaker after it, and an affiliation")
    func namedSpeakerAfterQuote() throws {
        let claims = try ClaimsFixture.seedClaims("003")
        let claim = try ClaimsFixture.claim(claims, containing: "We've come a long way")
        #expect(claim.kind == .directQuote)
        let speaker = try #require(claim.speaker)
        #expect(speaker.asWritten == "Ankit Panda")
        #expect(speaker.resolved == "Ankit Panda")
        #expect(speaker.type == .person)
        #expect(speaker.resolution == .explicit)
        #expect(speaker.affiliation == "Carnegie Endowment for International Peace")
        #expect(claim.cue?.text == "said")
        #expect(claim.polarity == .positive)
        #expect(claim.reportingSource == nil)
        #expect(claim.content.text.hasPrefix("We've come a long way"))
        #expect(claim.content.text.hasSuffix("were in town"))
    }

    @Test("pronoun speaker resolved across sentences: He said ... \"evidence ...\"")
    func pronounAcrossSentences() throws {
        let claims = try ClaimsFixture.seedClaims("003")
        let claim = try ClaimsFixture.claim(claims, containing: "evidence that Moscow is complacent")
        #expect(claim.kind == .partialQuote)
        let speaker = try #require(claim.speaker)
        #expect(speaker.asWritten == "He")
        #expect(speaker.resolved == "Ankit Panda")
        #expect(speaker.resolution == .pronoun)
        #expect(claim.content.text.hasPrefix("Shoigu's willingness"))
    }

    @Test("`, he added.` after Artyom Lukin resolves to Artyom Lukin")
    func heAdded() throws {
        let claims = try ClaimsFixture.seedClaims("003")
        let claim = try ClaimsFixture.claim(claims, containing: "simultaneous visits")
        #expect(claim.kind == .reportedSpeech)
        #expect(claim.cue?.text == "added")
        #expect(claim.speaker?.asWritten == "he")
        #expect(claim.speaker?.resolved == "Artyom Lukin")
        #expect(claim.speaker?.resolution == .pronoun)
        #expect(claim.speaker?.affiliation == "Russia's Far Eastern Federal University")
    }

    @Test("surname resolved to the full name and role given earlier: Patel → Vedant Patel")
    func surnameAlias() throws {
        let claims = try ClaimsFixture.seedClaims("003")
        let claim = try ClaimsFixture.claim(claims, containing: "Russia's support for these unlawful weapons")
        #expect(claim.kind == .directQuote)
        let speaker = try #require(claim.speaker)
        #expect(speaker.asWritten == "Patel")
        #expect(speaker.resolved == "Vedant Patel")
        #expect(speaker.resolution == .alias)
        #expect(speaker.role == "U.S. State Department deputy spokesperson")
        #expect(claim.content.text.contains("(Moscow)"))
    }

    @Test("reported speech with a role: White House national security spokesman John Kirby said ...")
    func reportedSpeechWithRole() throws {
        let claims = try ClaimsFixture.seedClaims("000")
        let claim = try ClaimsFixture.claim(claims, containing: "overtures to North Korea")
        #expect(claim.kind == .reportedSpeech)
        #expect(claim.speaker?.resolved == "John Kirby")
        #expect(claim.speaker?.role == "White House national security spokesman")
        #expect(claim.speaker?.type == .person)
        #expect(claim.cue?.text == "said")
        #expect(
            claim.content.text == "Russia’s overtures to North Korea have come as the Kremlin struggles to procure arms"
        )
    }

    @Test("agencies and institutions as sources: North Korean media, Yonhap, the White House")
    func agencySources() throws {
        let claims = try ClaimsFixture.seedClaims("000")
        let media = try ClaimsFixture.claim(claims, containing: "Shoigu gave Kim a letter")
        #expect(media.speaker?.resolved == "North Korean media")
        #expect(media.speaker?.type == .media)
        #expect(media.cue?.text == "reported")
        #expect(media.kind == .reportedSpeech)
        let yonhap = try ClaimsFixture.claim(claims, containing: "nighttime military parade")
        #expect(yonhap.speaker?.asWritten == "South Korea’s Yonhap news agency")
        #expect(yonhap.speaker?.resolved == "Yonhap")
        #expect(yonhap.speaker?.type == .media)
        let house = try ClaimsFixture.claim(claims, containing: "has backed the Kremlin")
        #expect(house.speaker?.asWritten == "the White House")
        #expect(house.speaker?.resolved == "White House")
        #expect(house.speaker?.type == .organization)
        #expect(house.cue?.text == "has said")
    }

    @Test("passive: Kim was quoted as saying by KCNA")
    func quotedAsSayingBy() throws {
        let claims = try ClaimsFixture.seedClaims("003")
        let claim = try ClaimsFixture.claim(claims, containing: "Li's visit showed Xi's commitment")
        #expect(claim.kind == .passiveReport)
        #expect(claim.speaker?.asWritten == "Kim")
        #expect(claim.speaker?.resolved == "Kim Jong Un")
        #expect(claim.speaker?.resolution == .alias)
        #expect(claim.reportingSource == "KCNA")
        #expect(claim.cue?.text == "was quoted as saying")
    }

    @Test("passive: Kang Sun Nam, was reported as saying ...")
    func reportedAsSaying() throws {
        let claims = try ClaimsFixture.seedClaims("000")
        let claim = try ClaimsFixture.claim(claims, containing: "Pyongyang fully supported")
        #expect(claim.kind == .passiveReport)
        #expect(claim.speaker?.resolved == "Kang Sun Nam")
        #expect(claim.speaker?.role == "North Korea’s defence minister")
        #expect(claim.cue?.text == "was reported as saying")
        #expect(claim.content.text.hasPrefix("Pyongyang fully supported Russia’s “battle for justice”"))
    }

    @Test("active quoting: the KCNA state news agency ... quoted Defence Minister Kang Sun Nam as saying that ...")
    func quotedXAsSaying() throws {
        let claims = try ClaimsFixture.seedClaims("003")
        let claim = try ClaimsFixture.claim(claims, containing: "Pyongyang fully supported")
        #expect(claim.kind == .passiveReport)
        #expect(claim.speaker?.resolved == "Kang Sun Nam")
        #expect(claim.speaker?.role == "Defence Minister")
        #expect(claim.reportingSource == "KCNA")
        #expect(claim.content.text.hasPrefix("Pyongyang"))
    }

    @Test("institution with a statement: the Russian defense ministry declared ...")
    func institutionDeclared() throws {
        let claims = try ClaimsFixture.seedClaims("004")
        let claim = try ClaimsFixture.claim(claims, containing: "This visit will contribute")
        #expect(claim.kind == .directQuote)
        #expect(claim.speaker?.asWritten == "the Russian defense ministry")
        #expect(claim.speaker?.resolved == "Russian defense ministry")
        #expect(claim.speaker?.type == .organization)
        #expect(claim.cue?.text == "declared")
    }

    @Test("document speaker: \"...,\" it read, according to Russia's RIA state news agency")
    func documentItRead() throws {
        let claims = try ClaimsFixture.seedClaims("003")
        let claim = try ClaimsFixture.claim(claims, containing: "Strong support from the DPRK")
        #expect(claim.kind == .directQuote)
        let speaker = try #require(claim.speaker)
        #expect(speaker.asWritten == "it")
        #expect(speaker.type == .document)
        #expect(speaker.resolved == "letter from Russian President Vladimir Putin")
        #expect(speaker.resolution == .pronoun)
        #expect(claim.cue?.text == "read")
        #expect(claim.reportingSource == "RIA")
    }

    @Test("denial: North Korea and Russia deny conducting arms transactions")
    func denial() throws {
        let claims = try ClaimsFixture.seedClaims("003")
        let claim = try ClaimsFixture.claim(claims, containing: "conducting arms transactions")
        #expect(claim.kind == .denial)
        #expect(claim.polarity == .negative)
        #expect(claim.speaker?.resolved == "North Korea and Russia")
        #expect(claim.speaker?.type == .organization)
        #expect(claim.cue?.text == "deny")
        #expect(claim.content.text == "conducting arms transactions")
    }

    @Test("unattributed factual statement with a check-worthiness score")
    func unattributedFactual() throws {
        let claims = try ClaimsFixture.seedClaims("000")
        let claim = try ClaimsFixture.claim(claims, containing: "was the first by a Russian defence minister")
        #expect(claim.kind == .unattributedFactual)
        #expect(claim.speaker == nil)
        #expect(claim.cue == nil)
        let worth = try #require(claim.checkWorthiness)
        #expect(worth >= 0.8)
        #expect(claim.content.text.hasPrefix("Shoigu’s visit was the first"))
        // Attributed sentences are never also reported as unattributed.
        #expect(!claims.contains { $0.kind == .unattributedFactual && $0.content.text.contains("overtures") })
        // A sentence without figures, dates or superlatives stays below the threshold.
        let plain = try ClaimsFixture.claims("The weather was pleasant and people walked in the park for a while.")
        #expect(plain.isEmpty)
    }

    @Test("participle: Kim thanked Putin ..., saying ... → the subject speaks")
    func participle() throws {
        let claims = try ClaimsFixture.seedClaims("004")
        let claim = try ClaimsFixture.claim(claims, containing: "strategic and traditional")
        #expect(claim.kind == .partialQuote)
        #expect(claim.speaker?.resolved == "Kim Jong Un")
        #expect(claim.cue?.text == "saying")
    }
}
