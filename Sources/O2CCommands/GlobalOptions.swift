import ArgumentParser
import Foundation
import O2CDomain
import O2CStore
import O2CUseCases

/// Where the books are and who acts: options every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite file or postgres:// URL (default: $O2C_DATABASE, else ./o2c.sqlite).", valueName: "path-or-url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Who acts, for the audit trail (default: $O2C_USER, else $USER).", valueName: "name"))
    var user: String?

    var location: DatabaseLocation {
        DatabaseLocation(database ?? ProcessInfo.processInfo.environment["O2C_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "o2c.sqlite")
    }

    var actor: String {
        let env = ProcessInfo.processInfo.environment
        return user ?? env["O2C_USER"] ?? env["USER"] ?? "unknown"
    }

    /// Opens the books for a command, runs it, and closes the database whatever happens.
    func withBooks<T>(create: Bool = false, _ body: (Books) async throws -> T) async throws -> T {
        let store = try await Store.open(location, create: create)
        do {
            let result = try await body(Books(store: store, actor: actor))
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

/// The database options plus the entity a command works on.
struct GlobalOptions: ParsableArguments {
    @OptionGroup var connection: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Entity code to work on (needed when the database holds several).", valueName: "code"))
    var entity: String?

    var location: DatabaseLocation { connection.location }

    func withBooks<T>(create: Bool = false, _ body: (Books) async throws -> T) async throws -> T {
        try await connection.withBooks(create: create, body)
    }
}

/// `--format table|csv|json`.
struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: OutputFormat = .table
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}


/// Reads a file named on the command line; a file that cannot be read is an error naming it.
func readInputFile(_ path: String, option: String = "FILE") throws(DomainError) -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw DomainError(field: option, "cannot read '\(path)': \((error as NSError).localizedDescription)")
    }
}

/// Writes a command's output file whole (atomically), or says why it cannot.
func writeOutputFile(_ text: String, to path: String, option: String = "--output") throws(DomainError) {
    do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        throw DomainError(field: option, "cannot write '\(path)': \((error as NSError).localizedDescription)")
    }
}
