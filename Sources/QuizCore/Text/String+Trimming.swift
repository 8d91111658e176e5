extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and line breaks (ASCII and ideographic).
  public func trimmingSpaces() -> String {
    let text = Substring(self)
    let scalars = text.unicodeScalars
    guard let first = scalars.first, let last = scalars.last else { return "" }
    if !Self.isTrimmable(first) && !Self.isTrimmable(last) { return String(text) }
    guard let start = scalars.firstIndex(where: { !Self.isTrimmable($0) }) else { return "" }
    let end = scalars.lastIndex(where: { !Self.isTrimmable($0) })!
    return String(Substring(scalars[start...end]))
  }

  @inline(__always)
  static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029, 0x3000: true
    default: false
    }
  }
}
