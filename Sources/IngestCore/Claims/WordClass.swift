/// Word categories for the rule-based claim extractor, as bits so one dictionary lookup per token answers all.
struct WordClass: OptionSet, Sendable, Hashable {
    let rawValue: UInt64

    /// Finite speech verbs that take a clause or a quote: `said`, `told`, `noted`.
    static var speech: WordClass { WordClass(rawValue: 1 << 0) }
    /// Verbs that are attributions only before `that`: `found`, `believes`, `showed`.
    static var thatOnly: WordClass { WordClass(rawValue: 1 << 1) }
    /// `saying`, `adding`: the speaker is the subject of the main clause.
    static var participle: WordClass { WordClass(rawValue: 1 << 2) }
    /// `deny`, `denied`, `rejected`.
    static var denial: WordClass { WordClass(rawValue: 1 << 3) }
    /// Verbs whose hearer comes before the content: `told reporters that`.
    static var takesObject: WordClass { WordClass(rawValue: 1 << 4) }
    /// `read`, `reads`: a cue only with a document or `it` as subject.
    static var readCue: WordClass { WordClass(rawValue: 1 << 5) }
    /// `quoted`, `reported`, `cited` in passive reports.
    static var passiveVerb: WordClass { WordClass(rawValue: 1 << 6) }
    /// Auxiliaries and adverbs that sit between a subject and its cue.
    static var aux: WordClass { WordClass(rawValue: 1 << 7) }
    static var negation: WordClass { WordClass(rawValue: 1 << 8) }
    static var determiner: WordClass { WordClass(rawValue: 1 << 9) }
    static var pronounMale: WordClass { WordClass(rawValue: 1 << 10) }
    static var pronounFemale: WordClass { WordClass(rawValue: 1 << 11) }
    static var pronounPlural: WordClass { WordClass(rawValue: 1 << 12) }
    static var pronounIt: WordClass { WordClass(rawValue: 1 << 13) }
    static var pronounFirst: WordClass { WordClass(rawValue: 1 << 14) }
    static var relative: WordClass { WordClass(rawValue: 1 << 15) }
    /// Conjunctions and subordinators that end a noun phrase scan.
    static var conjunction: WordClass { WordClass(rawValue: 1 << 16) }
    static var preposition: WordClass { WordClass(rawValue: 1 << 17) }
    /// Titles and role nouns that come before a name: `President`, `spokesman`, `Mr`.
    static var title: WordClass { WordClass(rawValue: 1 << 18) }
    static var honorificMale: WordClass { WordClass(rawValue: 1 << 19) }
    static var honorificFemale: WordClass { WordClass(rawValue: 1 << 20) }
    /// Generic nouns that can be speakers: `analysts`, `officials`, `sources`.
    static var sourceNoun: WordClass { WordClass(rawValue: 1 << 21) }
    static var orgWord: WordClass { WordClass(rawValue: 1 << 22) }
    static var mediaWord: WordClass { WordClass(rawValue: 1 << 23) }
    static var mediaName: WordClass { WordClass(rawValue: 1 << 24) }
    static var documentWord: WordClass { WordClass(rawValue: 1 << 25) }
    static var place: WordClass { WordClass(rawValue: 1 << 26) }
    static var nationality: WordClass { WordClass(rawValue: 1 << 27) }
    static var day: WordClass { WordClass(rawValue: 1 << 28) }
    static var month: WordClass { WordClass(rawValue: 1 << 29) }
    static var timeWord: WordClass { WordClass(rawValue: 1 << 30) }
    static var firstNameMale: WordClass { WordClass(rawValue: 1 << 31) }
    static var firstNameFemale: WordClass { WordClass(rawValue: 1 << 32) }
    static var stopword: WordClass { WordClass(rawValue: 1 << 33) }
    static var superlative: WordClass { WordClass(rawValue: 1 << 34) }
    static var quantity: WordClass { WordClass(rawValue: 1 << 35) }
    static var hedge: WordClass { WordClass(rawValue: 1 << 36) }
    static var placeSuffix: WordClass { WordClass(rawValue: 1 << 37) }
    /// Abbreviations whose period does not end a sentence.
    static var abbreviation: WordClass { WordClass(rawValue: 1 << 38) }
    /// Name particles allowed inside a capitalised run: `bin`, `de`, `van`.
    static var nameParticle: WordClass { WordClass(rawValue: 1 << 39) }
    /// Plural generic sources (`analysts`), for `they`.
    static var pluralNoun: WordClass { WordClass(rawValue: 1 << 40) }
    /// `according` (to), `per`: introduces a reporting source.
    static var according: WordClass { WordClass(rawValue: 1 << 41) }
    /// Common verbs that end a backwards noun phrase scan.
    static var verb: WordClass { WordClass(rawValue: 1 << 42) }
    /// `as` in `quoted as saying`.
    static var asWord: WordClass { WordClass(rawValue: 1 << 43) }
    /// Capitalised words that are never part of a person's name: `The`, `Victory`, `Day`.
    static var notName: WordClass { WordClass(rawValue: 1 << 44) }
    /// Words that open a trailing clause after an attribution: `referring`, `calling`.
    static var trailingParticiple: WordClass { WordClass(rawValue: 1 << 45) }
    /// Cue forms that are also plural nouns: `claims`, `reports`, `remarks`.
    static var nounVerb: WordClass { WordClass(rawValue: 1 << 46) }
    /// Strong speech verbs, for which a plain noun phrase is speaker enough: `the senators said`.
    static var strongSpeech: WordClass { WordClass(rawValue: 1 << 47) }
    /// `called X "deplorables"`: an attribution only when the content quotes someone.
    static var needsQuote: WordClass { WordClass(rawValue: 1 << 48) }
    /// Paragraph labels that are not speakers: `UPDATE:`, `CLARIFICATION:`.
    static var notLabel: WordClass { WordClass(rawValue: 1 << 49) }
    /// `of`, `for`, `at`, `from`: prepositions that attach an affiliation to a name.
    static var attachPreposition: WordClass { WordClass(rawValue: 1 << 50) }
    static var numberWord: WordClass { WordClass(rawValue: 1 << 51) }
    static var britishSpelling: WordClass { WordClass(rawValue: 1 << 52) }
    /// Verbs of intending and wanting whose content is a `to` clause: `vowed to`, `wants to`, `urged X to`.
    static var intent: WordClass { WordClass(rawValue: 1 << 53) }
    /// Verbs of stance whose content is their object: `criticized X`, `called for X`, `is promising X`.
    static var objectCue: WordClass { WordClass(rawValue: 1 << 54) }
    /// `called`, `calls`: `called for X`, `called on X to`, `called X "a disaster"`.
    static var callVerb: WordClass { WordClass(rawValue: 1 << 55) }
    /// Verbs of talking and worrying whose content is the topic after `about`, `of`, `on`, `against`, `over`:
    /// `spoke about X`, `warned against X`, `complained about X`.
    static var topicVerb: WordClass { WordClass(rawValue: 1 << 56) }
    /// Businesses referred to by kind: `the company`, `the firm`, `the railway`; they stand for the last-named
    /// organisation.
    static var companyNoun: WordClass { WordClass(rawValue: 1 << 57) }
    /// `shows`, `found`: with a document as subject (`a new poll shows Clinton ahead`), the object is its finding.
    static var evidenceVerb: WordClass { WordClass(rawValue: 1 << 58) }
    /// `Says`, `Said` in a title-case headline: `Senator Says Plan Will Fail`.
    static var headlineCue: WordClass { WordClass(rawValue: 1 << 59) }
    /// `continued`, `went on`: a cue only before a colon (`Limbaugh continued: "..."`).
    static var colonCue: WordClass { WordClass(rawValue: 1 << 60) }
    /// Units named with a number that belongs to the name: `UFCW Local 832`, `Engine Company 7`.
    static var numberedUnit: WordClass { WordClass(rawValue: 1 << 61) }
    /// Documents that report findings: `In the latest poll, Clinton leads ...`.
    static var findingDocument: WordClass { WordClass(rawValue: 1 << 62) }

    static var cue: WordClass { [.speech, .thatOnly, .participle, .denial, .readCue, .passiveVerb, .needsQuote] }
    static var pronoun: WordClass { [.pronounMale, .pronounFemale, .pronounPlural, .pronounIt, .pronounFirst] }
}
