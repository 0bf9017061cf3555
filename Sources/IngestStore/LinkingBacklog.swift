import Postgres

/// Articles and claims committed but not yet linked into stories and variant groups (the queues the worker drains
/// after each batch). A backlog that keeps growing means linking cannot keep up.
public struct LinkingBacklog: Sendable, Equatable {
    public var stories: Int64
    public var claims: Int64

    /// Nothing left to link.
    public var isEmpty: Bool { stories == 0 && claims == 0 }

    /// Claims are counted once however often they are queued (Migrations/0017).
    public static func read(_ connection: PostgresConnection) throws -> LinkingBacklog {
        let row = try connection.query(
            """
            SELECT (SELECT count(*) FROM dedup_pending) AS stories,
                   (SELECT count(DISTINCT claim_id) FROM claim_link_pending) AS claims
            """
        ).rows.first
        return LinkingBacklog(
            stories: try row?.decode("stories", as: Int64.self) ?? 0,
            claims: try row?.decode("claims", as: Int64.self) ?? 0
        )
    }
}
