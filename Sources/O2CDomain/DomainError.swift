import Foundation

/// A rule of the books or of an input was broken. `field` names what was wrong (a JSON path, a CSV
/// column, an option), `location` where it was found (file and line) when there is one.
public struct DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var location: String?

    public init(field: String, _ message: String, location: String? = nil) {
        self.field = field
        self.message = message
        self.location = location
    }

    /// The same error, found at `location` (e.g. `entry.json:14`).
    public func at(_ location: String) -> DomainError {
        var copy = self
        copy.location = location
        return copy
    }

    /// The same error, under a parent field (`lines[2]` + `debit` → `lines[2].debit`).
    public func within(_ parent: String) -> DomainError {
        guard !parent.isEmpty else { return self }
        var copy = self
        copy.field = field.isEmpty ? parent : (field.hasPrefix("[") ? parent + field : parent + "." + field)
        return copy
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        let name = field.isEmpty ? "" : "\(field): "
        return place + name + message
    }
}
