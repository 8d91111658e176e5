import Foundation

/// The running program's own file.
enum Executable {
  /// The executable as the kernel started it (`/proc/self/exe`, symbolic links resolved),
  /// not `argv[0]`, which is only a bare name when the program was found through `PATH`.
  static let url: URL = {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 {
      let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: CommandLine.arguments.first ?? "recovery-trainer").resolvingSymlinksInPath()
  }()

  /// Changes whenever the program file changes (a new build or install): its size,
  /// modification time and inode. Caches keyed by it are never reused by another build.
  static let buildIdentity: String = identity(ofFileAt: url.path)

  static func identity(ofFileAt path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "unknown" }
    return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ino)"
  }
}
