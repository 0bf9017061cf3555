import Foundation
import Testing

@testable import IngestCore

/// Bad input, JSON article objects, envelope overrides, language, normalisation and the analysis report.
@Suite struct ParsingInputTests {
    // MARK: Bad input

    @Test(arguments: ["", "   ", "\n\n\t \r\n", "\u{A0}\u{2003}\u{3000}\u{FEFF}"])
    func emptyBodies(body: String) {
        #expect(ParsingSupport.parseError(body) == .empty)
        #expect(ParsingSupport.parseError(body, .html) == .empty)
    }

    @Test func binaryBodies() {
        #expect(ParsingSupport.parseError("PK\u{3}\u{4}\u{0}\u{0}header") == .binary)
        let controls = String(repeating: "\u{1}\u{2}\u{1B}ab\u{7F}", count: 40)
        #expect(ParsingSupport.parseError(controls) == .binary)
        // A few stray controls in real text are tolerated.
        #expect(ParsingSupport.parseError("Kim \u{7}showed missiles to Shoigu on Thursday in Pyongyang.") == nil)
    }

    @Test func tooLarge() {
        #expect(ParsingSupport.parseError("Twelve bytes", maxBodyBytes: 11) == .tooLarge(bytes: 12, limit: 11))
        #expect(ParsingSupport.parseError("Twelve bytes", maxBodyBytes: 12) == nil)
    }

    @Test(arguments: [
        "<html><head><title>Page</title><script>var x = 1;</script></head><body></body></html>",
        "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"share\">Share</div></body></html>",
        "<html><body><img src=\"a.png\"><script>document.write('hello')</script></body></html>",
    ])
    func htmlWithoutText(page: String) {
        #expect(ParsingSupport.parseError(page, .html) == .noExtractableText)
    }

    @Test(arguments: [
        ("not json at all", "body", "is not valid JSON"),
        ("[1, 2]", "body", "must be a JSON article object"),
        ("{\"title\": \"Kim\"}", "body", "missing article text: expected a string in one of body, text, content"),
        ("{\"body\": 5}", "body", "must be a string"),
        ("{\"text\": [\"a\"]}", "text", "must be a string"),
        ("{\"body\": \"Text.\", \"title\": 3}", "title", "must be a string"),
        ("{\"body\": \"Text.\", \"url\": false}", "url", "must be a string"),
        ("{\"body\": \"Text.\", \"published_at\": true}", "published_at", "must be a date string or a Unix time"),
        (
            "{\"body\": \"Text.\", \"author\": 7}", "author",
            "must be a string, an object with a name, or a list of them"
        ),
        ("{\"body\": \"Text.\", \"source\": {\"id\": 1}}", "source", "must be a string or an object with a name"),
    ])
    func malformedJSONArticles(body: String, field: String, reason: String) {
        #expect(ParsingSupport.parseError(body, .json) == .malformedEnvelope(field: field, reason: reason))
    }

    @Test func emptyJSONArticleText() {
        #expect(ParsingSupport.parseError("{\"body\": \"  \"}", .json) == .empty)
    }

    // MARK: JSON articles and overrides

    @Test func jsonArticleFields() throws {
        let body = "SEOUL, July 27 (Reuters) - Kim showed missiles. Shoigu watched."
        let object: [String: Any] = [
            "title": "Kim shows off missiles",
            "url": "https://example.com/kim",
            "source": ["id": "reuters", "name": "Reuters"],
            "published_at": "2023-07-27T08:00:00Z",
            "author": [["name": "Hyonhee Shin"], ["name": "Josh Smith"]],
            "body": body,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let article = try ParsingSupport.parse(json, .json)
        // The text is the article's body string, so offsets point into it.
        #expect(article.text == body)
        #expect(article.contentType == .json)
        #expect(article.headline == "Kim shows off missiles")
        #expect(article.title == nil)
        #expect(article.url == "https://example.com/kim")
        #expect(article.siteName == "Reuters")
        #expect(article.byline == "Hyonhee Shin, Josh Smith")
        #expect(article.publishedDate == "2023-07-27")
        #expect(article.dateline?.place == "SEOUL")
        #expect(article.bodySentences.map(\.text) == ["Kim showed missiles.", "Shoigu watched."])
        #expect(ParsingSupport.spanProblems(article) == [])
    }

    @Test func jsonArticleWithUnixTimeAndHTMLBody() throws {
        let json = """
            {"headline": "Parade", "date": 1690416000, "content": "<p>Kim watched the parade.</p><p>It was late.</p>"}
            """
        let article = try ParsingSupport.parse(json, .json)
        #expect(article.publishedDate == "2023-07-27")
        #expect(article.paragraphs.map(\.text) == ["Kim watched the parade.", "It was late."])
        #expect(article.title?.text == "Parade")
        #expect(ParsingSupport.spanProblems(article) == [])
    }

    @Test func envelopeOverridesBody() throws {
        let article = try ParsingSupport.parse(
            " date 2023-07-27 Kim showed missiles.",
            title: "  Envelope title ",
            publishedAt: "Thu, 28 Jul 2023 09:00:00 GMT"
        )
        #expect(article.headline == "Envelope title")
        #expect(article.publishedDate == "2023-07-28")
        #expect(article.removed.map(\.reason) == [.datePrefix])
    }

    @Test func envelopeTitleMarksMatchingFirstLine() throws {
        let article = try ParsingSupport.parse(
            "Kim shows off missiles.\nKim showed missiles to Shoigu.",
            title: "KIM SHOWS OFF MISSILES."
        )
        #expect(article.title?.text == "Kim shows off missiles.")
        #expect(article.paragraphs.map(\.text) == ["Kim showed missiles to Shoigu."])
    }

    // MARK: Dates

    @Test(arguments: [
        ("2023-07-27", "2023-07-27"),
        ("2023-07-27T23:59:00+09:00", "2023-07-27"),
        ("2023/7/27", "2023-07-27"),
        ("July 27, 2023", "2023-07-27"),
        ("Jul. 27 2023 8:00 AM", "2023-07-27"),
        ("27 July 2023", "2023-07-27"),
        ("Thu, 27 Jul 2023 08:00:00 GMT", "2023-07-27"),
        ("27/07/2023", "2023-07-27"),
        ("2024-02-29", "2024-02-29"),
    ])
    func datesRead(text: String, iso: String) {
        #expect(DateParsing.isoDate(text) == iso)
    }

    @Test(arguments: ["2023-02-30", "03/04/2023", "yesterday", "July 2023", "2023-13-01", ""])
    func datesRefused(text: String) {
        #expect(DateParsing.isoDate(text) == nil)
    }

    // MARK: Language

    @Test(arguments: [
        (
            "de",
            "Der russische Verteidigungsminister hat am Mittwoch die Ausstellung besucht. Er wurde von dem Machthaber begleitet, und die Raketen sind nicht erlaubt, wie es in den Resolutionen heißt."
        ),
        (
            "fr",
            "Le ministre russe de la Défense a visité une exposition avec le dirigeant nord-coréen. Les missiles sont interdits par les résolutions du Conseil de sécurité, et la visite est un signe pour les deux pays."
        ),
        (
            "es",
            "El ministro ruso de Defensa visitó una exposición con el líder norcoreano. Los misiles están prohibidos por las resoluciones del Consejo de Seguridad, y la visita fue un gesto para los dos países."
        ),
        (
            "ru",
            "Министр обороны России посетил выставку вооружений вместе с лидером Северной Кореи. Ракеты запрещены резолюциями Совета Безопасности ООН."
        ),
        ("zh", "俄罗斯国防部长与朝鲜领导人一起参观了武器展览。这些导弹被联合国安理会决议禁止。两国承诺加强关系。"),
        ("ja", "ロシアの国防相は北朝鮮の指導者と一緒に兵器の展示会を訪れた。これらのミサイルは安保理決議で禁止されている。"),
        ("ko", "러시아 국방장관이 북한 지도자와 함께 무기 전시회를 방문했다. 이 미사일들은 유엔 안보리 결의로 금지되어 있다."),
        (
            "ar",
            "زار وزير الدفاع الروسي معرضا للأسلحة مع زعيم كوريا الشمالية. هذه الصواريخ محظورة بموجب قرارات مجلس الأمن."
        ),
    ])
    func nonEnglishIsFlaggedAndKept(code: String, text: String) throws {
        let article = try ParsingSupport.parse(text)
        #expect(article.language.code == code)
        #expect(!article.language.isEnglish)
        #expect(article.language.confidence > 0.3)
        // Not mangled: the text is untouched and every sentence slices back exactly.
        #expect(article.text == text)
        #expect(ParsingSupport.spanProblems(article) == [])
        #expect(article.bodySentences.count >= 2)
    }

    @Test func shortTextIsUndetermined() throws {
        let article = try ParsingSupport.parse("Kim smiled.")
        #expect(article.language.code == "und")
        #expect(article.language.isEnglish)
    }

    // MARK: Normalisation

    @Test func normalisationFoldsTypographyWhitespaceAndCase() throws {
        let article = try ParsingSupport.parse(
            "\u{201C}Hello\u{201D} \u{2014} \u{2018}World\u{2019}\u{2026}   TEST\u{A0}ÉCOLE"
        )
        #expect(article.normalizedText == "\"hello\" - 'world'... test école")
    }

    @Test func normalisationAppliesCompatibilityForms() throws {
        let composed = try ParsingSupport.parse("Caf\u{E9} \u{FB01}nance \u{FF28}\u{FF49} Zo\u{EB}.")
        let decomposed = try ParsingSupport.parse("Cafe\u{301} finance Hi Zoe\u{308}.")
        #expect(composed.normalizedText == "caf\u{E9} finance hi zo\u{EB}.")
        #expect(composed.normalizedText == decomposed.normalizedText)
    }

    @Test func captionDoesNotChangeNormalisedText() throws {
        let plain = "Kim showed missiles to Shoigu.\n\nThe parade followed at night."
        let withDebris = """
            Kim showed missiles to Shoigu.

            [1/12]Kim Jong Un attends a performance.  KCNA via REUTERS  Acquire Licensing Rights

            The parade followed at night.

            (With inputs from agencies)
            """
        let first = try ParsingSupport.parse(plain)
        let second = try ParsingSupport.parse(withDebris)
        #expect(first.normalizedText == second.normalizedText)
        let pipeline = Pipeline()
        #expect(
            try pipeline.process(ParsingSupport.envelope(plain)).fingerprints.contentHash
                == pipeline.process(ParsingSupport.envelope(withDebris)).fingerprints.contentHash
        )
        #expect(second.removed.map(\.reason) == [.caption, .photoCredit, .boilerplate, .agencyTrailer])
    }
}
