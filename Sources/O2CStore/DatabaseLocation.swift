import Foundation
import O2CDomain

/// Where the books live: an embedded SQLite file (the default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Reads `--database`: a `postgres://` (or `postgresql://`) URL selects PostgreSQL, anything
    /// else is a SQLite file path.
    public init(_ text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url):
            // NB: never print a password.
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}

/// The SQL dialects the one code path runs on.
public enum SQLFlavor: String, Sendable {
    case sqlite, postgres
}

/// A failure of the store that is not a broken business rule: the database cannot be opened, a
/// migration is missing, a record is not there.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
