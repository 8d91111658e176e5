// swift-tools-version: 6.1
// In-process benchmarks, kept out of the main package so `swift test` never builds them.
// Run from this folder: swift package --allow-writing-to-directory .benchmarkBaselines benchmark
import PackageDescription

let package = Package(
  name: "recovery-trainer-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "recovery-trainer", path: "..", traits: ["PostgreSQL"]),
    .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.0.0", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "QuizBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "QuizCore", package: "recovery-trainer"),
        .product(name: "QuizContent", package: "recovery-trainer"),
      ],
      path: "Benchmarks/QuizBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "StoreBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "QuizCore", package: "recovery-trainer"),
        .product(name: "QuizStore", package: "recovery-trainer"),
      ],
      path: "Benchmarks/StoreBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    // Whole-process tools for scripts/bench.
    .executableTarget(
      name: "fsrs-million",
      dependencies: [.product(name: "QuizCore", package: "recovery-trainer")],
      path: "Sources/fsrs-million"
    ),
    .executableTarget(
      name: "store-load",
      dependencies: [
        .product(name: "QuizCore", package: "recovery-trainer"),
        .product(name: "QuizStore", package: "recovery-trainer"),
        .product(name: "QuizStorePostgres", package: "recovery-trainer"),
      ],
      path: "Sources/store-load",
      // A measuring tool that shares stores across threads on purpose; Swift 5 checking.
      swiftSettings: [.swiftLanguageMode(.v5)]
    ),
    .executableTarget(
      name: "make-progress-db",
      dependencies: [
        .product(name: "QuizCore", package: "recovery-trainer"),
        .product(name: "QuizStore", package: "recovery-trainer"),
      ],
      path: "Sources/make-progress-db"
    ),
  ],
  swiftLanguageModes: [.v6]
)
