import IngestCore

/// A pair with a known relation.
struct LabelledPair {
    var a: Int
    var b: Int
    var truth: DedupRelation
    var kind: String
}
