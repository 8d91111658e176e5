import Foundation
import QuizCore
import QuizTrust

/// A results bundle: what an offline PC carries to the organisation database (`admin
/// export-results`, `admin import-results`). Its answers, the attempts that are final with
/// their signed events and grades, its certificates, and its whole audit log, sealed by the
/// organisation key.
///
/// The file is two lines of JSON: the seal (a `Signed<ResultBundleSeal>`), a newline, and the
/// contents. The seal signs the SHA-256 of the contents' exact bytes, so any edit to the
/// contents, the seal or its signature is found before anything is read.
public struct ResultBundle: Sendable {
  public let seal: Signed<ResultBundleSeal>
  public let contents: ResultBundleContents
  /// The `sha256:` digest of the contents' bytes (what the seal signs).
  public let digest: String

  /// The file's bytes: the contents sealed by `organisation`.
  public static func write(_ contents: ResultBundleContents, signedBy organisation: OrganisationKey) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let body = (try? encoder.encode(contents)) ?? Data()
    let seal = ResultBundleSeal(
      source: contents.source, name: contents.name, exportedAt: Ledger.milliseconds(contents.exportedAt),
      contents: Digest.sha256(bytes: body), entries: contents.log.count,
      head: contents.log.last?.hash ?? AuditEntry.genesisHash
    ).signed(by: organisation)
    return Data((seal.jsonText() + "\n").utf8) + body
  }

  /// Reads and checks a bundle: sealed by `organisation`, not edited since. Nothing of its
  /// contents is trusted before both hold.
  public static func read(_ data: Data, organisation: PublicKey) throws(StoreError) -> ResultBundle {
    guard let newline = data.firstIndex(of: UInt8(ascii: "\n")),
      let seal = try? Signed<ResultBundleSeal>(jsonText: data[data.startIndex..<newline])
    else { throw .bundle(.notABundle) }
    guard seal.signer == organisation else {
      throw .bundle(.unknownKey(signer: seal.signer.did, organisation: organisation.did))
    }
    guard seal.isSigned(by: organisation) else { throw .bundle(.badSeal) }
    let body = Data(data[data.index(after: newline)...])
    let digest = Digest.sha256(bytes: body)
    guard digest == seal.statement.contents else { throw .bundle(.edited) }
    // The format first: a later format may have another shape.
    struct Format: Decodable { var format: String }
    guard let format = try? JSONDecoder().decode(Format.self, from: body).format else {
      throw .bundle(.malformed(detail: "its contents cannot be read"))
    }
    guard format == ResultBundleContents.format else { throw .bundle(.unsupported(format: format)) }
    let contents: ResultBundleContents
    do {
      contents = try JSONDecoder().decode(ResultBundleContents.self, from: body)
    } catch {
      throw .bundle(.malformed(detail: "its contents cannot be read (\(error))"))
    }
    guard contents.source == seal.statement.source, contents.log.count == seal.statement.entries,
      (contents.log.last?.hash ?? AuditEntry.genesisHash) == seal.statement.head
    else { throw .bundle(.malformed(detail: "its contents do not match its seal")) }
    return ResultBundle(seal: seal, contents: contents, digest: digest)
  }
}

/// What the organisation key signs for a bundle: where it comes from, when, the digest of its
/// contents, and the head of the exporting database's audit log.
public struct ResultBundleSeal: SignableStatement {
  public static let statementType = "recovery-trainer/result-bundle/1"

  /// The exporting database's id (`ResultBundleContents.source`).
  public let source: String
  /// The name the PC was given when exporting.
  public let name: String
  /// When it was exported, in milliseconds since 1970.
  public let exportedAt: Int64
  /// `sha256:` of the contents' bytes.
  public let contents: String
  /// How many entries the exporting database's audit log had, and the last one's hash.
  public let entries: Int
  public let head: String

  public var canonicalJSON: CanonicalJSON {
    .object([
      "source": .string(source), "name": .string(name), "exportedAt": .integer(exportedAt),
      "contents": .string(contents), "entries": .integer(Int64(entries)), "head": .string(head),
    ])
  }
}

/// The rows a bundle carries, with the ids of the database that exported them.
public struct ResultBundleContents: Codable, Sendable {
  public static let format = "recovery-trainer/results/1"

  public var format: String
  /// The exporting database's id: a random id it keeps (setting `results_source`), so that the
  /// same PC's bundles are recognised and each row is imported once.
  public var source: String
  /// A name for the PC, to tell bundles apart (`--name`, else the host name).
  public var name: String
  public var exportedAt: Date
  /// The rows, table by table, in `TransferTables` columns.
  public var tables: [Table]
  /// The exporting database's whole audit log, its checkpoints and every attempt key's grant
  /// (some entries pin attempts that are not final yet and so not carried).
  public var log: [AuditEntry]
  public var checkpoints: [Signed<AuditCheckpoint>]
  public var grants: [Signed<AttemptGrant>]
  /// Attempts left on the PC because they are not final yet.
  public var notFinal: [String]

  public init(
    source: String, name: String, exportedAt: Date, tables: [Table], log: [AuditEntry],
    checkpoints: [Signed<AuditCheckpoint>], grants: [Signed<AttemptGrant>], notFinal: [String]
  ) {
    format = Self.format
    self.source = source
    self.name = name
    self.exportedAt = exportedAt
    self.tables = tables
    self.log = log
    self.checkpoints = checkpoints
    self.grants = grants
    self.notFinal = notFinal
  }

  /// The rows of one table.
  public struct Table: Codable, Sendable {
    public var name: String
    public var columns: [String]
    public var rows: [[Cell]]
  }

  /// One value as written: times as seconds since 2001 (`Date`'s own form, exact).
  public enum Cell: Codable, Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)

    public init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if container.decodeNil() {
        self = .null
      } else if let flag = try? container.decode(Bool.self) {
        self = .boolean(flag)
      } else if let number = try? container.decode(Int64.self) {
        self = .integer(number)
      } else if let number = try? container.decode(Double.self) {
        self = .real(number)
      } else {
        self = .text(try container.decode(String.self))
      }
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .null: try container.encodeNil()
      case .integer(let number): try container.encode(number)
      case .real(let number): try container.encode(number)
      case .text(let text): try container.encode(text)
      case .boolean(let flag): try container.encode(flag)
      }
    }

    package init(_ value: TransferTables.Value) {
      switch value {
      case .null: self = .null
      case .integer(let number): self = .integer(number)
      case .real(let number): self = .real(number)
      case .text(let text): self = .text(text)
      case .boolean(let flag): self = .boolean(flag)
      case .time(let date): self = .real(date.timeIntervalSinceReferenceDate)
      }
    }

    /// The value for a column of `kind`, or nil when it is not one.
    package func value(_ kind: TransferTables.Kind) -> TransferTables.Value? {
      switch (self, kind) {
      case (.null, _): .null
      case (.integer(let number), .integer): .integer(number)
      case (.integer(let number), .real): .real(Double(number))
      case (.real(let number), .real): .real(number)
      case (.text(let text), .text): .text(text)
      case (.boolean(let flag), .boolean): .boolean(flag)
      case (.integer(let number), .time): .time(Date(timeIntervalSinceReferenceDate: Double(number)))
      case (.real(let number), .time): .time(Date(timeIntervalSinceReferenceDate: number))
      default: nil
      }
    }
  }
}

/// Why a results bundle is refused. Nothing of a refused bundle is imported.
public enum BundleProblem: Sendable, Equatable {
  /// The file is not a results bundle (no seal on its first line).
  case notABundle
  /// A bundle of a format this version does not read.
  case unsupported(format: String)
  /// Sealed by a key that is not the organisation's.
  case unknownKey(signer: String, organisation: String)
  /// The seal's signature does not verify: the seal was edited.
  case badSeal
  /// The contents differ from what was sealed: edited in transit or damaged.
  case edited
  /// Sealed and unedited, but not what a bundle holds.
  case malformed(detail: String)
  /// The exporting PC's audit log does not verify.
  case brokenLog(detail: String)
  /// The bundle's audit log does not continue the one imported from the same PC before.
  case diverges(name: String)
  /// A row the bundle carries exists here already but did not come from this PC.
  case conflict(detail: String)
  /// The bundle was exported by this very database: its rows are here already.
  case ownResults
  /// Export refused: this database holds results imported from other databases, which a
  /// bundle of its own would carry a second time (under another source).
  case holdsImported(sources: Int)
}

extension BundleProblem {
  /// A message a person can act on.
  public func message(_ language: Language) -> String {
    switch self {
    case .notABundle: language.text("bundle.not-a-bundle")
    case .unsupported(let format): language.text("bundle.unsupported", format)
    case .unknownKey(let signer, let organisation): language.text("bundle.unknown-key", signer, organisation)
    case .badSeal: language.text("bundle.bad-seal")
    case .edited: language.text("bundle.edited")
    case .malformed(let detail): language.text("bundle.malformed", detail)
    case .brokenLog(let detail): language.text("bundle.broken-log", detail)
    case .diverges(let name): language.text("bundle.diverges", name)
    case .conflict(let detail): language.text("bundle.conflict", detail)
    case .ownResults: language.text("bundle.own-results")
    case .holdsImported(let sources): language.text("bundle.holds-imported", "\(sources)")
    }
  }
}
