// swift-tools-version:6.0
import PackageDescription

// Module map: see docs/architecture.md. Dependencies point down only:
// platedrop → PlateDropDaemon → (PlateDropWeb → CatalogDocuments, Watch, Catalog → Layouts,
// Config → Ingest → (NGFF → Zarr), TIFF, Layouts); Watch, Catalog and Ingest → FileIdentity (one file
// version's fingerprint); SampleExports → (TIFF, Zarr for its JSON).
let package = Package(
    name: "PlateDrop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "platedrop", targets: ["platedrop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CBlosc", pkgConfig: "blosc", providers: [.apt(["libblosc-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CInotifyTools", providers: [.apt(["libinotifytools0-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "TIFF", dependencies: ["CTIFF"]),
        .target(name: "Zarr", dependencies: ["CBlosc", "CZstd"]),
        .target(name: "NGFF", dependencies: ["Zarr"]),
        .target(name: "Layouts"),
        .target(name: "FileIdentity"),
        .target(name: "FileLocks"),
        .target(name: "Ingest", dependencies: ["TIFF", "Zarr", "NGFF", "Layouts", "FileIdentity", "FileLocks"]),
        .target(name: "SampleExports", dependencies: ["TIFF", "Zarr"]),
        // Runs the built binary for the suites that test it as a user would; used by tests only.
        .target(name: "PlateDropTestSupport", dependencies: ["Zarr"]),
        .target(name: "Catalog", dependencies: ["Layouts", "FileIdentity", "FileLocks", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Watch", dependencies: ["CInotifyTools", "FileIdentity"]),
        // The JSON of the catalogue commands, which the web view serves too.
        .target(name: "CatalogDocuments", dependencies: ["Catalog", "Layouts", "Zarr"]),
        .target(name: "PlateDropWeb", dependencies: [
            "Catalog", "CatalogDocuments", "Config", "Layouts", "Zarr", "CZlib",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "PlateDropDaemon", dependencies: [
            "Watch", "Catalog", "Ingest", "Config", "Layouts", "NGFF", "TIFF", "Zarr", "PlateDropWeb",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        .target(name: "Config", dependencies: [
            "Ingest", "Layouts", "Zarr",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "platedrop", dependencies: [
            "Config", "Ingest", "NGFF", "SampleExports", "PlateDropDaemon", "Catalog", "CatalogDocuments", "Layouts", "TIFF",
            "Zarr", "CBlosc",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "TIFFTests", dependencies: ["TIFF", "SampleExports", "PlateDropTestSupport"]),
        .testTarget(name: "ZarrTests", dependencies: ["Zarr"]),
        .testTarget(name: "NGFFTests", dependencies: ["NGFF", "Zarr"], resources: [.copy("Golden")]),
        .testTarget(name: "LayoutsTests", dependencies: ["Layouts", "TIFF", "PlateDropTestSupport"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Layouts", "FileIdentity"]),
        .testTarget(name: "WatchTests", dependencies: ["Watch", "FileIdentity", "PlateDropTestSupport"]),
        .testTarget(name: "DaemonEndToEndTests", dependencies: [
            "PlateDropTestSupport", "SampleExports", "TIFF", "Zarr", "Catalog", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "FaultTests", dependencies: [
            "PlateDropTestSupport", "SampleExports", "TIFF", "Zarr", "Catalog", "FileLocks", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["PlateDropTestSupport", "SampleExports", "TIFF", "Zarr"]),
        .testTarget(name: "PlateDropDaemonTests", dependencies: [
            "PlateDropDaemon", "Catalog", "Config", "TIFF", "Watch", "FileIdentity", "PlateDropTestSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "DaemonSupportTests", dependencies: [
            "PlateDropDaemon", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "SampleExports", "TIFF", "Zarr", "NGFF", "Layouts", "FileLocks", "PlateDropTestSupport"]),
        .testTarget(name: "PlateDropWebTests", dependencies: ["PlateDropWeb", "CZlib", "Zarr"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Ingest", "Zarr", "NGFF", "Layouts"]),
    ]
)
