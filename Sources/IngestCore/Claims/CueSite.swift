/// Where a verb of saying stands: its span with auxiliaries, the verb itself, its sentence and its polarity.
struct CueSite {
    let cue: Range<Int>
    let token: Int
    let sentence: SentenceRange
    let polarity: Polarity
}
