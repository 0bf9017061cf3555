import Foundation
import IngestCore
import Testing

/// Attributions of stance beyond the verbs of saying (PolNeAR's "other" and "think" cues): more verbs of evaluating
/// and urging, advocating verbs with `for`, phrasal verbs, holders of a view, infinitives of purpose, `, praising`
/// after a clause, subject pronouns after a long opening, and known questions. Every text is written for the test.
@Suite("Claims: stance verbs, their subjects and their topics")
struct ClaimsStanceRecallTests {
    @Test(
        "a stance of the subject towards its object or topic: the cue, the content and the speaker",
        arguments: [
            // A verb of the new stance lists.
            (
                "Auditor General Maya Lind chastised the council for the long delay.", "chastised",
                "the council for the long delay", "Maya Lind"
            ),
            // An act of a governing body on a measure.
            (
                "The city council imposed a curfew on the waterfront district.", "imposed",
                "a curfew on the waterfront district", "The city council"
            ),
            // A passive stance with its agent: the agent holds it, towards the subject.
            (
                "The new transit plan was endorsed by Mayor Tom Reyes on Friday.", "was endorsed by",
                "The new transit plan", "Tom Reyes"
            ),
            // A share of those polled and their preference.
            (
                "In the poll, 46 percent would back the mayor, while 5 percent prefer her rival.", "prefer",
                "her rival", "5 percent"
            ),
            // `pointed to`, and an object that opens with a quote.
            (
                "Outlook\n\nThe fund released its outlook. It pointed to weak demand in Europe.", "pointed",
                "weak demand in Europe", "It"
            ),
            (
                "Outlook\n\nThe fund released its outlook. It referenced \"political tensions\" in rich economies.",
                "referenced", "\"political tensions\" in rich economies", "It"
            ),
            // A progressive stance verb.
            (
                "Mayor Lena Ortiz is encouraging residents to conserve water this summer.", "is encouraging",
                "residents to conserve water this summer", "Lena Ortiz"
            ),
            // `, praising ...` after a clause that is no claim: the sentence's subject holds the stance.
            (
                "Governor Ruth Calloway signed the budget on Monday, praising lawmakers for their quick work.",
                "praising", "lawmakers for their quick work", "Ruth Calloway"
            ),
            // An advocating verb and `for`.
            (
                "The teachers union lobbied for smaller classes in every school.", "lobbied",
                "smaller classes in every school", "The teachers union"
            ),
            // A phrasal verb and its topic.
            (
                "Councillor Omar Haddad spoke out against the new parking fees.", "spoke", "the new parking fees",
                "Omar Haddad"
            ),
            // A holder of a view after `be`.
            (
                "Judge Irene Wallace is a vocal critic of mandatory sentences.", "is a vocal critic",
                "mandatory sentences", "Irene Wallace"
            ),
            // An infinitive of purpose: its subject is the sentence's.
            (
                "Chancellor Ben Okafor used his budget speech to attack the opposition's tax plan.", "attack",
                "the opposition's tax plan", "Ben Okafor"
            ),
            // A subject pronoun after a long opening, resolved to the person named before.
            (
                "Nadia Petrov runs the clinic. In a long interview with a local radio station she condemned the "
                    + "closure of the hospital.", "condemned", "the closure of the hospital", "she"
            ),
            // A verb, an adverb and the topic.
            (
                "Mayor Alma Quist spoke emotionally of her years at the shelter.", "spoke",
                "her years at the shelter", "Alma Quist"
            ),
            // A light verb and a noun of stance.
            (
                "Senator Hugo Brandt raised questions about the contract.", "raised", "the contract", "Hugo Brandt"
            ),
            (
                "Minister Karl Endo made a strong condemnation of the bombing.", "made", "the bombing", "Karl Endo"
            ),
            // A coordinated verb after a clause that is no claim: the sentence's subject.
            (
                "Economist Paula Grant is gloomy about wages and expects prices to keep rising.", "expects",
                "prices to keep rising", "Paula Grant"
            ),
            // Seeing something as something.
            (
                "Several senators see the new visa rules as a threat to tourism.", "see",
                "the new visa rules as a threat to tourism", "Several senators"
            ),
            // A ruling.
            (
                "The appeals court ruled against the city in the zoning case.", "ruled",
                "the city in the zoning case", "The appeals court"
            ),
            // `, even suggesting`: an adverb between the comma and the participle.
            (
                "Coach Dana Whitfield complained about the referees, even suggesting the match was fixed.",
                "suggesting", "the match was fixed", "Dana Whitfield"
            ),
            // A fronted participle: the subject after the comma holds the stance.
            (
                "Deploring the “reckless cuts,” Oren Sallis led a walkout of the faculty.", "Deploring",
                "the “reckless cuts", "Oren Sallis"
            ),
            (
                "Claiming the audit was rigged, Mayor Ann Lee left the meeting early.", "Claiming",
                "the audit was rigged", "Ann Lee"
            ),
            // A stance verb in a title-case headline.
            (
                "Senator Vows To Block Pension Cuts\n\nThe bill goes to a vote on Monday.", "Vows",
                "To Block Pension Cuts", "Senator"
            ),
            // A decision against something; knowledge about something.
            (
                "The prosecutor decided against charges in the crash.", "decided", "charges in the crash",
                "The prosecutor"
            ),
            // A document heading a long subject: the whole subject is the source.
            (
                "The average of polls taken over the past two weeks shows the mayor leading by six points.", "shows",
                "the mayor leading by six points", "The average of polls taken over the past two weeks"
            ),
            // A known question.
            (
                "Voters should know what the deal will cost them.", "should know", "what the deal will cost them",
                "Voters"
            ),
        ]
    )
    func stance(text: String, cue: String, content: String, speaker: String) throws {
        let claims = try ClaimsFixture.claims(text).filter { $0.speaker != nil }
        let claim = try #require(claims.first { $0.cue?.text == cue })
        #expect(claim.content.text == content)
        #expect(claim.speaker?.asWritten == speaker)
    }

    @Test("a pronoun subject after a long opening resolves to the person named before")
    func pronounSubjectResolves() throws {
        let claims = try ClaimsFixture.claims(
            "Nadia Petrov runs the clinic. In a long interview with a local radio station she condemned the closure "
                + "of the hospital."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "closure")
        #expect(claim.speaker?.resolved == "Nadia Petrov")
    }

    @Test("no stance without a holder or a topic: a physical push, a noun after a determiner, a pronoun after a cue")
    func noStance() throws {
        let texts = [
            "Rescue workers pushed the boat into deeper water.",
            "The attack on the convoy came at dawn.",
            "Ana Reyes said he plans to run again.",
            "The hikers saw the bridge from the ridge.",
            "Speaking to reporters, Mayor Tom Ruiz left the hall.",
            "The top 1 percent would see their incomes rise by as much as 19 percent.",
        ]
        for text in texts {
            let claims = try ClaimsFixture.claims(text).filter { $0.speaker != nil }
            #expect(!claims.contains { $0.cue?.text == "pushed" || $0.cue?.text == "attack" }, "\(text)")
            #expect(
                !claims.contains {
                    $0.cue?.text == "plans" || $0.cue?.text == "saw" || $0.cue?.text == "would see"
                        || $0.cue?.text == "Speaking"
                },
                "\(text)"
            )
        }
    }
}
