/// What the attribution rules read: the article's document and the claims taken so far (through the merger).
/// Rules are non-mutating functions of it that return ``RuleFinding``s; only ``ClaimScanner`` changes it, by
/// handing findings to the resolver and the merger.
struct RuleContext: DocumentReading {
    let doc: ClaimDocument
    var merger: ClaimMerger
}
