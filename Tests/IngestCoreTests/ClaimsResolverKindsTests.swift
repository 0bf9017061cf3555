import Foundation
import IngestCore
import Testing

/// The speaker resolution kinds and cues added for issue 13 (pipeline 2026.11.5): organisations introduced by
/// their kind, acronyms, unnamed descriptions, title words as surnames, acronyms before a first name, salience
/// of a subject after a fronted adverbial, pronouns that skip the words reported, relatives after a description,
/// progressive verbs of saying and `-ing` stance verbs. Every text here is written for the test.
@Suite("Claims: resolver kinds and cues of 2026.11.5")
struct ClaimsResolverKindsTests {
    @Test("`the firm` resolves to the organisation introduced as `shipping firm Norvale Lines`")
    func organizationByKind() throws {
        let text = """
            Dock workers walked out on Monday after shipping firm Norvale Lines cut two routes.

            The firm said the routes had lost money for three years.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "lost money")
        #expect(claim.speaker?.asWritten == "The firm")
        #expect(claim.speaker?.resolved == "Norvale Lines")
        #expect(claim.speaker?.type == .organization)
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("`the company` resolves to a company introduced by its kind, not to an earlier capitalised subject")
    func companyByKind() throws {
        let text = """
            Grain prices fell on Tuesday. Copper futures turned lower.

            Shares of kitchenware maker Halden & Brooke jumped after its sales beat forecasts. The company said \
            demand would stay strong into the spring.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "demand would stay")
        #expect(claim.speaker?.resolved == "Halden & Brooke")
    }

    @Test("an acronym resolves to the name whose initials it spells")
    func acronym() throws {
        let text = """
            The Regional Water Authority published its drought plan on Thursday.

            But the RWA added that rationing could start in June.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "rationing could start")
        #expect(claim.speaker?.asWritten == "the RWA")
        #expect(claim.speaker?.resolved == "Regional Water Authority")
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("an acronym nobody spelled out stays as written")
    func acronymUnknown() throws {
        let text = """
            The dam was closed to traffic on Thursday.

            But the RWA added that rationing could start in June.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "rationing could start")
        #expect(claim.speaker?.resolution != .alias)
    }

    @Test("an unnamed description keeps the whole phrase as the speaker; the name in it is the affiliation")
    func unnamedDescription() throws {
        let text = """
            The ferry will run again next week, a Brightwater Transit spokeswoman said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "ferry will run")
        #expect(claim.speaker?.asWritten == "a Brightwater Transit spokeswoman")
        #expect(claim.speaker?.resolved == nil)
        #expect(claim.speaker?.affiliation == "Brightwater Transit")
        #expect(claim.speaker?.resolution == .unresolved)
    }

    @Test("a relative after a description speaker is not part of it")
    func relativeCut() throws {
        let text = """
            Council vote set for next week

            The council will vote on the plan next week, according to a senior Liberal aide who was not \
            authorised to discuss it.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "vote on the plan")
        #expect(claim.speaker?.asWritten == "a senior Liberal aide")
    }

    @Test("the period of an abbreviation stays in an organisation's name")
    func abbreviationPeriod() throws {
        let text = """
            Orland Foods Co. said it would close two plants next year.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "close two plants")
        #expect(claim.speaker?.resolved == "Orland Foods Co.")
    }

    @Test("a title word ending a name after a first name is a surname, and resolves alone")
    func titleSurname() throws {
        let text = """
            Thomas General bought the farm in 1998.

            General said the soil had never been better.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "soil had never")
        #expect(claim.speaker?.resolved == "Thomas General")
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("acronyms before a first name are a party and office, not an organisation's name")
    func acronymsBeforeName() throws {
        let text = """
            In the debate, NDP MLA Karen Lisowski said the budget ignored rural clinics.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "ignored rural")
        #expect(claim.speaker?.resolved == "Karen Lisowski")
        #expect(claim.speaker?.type == .person)
        #expect(claim.speaker?.role == "NDP MLA")
    }

    @Test("a subject after a fronted adverbial is the salient antecedent of a later pronoun")
    func frontedSubjectSalience() throws {
        let text = """
            Mara Quist opened the clinic in 2015, and Ilona Petrak joined it two years later.

            After the vote, Ilona Petrak is confident the clinic will grow.

            "We will hire four nurses this year," she said.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "four nurses")
        #expect(claim.speaker?.resolved == "Ilona Petrak")
        #expect(claim.speaker?.resolution == .pronoun)
    }

    @Test("a pronoun speaker does not stand for someone named only in the words it reports")
    func pronounSkipsReportedWords() throws {
        let text = """
            "The plan is sound," said Sen. Arlo Benning.

            Ray Dunmore, he said, "has never read it."
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "never read")
        #expect(claim.speaker?.resolved == "Arlo Benning")
    }

    @Test("a relative after a description set off from a name stands for the named person")
    func relativeAfterDescription() throws {
        let text = """
            Oksana Drel, an independent housing economist who writes often about the city, noted that rents rose \
            faster than wages.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "rents rose")
        #expect(claim.speaker?.resolved == "Oksana Drel")
    }

    @Test("a progressive verb of saying is a cue (`is claiming that`)")
    func progressiveSpeech() throws {
        let text = """
            The mayor is claiming that the bridge will open on time.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "bridge will open")
        #expect(claim.speaker?.asWritten == "The mayor")
        #expect(claim.cue?.text == "is claiming")
    }

    @Test("a progressive stance verb with an object is a cue (`is defending his record`)")
    func progressiveStance() throws {
        let text = """
            Governor Hal Brenner is defending his record on school funding.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "record on school")
        #expect(claim.speaker?.resolved == "Hal Brenner")
    }

    @Test("an organisation noun with no named organisation behind it stays unresolved, as written")
    func unnamedOrganizationUnresolved() throws {
        let text = """
            Road crews worked through the night on Sunday.

            The commission said the new lanes would open in May.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "new lanes")
        #expect(claim.speaker?.asWritten == "The commission")
        #expect(claim.speaker?.resolved == nil)
        #expect(claim.speaker?.type == .organization)
        #expect(claim.speaker?.resolution == .unresolved)
    }

    @Test("`according to X` set off inside a sentence attributes both halves around it")
    func interruptingAccording() throws {
        let text = """
            Clinic queues grew all winter.

            The main cause, according to hospital experts, is a shortage of night nurses in rural wards.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "shortage of night nurses")
        #expect(claim.speaker?.asWritten == "hospital experts")
        #expect(claim.contentParts.map(\.text) == ["The main cause", "is a shortage of night nurses in rural wards"])
    }

    @Test("a chanted or shouted quote is attributed")
    func chanted() throws {
        let text = """
            Rally fills the square

            As the speeches ended, the marchers chanted "Open the clinics now!"
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "Open the clinics")
        #expect(claim.speaker?.asWritten == "the marchers")
    }

    @Test("`the union` resolves to a numbered union local named earlier (`Transit Workers Local 414`)")
    func unionLocal() throws {
        let text = """
            Drivers at the depot voted to join Transit Workers Local 414 on Friday.

            The union said bargaining would start in March.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "bargaining would start")
        #expect(claim.speaker?.resolved == "Transit Workers Local 414")
        #expect(claim.speaker?.resolution == .alias)
    }
}

/// Role nouns and organisations of pipeline 2026.11.7. Every text here is written for the test.
extension ClaimsResolverKindsTests {
    @Test("`the mayor` resolves to a person given the role after the name: `sworn in as mayor`")
    func roleGivenByAs() throws {
        let text = """
            Riverton's Doug Pell was sworn in on Monday as mayor. The council met later.

            The mayor said the bridge would reopen in May.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "bridge would reopen")
        #expect(claim.speaker?.resolved == "Doug Pell")
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("`the mayor` resolves to a person given the role in an appositive: `Ann Forde, the town's mayor,`")
    func roleGivenByAppositive() throws {
        let text = """
            Ann Forde, the town's mayor, opened the meeting. The council met later.

            The mayor said the bridge would reopen in May.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "bridge would reopen")
        #expect(claim.speaker?.resolved == "Ann Forde")
    }

    @Test("`The Winnipeg-based railway` resolves to the railway named anywhere before, not only as a subject")
    func basedRailway() throws {
        let text = """
            Three workers with Northgate Freight Railway were hurt on Monday. A union official spoke to reporters.

            The Winnipeg-based railway said it would review its braking rules.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "braking rules")
        #expect(claim.speaker?.resolved == "Northgate Freight Railway")
    }

    @Test("a one-word short form of a firm is that firm, for a later `the company`")
    func firmShortForm() throws {
        let text = """
            The province paid Halvor Energy as much as $40 million. Tarn Bank lent the rest.

            Halvor received the second payment in May. The company said it may repay part of it.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "repay part")
        #expect(claim.speaker?.resolved == "Halvor Energy")
    }

    @Test("a one-word short form is the fullest form of the firm, abbreviation and all")
    func shortFormFullest() throws {
        let text = """
            Analysts praised Kestrel Motors on Monday. Kestrel Motors Co. said its profit rose 10 per cent. Kestrel \
            said it expects sales to slow next year.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "sales to slow")
        #expect(claim.speaker?.asWritten == "Kestrel")
        #expect(claim.speaker?.resolved == "Kestrel Motors Co.")
        #expect(claim.speaker?.type == .organization)
        #expect(claim.speaker?.resolution == .alias)
    }

    @Test("a date before `the company` is no part of the speaker")
    func dateBeforeCompany() throws {
        let text = """
            Kestrel Motors posted a video on Thursday. Its founder was told to step down as chair. In early June \
            the company announced that a new chair would take over.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "new chair would")
        #expect(claim.speaker?.asWritten == "the company")
        #expect(claim.speaker?.resolved == "Kestrel Motors")
    }

    @Test("`the court` resolves to an organisation whose name goes on over `of`")
    func organizationNameOverOf() throws {
        let text = """
            Twelve states are challenging the rules before the U.S. Court of Appeals for the Ninth Circuit.

            The court said it would rule by March.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "rule by March")
        #expect(claim.speaker?.resolved == "U.S. Court of Appeals")
    }
}

extension ClaimsResolverKindsTests {
    @Test("`the national weather service` is not an organisation whose name lacks `national weather`")
    func roleNounModifiersMustMatch() throws {
        let text = """
            Crews from Linden Fire and Rescue Service fought the blaze overnight.

            The national weather service said winds would ease by Friday.
            """
        let claim = try ClaimsFixture.claim(try ClaimsFixture.claims(text), containing: "winds would ease")
        #expect(claim.speaker?.resolved == nil)
        #expect(claim.speaker?.resolution == .unresolved)
    }
}
