// swift-tools-version:6.0
import PackageDescription

// Module map: see docs/architecture.md. Dependencies point down only:
// platedrop → PlateDropDaemon → (Watch, Catalog → Layouts, Config → Ingest → (NGFF → Zarr), TIFF, Layouts);
// SampleExports → (TIFF, Zarr for its JSON).
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
    ],
    targets: [
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CBlosc", pkgConfig: "blosc", providers: [.apt(["libblosc-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CInotifyTools", providers: [.apt(["libinotifytools0-dev"])]),

        .target(name: "TIFF", dependencies: ["CTIFF"]),
        .target(name: "Zarr", dependencies: ["CBlosc", "CZstd"]),
        .target(name: "NGFF", dependencies: ["Zarr"]),
        .target(name: "Layouts"),
        .target(name: "Ingest", dependencies: ["TIFF", "Zarr", "NGFF", "Layouts"]),
        .target(name: "SampleExports", dependencies: ["TIFF", "Zarr"]),
        // Runs the built binary for the suites that test it as a user would; used by tests only.
        .target(name: "PlateDropTestSupport", dependencies: ["Zarr"]),
        .target(name: "Catalog", dependencies: ["Layouts", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Watch", dependencies: ["CInotifyTools"]),
        .target(name: "PlateDropDaemon", dependencies: [
            "Watch", "Catalog", "Ingest", "Config", "Layouts", "NGFF", "TIFF", "Zarr",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Config", dependencies: [
            "Ingest", "Layouts", "Zarr",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "platedrop", dependencies: [
            "Config", "Ingest", "NGFF", "SampleExports", "PlateDropDaemon", "Catalog", "Layouts", "TIFF", "Zarr", "CBlosc",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "TIFFTests", dependencies: ["TIFF", "SampleExports", "PlateDropTestSupport"]),
        .testTarget(name: "ZarrTests", dependencies: ["Zarr"]),
        .testTarget(name: "NGFFTests", dependencies: ["NGFF", "Zarr"], resources: [.copy("Golden")]),
        .testTarget(name: "LayoutsTests", dependencies: ["Layouts", "TIFF", "PlateDropTestSupport"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Layouts"]),
        .testTarget(name: "WatchTests", dependencies: ["Watch", "PlateDropTestSupport"]),
        .testTarget(name: "DaemonEndToEndTests", dependencies: [
            "PlateDropTestSupport", "SampleExports", "TIFF", "Zarr", "Catalog", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "FaultTests", dependencies: [
            "PlateDropTestSupport", "SampleExports", "TIFF", "Zarr", "Catalog", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["PlateDropTestSupport", "SampleExports", "TIFF", "Zarr"]),
        .testTarget(name: "PlateDropDaemonTests", dependencies: [
            "PlateDropDaemon", "Catalog", "Config", "TIFF", "Watch", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "DaemonSupportTests", dependencies: [
            "PlateDropDaemon", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "SampleExports", "TIFF", "Zarr", "NGFF", "Layouts", "PlateDropTestSupport"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Ingest", "Zarr", "NGFF", "Layouts"]),
    ]
)
