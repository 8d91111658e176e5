// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "recovery-trainer",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "recovery-trainer", targets: ["recovery-trainer"]),
    .library(name: "QuizCore", targets: ["QuizCore"]),
    .library(name: "QuizContent", targets: ["QuizContent"]),
    .library(name: "QuizStore", targets: ["QuizStore"]),
    .library(name: "QuizStorePostgres", targets: ["QuizStorePostgres"]),
    .library(name: "QuizTrust", targets: ["QuizTrust"]),
  ],
  traits: [
    .trait(
      name: "PostgreSQL",
      description: "The organisation database: the store on PostgreSQL (postgres-nio), selected by --database."),
    .default(enabledTraits: []),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
    // Only with the PostgreSQL trait: it is a large build (SwiftNIO, BoringSSL).
    .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
  ],
  targets: [
    .target(name: "QuizCore"),
    .target(
      name: "QuizContent",
      dependencies: [
        "QuizCore",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "QuizStore",
      dependencies: ["QuizCore", "QuizTrust", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .target(
      name: "QuizStorePostgres",
      dependencies: [
        "QuizCore", "QuizStore", "QuizTrust",
        .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
      ]
    ),
    .target(
      name: "QuizTrust",
      dependencies: [
        "QuizCore",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]
    ),
    .executableTarget(name: "trust-sample", dependencies: ["QuizTrust"]),
    .systemLibrary(
      name: "CReadline",
      providers: [.apt(["libreadline-dev"])]
    ),
    .target(name: "LineEditing", dependencies: ["CReadline"]),
    .target(
      name: "QuizCLI",
      dependencies: [
        "QuizCore", "QuizContent", "QuizStore", "QuizStorePostgres", "QuizTrust", "LineEditing",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "recovery-trainer", dependencies: ["QuizCLI"]),
    .testTarget(
      name: "QuizCoreTests",
      dependencies: [
        "QuizCore",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "QuizContentTests",
      dependencies: [
        "QuizContent",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "QuizTrustTests",
      dependencies: [
        "QuizTrust",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "QuizStoreTests",
      dependencies: [
        "QuizStore", "QuizStorePostgres", "QuizCore", "QuizTrust", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "QuizCLITests",
      dependencies: [
        "QuizCLI", "QuizCore", "QuizContent", "QuizStore", "QuizStorePostgres", "QuizTrust", "LineEditing",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      resources: [.copy("Golden")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
