import Foundation
import IngestCore
import Testing

/// Speaker resolution to the full name: names after modified titles, role nouns, document owners, short forms
/// of longer names, and months as surnames. Every text here is written for the test.
@Suite("Claims: speaker resolution")
struct ClaimsSpeakerResolutionTests {
    @Test("a surname resolves to the full name that follows a modified title (`Green Party Leader Ada Vance`)")
    func nameAfterModifiedTitle() throws {
        let text = """
            Green Party Leader Ada Vance toured the mill on Tuesday.

            Vance said the town deserves a second plant.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "second plant")
        #expect(claim.speaker?.asWritten == "Vance")
        #expect(claim.speaker?.resolved == "Ada Vance")
        #expect(claim.speaker?.resolution == .alias)
        #expect(claim.speaker?.role == "Green Party Leader")
    }

    @Test("a role noun resolves to the person introduced with that role")
    func roleNoun() throws {
        let text = """
            Harbour Minister Colm Ashby opened the new terminal on Friday.

            The minister said the terminal would handle twice the cargo.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "twice the cargo")
        #expect(claim.speaker?.asWritten == "The minister")
        #expect(claim.speaker?.resolved == "Colm Ashby")
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("a role noun with no such role in the article stays unresolved")
    func roleNounUnresolved() throws {
        let text = """
            Colm Ashby opened the new terminal on Friday.

            The minister said the terminal would handle twice the cargo.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "twice the cargo")
        #expect(claim.speaker?.resolved == nil)
        #expect(claim.speaker?.resolution == .unresolved)
    }

    @Test("`the union` resolves to a named union speaker; `the company` with no named company stays unresolved")
    func organizationNoun() throws {
        let text = """
            The Riverside Nurses Union said members will vote on Monday.

            The union said the offer ignores staffing levels. The company said talks would continue.
            """
        let claims = try ClaimsFixture.claims(text)
        let union = try ClaimsFixture.claim(claims, containing: "ignores staffing")
        #expect(union.speaker?.resolved?.hasSuffix("Riverside Nurses Union") == true)
        #expect(union.speaker?.resolution == .alias)
        let company = try ClaimsFixture.claim(claims, containing: "talks would continue")
        #expect(company.speaker?.resolution != .alias)
    }

    @Test("`the company` stands for the organisation last named as a subject; a capitalised plural is none")
    func companyNoun() throws {
        let text = """
            Mining shares fell on Tuesday.

            Norvale reported a loss for the quarter. Analysts expected a profit.

            The company said it would close two pits.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "close two pits")
        #expect(claim.speaker?.asWritten == "The company")
        #expect(claim.speaker?.resolved == "Norvale")
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("a document's owner speaks: `her statement` is the woman named before it")
    func documentOwner() throws {
        let text = """
            Senator Grace Holloway resigned from the committee on Sunday.

            "I can no longer defend these decisions," her statement said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "defend these decisions")
        #expect(claim.speaker?.asWritten == "her")
        #expect(claim.speaker?.resolved == "Grace Holloway")
        #expect(claim.speaker?.resolution == .pronoun)
    }

    @Test("the end of a fuller name is that person: `Al Rashid` after `Samir Al Rashid`")
    func shortFormOfLongerName() throws {
        let text = """
            Samir Al Rashid opened his bakery in 2015.

            "We bake every night," Al Rashid said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "We bake every night")
        #expect(claim.speaker?.asWritten == "Al Rashid")
        #expect(claim.speaker?.resolved == "Samir Al Rashid")
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("gender from a common first name picks the pronoun's antecedent")
    func genderFromFirstName() throws {
        let text = """
            Owen Tate met Wendy Marsh at the depot on Monday.

            "We will reopen the line," she said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "reopen the line")
        #expect(claim.speaker?.resolved == "Wendy Marsh")
        #expect(claim.speaker?.resolution == .pronoun)
    }

    @Test("a month after a first name or an honorific is a surname: `Ms. June`")
    func monthAsSurname() throws {
        let text = """
            Clara June chairs the hospital board.

            "We will not close the ward," Ms. June said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "close the ward")
        #expect(claim.speaker?.resolved == "Clara June")
    }

    @Test("a capitalised `May` before `said` is a surname, not the modal verb")
    func mayIsNotAnAuxiliary() throws {
        let text = """
            Vera May chairs the transit board.

            Ms. May said the fares would stay frozen.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "fares would stay")
        #expect(claim.cue?.text == "said")
        #expect(claim.speaker?.resolved == "Vera May")
    }
}

/// Speakers that are two named people, and later `they`.
@Suite("Claims: speaker pairs")
struct ClaimsSpeakerPairTests {
    @Test("`A and B said` keeps both names, and a later `they` refers to the pair")
    func pair() throws {
        let text = """
            Tore Lindqvist and Ana Ruiz said they will keep the cafe open.

            "We owe it to the staff," they said.
            """
        let claims = try ClaimsFixture.claims(text)
        let first = try ClaimsFixture.claim(claims, containing: "keep the cafe open")
        #expect(first.speaker?.resolved == "Tore Lindqvist and Ana Ruiz")
        let second = try ClaimsFixture.claim(claims, containing: "owe it to the staff")
        #expect(second.speaker?.asWritten == "they")
        #expect(second.speaker?.resolved == "Tore Lindqvist and Ana Ruiz")
    }
}
