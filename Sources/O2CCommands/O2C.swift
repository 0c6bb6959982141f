import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore

/// The `o2c` command line: order-to-cash and receivables, from signed IO to lettered cash.
public struct O2C: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "o2c",
        abstract: "OrderToCash: receivables books for an advertising company, from signed IO to cash lettered in the ledger.",
        discussion: """
            The database is a SQLite file (default ./o2c.sqlite, or $O2C_DATABASE) or a PostgreSQL server \
            named by a postgres:// URL. Every command that writes is one transaction: it lands whole or not at all.
            """,
        subcommands: [
            InitCommand.self, EntitiesCommand.self, AccountsCommand.self, CustomersCommand.self, IOCommand.self, UsersCommand.self,
            PolicyCommand.self, DeliveryCommand.self, InvoiceCommand.self, MakeGoodCommand.self, BankCommand.self, CashCommand.self, LetteringCommand.self, TaxCommand.self, FXCommand.self, LedgerCommand.self,
            PeriodCommand.self, ReportCommand.self, ExportCommand.self, AuditCommand.self, DemoCommand.self,
        ]
    )

    public init() {}
}

/// Runs `o2c` with these arguments and returns the exit status. Errors are printed as
/// `o2c: error: FILE:LINE: FIELD: MESSAGE`, with a non-zero status.
public enum O2CCLI {
    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try O2C.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as DomainError {
            Console.current.err("o2c: error: \(error)\n")
            return 1
        } catch let error as StoreError {
            Console.current.err("o2c: error: \(error)\n")
            return 1
        } catch let error as FileErrors {
            Console.current.err("o2c: error: \(error)\n")
            return 1
        } catch {
            let code = O2C.exitCode(for: error)
            if code == .success {
                Console.current.out(O2C.fullMessage(for: error) + "\n")  // --help, --version
                return 0
            }
            if error is ExitCode { return code.rawValue }  // already reported by the command
            if code == .validationFailure {
                Console.current.err(O2C.fullMessage(for: error) + "\n")  // a usage error, with the usage line
            } else {
                Console.current.err("o2c: error: \(String(describing: error))\n")
            }
            return code.rawValue == 0 ? 1 : code.rawValue
        }
    }
}

/// Parses an option's text with a domain parser, naming the option when it is wrong.
func parseOption<T>(_ option: String, _ body: () throws(DomainError) -> T) throws(DomainError) -> T {
    do { return try body() } catch {
        var error = error
        error.field = option
        throw error
    }
}
