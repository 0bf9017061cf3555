import Testing

@testable import IngestCore

/// Internal invariants of the claims stage that the public tests cannot see.
@Suite("Claims: internals")
struct ClaimsInternalTests {
    @Test("the literal word hashes equal WordHash.of")
    func wordHashLiterals() {
        #expect(W.and == WordHash.of("and"))
        #expect(W.his == WordHash.of("his"))
        #expect(W.her == WordHash.of("her"))
        #expect(W.their == WordHash.of("their"))
        #expect(W.its == WordHash.of("its"))
        #expect(W.but == WordHash.of("but"))
        #expect(W.of == WordHash.of("of"))
        #expect(W.for_ == WordHash.of("for"))
        #expect(W.with_ == WordHash.of("with"))
        #expect(W.at == WordHash.of("at"))
        #expect(W.from == WordHash.of("from"))
        #expect(W.by == WordHash.of("by"))
        #expect(W.to == WordHash.of("to"))
        #expect(W.a == WordHash.of("a"))
        #expect(W.an == WordHash.of("an"))
        #expect(W.the == WordHash.of("the"))
        #expect(W.who == WordHash.of("who"))
        #expect(W.that == WordHash.of("that"))
        #expect(W.as_ == WordHash.of("as"))
        #expect(W.per == WordHash.of("per"))
        #expect(W.according == WordHash.of("according"))
        #expect(W.on == WordHash.of("on"))
        #expect(W.in_ == WordHash.of("in"))
        #expect(W.it == WordHash.of("it"))
        #expect(W.was == WordHash.of("was"))
        #expect(W.were == WordHash.of("were"))
        #expect(W.is_ == WordHash.of("is"))
        #expect(W.are == WordHash.of("are"))
        #expect(W.been == WordHash.of("been"))
        #expect(W.being == WordHash.of("being"))
        #expect(W.quoted == WordHash.of("quoted"))
        #expect(W.cited == WordHash.of("cited"))
        #expect(W.news == WordHash.of("news"))
        #expect(W.agency == WordHash.of("agency"))
        #expect(W.media == WordHash.of("media"))
        #expect(W.last == WordHash.of("last"))
        #expect(W.this == WordHash.of("this"))
        #expect(W.next == WordHash.of("next"))
        #expect(W.late == WordHash.of("late"))
        #expect(W.early == WordHash.of("early"))
        #expect(W.than == WordHash.of("than"))
        #expect(W.more == WordHash.of("more"))
        #expect(W.less == WordHash.of("less"))
        #expect(W.pledged == WordHash.of("pledged"))
        #expect(W.said == WordHash.of("said"))
        #expect(W.via == WordHash.of("via"))
        #expect(W.interview == WordHash.of("interview"))
    }

    @Test("the lexicon answers for listed words and nothing for unknown ones")
    func lexiconLookup() {
        let lexicon = Lexicon.shared
        #expect(lexicon.lookup(WordHash.of("said")).contains(.speech))
        #expect(lexicon.lookup(WordHash.of("Said")).contains(.speech))
        #expect(lexicon.lookup(WordHash.of("denied")).contains(.denial))
        #expect(lexicon.lookup(WordHash.of("spokesman")).contains(.title))
        #expect(lexicon.lookup(WordHash.of("zzyzx")).isEmpty)
    }
}
