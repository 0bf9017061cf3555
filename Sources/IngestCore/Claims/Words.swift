/// Hashes of single words the rules test for, as literals (`WordHash.of`, checked by a test) so that hot loops
/// do not pay a lazy-initialisation check on every use.
enum W {
    static let and: UInt64 = 0xe6f79719051ff286  // and
    static let but: UInt64 = 0x00611e19135a72cc  // but
    static let of: UInt64 = 0x08b06007b5567108  // of
    static let for_: UInt64 = 0xdcb27818fed9da90  // for
    static let with_: UInt64 = 0xa66b06f655a0c2e9  // with
    static let at: UInt64 = 0x089c4e07b545a968  // at
    static let from: UInt64 = 0x7f845078d7a5c0b5  // from
    static let by: UInt64 = 0x08a64b07b54df8d4  // by
    static let to: UInt64 = 0x08c83907b56ac0a4  // to
    static let a: UInt64 = 0xaf63dc4c8601ec8c  // a
    static let an: UInt64 = 0x089c3807b5458406  // an
    static let the: UInt64 = 0x56f5c9194461d57c  // the
    static let who: UInt64 = 0x5ec5fc194891690f  // who
    static let that: UInt64 = 0x256cadef3232570c  // that
    static let as_: UInt64 = 0x089c5507b545b54d  // as
    static let per: UInt64 = 0x77bc7219566a8ee4  // per
    static let according: UInt64 = 0x22069a7dca739b67  // according
    static let on: UInt64 = 0x08b05807b5566370  // on
    static let in_: UInt64 = 0x08b73807b55c4bbe  // in
    static let it: UInt64 = 0x08b73e07b55c55f0  // it
    static let was: UInt64 = 0x5eade819487cb532  // was
    static let were: UInt64 = 0x3db3f1f61a19018c  // were
    static let is_: UInt64 = 0x08b74507b55c61d5  // is
    static let are: UInt64 = 0xe756c8190570da4d  // are
    static let been: UInt64 = 0x75f4589b951ab7c3  // been
    static let being: UInt64 = 0xac85085e70d64908  // being
    static let quoted: UInt64 = 0xc290386092499bc9  // quoted
    static let cited: UInt64 = 0x97227b7c8b9414ee  // cited
    static let news: UInt64 = 0xe5495bbaa03a6526  // news
    static let agency: UInt64 = 0xb68441f6e71ef822  // agency
    static let media: UInt64 = 0xb333b8c7b846af83  // media
    static let last: UInt64 = 0x0456d2ad905847d9  // last
    static let this: UInt64 = 0x2587bcef32493841  // this
    static let next: UInt64 = 0xe5316cbaa025f028  // next
    static let late: UInt64 = 0x044cf1ad90502801  // late
    static let early: UInt64 = 0x7f3359536a80d41c  // early
    static let than: UInt64 = 0x256cc7ef3232833a  // than
    static let more: UInt64 = 0x0d1be7a2c400c080  // more
    static let less: UInt64 = 0x24dc7fada2297118  // less
    static let pledged: UInt64 = 0xcce60bdddc351e5c  // pledged
    static let said: UInt64 = 0x096e4d18bf89481c  // said
    static let via: UInt64 = 0x68e8f7194eba5d73  // via
    static let interview: UInt64 = 0x064a29379f7662b4  // interview
}
