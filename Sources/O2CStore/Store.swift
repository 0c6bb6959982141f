import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import O2CDomain

/// The one type that owns the database: it opens it, migrates it, and runs every business action
/// as one transaction. The same SQL runs on SQLite and PostgreSQL through SQLKit.
///
/// NB: a store holds one connection and runs one transaction at a time on it; several processes
/// (or several stores) write concurrently through the database's own locking — SQLite's single
/// writer (`BEGIN IMMEDIATE`), PostgreSQL's row locks.
public final class Store: Sendable {
    public let location: DatabaseLocation
    public let flavor: SQLFlavor
    let sql: any SQLDatabase
    private let lock = AsyncLock()
    private let closeConnection: @Sendable () async throws -> Void

    private init(location: DatabaseLocation, flavor: SQLFlavor, sql: any SQLDatabase, close: @escaping @Sendable () async throws -> Void) {
        self.location = location
        self.flavor = flavor
        self.sql = sql
        self.closeConnection = close
    }

    /// Opens the database and brings its schema up to date. With `create: false` a SQLite file
    /// that does not exist is an error rather than a new empty database.
    public static func open(_ location: DatabaseLocation, create: Bool = false, logger: Logger = Logger(label: "o2c.store")) async throws -> Store {
        let store: Store
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw StoreError("cannot open database '\(path)': folder '\(folder)' does not exist")
            }
            if !create && !FileManager.default.fileExists(atPath: path) {
                throw StoreError("no database at '\(path)': create one with `o2c init`, or name another with --database")
            }
            // NB: each connection gets a thread of its own. A writer waiting for SQLite's lock
            // blocks its thread; on a shared pool, two waiting writers could occupy every thread
            // and leave the lock holder none to commit with.
            let thread = NIOThreadPool(numberOfThreads: 1)
            thread.start()
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: thread, logger: logger,
                                                             on: MultiThreadedEventLoopGroup.singleton.any())
            } catch {
                try? await thread.shutdownGracefully()
                throw StoreError("cannot open database '\(path)': \(error)")
            }
            let sql = connection.sql(queryLogLevel: nil)
            store = Store(location: location, flavor: .sqlite, sql: sql, close: {
                try? await connection.close()
                try await thread.shutdownGracefully()
            })
            do {
                // WAL lets readers work beside the writer; foreign keys are off by default in SQLite.
                try await sql.raw("PRAGMA journal_mode = WAL").run()
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                try await sql.raw("PRAGMA synchronous = FULL").run()
                // A writer waits up to a minute for another one, then gets a clear error instead of
                // spinning for ever (this replaces sqlite-nio's retry-for-ever busy handler).
                try await sql.raw("PRAGMA busy_timeout = 60000").run()
                // 64 MiB of page cache: posting touches the ends of a few large indexes.
                try await sql.raw("PRAGMA cache_size = -65536").run()
            } catch {
                await store.close()
                throw StoreError("cannot open database '\(path)': \(error) — is it a SQLite file?")
            }
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do { configuration = try SQLPostgresConfiguration(url: url) } catch {
                throw StoreError("'\(location)' is not a valid PostgreSQL URL (expected postgres://user[:password]@host:port/database)")
            }
            let connection: PostgresConnection
            do {
                var core = configuration.coreConfiguration
                core.tls = .disable
                connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: core, id: 1, logger: logger
                ).get()
            } catch {
                throw StoreError("cannot connect to PostgreSQL at \(location): \(String(reflecting: error))")
            }
            let sql = connection.sql(queryLogLevel: nil)
            store = Store(location: location, flavor: .postgres, sql: sql, close: { try await connection.close() })
        }
        do {
            try await store.migrate()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    public func close() async {
        try? await closeConnection()
    }

    /// Runs `body` as one write transaction: everything it writes lands, or nothing does.
    public func write<T>(actor: String, _ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(begin: flavor == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN", actor: actor, body)
    }

    /// Runs `body` in a read transaction, so that a report sees one consistent state of the books.
    public func read<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(begin: flavor == .sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", actor: "reader", body)
    }

    private func transaction<T>(begin: SQLQueryString, actor: String, _ body: (Transaction) async throws -> T) async throws -> T {
        await lock.acquire()
        do {
            try await sql.raw(begin).run()
            let result = try await body(Transaction(sql: sql, flavor: flavor, actor: actor, timestamp: Transaction.now()))
            try await sql.raw("COMMIT").run()
            await lock.release()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            await lock.release()
            throw Store.explain(error)
        }
    }

    /// Business errors pass through; a database's own error becomes a `StoreError` that says
    /// what happened in words (PostgreSQL's errors otherwise print as a generic placeholder).
    static func explain(_ error: any Error) -> any Error {
        if error is DomainError || error is StoreError || error is CancellationError { return error }
        if let error = error as? PSQLError {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            switch error.serverInfo?[.sqlState] {
            case "23505": return StoreError("a concurrent change conflicted with this one: \(message)\(detail); nothing was written, run the command again")
            case "40001", "40P01": return StoreError("a concurrent change conflicted with this one (\(message)); nothing was written, run the command again")
            default: return StoreError("PostgreSQL: \(message)\(detail)")
            }
        }
        if let error = error as? SQLiteError {
            if [.busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot].contains(error.reason) {
                return StoreError("the database is busy: another o2c has been writing to it for over a minute; nothing was written")
            }
            return StoreError("SQLite: \(error.message)")
        }
        return error
    }

    /// Applies the migrations this database has not seen, each in its own transaction.
    /// Returns the versions applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        // Most opens find the schema current: check with a read, so that reports do not take the
        // write lock.
        let latest = Migration.all.map(\.version).max() ?? 0
        if let current = try? await read({ tx in
            try await tx.sql.raw("SELECT MAX(version) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int?.self)
        }), current == latest {
            return []
        }
        return try await write(actor: "system") { tx in
            // NB: two processes may open a fresh PostgreSQL database at once; the advisory lock
            // makes the second wait and then find the schema in place.
            if flavor == .postgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(7020711)").run() }
            try await tx.sql.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
                """).run()
            let applied = Set(try await tx.sql.raw("SELECT version FROM schema_migrations").all().map {
                try $0.decode(column: "version", as: Int.self)
            })
            if let newest = applied.max(), newest > (Migration.all.map(\.version).max() ?? 0) {
                throw StoreError("this database has schema version \(newest), newer than this o2c knows: upgrade o2c")
            }
            var done: [Int] = []
            for migration in Migration.all where !applied.contains(migration.version) {
                for statement in migration.sql(for: flavor) {
                    try await tx.sql.raw(SQLQueryString(statement)).run()
                }
                try await tx.sql.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: tx.timestamp))
                    """).run()
                done.append(migration.version)
            }
            return done
        }
    }

    /// Creates an empty database on the PostgreSQL server `serverURL` connects to: first set-up
    /// of a shared installation, and a fresh database per test.
    public static func createPostgresDatabase(serverURL: String, name: String, logger: Logger = Logger(label: "o2c.store")) async throws {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw StoreError("'\(name)' is not a plain database name")
        }
        var core = try SQLPostgresConfiguration(url: serverURL).coreConfiguration
        core.tls = .disable
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: core, id: 2, logger: logger).get()
        do {
            try await connection.sql(queryLogLevel: nil).raw("CREATE DATABASE \(unsafeRaw: name)").run()
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The schema version this build of o2c brings a database to.
    public static var latestSchemaVersion: Int { Migration.latest }

    /// The schema version of this database.
    public func schemaVersion() async throws -> Int {
        try await read { tx in
            try await tx.sql.raw("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int.self) ?? 0
        }
    }
}

/// One transaction: the SQL connection, who acts, and when. Repositories extend it.
public struct Transaction: Sendable {
    public let sql: any SQLDatabase
    public let flavor: SQLFlavor
    /// Who the audit trail names for what this transaction writes.
    public let actor: String
    /// When, in UTC ISO 8601.
    public let timestamp: String

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }

    /// Inserts a row and returns its new id.
    func insertReturningID(_ query: SQLQueryString) async throws -> Int64 {
        let row = try await sql.raw(query + " RETURNING id").first()
        guard let row else { throw StoreError("insert returned no id") }
        return try row.decode(column: "id", as: Int64.self)
    }
}
