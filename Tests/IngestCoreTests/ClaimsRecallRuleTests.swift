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
}
