import Postgres

/// Per-partition accounting: every offset below the stored position must be an article sighting or an error.
public struct PartitionAccount: Sendable, Hashable {
    public var partition: Int32
    public var nextOffset: Int64?
    /// The first offset with any record (offsets below it were never consumed, e.g. removed by retention).
    public var firstOffset: Int64?
    public var sightings: Int64
    public var errors: Int64
    /// Offset ranges below `nextOffset` with neither a sighting nor an error, as inclusive pairs.
    public var gaps: [ClosedRange<Int64>]
    /// Offsets that have both a sighting and an error (should never happen).
    public var doubleCounted: Int64

    public var accounted: Int64 { sightings + errors }
    public var isComplete: Bool { gaps.isEmpty && doubleCounted == 0 }
}

extension ResultStore {
    public func account(group: String, topic: String) throws -> [PartitionAccount] {
        let rows = try connection.query(
            """
            WITH recorded AS (
                SELECT partition, "offset", 1 AS sighting, 0 AS error FROM article_sightings
                WHERE topic = \(topic) AND consumer_group = \(group)
                UNION ALL
                SELECT partition, "offset", 0, 1 FROM ingest_errors WHERE topic = \(topic) AND consumer_group = \(group)
            ), per_offset AS (
                SELECT r.partition, r."offset", sum(sighting) AS s, sum(error) AS e
                FROM recorded r JOIN consumer_offsets c
                  ON c.consumer_group = \(group) AND c.topic = \(topic) AND c.partition = r.partition
                WHERE r."offset" < c.next_offset
                GROUP BY r.partition, r."offset"
            )
            SELECT c.partition, c.next_offset,
                   (SELECT min("offset") FROM per_offset p WHERE p.partition = c.partition) AS first_offset,
                   (SELECT count(*) FROM per_offset p WHERE p.partition = c.partition AND s > 0) AS sightings,
                   (SELECT count(*) FROM per_offset p WHERE p.partition = c.partition AND e > 0 AND s = 0) AS errors,
                   (SELECT count(*) FROM per_offset p WHERE p.partition = c.partition AND s > 0 AND e > 0) AS doubled,
                   (SELECT coalesce(string_agg(g.lo || '-' || g.hi, ',' ORDER BY g.lo), '') FROM (
                        SELECT min(o) AS lo, max(o) AS hi FROM (
                            SELECT o, o - row_number() OVER (ORDER BY o) AS run
                            FROM generate_series(
                                coalesce((SELECT min("offset") FROM per_offset p WHERE p.partition = c.partition), 0),
                                c.next_offset - 1) AS o
                            WHERE NOT EXISTS (SELECT 1 FROM per_offset p WHERE p.partition = c.partition AND p."offset" = o)
                        ) missing GROUP BY run
                    ) g) AS gaps
            FROM consumer_offsets c
            WHERE c.consumer_group = \(group) AND c.topic = \(topic)
            ORDER BY c.partition
            """
        ).rows
        return try rows.map { row in
            let gapText: String = try row.decode("gaps")
            let gaps: [ClosedRange<Int64>] = gapText.split(separator: ",").compactMap { range in
                let bounds = range.split(separator: "-").compactMap { Int64($0) }
                return bounds.count == 2 ? bounds[0]...bounds[1] : nil
            }
            return PartitionAccount(
                partition: Int32(try row.decode("partition", as: Int.self)),
                nextOffset: try row.decode("next_offset"),
                firstOffset: try row.decode("first_offset"),
                sightings: try row.decode("sightings"),
                errors: try row.decode("errors"),
                gaps: gaps,
                doubleCounted: try row.decode("doubled")
            )
        }
    }

    /// Headline counts for `ingestctl status` and the quickstart summary.
    public func totals() throws -> [(String, Int64)] {
        var result: [(String, Int64)] = []
        for (label, table) in [
            ("articles", "articles"), ("sightings", "article_sightings"), ("dead letters", "ingest_errors"),
        ] {
            // Table names come from the fixed list above, never from input.
            let count = try connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table)")).rows
            result.append((label, try count[0].decode("n")))
        }
        let outlets = try connection.query("SELECT count(DISTINCT outlet) AS n FROM article_sightings").rows
        result.append(("outlets", try outlets[0].decode("n")))
        // Counts from later stages' views, when their migrations are applied; each view is read once (with 100,000
        // articles stored, one pass of claim_corroboration takes about 8 s).
        let views: [(view: String, counts: [(label: String, expression: String)])] = [
            ("story_articles", [("stories", "count(DISTINCT story_key)")]),
            (
                "claim_corroboration",
                [("claims", "count(*)"), ("claims carried by 2+ outlets", "count(*) FILTER (WHERE outlet_count >= 2)")]
            ),
        ]
        for (view, counts) in views {
            let exists = try connection.query("SELECT to_regclass(\(view)) IS NOT NULL AS present").rows
            guard try exists[0].decode("present", as: Bool.self) else { continue }
            // View names and expressions come from the fixed list above.
            let columns = counts.enumerated().map { index, count in "\(count.expression) AS n\(index)" }
            let row = try connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(columns.joined(separator: ", ")) FROM \(view)")
            ).rows[0]
            for (index, count) in counts.enumerated() { result.append((count.label, try row.decode("n\(index)"))) }
        }
        return result
    }
}
