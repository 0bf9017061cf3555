import Postgres

extension ResultStore {
    /// The public views and the columns left out of their checksums: surrogate ids and consumption times differ
    /// between runs that produce the same results (1 vs 4 workers, a replay), so they are not part of "the same".
    public static let publicViews: [(name: String, excluded: [String])] = [
        ("article_summary", ["article_id"]),
        ("dead_letters", ["worker", "consumer_group", "created_at", "retried_at", "dlq_partition", "dlq_offset"]),
        // Claims: keyed by fingerprints and content hashes, no surrogate ids exposed.
        ("claim_corroboration", []),
        ("claims_by_story", []),
        ("quotes_by_speaker", []),
        ("quote_variants", []),
        // Speakers (0015): keyed by name, described by their earliest sighting.
        ("speaker_profiles", []),
        // Stories: story_key is the order-independent id; surrogate ids are left out.
        ("story_articles", ["article_id", "story_id", "earliest_article"]),
        ("duplicate_pairs", ["article_a", "article_b", "created_at"]),
        // Sightings (0006): messages are named by topic, partition and offset, the same in every run.
        ("sightings", ["article_id", "earliest_article_id", "consumed_at", "consumer_group"]),
    ]

    /// An order-independent MD5 per public view, over every row as JSON minus the excluded columns.
    public func viewChecksums() throws -> [String: String] {
        var result: [String: String] = [:]
        for (name, excluded) in Self.publicViews {
            // View and column names come from the fixed list above; nothing here comes from input.
            let strip = excluded.map { " - '\($0)'" }.joined()
            let row = try connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT count(*) AS n,
                               coalesce(md5(string_agg(j, E'\\n' ORDER BY j)), md5('')) AS digest
                        FROM (SELECT (to_jsonb(v)\(strip))::text AS j FROM \(name) v) rows
                        """
                )
            ).rows[0]
            result[name] = "\(row["n"] ?? "0"):\(row["digest"] ?? "")"
        }
        return result
    }
}
