import Foundation
import IngestCore
import Testing

/// The cues and resolution kinds added in pipeline 2026.11.6. Every text here is written for the test.
@Suite("Claims: document findings and pronoun candidates of 2026.11.6")
struct ClaimsDocumentAndPronounTests {
    @Test("a document subject makes `shows` a verb after any noun: `Footage of the crash shows ...`")
    func documentOfNounShows() throws {
        let text = """
            Ferry Crash Inquiry

            Footage of the crash shows the pilot with both hands on the wheel.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "both hands on the wheel")
        #expect(claim.speaker?.asWritten == "Footage of the crash")
        #expect(claim.cue?.text == "shows")
    }

    @Test("averages, charts and slides report findings: `The regional average shows X ahead`")
    func averagesAndChartsShow() throws {
        let text = """
            Harbour Vote Tightens

            The regional average shows Ortiz ahead by two points.

            Another chart shows that two of three ferries run late in winter.
            """
        let claims = try ClaimsFixture.claims(text)
        let average = try ClaimsFixture.claim(claims, containing: "ahead by two points")
        #expect(average.speaker?.asWritten == "The regional average")
        let chart = try ClaimsFixture.claim(claims, containing: "ferries run late")
        #expect(chart.speaker?.asWritten == "Another chart")
    }

    @Test("`shows` after a plain noun with no document subject stays a noun")
    func showsAfterPlainNounIsNoVerb() throws {
        let text = """
            Festival Season

            The county fair shows draw large crowds every August.
            """
        #expect(try ClaimsFixture.claims(text).allSatisfy { $0.speaker == nil })
    }

    @Test("`he` skips a lone capitalised name nobody introduced (it may be a firm) for the named person before it")
    func pronounSkipsLoneName() throws {
        let text = """
            Bridge Inspection

            Paul Brennan, an engineer with the county, inspected the bridge on Monday.

            Ostrander said the cables were sound and the deck would reopen in May.

            "We found no cracks in the main span," he said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "no cracks")
        #expect(claim.speaker?.asWritten == "he")
        #expect(claim.speaker?.resolved == "Paul Brennan")
        #expect(claim.speaker?.resolution == .pronoun)
    }

    @Test("`he` still resolves to an unnamed person (`one engineer said`), never to a named one further back")
    func pronounKeepsUnnamedPerson() throws {
        let text = """
            Bridge Inspection

            Paul Brennan, an engineer with the county, inspected the bridge on Monday.

            One engineer said the cables were older than the deck.

            The deck would need new bearings within five years, he added.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "new bearings")
        #expect(claim.speaker?.resolved == nil)
    }

    @Test("a place then a lone word (`Toronto Star`) is no full name, so no person for `he`")
    func placeOpensNoPersonName() throws {
        let text = """
            Fitness Program Pays Off

            Samuel Okafor joined the program in March.

            Toronto Star photographers followed the group for a week.

            "I had a gym card, but this helped me build a habit," he said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "gym card")
        #expect(claim.speaker?.resolved == "Samuel Okafor")
    }

    @Test("a capitalised pair ending in a nationality (`Prominent Canadian`) is no person for `he`")
    func nationalityEndsNoPersonName() throws {
        let text = """
            Arbitration Awards

            Lawyer Robert Vance has worked on such claims for years.

            Prominent Canadian firms have sued over seized mines.

            "The billion-dollar cases are at the very high end," he said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "billion-dollar")
        #expect(claim.speaker?.resolved == "Robert Vance")
    }

    @Test("a preposition before a number is `approximately`: `says about 400 students share ...`")
    func approximateNumberAfterCue() throws {
        let text = """
            Harbour School Needs Repairs

            Janet Morrow, the head of the parents' council, says the roof leaks.

            Morrow, who has three children in the school, says about 400 students share two washrooms.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "400 students")
        #expect(claim.speaker?.resolved == "Janet Morrow")
        #expect(claim.content.text.hasPrefix("about 400"))
    }

    @Test("`Calgary-based` is no part of a name: `Norwell` resolves to `Norwell Energy`")
    func basedModifierIsNoName() throws {
        let text = """
            Oil Firms Seek Payouts

            Calgary-based Norwell Energy won an award against the state last year, Norwell Energy said on Monday.

            Norwell said continuing political risk still limits its output in the region.
            """
        let claims = try ClaimsFixture.claims(text)
        #expect(try ClaimsFixture.claim(claims, containing: "won an award").speaker?.resolved == "Norwell Energy")
        #expect(try ClaimsFixture.claim(claims, containing: "political risk").speaker?.resolved == "Norwell Energy")
    }

    @Test("a phrase set off after `that` opens the content: `noted that, like him, ...`")
    func phraseSetOffAfterThat() throws {
        let text = """
            Budget Fight

            Mr. Halvorsen noted that, like him, the mayor had been criticized for the plan.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "mayor had been criticized")
        #expect(claim.speaker?.asWritten == "Halvorsen")
        #expect(claim.cue?.text == "noted")
    }

    @Test("`on` inside an organisation's name keeps it whole: `Institute on Drug Abuse`")
    func organizationNameJoinedByOn() throws {
        let text = """
            Drug Deaths Rise

            Still, 30 per cent of overdose deaths involve a sedative, according to the Federal Institute on Drug Abuse.

            The Regional Board on Water Safety said the wells were clean.

            """
        let claims = try ClaimsFixture.claims(text)
        let institute = try ClaimsFixture.claim(claims, containing: "overdose deaths")
        #expect(institute.speaker?.resolved == "Federal Institute on Drug Abuse")
        let board = try ClaimsFixture.claim(claims, containing: "wells were clean")
        #expect(board.speaker?.resolved?.hasSuffix("Regional Board on Water Safety") == true)
    }
}

/// Pronoun salience and document writers of pipeline 2026.11.7. Every text here is written for the test.
extension ClaimsDocumentAndPronounTests {
    @Test("a person reintroduced by full name in the sentence before is the next `he`, not the earlier subject")
    func reintroducedPersonIsNextPronoun() throws {
        let text = """
            Tom Rennick says the clinic changed his routine. “I walk every morning now,” he says. Rennick credits \
            his dog for keeping him going.

            The program also produced results for retired welder Omar Haddad, 61. “I lost nine kilograms,” he says.
            """
        let claims = try ClaimsFixture.claims(text)
        #expect(try ClaimsFixture.claim(claims, containing: "every morning").speaker?.resolved == "Tom Rennick")
        let later = try ClaimsFixture.claim(claims, containing: "nine kilograms")
        #expect(later.speaker?.resolved == "Omar Haddad")
        #expect(later.speaker?.resolution == .pronoun)
    }

    @Test("a kinship word gives a name its gender: `his wife Noor Aziz` is never `he`")
    func kinshipGivesGender() throws {
        let text = """
            The stall is owned by Tariq Aziz and his wife Noor Aziz.

            “It is a family business,” he said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "family business")
        #expect(claim.speaker?.resolved == "Tariq Aziz")
    }

    @Test("a he/she subject keeps its antecedent the subject: a name inside that sentence does not take `she`")
    func pronounSubjectCarriesOn() throws {
        let text = """
            “Judges must be heard,” Rosa Lind said.

            She has faced questions since the inquiry into the fund run by Senator Maria Crane.

            “I welcome it,” she said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "I welcome it")
        #expect(claim.speaker?.resolved == "Rosa Lind")
    }

    @Test("a subject after a fronted phrase of place (`Down the road, Mark Fell ...`) is the next `he`")
    func subjectAfterFrontedPlace() throws {
        let text = """
            “We need a new vote,” said Carla Benn. Peter Holt said the result was a disaster.

            Down the road, Mark Fell cheered with a crowd of supporters. He believes the country should leave. \
            “This is the best day in years,” he said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "best day in years")
        #expect(claim.speaker?.resolved == "Mark Fell")
    }

    @Test("`the report said` after `a report by the railway company`: the railway named before speaks")
    func reportByCompany() throws {
        let text = """
            Northgate Freight Railway runs long trains across the prairies.

            A report by the railway company describes how cold slows its trains.

            Trains are shortened in deep cold, the report said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "shortened in deep cold")
        #expect(claim.speaker?.asWritten == "the report")
        #expect(claim.speaker?.resolved == "Northgate Freight Railway")
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("`the post read` after `X wrote in the company's blog post`: the writer speaks")
    func postByWriter() throws {
        let text = """
            Jane Ostrow, a researcher at Kelda Labs, wrote in the company's blog post that the attacks came from \
            one group.

            “The same addresses sent both waves of messages,” the post read.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "both waves")
        #expect(claim.speaker?.resolved == "Jane Ostrow")
    }

    @Test("`preliminary findings` of a study conducted by an organisation are that organisation's")
    func findingsOfStudy() throws {
        let text = """
            A study of shelter users is being conducted by Harbour House, a non-profit agency.

            According to preliminary findings, most users prefer small sites to large shelters.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "prefer small sites")
        #expect(claim.speaker?.resolved == "Harbour House")
    }

    @Test("`it` after an acronym subject is the organisation whose initials it spells")
    func itAfterAcronymSubject() throws {
        let text = """
            Harbour Export Credit (HEC), the national credit agency, insures exporters. The province paid Halvor \
            Energy twice.

            HEC declined to answer questions. “We respect the privacy of our clients,” it said in a statement.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "privacy of our clients")
        #expect(claim.speaker?.resolved == "Harbour Export Credit")
        #expect(claim.speaker?.type == .organization)
    }

    @Test("a document nobody is said to have written stays as written")
    func unownedReportUnresolved() throws {
        let text = """
            Northgate Freight Railway runs long trains across the prairies.

            Trains are shortened in deep cold, the report said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "shortened in deep cold")
        #expect(claim.speaker?.resolved != "Northgate Freight Railway")
    }
}
