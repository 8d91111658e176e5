import Foundation
import QuizCore

/// A person who studies.
public struct Learner: Codable, Sendable, Hashable {
  /// The store's id.
  public var id: Int64
  /// The short name typed to choose the learner (`zhangsan`, `张三`).
  public var name: String
  /// The name shown on screen.
  public var displayName: String
  /// When the learner was created.
  public var createdAt: Date

  /// A learner as the store returns it.
  public init(id: Int64, name: String, displayName: String, createdAt: Date) {
    self.id = id
    self.name = name
    self.displayName = displayName
    self.createdAt = createdAt
  }

  /// The longest name accepted, in characters.
  public static let maximumNameLength = 40

  /// Why a typed name cannot be a learner's name.
  public enum NameProblem: Error, Sendable, Hashable {
    case empty
    case tooLong(limit: Int)
  }

  /// The name as it will be stored (control characters removed, spaces trimmed), or why it
  /// cannot be one. Every way of naming a learner (first start, `--learner`, `learner NAME`)
  /// goes through this, so the rules are the same everywhere.
  public static func validName(_ typed: String) -> Result<String, NameProblem> {
    // NFC, so that 'José' typed in either Unicode form is one learner in every store.
    let name = TextNormalizer.removingControlCharacters(typed).trimmingSpaces().precomposedStringWithCanonicalMapping
    if name.isEmpty { return .failure(.empty) }
    if name.count > maximumNameLength { return .failure(.tooLong(limit: maximumNameLength)) }
    return .success(name)
  }
}
