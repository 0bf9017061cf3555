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

/// Name forms of pipeline 2026.11.7. Every text here is written for the test.
extension ClaimsSpeakerResolutionTests {
    @Test("ROLE, NAME: a full name beats a lone capitalised word (`One rural Democrat, Ohio Sen. Jon Pratt,`)")
    func fullNameBeatsOneWord() throws {
        let text = "The vote was close. One rural Democrat, Ohio Sen. Jon Pratt, said Sunday that the plan would fail."
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "plan would fail")
        #expect(claim.speaker?.resolved == "Jon Pratt")
    }

    @Test("NAME, then a role with commas in it: the name opening the chunks speaks")
    func nameBeforeRoleWithCommas() throws {
        let text = """
            Anita Desai, Minister of Trade, Industry and Innovation, said in an interview that the rules were fair.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "rules were fair")
        #expect(claim.speaker?.resolved == "Anita Desai")
    }

    @Test("an occupation before the name and an age after it: `Regional accountant Tariq Nasser, 47, says`")
    func occupationAndAge() throws {
        let text = """
            The scheme has helped hundreds. ( Photo / Staff ) Regional accountant Tariq Nasser, 47, says the audit \
            is done.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "audit is done")
        #expect(claim.speaker?.resolved == "Tariq Nasser")
    }

    @Test("a nationality word and one more word name an organisation, not a person: `Global Affairs`")
    func nationalityPlusOneWord() throws {
        let text = """
            The notice changed on Monday.

            Global Affairs says on its website that travellers should take care.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "travellers should")
        #expect(claim.speaker?.resolved == "Global Affairs")
    }

    @Test("`Liberal MP Marco Ferri`: MP is a title, so the name is found and `he` resolves to it")
    func memberOfParliament() throws {
        let text = """
            “The minister acted alone,” Lena Cho said.

            Liberal MP Marco Ferri — a former prosecutor — went on radio to rebut the claim.

            “Nobody pressured anyone,” he said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "Nobody pressured")
        #expect(claim.speaker?.resolved == "Marco Ferri")
    }

    @Test("an institution word as a surname after a role and a first name: `Festival director Peter Bank`")
    func institutionWordSurname() throws {
        let text = "Festival director Peter Bank was pleased with the turnout. “The crowds came back,” says Bank."
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "crowds came back")
        #expect(claim.speaker?.resolved == "Peter Bank")
    }

    @Test("a studio is a firm: its name gives no person the surname (`Studio Varga`, then `Lena Varga`)")
    func studioIsNoPerson() throws {
        let text = """
            Studio Varga designed the cabin. Lena Varga, principal architect at the firm, explains the goals.

            “We used cedar for the walls,” says Varga.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "cedar")
        #expect(claim.speaker?.resolved == "Lena Varga")
    }
}
