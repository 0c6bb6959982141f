import Foundation

/// Where commands write. The executable writes to the terminal; tests capture into a buffer by
/// running a command inside `Console.$current.withValue(...)`.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private var capturedOut = ""
    private var capturedErr = ""
    private let capturing: Bool

    public init(capturing: Bool) { self.capturing = capturing }

    @TaskLocal public static var current = Console(capturing: false)

    public func out(_ text: String) {
        if capturing { lock.withLock { capturedOut += text } } else { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    public func err(_ text: String) {
        if capturing { lock.withLock { capturedErr += text } } else { FileHandle.standardError.write(Data(text.utf8)) }
    }

    public var standardOutput: String { lock.withLock { capturedOut } }
    public var standardError: String { lock.withLock { capturedErr } }
}

/// Prints a line to standard output of the current console.
func say(_ text: String = "") { Console.current.out(text + "\n") }
