// swift-tools-version: 6.1
// libFuzzer targets, kept out of the main package. Build and run with scripts/fuzz.
import PackageDescription

let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "recovery-trainer-fuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "recovery-trainer", path: "..")],
  targets: [
    .executableTarget(
      name: "fuzz-answers", dependencies: [.product(name: "QuizCore", package: "recovery-trainer")],
      swiftSettings: fuzzFlags),
    .executableTarget(
      name: "fuzz-bank", dependencies: [.product(name: "QuizContent", package: "recovery-trainer")],
      swiftSettings: fuzzFlags),
    .executableTarget(
      name: "fuzz-lesson", dependencies: [.product(name: "QuizContent", package: "recovery-trainer")],
      swiftSettings: fuzzFlags),
  ],
  swiftLanguageModes: [.v6]
)
