import IngestCore
import Testing

/// Sentence boundaries that naive splitters get wrong, each checked through the public parser.
@Suite struct ParsingSentenceTests {
    private func sentences(_ text: String) throws -> [String] {
        let article = try ParsingSupport.parse(text)
        #expect(ParsingSupport.spanProblems(article) == [])
        return article.bodySentences.map(\.text)
    }

    @Test(arguments: [
        // Titles and abbreviations before names.
        ("Mr. Putin met Dr. Kim and Gen. Lee. They talked.", ["Mr. Putin met Dr. Kim and Gen. Lee.", "They talked."]),
        // Initialisms before capitalised words do not end the sentence; before a sentence starter they do.
        (
            "The U.N. Security Council met. It voted with the U.S. But China abstained.",
            ["The U.N. Security Council met.", "It voted with the U.S.", "But China abstained."]
        ),
        // Initials.
        (
            "Spokesman John J. Kirby said so. He left.",
            ["Spokesman John J. Kirby said so.", "He left."]
        ),
        // Decimals, money and percentages.
        (
            "Revenue rose 2.5% to $3.5 billion. Shares fell 1.2 points.",
            ["Revenue rose 2.5% to $3.5 billion.", "Shares fell 1.2 points."]
        ),
        // A month abbreviation before a day.
        (
            "The talks start on Jul. 27 in Seoul. Officials agreed.",
            ["The talks start on Jul. 27 in Seoul.", "Officials agreed."]
        ),
        // Company suffixes: final before `The`, not before a title.
        (
            "He joined Acme Inc. The firm grew. Acme Inc. Chief Executive Jo Doe said so.",
            ["He joined Acme Inc.", "The firm grew.", "Acme Inc. Chief Executive Jo Doe said so."]
        ),
        // Quotes: `..." he said.` and `...," she said.` keep the attribution; `."` closes the sentence.
        (
            "\"We will win.\" he said. \"We must,\" she said. \"It is over.\" The crowd left.",
            ["\"We will win.\" he said.", "\"We must,\" she said.", "\"It is over.\"", "The crowd left."]
        ),
        (
            "\u{201C}It is over.\u{201D} The crowd left.",
            ["\u{201C}It is over.\u{201D}", "The crowd left."]
        ),
        // Question and exclamation marks inside quotes.
        (
            "\"Why now?\" asked Patel. \"Never!\" Lee said.",
            ["\"Why now?\" asked Patel.", "\"Never!\" Lee said."]
        ),
        // Ellipses mid-sentence, before a name or a lower-case word.
        (
            "It was no secret \u{2026} Mr. Putin needs arms... and more. Next came talks.",
            ["It was no secret \u{2026} Mr. Putin needs arms... and more.", "Next came talks."]
        ),
        // Parenthesised sentence.
        ("He left (as planned.) Then she spoke.", ["He left (as planned.)", "Then she spoke."]),
        // a.m. and p.m. before a lower-case word.
        ("At 5 p.m. local time the parade began.", ["At 5 p.m. local time the parade began."]),
        // e.g. never ends a sentence.
        ("Some weapons, e.g. Drones, were shown.", ["Some weapons, e.g. Drones, were shown."]),
        // A quote of several sentences: each is a sentence (claims join them; see TextLayerTests).
        (
            "\u{201C}We will win. We must,\u{201D} he said. Then he left.",
            ["\u{201C}We will win.", "We must,\u{201D} he said.", "Then he left."]
        ),
        // After a closed quote, a speech verb followed by a lower-case word, or by a comma and a quote, starts the
        // next sentence rather than attributing the quote.
        (
            "\"It is over.\" He said that talks failed. \"It ended.\" Lee asked, \"Why now?\"",
            ["\"It is over.\"", "He said that talks failed.", "\"It ended.\"", "Lee asked, \"Why now?\""]
        ),
        // An ellipsis that opens the next words marks an elision; one inside a quote joins its passages.
        (
            "\u{201C}It worries them. \u{2026} Democrats too. They fear it\u{2026} It is strange.\u{201D} He left.",
            [
                "\u{201C}It worries them. \u{2026} Democrats too.", "They fear it\u{2026} It is strange.\u{201D}",
                "He left.",
            ]
        ),
        // A zero-width space is no space: the closing quote stays with its sentence.
        (
            "\u{201C}They expect it.\u{200B}\u{201D} (Next came talks.)",
            ["\u{201C}They expect it.\u{200B}\u{201D}", "(Next came talks.)"]
        ),
        // Dotted abbreviations after a hyphen are one token: `(D-N.C.)` ends no sentence.
        ("Rep. G.K. Butterfield (D-N.C.) said so. He left.", ["Rep. G.K. Butterfield (D-N.C.) said so.", "He left."]),
        // A line ending in a dash and a name (a quote's attribution) ends a sentence when the next line opens a quote.
        (
            "Voters spoke after the count.\n\n\u{201C}This is the end of everything we knew here.\u{201D} \u{2015} Ana Diaz\n\u{201C}We lost.\u{201D} \u{2015} Li Wei",
            [
                "Voters spoke after the count.", "\u{201C}This is the end of everything we knew here.\u{201D}",
                "\u{2015} Ana Diaz",
                "\u{201C}We lost.\u{201D}", "\u{2015} Li Wei",
            ]
        ),
        // CJK full stops split without spaces.
        ("北朝鮮は発表した。ロシアも参加した。", ["北朝鮮は発表した。", "ロシアも参加した。"]),
    ])
    func boundaries(text: String, expected: [String]) throws {
        #expect(try sentences(text) == expected)
    }

    @Test func headlineLineWithoutPeriodIsTitleNotBody() throws {
        let article = try ParsingSupport.parse(
            "Kim shows off missiles to Shoigu\n\nSEOUL (Reuters) - Kim showed missiles."
        )
        #expect(article.title?.text == "Kim shows off missiles to Shoigu")
        #expect(article.sentences.first?.paragraph == -1)
        #expect(article.bodySentences.map(\.text) == ["Kim showed missiles."])
        #expect(article.dateline?.place == "SEOUL")
        #expect(article.dateline?.date == nil)
        #expect(article.agencies == ["Reuters"])
    }

    @Test func wrappedLinesJoinIntoOneParagraph() throws {
        let text = """
            The Russian defence minister accompanied the North Korean leader to
            an exhibition of banned missiles on Wednesday. Analysts were surprised.

            A second paragraph follows here.
            """
        let article = try ParsingSupport.parse(text)
        #expect(article.paragraphs.count == 2)
        #expect(article.bodySentences.count == 3)
        #expect(article.bodySentences[0].text.contains("leader to\nan exhibition"))
        #expect(article.normalizedText.contains("leader to an exhibition"))
    }

    @Test func crlfAndSingleNewlineParagraphs() throws {
        let article = try ParsingSupport.parse("First paragraph here.\r\nSecond one.\r\n\r\nThird.")
        #expect(article.paragraphs.map(\.text) == ["First paragraph here.", "Second one.", "Third."])
        #expect(ParsingSupport.spanProblems(article) == [])
    }

    @Test func bylineAndTrailerAreRemoved() throws {
        let text = """
            Kim shows off missiles

            By Hyonhee Shin and Josh Smith

            SEOUL, July 27 (Reuters) - Kim showed missiles to Shoigu.

            Advertisement

            Read more: North Korea's parade

            (Reporting by Hyonhee Shin; Editing by Someone Else)
            """
        let article = try ParsingSupport.parse(text)
        #expect(article.byline == "Hyonhee Shin and Josh Smith")
        #expect(article.paragraphs.map(\.text) == ["Kim showed missiles to Shoigu."])
        #expect(article.removed.map(\.reason) == [.boilerplate, .dateline, .boilerplate, .boilerplate, .agencyTrailer])
        #expect(ParsingSupport.spanProblems(article) == [])
    }

    @Test func reporterFromTrailerWhenNoByline() throws {
        let article = try ParsingSupport.parse("Kim showed missiles.\n(Reporting by Hyonhee Shin; Editing by Ed)")
        #expect(article.byline == "Hyonhee Shin")
        #expect(article.removed.first?.reason == .agencyTrailer)
    }
}
