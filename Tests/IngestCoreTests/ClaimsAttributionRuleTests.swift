import Foundation
import IngestCore
import Testing

/// The attribution rules added for PolNeAR-style recall (intentions, stances, calls, beliefs without `that`,
/// plural agent sources, a quote ended by `?` before a long speaker phrase) and section headings that are not
/// speakers. Every text here is written for the test.
@Suite("Claims: intention, stance and belief cues")
struct ClaimsAttributionRuleTests {
    static func attributed(_ text: String) throws -> [Claim] {
        try ClaimsFixture.claims(text).filter { $0.speaker != nil }
    }

    @Test(
        "an intention's content is its `to` clause, with the subject as source",
        arguments: [
            ("The governor vowed to veto the transit levy by spring.", "vowed", "to veto the transit levy by spring"),
            ("Martha Quill wants to double the number of night buses.", "wants", "to double the number of night buses"),
            (
                "The council has pledged to publish every contract online.", "has pledged",
                "to publish every contract online"
            ),
        ]
    )
    func intention(text: String, cue: String, content: String) throws {
        let claim = try #require(try Self.attributed(text).first)
        #expect(claim.cue?.text == cue)
        #expect(claim.content.text == content)
    }

    @Test("`called for X` and `called on X to`: the object of the call is the content")
    func calls() throws {
        let claims = try Self.attributed(
            "Councillor Dana Whitlock called for an audit of the harbour fund. "
                + "Oren Vasquez called on the board to resign before the vote."
        )
        let audit = try ClaimsFixture.claim(claims, containing: "audit")
        #expect(audit.content.text == "an audit of the harbour fund")
        #expect(audit.speaker?.resolved == "Dana Whitlock")
        let board = try ClaimsFixture.claim(claims, containing: "resign")
        #expect(board.content.text == "the board to resign before the vote")
        #expect(board.speaker?.resolved == "Oren Vasquez")
    }

    @Test("`urged X to`: an object, then the `to` clause")
    func urged() throws {
        let claim = try #require(try Self.attributed("Helga Brandt urged tenants to report every leak.").first)
        #expect(claim.content.text == "tenants to report every leak")
        #expect(claim.speaker?.resolved == "Helga Brandt")
    }

    @Test("a stance verb's object is its content: criticized, is promising")
    func stance() throws {
        let claims = try Self.attributed(
            "Mayor Lin Okafor criticized the plan to close the library. Dan Ortiz is promising lower fares."
        )
        let plan = try ClaimsFixture.claim(claims, containing: "close the library")
        #expect(plan.content.text == "the plan to close the library")
        #expect(plan.cue?.text == "criticized")
        #expect(plan.speaker?.resolved == "Lin Okafor")
        let fares = try ClaimsFixture.claim(claims, containing: "lower fares")
        #expect(fares.cue?.text == "is promising")
    }

    @Test("a passive `is expected to` reports nobody's stance")
    func passiveIsNoStance() throws {
        #expect(try Self.attributed("The bridge is expected to reopen in June.").isEmpty)
    }

    @Test("`believes X will ...` without `that` is a belief; `knows the area` is not")
    func beliefWithoutThat() throws {
        let belief = try #require(
            try Self.attributed("Tomas Reyes believes the new dam will flood the valley.").first
        )
        #expect(belief.content.text == "the new dam will flood the valley")
        #expect(belief.speaker?.resolved == "Tomas Reyes")
        #expect(try Self.attributed("Tomas Reyes knows the area well.").isEmpty)
    }

    @Test("`, vowing to` and `, calling for` after a clause: the subject of the clause speaks")
    func intentionParticiples() throws {
        let claims = try Self.attributed(
            "Ines Marlow left the meeting early, vowing to fight the closure. "
                + "Paul Grey spoke for an hour, calling for a new vote."
        )
        let vow = try ClaimsFixture.claim(claims, containing: "fight the closure")
        #expect(vow.content.text == "to fight the closure")
        #expect(vow.speaker?.resolved == "Ines Marlow")
        let call = try ClaimsFixture.claim(claims, containing: "new vote")
        #expect(call.content.text == "a new vote")
        #expect(call.speaker?.resolved == "Paul Grey")
    }

    @Test("a plural agent noun is a source on its own: `forecasters say`")
    func pluralAgents() throws {
        let claim = try #require(try Self.attributed("Rents fell in March but forecasters say prices will rise.").first)
        #expect(claim.speaker?.asWritten == "forecasters")
        #expect(claim.content.text == "prices will rise")
    }

    @Test("a quote ended by `?` before a long speaker phrase is attributed to it")
    func questionThenLongSpeaker() throws {
        let text =
            "\"Who pays for the repairs when the landlord walks away?\" Noor Haddad, a tenant organizer at the "
            + "Eastside Housing Alliance, said in an email."
        let claim = try #require(try Self.attributed(text).first)
        #expect(claim.kind == .directQuote)
        #expect(claim.content.text.hasPrefix("Who pays for the repairs"))
        #expect(claim.speaker?.resolved == "Noor Haddad")
    }

    @Test("`\"...,\" according to X` with the comma inside the quote, and the quote that follows it")
    func accordingAfterQuote() throws {
        let text =
            "\"We are short of nurses on every ward,\" according to Dr. Hana Sato, a surgeon at the city hospital. "
            + "\"Some wards close at night.\""
        let claims = try Self.attributed(text)
        let first = try ClaimsFixture.claim(claims, containing: "short of nurses")
        #expect(first.kind == .directQuote)
        #expect(
            first.contentParts.map(\.text) == ["We are short of nurses on every ward", "Some wards close at night."]
        )
        #expect(first.speaker?.resolved == "Hana Sato")
        #expect(claims.count == 1)
    }

    @Test("a paragraph that is only a quote continues the reported speech before it")
    func continuationAfterReportedSpeech() throws {
        let text = """
            Councillor Rhea Banerjee said the fund lost money on every loan.

            "This is a failure of oversight."
            """
        let claims = try Self.attributed(text)
        let quote = try ClaimsFixture.claim(claims, containing: "failure of oversight")
        #expect(quote.kind == .directQuote)
        #expect(quote.speaker?.resolved == "Rhea Banerjee")
    }

    @Test("a talking or warning verb's topic is its content: `spoke about X`, `warned against X`")
    func topicVerbs() throws {
        let claims = try Self.attributed(
            "Rosa Delgado spoke about the cost of child care. Ian Pryce warned against cutting the bus routes."
        )
        let care = try ClaimsFixture.claim(claims, containing: "child care")
        #expect(care.content.text == "the cost of child care")
        #expect(care.speaker?.resolved == "Rosa Delgado")
        let buses = try ClaimsFixture.claim(claims, containing: "bus routes")
        #expect(buses.content.text == "cutting the bus routes")
    }

    @Test("reported speech may report someone else's belief in turn: both attributions are found")
    func nestedReportedSpeech() throws {
        let claims = try Self.attributed("Nadia Kerr said the minister believes the tax will pass.")
        #expect(claims.contains { $0.speaker?.resolved == "Nadia Kerr" })
        let inner = try #require(claims.first { $0.cue?.text == "believes" })
        #expect(inner.content.text == "the tax will pass")
    }

    @Test("an initial's period inside an appositive speaker does not cut the speaker phrase")
    func initialInAppositive() throws {
        let text = "\"The numbers do not add up,\" Leonard Q. Abbott, an economist at the institute, said."
        let claim = try #require(try Self.attributed(text).first)
        #expect(claim.kind == .directQuote)
        #expect(claim.speaker?.resolved == "Leonard Q. Abbott")
    }

    @Test("`warned X to`, `questioned whether`, `says at a stop in Town, State, that`, `According to exit polls`")
    func moreComplements() throws {
        let claims = try Self.attributed(
            "The regulator warned banks to raise their reserves. Mina Osei questioned whether the audit was fair. "
                + "Jorge Pena says at a stop in Dayton, Ohio, that the plant will stay. "
                + "According to exit polls, the mayor won the suburbs."
        )
        let warned = try ClaimsFixture.claim(claims, containing: "raise their reserves")
        #expect(warned.content.text == "banks to raise their reserves")
        let questioned = try ClaimsFixture.claim(claims, containing: "audit was fair")
        #expect(questioned.content.text == "whether the audit was fair")
        #expect(questioned.speaker?.resolved == "Mina Osei")
        let stop = try ClaimsFixture.claim(claims, containing: "plant will stay")
        #expect(stop.content.text == "the plant will stay")
        let polls = try ClaimsFixture.claim(claims, containing: "won the suburbs")
        #expect(polls.speaker?.asWritten == "exit polls")
    }

    @Test("`told X by email` then a clause; `, told Reuters` names a hearer, never the speaker")
    func toldHearer() throws {
        let claims = try Self.attributed(
            "Her agent, Lia Brun, told the Daily Courier by email the skier would race in March. "
                + "The race is off, told Reuters."
        )
        let email = try ClaimsFixture.claim(claims, containing: "would race")
        #expect(email.content.text == "the skier would race in March")
        #expect(email.speaker?.resolved == "Lia Brun")
        #expect(!claims.contains { $0.speaker?.resolved == "Reuters" })
    }

    @Test("a rank abbreviation (`Cpl.`) does not end the sentence inside the content")
    func rankAbbreviation() throws {
        let text = "According to the court, a report by Cpl. Ross Dunn found the brakes had failed."
        let claim = try #require(try Self.attributed(text).first)
        #expect(claim.content.text == "a report by Cpl. Ross Dunn found the brakes had failed")
    }

    @Test("an all-caps section heading over a report is not a speaker; a transcript label still is")
    func sectionHeadings() throws {
        let report = try Self.attributed(
            """
            Markets closed lower on Friday.

            CROP OUTLOOK: Grain prices fell for a third week. "Buyers are waiting," trader Ola Berg said.
            """
        )
        #expect(!report.contains { $0.speaker?.resolved == "CROP OUTLOOK" })
        #expect(report.contains { $0.speaker?.resolved == "Ola Berg" })
        let transcript = try Self.attributed(
            """
            The evening programme began late.

            HOST: Welcome back to the evening programme, everyone.
            """
        )
        #expect(transcript.first?.speaker?.asWritten == "HOST")
    }
}
