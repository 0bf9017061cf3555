import Foundation
import IngestCore
import Testing

/// Attribution rules for recall beyond the verbs of saying: signed quote lists, stance verbs with an object
/// (accused, cited, likened) and documents whose object is their finding. Every text here is written for the test.
@Suite("Claims: signed quotes, stance objects and document findings")
struct ClaimsRecallRuleTests {
    static func attributed(_ text: String) throws -> [Claim] {
        try ClaimsFixture.claims(text).filter { $0.speaker != nil }
    }

    @Test("a list of quotes signed with a dash and a name, one a line, gives each quote its signer")
    func signedQuoteList() throws {
        let claims = try Self.attributed(
            """
            Readers wrote in about the new bridge.

            “The toll is far too high for commuters. Nobody asked us.”― Imelda Varga
            “I cross it twice a day and I love the view.”― Tobias Renner
            """
        )
        let toll = try ClaimsFixture.claim(claims, containing: "toll")
        #expect(toll.speaker?.asWritten == "Imelda Varga")
        let view = try ClaimsFixture.claim(claims, containing: "view")
        #expect(view.speaker?.asWritten == "Tobias Renner")
    }

    @Test(
        "a stance verb's object is its content: accused X of, cited, likened",
        arguments: [
            (
                "Senator Ada Quint accused the regulator of hiding the audit.", "accused",
                "the regulator of hiding the audit", "Ada Quint"
            ),
            (
                "Marta Ibsen cited rising rents as the main cause.", "cited", "rising rents as the main cause",
                "Marta Ibsen"
            ),
            (
                "Pavel Drury likened the merger to a hostile takeover.", "likened", "the merger to a hostile takeover",
                "Pavel Drury"
            ),
        ]
    )
    func stanceObject(text: String, cue: String, content: String, speaker: String) throws {
        let claim = try #require(try Self.attributed(text).first)
        #expect(claim.cue?.text == cue)
        #expect(claim.content.text == content)
        #expect(claim.speaker?.resolved == speaker)
    }

    @Test("a document that shows or found something: the object is the finding, the document the source")
    func documentFinding() throws {
        let claims = try Self.attributed(
            "Transit ridership fell again. A new rider survey shows fares rising in every district. "
                + "The study found serious flaws in the payroll system."
        )
        let fares = try ClaimsFixture.claim(claims, containing: "fares rising")
        #expect(fares.content.text == "fares rising in every district")
        #expect(fares.speaker?.asWritten.contains("survey") == true)
        let flaws = try ClaimsFixture.claim(claims, containing: "serious flaws")
        #expect(flaws.content.text == "serious flaws in the payroll system")
        #expect(flaws.speaker?.asWritten.contains("study") == true)
        // A person who `found` something is not reporting it: no document, no claim.
        #expect(try Self.attributed("Dora Lutz found her keys in the garden shed.").isEmpty)
    }

    @Test("`X continued:` before a quote is a cue; `continued` without a colon is not")
    func continuedColon() throws {
        let claims = try Self.attributed(
            "The hearing ran late. Rosa Delgado continued: “The tender was rigged from the first day.” "
                + "The meeting continued into the night."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "rigged")
        #expect(claim.cue?.text == "continued")
        #expect(claim.speaker?.resolved == "Rosa Delgado")
        #expect(!claims.contains { $0.content.text.contains("into the night") })
    }

    @Test("a title-case headline's capitalised `Says` is a cue, before or after its content")
    func headlineSays() throws {
        for text in [
            "Harbour Plan Will Fail, Senator Ada Quint Says.\n\nThe plan was published on Monday.",
            "Senator Ada Quint Says Harbour Plan Will Fail.\n\nThe plan was published on Monday.",
        ] {
            let claim = try ClaimsFixture.claim(try Self.attributed(text), containing: "Harbour Plan")
            #expect(claim.content.text == "Harbour Plan Will Fail")
            #expect(claim.speaker?.resolved == "Ada Quint")
        }
    }

    @Test("`In the latest survey, X`: a finding document framing the sentence is its source; a place is not")
    func documentFrame() throws {
        let claims = try Self.attributed(
            "Rents rose again. In the latest tenant survey, most renters back a rent freeze for two years."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "rent freeze")
        #expect(claim.content.text == "most renters back a rent freeze for two years")
        #expect(claim.speaker?.asWritten.contains("survey") == true)
        #expect(try Self.attributed("In the old garden, the roses bloomed early this year.").isEmpty)
    }

    @Test("`..., citing X` and `..., accusing X of`: the main clause's subject gives the reason or the charge")
    func stanceParticiples() throws {
        let claims = try Self.attributed(
            "Mayor Ines Varga cut the arts budget, citing falling tax revenue from the port. "
                + "Councillor Abe Lund walked out, accusing the mayor of hiding the deficit."
        )
        let revenue = try ClaimsFixture.claim(claims, containing: "tax revenue")
        #expect(revenue.cue?.text == "citing")
        #expect(revenue.speaker?.resolved == "Ines Varga")
        let deficit = try ClaimsFixture.claim(claims, containing: "deficit")
        #expect(deficit.cue?.text == "accusing")
        #expect(deficit.speaker?.resolved == "Abe Lund")
    }

    @Test("`I know ...` in the body, outside quotes: the writer is the source; `I` inside a quote is not")
    func authorAsSource() throws {
        let claims = try Self.attributed(
            """
            Why I changed my mind on the budget

            I know the new budget will hurt renters in the east end. “I think we will win,” the mayor told me.
            """
        )
        let budget = try ClaimsFixture.claim(claims, containing: "hurt renters")
        #expect(budget.speaker?.asWritten == "I")
        #expect(budget.cue?.text == "know")
        #expect(budget.content.text == "the new budget will hurt renters in the east end")
        let win = try ClaimsFixture.claim(claims, containing: "we will win")
        #expect(win.speaker?.asWritten == "the mayor")
        #expect(claims.count == 2)
    }

    @Test("a verb of believing before a clause without `that`, whatever word opens the clause")
    func beliefWithoutThat() throws {
        let claims = try Self.attributed(
            """
            Tenants rally at city hall

            The tenants believe rent control is overdue. Organizers think turnout will be high.
            """
        )
        let rent = try ClaimsFixture.claim(claims, containing: "rent control")
        #expect(rent.content.text == "rent control is overdue")
        #expect(rent.speaker?.asWritten == "The tenants")
        let turnout = try ClaimsFixture.claim(claims, containing: "turnout")
        #expect(turnout.content.text == "turnout will be high")
        #expect(turnout.speaker?.asWritten == "Organizers")
    }

    @Test("`said X and criticized Y`: the second stance of the same subject is a claim of its own")
    func coordinatedStance() throws {
        let claims = try Self.attributed(
            """
            Budget vote

            The mayor said the budget was balanced and criticized the transit board for the delays.
            """
        )
        let balanced = try ClaimsFixture.claim(claims, containing: "balanced")
        #expect(balanced.content.text == "the budget was balanced")
        let board = try ClaimsFixture.claim(claims, containing: "transit board")
        #expect(board.cue?.text == "criticized")
        #expect(board.content.text == "the transit board for the delays")
        #expect(board.speaker?.asWritten == "The mayor")
    }

    @Test(
        "verbs of expressing and evaluating a view take their object as content; their plural-noun forms do not",
        arguments: [
            ("Councillor Rhea Balogun invoked the city flood maps during the debate.", "invoked", "Rhea Balogun"),
            ("The premier congratulated the rescue crews on their work.", "congratulated", "The premier"),
            ("Dr. Lena Fisk summarized the findings of the inquiry for the board.", "summarized", "Lena Fisk"),
        ]
    )
    func expressiveVerbs(text: String, cue: String, speaker: String) throws {
        let claim = try #require(try Self.attributed("Council notes\n\n" + text).first)
        #expect(claim.cue?.text == cue)
        #expect(claim.speaker?.asWritten.hasSuffix(speaker) == true)
        let advocates = try Self.attributed("Council notes\n\nHousing advocates say rents are far too high.")
        #expect(advocates.map { $0.cue?.text } == ["say"])
    }

    @Test("a quoted title before the speaker is not what was said when the verb has a clause of its own")
    func quotedTitleBeforeSpeaker() throws {
        let claims = try Self.attributed(
            """
            Farm tax

            On the radio show “Morning Desk,” Senator Ada Quint said the new tax would hurt small farmers. \
            “We will win this fight,” Ada Quint said confidently.
            """
        )
        let tax = try ClaimsFixture.claim(claims, containing: "new tax")
        #expect(tax.content.text == "the new tax would hurt small farmers")
        #expect(tax.speaker?.resolved == "Ada Quint")
        #expect(!claims.contains { $0.content.text.contains("Morning Desk") })
        let win = try ClaimsFixture.claim(claims, containing: "this fight")
        #expect(win.kind == .directQuote)
    }

    @Test("a fronted adverbial before the subject (`In July,`, `Ultimately,`) is not the content of a later verb")
    func frontedAdverbial() throws {
        let claims = try Self.attributed(
            """
            School choice

            In July, the union called for a moratorium on new charter schools. Ultimately, Mr. Clarke hopes to \
            offset all of the emissions.
            """
        )
        let moratorium = try ClaimsFixture.claim(claims, containing: "moratorium")
        #expect(moratorium.content.text == "a moratorium on new charter schools")
        #expect(moratorium.speaker?.asWritten == "the union")
        let offset = try ClaimsFixture.claim(claims, containing: "offset")
        #expect(offset.content.text == "to offset all of the emissions")
        #expect(!claims.contains { $0.content.text == "In July" || $0.content.text == "Ultimately" })
    }

    @Test("`X said:` ending a paragraph gives X the quote that opens the next paragraph, once")
    func colonBeforeQuoteParagraph() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            The harbour board met on Monday. Councillor Mira Soto said:

            “We cannot keep building on sand. The sea will not wait for us.”

            The vote is next week.
            """
        )
        let sand = try ClaimsFixture.claim(claims, containing: "building on sand")
        #expect(sand.kind == .directQuote)
        #expect(sand.cue?.text == "said")
        #expect(sand.speaker?.resolved == "Mira Soto")
        #expect(claims.filter { $0.content.text.contains("building on sand") }.count == 1)
    }

    @Test("the content of a verb whose subject is `, who` ends with the relative clause")
    func relativeClauseContent() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            The mayor, who knew that the vote would be close, urged councillors to back the plan.
            """
        )
        let vote = try ClaimsFixture.claim(claims, containing: "vote would be close")
        #expect(vote.content.text == "the vote would be close")
        #expect(vote.cue?.text == "knew")
    }

    @Test("a leading `According to` takes the whole source phrase up to its comma")
    func leadingAccordingPhrase() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            According to a new report by the state auditor, the harbour fund is short by $4 million.
            """
        )
        let fund = try ClaimsFixture.claim(claims, containing: "harbour fund")
        #expect(fund.content.text == "the harbour fund is short by $4 million")
        #expect(fund.speaker?.asWritten.contains("state auditor") == true)
    }

    @Test("a whole subject with modifiers speaks when no shorter speaker phrase ends at the verb; a clause does not")
    func wholeSubjectSpeaks() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            Experts on coastal flooding and insurance said the harbour wall would not survive another storm. \
            The city sent engineers and said the wall is safe.
            """
        )
        let wall = try ClaimsFixture.claim(claims, containing: "would not survive")
        #expect(wall.speaker?.asWritten == "Experts on coastal flooding and insurance")
        #expect(wall.content.text == "the harbour wall would not survive another storm")
        #expect(!claims.contains { $0.speaker?.asWritten.contains("sent") == true })
    }

    @Test("a stance verb's whole subject with an appositive speaks when no shorter speaker phrase ends at the verb")
    func wholeSubjectTakesAStance() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            Another critic, the historian Lena Fisk, likened the plan to a blank cheque.
            """
        )
        let cheque = try ClaimsFixture.claim(claims, containing: "blank cheque")
        #expect(cheque.cue?.text == "likened")
        #expect(cheque.content.text == "the plan to a blank cheque")
        #expect(cheque.speaker?.resolved == "Lena Fisk")
    }

    @Test(
        "an attitude adjective after `be` attributes its clause, topic or intention to the subject",
        arguments: [
            (
                "Many economists are afraid that the new pier will flood in spring.", "are afraid",
                "the new pier will flood in spring", "Many economists"
            ),
            (
                "Councillor Ines Vallo is confident the levy will pass next month.", "is confident",
                "the levy will pass next month", "Ines Vallo"
            ),
            (
                "The tenants' union was deeply skeptical of the landlord's repair schedule.", "was deeply skeptical",
                "the landlord's repair schedule", "The tenants' union"
            ),
            (
                "Coach Ruth Amsel is determined to keep the youth league free.", "is determined",
                "to keep the youth league free", "Ruth Amsel"
            ),
        ]
    )
    func attitudeAdjective(text: String, cue: String, content: String, speaker: String) throws {
        let claim = try #require(try Self.attributed("Harbour plan\n\n" + text).first)
        #expect(claim.cue?.text == cue)
        #expect(claim.content.text == content)
        #expect(claim.speaker?.asWritten.hasSuffix(speaker) == true)
    }

    @Test("an attitude adjective with no one holding the view, or one that foretells, attributes nothing")
    func attitudeWithoutHolder() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            It is certain that the pier will close. The new ferry is sure to draw crowds in July.
            """
        )
        #expect(claims.isEmpty)
    }

    @Test(
        "a progressive verb of believing or intending (`is hoping`, `is seeking to`) is a cue like its finite form",
        arguments: [
            (
                "Councillor Ines Vallo is hoping the province will pay for the pier.", "is hoping",
                "the province will pay for the pier"
            ),
            (
                "Councillor Ines Vallo is seeking to delay the vote on the pier.", "is seeking",
                "to delay the vote on the pier"
            ),
        ]
    )
    func progressiveBelief(text: String, cue: String, content: String) throws {
        let claim = try #require(try Self.attributed("Harbour plan\n\n" + text).first)
        #expect(claim.cue?.text == cue)
        #expect(claim.content.text == content)
        #expect(claim.speaker?.resolved == "Ines Vallo")
    }

    @Test("a possessor's noun of saying (`the board's finding that`, `her promise to`) attributes its clause")
    func possessiveClaimNoun() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            The harbour board's finding that the old pier is unsafe closed the market. \
            Councillor Ines Vallo repeated her promise to rebuild the pier by May.
            """
        )
        let finding = try ClaimsFixture.claim(claims, containing: "old pier is unsafe")
        #expect(finding.cue?.text == "finding")
        #expect(finding.speaker?.asWritten.hasPrefix("The harbour board") == true)
        let promise = try ClaimsFixture.claim(claims, containing: "to rebuild the pier")
        #expect(promise.cue?.text == "promise")
        #expect(promise.speaker?.asWritten == "her")
    }

    @Test("a possessor's noun of saying that is the object of another cue stays that cue's content")
    func possessiveClaimNounAsObject() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            Councillor Ines Vallo criticized the board's claim that the old pier is safe.
            """
        )
        #expect(claims.count == 1)
        #expect(claims.first?.speaker?.resolved == "Ines Vallo")
    }

    @Test("a document subject with a relative clause, and a finding that opens with a number, still report")
    func documentFindingWithRelativeClauseOrNumber() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            A recent study of harbour accounts that were closed last year shows fees rising in every berth. \
            A survey by the ferry authority found 40 cracks in the old pier. \
            Meanwhile, polls in three coastal towns have shown support for the toll falling.
            """
        )
        let toll = try ClaimsFixture.claim(claims, containing: "support for the toll")
        #expect(toll.speaker?.asWritten == "polls in three coastal towns")
        let fees = try ClaimsFixture.claim(claims, containing: "fees rising")
        #expect(fees.speaker?.asWritten == "A recent study of harbour accounts that were closed last year")
        let cracks = try ClaimsFixture.claim(claims, containing: "40 cracks")
        #expect(cracks.content.text == "40 cracks in the old pier")
        #expect(cracks.speaker?.asWritten.hasPrefix("A survey") == true)
    }

    @Test("a party and state tag in brackets after a name is not the speaker, with or without an appositive after it")
    func bracketTagAfterName() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            Sen. Ada Quint (D-Ore.) said the old pier must close before winter.

            Rep. Tomas Ferrel (R-Ind.), a member of the harbour panel, said the berth fees were far too high.
            """
        )
        let pier = try ClaimsFixture.claim(claims, containing: "old pier must close")
        #expect(pier.speaker?.resolved == "Ada Quint")
        let fees = try ClaimsFixture.claim(claims, containing: "berth fees")
        #expect(fees.speaker?.resolved == "Tomas Ferrel")
    }

    @Test("`Said Vallo:` before a quote: the verb is the cue and the speaker is the name after it")
    func invertedSaidBeforeColon() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            Councillor Ines Vallo has opposed the toll since spring.

            Said Vallo: "The pier belongs to the town, not to a toll company."
            """
        )
        let pier = try ClaimsFixture.claim(claims, containing: "belongs to the town")
        #expect(pier.cue?.text == "Said")
        #expect(pier.speaker?.asWritten == "Vallo")
        #expect(pier.speaker?.resolved == "Ines Vallo")
    }

    @Test("a word capitalised only because it opens the sentence, before the noun it modifies, is not a name")
    func sentenceInitialModifierIsNoName() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            The clerk said the vote was delayed. Local fishermen say the old pier is unsafe. \
            Recent polls in three coastal towns have shown support for the toll falling.
            """
        )
        let pier = try ClaimsFixture.claim(claims, containing: "old pier is unsafe")
        #expect(pier.speaker?.asWritten == "Local fishermen")
        #expect(pier.speaker?.resolved != "Local")
        let toll = try ClaimsFixture.claim(claims, containing: "support for the toll")
        #expect(toll.speaker?.asWritten == "Recent polls in three coastal towns")
    }

    @Test("`she’s claiming that`, `he’s sought to`: a pronoun with a contracted `is` or `has` speaks")
    func contractedPronounSpeaks() throws {
        let claims = try Self.attributed(
            """
            Harbour plan

            Councillor Ines Vallo spoke at the harbour on Monday. She’s claiming that the old pier is safe.

            Mayor Tomas Ferrel left early. He’s sought to delay the vote on the pier.
            """
        )
        let safe = try ClaimsFixture.claim(claims, containing: "old pier is safe")
        #expect(safe.cue?.text == "claiming")
        #expect(safe.speaker?.resolved == "Ines Vallo")
        let delay = try ClaimsFixture.claim(claims, containing: "delay the vote")
        #expect(delay.speaker?.resolved == "Tomas Ferrel")
    }
}
