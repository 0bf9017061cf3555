import Foundation
import IngestCore
import IngestStore
import Postgres
import Testing

/// duplicate_edges' references to articles are checked per statement (Migrations/0021): no row lock on the articles
/// an edge names, and what the foreign keys guaranteed still holds, also against an article deleted while a linker
/// writes an edge to it.
@Suite(.serialized) struct EdgeReferenceTests {
    /// One step run on a thread of its own (its connection used by that thread only), for the test to watch it wait
    /// on a lock and then release it.
    final class OnThread: @unchecked Sendable {
        // @unchecked: `step` runs on the thread only; `error` is read after `join()`.
        private let step: () throws -> Void
        private let done = DispatchSemaphore(value: 0)
        private(set) var error: (any Error)?

        init(_ step: @escaping () throws -> Void) {
            self.step = step
            Thread { [self] in
                defer { done.signal() }
                do { try self.step() } catch { self.error = error }
            }.start()
        }

        func join() { done.wait() }
    }

    /// A stored article and its trimmed copy, both committed and waiting for story linking (not linked).
    static func pair(_ label: String) throws -> (db: SeedClaims, original: Int64, copy: Int64) {
        var db = try SeedClaims(label)
        _ = try db.commit([try Pipeline().process(TestEnvironment.article(1))], link: false)
        _ = try db.commit([try Pipeline().process(TestEnvironment.trimmedCopy(of: 1))], link: false)
        let ids = try db.rows("SELECT article_id FROM articles ORDER BY article_id").map {
            try $0.decode("article_id", as: Int64.self)
        }
        try #require(ids.count == 2)
        return (db, ids[0], ids[1])
    }

    static let edges: PostgresQuery = "SELECT count(*) FROM duplicate_edges"

    /// Deletes `article` with the rows that name it without a cascade, in one READ COMMITTED transaction.
    static func delete(_ article: Int64, on connection: PostgresConnection) throws {
        try connection.transaction {
            try connection.query("DELETE FROM article_sightings WHERE article_id = \(article)")
            try connection.query("DELETE FROM articles WHERE article_id = \(article)")
        }
    }

    static func isForeignKeyViolation(_ error: any Error) -> Bool { (error as? PostgresError)?.sqlState == "23503" }

    /// The foreign keys locked both articles of every edge row `FOR KEY SHARE`, which writes the lock into the old
    /// article's heap tuple (its xmax) and logs the page: linking now leaves the stored article's tuple as it was.
    @Test func linkingWritesEdgesWithoutLockingTheirArticles() throws {
        let (db, original, _) = try Self.pair("edgerefs")
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'duplicate_edges'::regclass"
            ) == 0
        )
        // The batch that stored it locked it itself (the keys of its own sightings and members): its xmax names that
        // committed batch. A lock by the linker would replace it with the linker's transaction.
        let locker: PostgresQuery = "SELECT xmax::text::int8 FROM articles WHERE article_id = \(original)"
        let before = try TestEnvironment.scalar(db.connection, locker)
        while try db.store.linkPendingStories(limit: 100) > 0 {}
        #expect(try TestEnvironment.scalar(db.connection, Self.edges) == 1)
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM story_articles") == 2)
        #expect(try TestEnvironment.scalar(db.connection, locker) == before)
    }

    /// An edge naming an article that does not exist is refused with 23503, as the keys refused it, at every
    /// isolation level; deleting an article deletes its edges (both sides), as ON DELETE CASCADE did.
    @Test func edgesNameStoredArticlesAndGoWithThem() throws {
        let (seeded, original, copy) = try Self.pair("edgerefdelete")
        var db = seeded
        let connection = db.connection
        for isolation in ["READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"] {
            #expect(throws: (any Error).self) {
                do {
                    try connection.transaction {
                        try connection.execute(script: "SET TRANSACTION ISOLATION LEVEL \(isolation)")
                        try connection.query(
                            """
                            INSERT INTO duplicate_edges (article_a, article_b, kind, score, estimated_jaccard,
                                                         containment, shared_sentences, same_story)
                            VALUES (\(copy), \(copy + 1000), 'related', 0.5, 0.5, 0.5, 1, false)
                            """
                        )
                    }
                } catch {
                    #expect(Self.isForeignKeyViolation(error), "\(isolation): \(error)")
                    throw error
                }
            }
        }
        while try db.store.linkPendingStories(limit: 100) > 0 {}
        try #require(try TestEnvironment.scalar(connection, Self.edges) == 1)
        // The edge's high side, then (after relinking a new copy) its low side.
        try Self.delete(copy, on: connection)
        #expect(try TestEnvironment.scalar(connection, Self.edges) == 0)
        _ = try db.commit([try Pipeline().process(TestEnvironment.trimmedCopy(of: 1, outlet: "Other Desk"))])
        while try db.store.linkPendingStories(limit: 100) > 0 {}
        try #require(try TestEnvironment.scalar(connection, Self.edges) == 1)
        try Self.delete(original, on: connection)
        #expect(try TestEnvironment.scalar(connection, Self.edges) == 0)
    }

    /// pg_dump's output empties the search path before it loads rows: the checks still find their tables, so a dump
    /// of a NewsIngest database loads (the benchmark's COPY limit does exactly that) and deletes still work.
    @Test func theChecksRunWithAnEmptySearchPath() throws {
        let (db, original, copy) = try Self.pair("edgerefpath")
        let connection = db.connection
        try connection.transaction {
            try connection.execute(script: "SET LOCAL search_path = ''")
            try connection.query(
                """
                INSERT INTO public.duplicate_edges (article_a, article_b, kind, score, estimated_jaccard,
                                                    containment, shared_sentences, same_story)
                VALUES (\(original), \(copy), 'reprint', 0.9, 0.9, 0.9, 5, true)
                """
            )
            try connection.query("DELETE FROM public.article_sightings WHERE article_id = \(copy)")
            try connection.query("DELETE FROM public.articles WHERE article_id = \(copy)")
        }
        #expect(try TestEnvironment.scalar(connection, Self.edges) == 0)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == 1)
    }

    /// A snapshot older than the edges written while its delete waited would leave them: such deletes are refused.
    @Test func articlesAreDeletedInReadCommittedTransactionsOnly() throws {
        let (db, original, _) = try Self.pair("edgerefisolation")
        while try db.store.linkPendingStories(limit: 100) > 0 {}
        let connection = db.connection
        #expect(
            performing: {
                try connection.transaction {
                    try connection.execute(script: "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    try connection.query("DELETE FROM article_sightings WHERE article_id = \(original)")
                    try connection.query("DELETE FROM articles WHERE article_id = \(original)")
                }
            },
            throws: { ($0 as? PostgresError)?.sqlState == "0A000" }
        )
        #expect(try TestEnvironment.scalar(connection, Self.edges) == 1)
    }

    /// A delete that starts while a linker's transaction holds an edge to its article waits for that transaction
    /// (nothing else makes it wait here), then deletes the edge: no edge outlives its article.
    @Test func aDeleteWaitsForUncommittedEdgesAndDeletesThem() throws {
        let (db, original, copy) = try Self.pair("edgerefwait")
        let linker = db.connection
        let deleter = try TestEnvironment.connect(linker.settings.url)
        let pid = try TestEnvironment.scalar(deleter, "SELECT pg_backend_pid()")
        var delete: OnThread?
        var sawWait = false
        try linker.transaction {
            try linker.query(
                """
                INSERT INTO duplicate_edges (article_a, article_b, kind, score, estimated_jaccard, containment,
                                             shared_sentences, same_story)
                VALUES (\(original), \(copy), 'reprint', 0.9, 0.9, 0.9, 5, true)
                """
            )
            delete = OnThread { try Self.delete(original, on: deleter) }
            sawWait = try TestEnvironment.waitsOnALock(pid: pid, watcher: linker)
        }
        let deleted = try #require(delete)
        deleted.join()
        #expect(sawWait)
        #expect(deleted.error == nil)
        #expect(try TestEnvironment.scalar(linker, Self.edges) == 0)
        #expect(try TestEnvironment.scalar(linker, "SELECT count(*) FROM articles") == 1)
    }

    /// A linker writing an edge to an article whose delete has not committed waits for it, then fails with 23503 as
    /// the keys made it fail (the worker runs the step again); the step run again writes no edge to it.
    @Test func anEdgeToAnArticleBeingDeletedIsRefused() throws {
        let (db, original, copy) = try Self.pair("edgereflinker")
        // The delete is open (its lock on duplicate_edges taken): the linker still sees the original's postings and
        // fingerprints, judges the pair, and meets the delete when it writes the edge.
        let deleter = try TestEnvironment.connect(db.connection.settings.url)
        try deleter.execute(script: "BEGIN")
        try deleter.query("DELETE FROM article_sightings WHERE article_id = \(original)")
        try deleter.query("DELETE FROM articles WHERE article_id = \(original)")
        let linkerPid = try TestEnvironment.scalar(db.connection, "SELECT pg_backend_pid()")
        let store = db.store
        let link = OnThread { _ = try store.linkPendingStories(limit: 100) }
        let watcher = try TestEnvironment.connect(db.connection.settings.url)
        let sawWait = try TestEnvironment.waitsOnALock(pid: linkerPid, watcher: watcher)
        try deleter.execute(script: "COMMIT")
        link.join()
        #expect(sawWait)
        #expect(link.error.map(Self.isForeignKeyViolation) == true, "\(String(describing: link.error))")
        #expect(try TestEnvironment.scalar(watcher, Self.edges) == 0)
        #expect(try db.store.linkPendingStories(limit: 100) == 1)
        #expect(try TestEnvironment.scalar(watcher, Self.edges) == 0)
        #expect(try TestEnvironment.scalar(watcher, "SELECT count(*) FROM story_articles") == 1)
        #expect(try TestEnvironment.scalar(watcher, "SELECT min(article_id) FROM articles") == copy)
    }
}
