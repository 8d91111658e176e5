extension Unicode.Scalar {
  /// Whether the scalar takes two terminal columns (East Asian Wide or Fullwidth).
  public var isWide: Bool {
    switch value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      true
    default:
      false
    }
  }

  /// Whether the scalar takes no column of its own (combining marks, joiners, controls).
  public var isZeroWidth: Bool {
    switch value {
    case 0x0000...0x001F, 0x007F...0x009F, 0x0300...0x036F, 0x200B...0x200F, 0x2028...0x202E,
      0x2060...0x206F, 0xFE00...0xFE0F, 0xFEFF, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF,
      0xE0100...0xE01EF:
      true
    default:
      properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
    }
  }
}

extension Character {
  /// Whether the character is a CJK or other wide character (two terminal columns).
  public var isWide: Bool { unicodeScalars.first?.isWide ?? false }

  /// The number of terminal columns the character takes: 0, 1 or 2.
  public var displayWidth: Int {
    guard let first = unicodeScalars.first else { return 0 }
    if first.isWide { return 2 }
    if unicodeScalars.allSatisfy(\.isZeroWidth) { return 0 }
    if unicodeScalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
    return 1
  }
}

extension StringProtocol {
  /// The number of terminal columns the text takes, counting CJK characters as two.
  public var displayWidth: Int {
    reduce(0) { $0 + $1.displayWidth }
  }
}
