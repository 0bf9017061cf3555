import Foundation
import IngestCore
import Testing

/// Cues of more than one word or beside a quote, quotes that run over sentences, `according to` with any source,
/// and attribution by preposition. Every text here is written for the test.
@Suite("Claims: phrasal cues, quotes over sentences, according to, prepositional frames")
struct ClaimsRecallCueTests {
    static func attributed(_ text: String) throws -> [Claim] { try ClaimsRecallRuleTests.attributed(text) }

    @Test("`pointed out that` is a verb of saying in two words; `pointed to` is not")
    func pointedOut() throws {
        let claims = try Self.attributed(
            "The inquiry met again. Councillor Maya Holt pointed out that the bridge had been closed twice. "
                + "The guide pointed to the old mill."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "closed twice")
        #expect(claim.cue?.text == "pointed out")
        #expect(claim.content.text == "the bridge had been closed twice")
        #expect(claim.speaker?.resolved == "Maya Holt")
        #expect(!claims.contains { $0.content.text.contains("old mill") })
    }

    @Test("`continued` beside a quote, before or after it, is a cue; `continued to rise` is not")
    func continuedBesideQuote() throws {
        let claims = try Self.attributed(
            """
            The hearing ran late into the evening.

            Ina Fenwick continued, “The fund is empty and the board knew it.”

            Prices continued to rise in March.

            “We will appeal the ruling,” the union lawyer Omar Reyes continued.
            """
        )
        let fund = try ClaimsFixture.claim(claims, containing: "fund is empty")
        #expect(fund.cue?.text == "continued")
        #expect(fund.speaker?.resolved == "Ina Fenwick")
        let appeal = try ClaimsFixture.claim(claims, containing: "appeal the ruling")
        #expect(appeal.speaker?.resolved == "Omar Reyes")
        #expect(!claims.contains { $0.content.text.contains("Prices") })
    }

    @Test("a comma before `X replied, \"...\"` ends the content of an earlier cue, and the quote is X's")
    func newSpeakerQuoteEndsContent() throws {
        let claims = try Self.attributed(
            "When the mayor noted that the budget was short, Councillor Tom Baird replied, “Then cut the parade.”"
        )
        let noted = try ClaimsFixture.claim(claims, containing: "budget was short")
        #expect(noted.content.text == "the budget was short")
        let replied = try ClaimsFixture.claim(claims, containing: "cut the parade")
        #expect(replied.kind == .directQuote)
        #expect(replied.speaker?.resolved == "Tom Baird")
    }

    @Test("`says of X, \"...\"`: the quote after the phrase is what was said")
    func saysOfTopic() throws {
        let claims = try Self.attributed(
            "The reform passed on Monday. The retired judge Lena Ortiz says of the reform, "
                + "“It will clog every court in the state.”"
        )
        let claim = try ClaimsFixture.claim(claims, containing: "clog every court")
        #expect(claim.kind == .directQuote)
        #expect(claim.content.text == "It will clog every court in the state.")
        #expect(claim.speaker?.resolved == "Lena Ortiz")
    }

    @Test("`according to` takes a plain phrase as its source, after a comma or a dash")
    func accordingToAnyPhrase() throws {
        let claims = try Self.attributed(
            """
            The market cooled in the spring.

            Rents in the capital rose by a third, according to federal statistics.

            Half of the advice is unsupported — or plainly wrong — according to the top British medical journal.
            """
        )
        let rents = try ClaimsFixture.claim(claims, containing: "Rents")
        #expect(rents.speaker?.asWritten == "federal statistics")
        #expect(rents.content.text == "Rents in the capital rose by a third")
        let advice = try ClaimsFixture.claim(claims, containing: "unsupported")
        #expect(advice.speaker?.asWritten == "the top British medical journal")
        #expect(advice.content.text == "Half of the advice is unsupported — or plainly wrong")
    }

    @Test("attribution by preposition: `To X,`, `In the view of X,`, `in his eyes`, `By one estimate,`")
    func prepositionFrames() throws {
        let claims = try Self.attributed(
            """
            The budget went to the council on Monday.

            To many economists, the deal is a mistake.

            In the view of the governor, the budget would not pass.

            Only local firms are welcome in his eyes.

            By one estimate, the storm destroyed 3,000 homes.
            """
        )
        let deal = try ClaimsFixture.claim(claims, containing: "deal is a mistake")
        #expect(deal.speaker?.asWritten == "many economists")
        #expect(deal.content.text == "the deal is a mistake")
        let budget = try ClaimsFixture.claim(claims, containing: "would not pass")
        #expect(budget.speaker?.asWritten == "the governor")
        let firms = try ClaimsFixture.claim(claims, containing: "local firms")
        #expect(firms.content.text == "Only local firms are welcome")
        #expect(firms.speaker?.asWritten.hasPrefix("his") == true)
        let storm = try ClaimsFixture.claim(claims, containing: "storm destroyed")
        #expect(storm.speaker?.asWritten == "one estimate")
    }

    @Test("a time, a firm's figures, `To be sure` or `For` a named person before the comma attribute nothing")
    func prepositionFramesNot() throws {
        let claims = try Self.attributed(
            """
            The budget went to the council on Monday.

            For now, the budget is stuck in committee.

            For Apple, revenue rose five percent in the quarter.

            To be sure, the plan has flaws.

            For years, the town was a steel town.

            For Mayor Ellen Park, the format was not ideal.
            """
        )
        #expect(claims.isEmpty)
    }

    @Test("`said after the vote he would ...`: a clause without `that` after a short phrase is the content")
    func clauseAfterPhrase() throws {
        let claims = try Self.attributed(
            "The vote was close. Senator Ada Quint said after the vote she would not back the budget."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "not back the budget")
        #expect(claim.content.text == "she would not back the budget")
        #expect(claim.speaker?.resolved == "Ada Quint")
    }

    @Test("a name set off by a dashed parenthesis speaks; a passive verb after it does not")
    func dashedAppositive() throws {
        let claims = try Self.attributed(
            """
            The network grew fast.

            Ivo Marsh -- co-editor of Harbour Notes, a newsletter about the port -- said the cranes were idle.

            Dr. Lena Vos -- a surgeon at the city hospital -- has been called a hero by her patients.
            """
        )
        let cranes = try ClaimsFixture.claim(claims, containing: "cranes were idle")
        #expect(cranes.speaker?.resolved == "Ivo Marsh")
        #expect(!claims.contains { $0.speaker?.resolved == "Lena Vos" })
    }

    @Test("a quote before `who` belongs to the noun the relative clause follows, not to a claim of `who`")
    func relativeAfterQuote() throws {
        let claims = try Self.attributed(
            "The session ended. The senator acknowledged that there are still \"some people\" who feel that way."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "some people")
        #expect(claim.speaker?.asWritten == "The senator")
        #expect(claim.content.text == "there are still \"some people\" who feel that way")
    }

    @Test("a time phrase between the subject and the verb (`who in 2010 said`) leaves the subject the speaker")
    func timeBeforeVerb() throws {
        let claims = try Self.attributed(
            "The vote was close. Senator Ada Quint, who in 2010 said the levy was unlawful, voted no."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "levy was unlawful")
        #expect(claim.content.text == "the levy was unlawful")
        #expect(claim.speaker?.asWritten == "who")
    }

    @Test("`, as X pointed out,` interrupts the content; `As X said, ...` attributes what follows")
    func asClauses() throws {
        let claims = try Self.attributed(
            """
            The storm season began early.

            Hawaii, as one of the state's climate advisers pointed out, rarely gets two hurricanes in a week.

            As many engineers have warned, the old levee cannot hold another flood.
            """
        )
        let hawaii = try ClaimsFixture.claim(claims, containing: "two hurricanes")
        #expect(hawaii.contentParts.map(\.text) == ["Hawaii", "rarely gets two hurricanes in a week"])
        #expect(hawaii.speaker?.asWritten == "one of the state's climate advisers")
        let levee = try ClaimsFixture.claim(claims, containing: "levee")
        #expect(levee.content.text == "the old levee cannot hold another flood")
        #expect(levee.speaker?.asWritten == "many engineers")
    }

    @Test("an interrupted content starts after the `, but` that opens its clause")
    func interruptedAfterBut() throws {
        let claims = try Self.attributed(
            "The talks stalled. The city had long refused such deals, but the debt there had grown so large, "
                + "Mayor Ines Ferro noted, that the banks set the budget."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "banks set the budget")
        #expect(claim.contentParts.first?.text == "the debt there had grown so large")
        #expect(claim.speaker?.resolved == "Ines Ferro")
    }
}
