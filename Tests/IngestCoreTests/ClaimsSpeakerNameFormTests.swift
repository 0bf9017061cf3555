import Foundation
import IngestCore
import Testing

/// Speaker names keep their full form: a union local's number, a first name that is also a modal verb. Every
/// text here is written for the test.
@Suite("Claims: speaker names in full form")
struct ClaimsSpeakerNameFormTests {
    @Test("a numbered unit keeps its number: `Teamsters Local 419`")
    func numberedUnit() throws {
        let claims = try ClaimsFixture.claims("Teamsters Local 419 said the strike would begin at noon on Monday.")
        let claim = try ClaimsFixture.claim(claims, containing: "strike")
        #expect(claim.speaker?.resolved == "Teamsters Local 419")
    }

    @Test("a capitalised modal that is also a first name stays in the name: `Will Brennan`")
    func modalFirstName() throws {
        let claims = try ClaimsFixture.claims(
            "The ferry stayed in port.\n\nWill Brennan, a ferry captain, said the crossing was cancelled twice."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "crossing")
        #expect(claim.speaker?.resolved == "Will Brennan")
    }

    @Test("a capitalised sentence opener (`Last November`, `Unlike Ada Ruiz`) is no person for a pronoun")
    func openerIsNoPerson() throws {
        let claims = try ClaimsFixture.claims(
            "The port had a busy year.\n\nLast November saw record crossings at the port. "
                + "“We were overwhelmed,” he said."
        )
        let claim = try ClaimsFixture.claim(claims, containing: "overwhelmed")
        #expect(claim.speaker?.resolved != "Last November")
        let unlike = try ClaimsFixture.claims(
            "The harbour was quiet.\n\nUnlike Ada Ruiz, he has found no work this winter. “It is hard,” he said."
        )
        #expect(try ClaimsFixture.claim(unlike, containing: "hard").speaker?.resolved != "Unlike Ada Ruiz")
    }
}
