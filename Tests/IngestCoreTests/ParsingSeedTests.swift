import IngestCore
import Testing

/// What a careful reader extracts from each seed article, written by hand after reading it.
struct SeedExpectation: Sendable, CustomStringConvertible {
    var seed: String
    var title: String?
    var dateline: (place: String, date: String?, agency: String?)?
    var publishedDate: String?
    var highlights: Int
    /// Reason and the first words of each removed piece, in text order.
    var removed: [(RemovalReason, String)]
    var paragraphs: Int
    var bodySentences: Int
    var agencies: [String]
    /// Sentences identified by their first and last words: each must be exactly one body sentence.
    var sentences: [(start: String, end: String)]

    var description: String { "seed \(seed)" }
}

@Suite struct ParsingSeedTests {
    static let expectations: [SeedExpectation] = [
        SeedExpectation(
            seed: "000",
            title: nil,
            dateline: nil,
            publishedDate: "2023-07-27",
            highlights: 0,
            removed: [(.datePrefix, "date 2023-07-27")],
            paragraphs: 20,
            bodySentences: 22,
            agencies: ["KCNA", "Yonhap"],
            sentences: [
                // The date prefix is glued to the first sentence.
                ("Russia\u{2019}s Defence minister accompanied", "pledged to boost ties."),
                ("The nuclear-capable missiles were banned under UN", "Chinese support."),
                ("But this week, they provided", "Cold War-era coalition."),
                ("The Russian minister, Sergey Shoigu,", "as \u{201C}Victory Day\u{201D}."),
                // The last paragraph has no final period.
                ("South Korea\u{2019}s foreign ministry noted", "help the North return to dialogue"),
            ]
        ),
        SeedExpectation(
            seed: "001",
            title: nil,
            dateline: nil,
            publishedDate: nil,
            highlights: 6,
            removed: [(.agencyTrailer, "(With inputs from agencies)")],
            paragraphs: 15,
            bodySentences: 21,
            agencies: ["KCNA"],
            sentences: [
                // U.N. and U.S. inside one sentence.
                ("The nuclear-capable missiles were banned under U.N. Security Council", "Cold War-era coalition."),
                // An ellipsis and `Mr.` mid-quote; the quote's second sentence keeps the attribution.
                ("\u{201C}It\u{2019}s been no secret \u{2026} Mr. Putin is reaching out", "his war in Ukraine."),
                ("And that includes, we know,", "the DPRK,\u{201D} he said."),
                // The closing quote belongs to the sentence it closes.
                ("State media photographs showed Kim at a large flashy", "resist U.S. aggressors.\u{201D}"),
                ("Shoigu is making the first visit", "fall of the Soviet Union."),
                ("For North Korea, the arrival", "COVID-19 pandemic."),
            ]
        ),
        SeedExpectation(
            seed: "002",
            title: nil,
            dateline: nil,
            publishedDate: "2023-07-27",
            highlights: 0,
            removed: [(.datePrefix, "date 2023-07-27")],
            paragraphs: 13,
            bodySentences: 17,
            agencies: [],
            sentences: [
                ("Sergey Shoigu, accompanied Kim Jong Un", "defence exhibition."),
                // `...,” North Korean media said.` stays with its quote.
                ("\u{201C}[Kim] expressed his views", "peace,\u{201D} North Korean media said."),
                // `U.S.-based` and a quote ending the sentence with `”.`.
                ("\u{201C}We\u{2019}ve come a long way", "calling the tour \u{201C}remarkable\u{201D}."),
                // En dashes inside the quote, attribution after `,”`.
                ("\u{201C}The personal tour for Shoigu \u{2013} and", "modernisation,\u{201D} he said."),
                ("\u{201C}It\u{2019}s been no secret \u{2026} Mr Putin", "his war in Ukraine."),
                // The article ends without a period.
                ("\u{201C}It may signify that", "said Artyom Lukin"),
            ]
        ),
        SeedExpectation(
            seed: "003",
            title: "North Korea's Kim shows off banned missiles to Russian minister",
            dateline: ("SEOUL", "July 27", "Reuters"),
            // The dateline's July 27 with the year of the caption's full date.
            publishedDate: "2023-07-27",
            highlights: 0,
            removed: [
                (.dateline, "SEOUL, July 27 (Reuters) -"),
                (.caption, "[1/12]North Korean leader Kim Jong Un"),
                (.photoCredit, "KCNA via REUTERS"),
                (.boilerplate, "Acquire Licensing Rights"),
            ],
            paragraphs: 27,
            bodySentences: 29,
            agencies: ["Reuters", "KCNA", "RIA", "Yonhap"],
            sentences: [
                ("Russia's defence minister accompanied", "state media reported on Thursday."),
                // Two `U.N.` and a closing `."`.
                ("In New York, U.N. spokesperson", "uphold Security Council resolutions.\""),
                ("North Korean media said Kim Jong Un \"expressed", "international justice and peace.\""),
                ("\"Russia's support for these unlawful weapons programs", "security,\" Patel said."),
                ("U.S.-based satellite radar firm Umbra", "Kim Il Sung Square."),
                ("He said Shoigu's willingness", "nuclear modernization.\""),
                ("Another image showed", "a new drone."),
            ]
        ),
        SeedExpectation(
            seed: "004",
            title: nil,
            dateline: nil,
            publishedDate: nil,
            highlights: 0,
            removed: [],
            paragraphs: 9,
            bodySentences: 14,
            agencies: ["Reuters"],
            sentences: [
                // Mixed straight and curly quotes: `"Victory Day”.`
                ("Russian Defence Minister Sergei Shoigu", "as \"Victory Day\u{201D}."),
                ("The anniversary events come", "retaliatory weapons tests."),
                // A double period ends the sentence and stays with it.
                ("The visit is considered to be a show", "as per Reuters.."),
                ("\"(Kim) expressed his views", "reported Reuters."),
                ("The visit by Li's delegation", "Democratic People's Republic of Korea."),
            ]
        ),
    ]

    @Test(arguments: expectations)
    func seedMatchesTable(_ expected: SeedExpectation) throws {
        let article = try ParsingSupport.parse(try ParsingSupport.seed(expected.seed))
        #expect(ParsingSupport.spanProblems(article) == [])
        #expect(article.title?.text == expected.title)
        if let dateline = expected.dateline {
            let found = try #require(article.dateline)
            #expect(found.place == dateline.place)
            #expect(found.date == dateline.date)
            #expect(found.agency == dateline.agency)
        } else {
            #expect(article.dateline == nil)
        }
        #expect(article.publishedDate == expected.publishedDate)
        #expect(article.highlights.count == expected.highlights)
        #expect(article.removed.count == expected.removed.count)
        for (item, (reason, start)) in zip(article.removed, expected.removed) {
            #expect(item.reason == reason)
            #expect(item.text.hasPrefix(start), "removed \(item.text.prefix(40)) should start with \(start)")
        }
        #expect(article.paragraphs.count == expected.paragraphs)
        #expect(article.bodySentences.count == expected.bodySentences)
        #expect(article.agencies == expected.agencies)
        #expect(article.language.code == "en")
        #expect(article.language.isEnglish)
        for (start, end) in expected.sentences {
            let sentence = article.sentence(startingWith: start)
            #expect(sentence != nil, "no sentence starts with \(start)")
            #expect(sentence?.text.hasSuffix(end) == true, "sentence \(start)... should end with \(end)")
        }
        // Debris never reaches the body or the normalised text.
        for item in article.removed {
            #expect(!article.paragraphs.contains { $0.text.contains(item.text) })
        }
    }

    @Test func seed001Highlights() throws {
        let article = try ParsingSupport.parse(try ParsingSupport.seed("001"))
        let texts = article.highlights.map(\.text)
        // The bullet marker is outside the span.
        #expect(texts.first == "North Korea marks the 70th year of \u{2018}Victory Day")
        #expect(texts.contains { $0.hasPrefix("Mr. Putin is reaching out") && $0.hasSuffix("Ukraine- US") })
        #expect(texts.last == "North Korea and Russia deny they have conducted arms transactions.")
        // Highlight sentences are kept apart from the body with paragraph -1, one per highlight here.
        #expect(article.sentences.filter { $0.paragraph == -1 }.count == 6)
    }

    @Test func seed003CaptionIsNotInTheBody() throws {
        let article = try ParsingSupport.parse(try ParsingSupport.seed("003"))
        #expect(!article.sentences.contains { $0.text.contains("[1/12]") })
        #expect(!article.normalizedText.contains("licensing"))
        #expect(!article.normalizedText.contains("kcna via reuters"))
        #expect(article.normalizedText.hasPrefix("russia's defence minister accompanied"))
        #expect(article.headline == article.title?.text)
    }

    @Test func seed004DoublePeriodEndsParagraphSentence() throws {
        let article = try ParsingSupport.parse(try ParsingSupport.seed("004"))
        let sentence = try #require(article.sentence(startingWith: "The visit is considered"))
        #expect(sentence.paragraph == 0)
        let next = try #require(article.bodySentences.first { $0.span.start > sentence.span.end })
        #expect(next.text.hasPrefix("Shoigu is making the first visit"))
        #expect(next.paragraph == 1)
    }

    @Test func seedsNormaliseTypography() throws {
        // 000 uses curly quotes, 003 straight ones: both normalise to ASCII.
        let curly = try ParsingSupport.parse(try ParsingSupport.seed("000"))
        #expect(curly.normalizedText.contains("russia's defence minister"))
        #expect(curly.normalizedText.contains("as \"victory day\"."))
        #expect(!curly.normalizedText.unicodeScalars.contains { $0.value > 0x7F })
        #expect(!curly.normalizedText.contains("  "))
        #expect(!curly.normalizedText.contains("\n"))
    }
}
