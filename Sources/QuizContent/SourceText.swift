import Foundation

/// The text of one content file, checked to be readable UTF-8 of a sane size.
struct SourceText {
  /// Files larger than this are refused before parsing: no course file comes near it,
  /// and parsing a huge file would take the memory of the machine.
  static let maximumBytes = 32 * 1024 * 1024

  /// The path shown in diagnostics.
  let path: String
  /// The decoded text.
  let text: String

  /// An optional file of the course (`concepts.yaml`, `rules.yaml`): nil when it is not
  /// there, else as `read` gives it.
  static func readIfPresent(_ path: String, log: inout DiagnosticLog) -> SourceText? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return read(URL(fileURLWithPath: path), displayPath: path, log: &log)
  }

  /// Reads a file, logging a located error and returning `nil` when it cannot be used.
  static func read(_ url: URL, displayPath: String, log: inout DiagnosticLog) -> SourceText? {
    let whole = SourceLocation(file: displayPath, line: 1, column: 1)
    let data: Data
    do {
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      if let size = attributes[.size] as? Int, size > maximumBytes {
        log.error(.fileTooLarge(megabytes: size / (1024 * 1024), limit: maximumBytes / (1024 * 1024)), at: whole)
        return nil
      }
      data = try Data(contentsOf: url)
    } catch {
      log.error(.unreadableFile(reason: error.localizedDescription), at: whole)
      return nil
    }
    return decode(data, displayPath: displayPath, log: &log)
  }

  /// Decodes bytes as UTF-8 (a leading byte-order mark is allowed), logging where decoding fails.
  static func decode(_ data: Data, displayPath: String, log: inout DiagnosticLog) -> SourceText? {
    var bytes = data[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if let text = String(validating: bytes, as: UTF8.self) {
      return SourceText(path: displayPath, text: text)
    }
    let offset = firstInvalidUTF8Offset(in: Array(bytes))
    let valid = String(decoding: bytes.prefix(offset), as: UTF8.self)
    let (line, column) = lineAndColumn(atEndOf: valid)
    log.error(.notUTF8(byte: offset + 1), at: SourceLocation(file: displayPath, line: line, column: column))
    return nil
  }

  /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
  static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .error: return offset
      case .emptyInput: return offset
      }
    }
  }

  /// The 1-based line and column just after `text`.
  static func lineAndColumn(atEndOf text: String) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for character in text {
      if character == "\n" || character == "\r\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}
