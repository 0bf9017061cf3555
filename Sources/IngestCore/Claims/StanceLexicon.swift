/// More verbs and nouns of stance, kept apart from ``Lexicon``'s own lists: verbs that report what a source does
/// towards a proposition or a topic (PolNeAR's cues of the "other" kind: `chastised`, `is encouraging`, `lobbied
/// for`, `spoke out against`), with their base and `-ing` forms, and the nouns for a holder of a view (`a supporter
/// of`). ``Lexicon`` compiles them into its one table, so a lookup costs nothing more.
extension Lexicon {
    static let stanceWords: [(words: String, classes: WordClass)] = [
        // Verbs of evaluating, urging and presenting: the object is what the subject holds or says.
        (
            """
            attack blast slam chastise chastises chastised chastising discuss discusses discussed discussing \
            encourage encourages encouraged encouraging implore implores implored imploring accusing blame cite \
            mock mocks tout question dismiss dismissing welcome applaud applauds applauding denounce denouncing \
            ridicule ridicules ridiculing lambaste lambastes lambasting decry deplore deplores deploring fault \
            faulting rebuke rebukes rebuking scold scolding chide chides chiding deride derides deriding assail \
            assailing disparage disparages disparaging berate berating belittle belittling championing advocate \
            advocating highlight invoke invoking mention compare compares comparing liken likening \
            characterize characterizing portray portrays portrayed portraying depict depicts depicted depicting \
            downplay downplays downplayed downplaying lament laments lamenting bemoan bemoaning commend commending \
            hail hailing laud lauds lauding salute saluted saluting congratulate congratulating thank thanking \
            reprimand reprimanded reprimanding admonish admonishes admonished admonishing censured censuring \
            denigrate denigrates denigrated denigrating vilify vilifying castigate castigating excoriate \
            excoriating insulting taunted taunting grilled grilling pressured pressuring lobbied lobbying \
            recommend recommending requested requesting unveil outline outlined outlining summarize summarizing \
            recount recounts recounting underscore underscores underscored underscoring emphasize emphasizes \
            emphasized emphasizing reiterate reiterates reiterated reiterating embrace embracing celebrate \
            celebrating backing favor favoring repudiate repudiating disavow disavowing renounce renouncing
            """,
            .objectCue
        ),
        // Those forms that are nouns too: not a verb after a determiner or an adjective (`the attack on`).
        (
            """
            attack blast slam question welcome fault highlight mention outline salute reprimand champion \
            advocate favor lament
            """,
            .nounVerb
        ),
        // `..., encouraging his supporters to ...`: after a comma, the subject of the sentence holds the stance.
        (
            """
            encouraging attacking questioning praising condemning slamming blasting touting promoting mocking \
            dismissing defending endorsing demanding comparing referencing highlighting welcoming denouncing \
            lamenting invoking mentioning chastising imploring reiterating
            """,
            .participle
        ),
        // Verbs of talking, worrying and advocating whose content is their topic (`about`, `of`, `on`, `against`,
        // `over`; `for` with the advocating ones, ``StanceWords/advocating``).
        (
            """
            complain joke jokes joking brag brags bragging boast boasts boasting rant ranted ranting railing \
            lectures lecturing mused musing wondered wondering worrying fret frets fretted fretting apologize \
            apologizes apologized apologizing testify testifies testifying cautions cautioning warn \
            lobby lobbies lobbied lobbying pushed pushes pushing pressed presses pressing fought fights fighting \
            campaigned campaigns campaigning argue arguing pleaded pleads pleading appealed appeals appealing \
            voted votes voting rallied rallies rallying clamored clamoring weighed weighs weighing lashed \
            lashing doubled doubling made make makes making raised raises raising expressed expresses \
            expressing voiced voicing sounded issued issuing drew leveled levelled launched gave giving
            """,
            .topicVerb
        ),
        // Verbs of seeing a thing as something (``StanceWords/viewing``): a stance only with `as` after the object.
        ("see sees saw view views viewed regard regards consider considers considered", .topicVerb),
        ("view views", .nounVerb),
        // Rulings and ratings: `the court ruled that`, `ruled against the state`, `PolitiFact rated the claim`.
        ("ruled", [.thatOnly, .topicVerb]),
        ("rules ruling", .nounVerb),
        ("rated upheld overturned overruled offered unleashed", .objectCue),
        // `decided against charges`, `knew about the plan`.
        ("decided decides", .topicVerb),
        ("know knows knew", .topicVerb),
        // `pointed out that ...`, `pointed to ...` (``StanceWords/pointing``).
        ("point pointed pointing", .topicVerb),
        ("points", [.topicVerb, .nounVerb]),
        // Acts of lawmakers, governments and publishers on a measure or a text: `the council imposed a curfew`,
        // `she sponsored the bill`, `the paper published his returns`.
        (
            """
            sponsored sponsors signed enacted enacts imposed imposes lifted authorized abolished vetoed vetoes \
            approved approves published publishes documented
            """,
            .objectCue
        ),
        // Preferences in polls: `44 percent would back Trump`, `5 percent prefer Johnson`.
        ("back choose chooses chose prefer prefers", .objectCue),
        ("back", .nounVerb),
        // `voted to accept the offer`: a decision's content is its `to` clause.
        ("voted votes voting", .intent),
        // Holders of a view after `be`: `is a staunch opponent of`, `has been a supporter of`.
        (
            """
            supporter supporters opponent opponents critic critics proponent proponents advocate advocates \
            champion champions defender defenders backer backers foe foes skeptic skeptics sceptic sceptics \
            believer believers admirer admirers detractor detractors
            """,
            .attitude
        ),
    ]
}

/// Hashes of the grammar words around the verbs of ``Lexicon/stanceWords``.
enum StanceWords {
    /// Verbs of advocating, whose topic may follow `for`: `lobbied for`, `pushed for`, `voted for`.
    static let advocating: WordSet = hashes(
        """
        lobby lobbies lobbied lobbying pushed pushes pushing pressed presses pressing fought fights fighting \
        campaigned campaigns campaigning argue argues argued arguing pleaded pleads pleading appealed appeals \
        appealing voted votes voting rallied rallies rallying clamored clamoring advocated advocating
        """
    )
    /// Verbs of seeing something as something: `critics see the program as a loophole`.
    static let viewing: WordSet = hashes(
        "see sees saw view views viewed regard regards regarded consider considers considered"
    )
    /// Verbs that take a noun of stance as their object: `made a strong condemnation of`, `raised questions about`.
    static let lightVerbs: WordSet = hashes(
        """
        made make makes making raised raises raising expressed expresses expressing voiced voices voicing \
        sounded sounds issued issues issuing drew draws leveled levelled levels launched launches gave gives giving
        """
    )
    /// Nouns of stance after a light verb.
    static let stanceNouns: WordSet = hashes(
        """
        criticism criticisms condemnation concern concerns question questions doubt doubts objection objections \
        support opposition call calls case secret determination attack attacks complaint complaints warning \
        warnings praise apology pledge promise commitment appeal plea demand demands threat threats reference \
        references accusation accusations allegation allegations charge charges argument arguments defense \
        defence endorsement rebuke
        """
    )
    /// `point out`, `point to`: a verb of showing whose content follows its particle.
    static let pointing: WordSet = hashes("point points pointed pointing")
    /// Words after `as` that make a comparison: `as much as`, `as well as`, `as soon as`.
    static let comparing: WordSet = hashes("much many well long soon far if though")
    /// `percent`: a share of those polled speaks for them (`5 percent prefer ...`).
    static let percent: WordSet = hashes("percent")
    /// Adverbs that may stand between a comma and a participle: `, even suggesting`.
    static let focusAdverbs: WordSet = hashes("even again")
    /// Particles of phrasal verbs before their topic: `spoke out against`, `weighed in on`, `doubled down on`.
    static let particles: WordSet = hashes("out in down up back")
    /// Subject pronouns: a subject wherever they stand (`In an interview with RT he blasted ...`).
    static let subjectPronouns: WordSet = hashes("he she they we")
    /// Nouns of ``Lexicon/stanceWords`` that name a holder of a view, not an attitude adjective.
    static let holders: WordSet = hashes(
        """
        supporter supporters opponent opponents critic critics proponent proponents advocate advocates \
        champion champions defender defenders backer backers foe foes skeptic skeptics sceptic sceptics \
        believer believers admirer admirers detractor detractors
        """
    )
    /// Words that may stand between `be` and a holder noun: `a`, `an`, `the`, `one`.
    static let articles: WordSet = hashes("a an the one")

    private static func hashes(_ words: String) -> WordSet {
        WordSet(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { WordHash.of(String($0)) })
    }
}
