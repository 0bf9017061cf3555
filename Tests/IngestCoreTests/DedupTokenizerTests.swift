import IngestCore
import Testing

@Suite struct DedupTokenizerTests {
    func tokens(_ text: String) -> [UInt64] {
        TokenizedBody(paragraphs: [text]).tokens
    }

    func sentenceCount(_ text: String) -> Int {
        TokenizedBody(paragraphs: [text]).sentenceEnds.count
    }

    @Test func caseQuotesAndApostrophesDoNotMatter() {
        #expect(tokens("Russia’s “Victory Day”") == tokens("russia's \"victory day\""))
        #expect(tokens("Russia’s") == tokens("Russias"))
        #expect(tokens("ÉLAN Café") == tokens("élan café"))
    }

    @Test func dottedAbbreviationsAndDigitGroupsJoin() {
        #expect(tokens("the U.S. and the U.N.") == tokens("the US and the UN"))
        #expect(tokens("1,000 troops") == tokens("1000 troops"))
        #expect(tokens("a, b") != tokens("ab"))
    }

    @Test func dashesAndPunctuationSeparate() {
        #expect(tokens("Cold War-era coalition") == tokens("cold war era coalition"))
        #expect(tokens("opening-up — finally…") == tokens("opening up finally"))
        #expect(tokens("war-era").count == 2)
    }

    @Test func sentenceSplitting() {
        #expect(sentenceCount("He arrived. She left.") == 2)
        #expect(sentenceCount("Mr. Putin met Gen. Smith on Jan. 5 in the capital.") == 1)
        #expect(sentenceCount("The U.S. Federal Reserve met. It held rates.") == 2)
        #expect(sentenceCount("“We will win,” he said. “Never,” she replied.") == 2)
        #expect(sentenceCount("It was “remarkable.” Then it ended.") == 2)
        #expect(sentenceCount("Why? Because. no capital here") == 2)
        #expect(sentenceCount("John F. Kennedy spoke.") == 1)
    }

    /// Dedup's sentences are the parser's: an initialism before a sentence starter ends one, an ellipsis inside a
    /// quote does not.
    @Test func sentencesAreTheParsersSentences() throws {
        #expect(sentenceCount("It voted with the U.S. But China abstained.") == 2)
        #expect(sentenceCount("He joined Acme Inc. The firm grew.") == 2)
        #expect(sentenceCount("“They apply to them… It’s the strangest stuff I have ever seen.”") == 1)
        let text =
            "He arrived in the U.S. on Monday. “We will win. We must,” he said. Mr. Kim left at 5 p.m. The talks ended."
        let article = try ParsingSupport.parse(text)
        #expect(sentenceCount(text) == article.bodySentences.count)
        #expect(article.bodySentences.count == 5)
    }

    @Test func paragraphsAreBoundaries() {
        let body = TokenizedBody(paragraphs: ["First paragraph without a stop", "Second one"])
        #expect(body.paragraphEnds == [5, 7])
        #expect(body.sentenceEnds == [5, 7])
    }
}
