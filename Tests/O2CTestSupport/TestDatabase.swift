import Foundation
import O2CStore

/// The databases the one store suite runs on.
public enum Backend: String, CaseIterable, Sendable {
    case sqlite, postgres
}

/// A fresh, empty database for one test: a SQLite file in a new temporary folder, or a new
/// database on the PostgreSQL server named by `O2C_TEST_POSTGRES_URL`.
public struct TestDatabase: Sendable {
    public let location: DatabaseLocation
    public let folder: URL

    /// The PostgreSQL server the tests use, if any.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["O2C_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Returns nil (after printing why) when the backend is PostgreSQL and no server is given.
    public static func make(_ backend: Backend, test: String = #function) async throws -> TestDatabase? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o2c-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            return TestDatabase(location: .sqlite(path: folder.appendingPathComponent("books.sqlite").path), folder: folder)
        case .postgres:
            guard let server = postgresURL else {
                print("NOTICE: \(test) on PostgreSQL skipped: set O2C_TEST_POSTGRES_URL (scripts/test starts a server when PostgreSQL is installed)")
                return nil
            }
            let name = "o2c_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try await Store.createPostgresDatabase(serverURL: server, name: String(name))
            guard var components = URLComponents(string: server) else { return nil }
            components.path = "/" + name
            return TestDatabase(location: .postgres(url: components.string!), folder: folder)
        }
    }

    public func open() async throws -> Store {
        try await Store.open(location, create: true)
    }
}
