import Foundation
import Layouts

/// A walk over an export folder: every file classified by the layout, images grouped by plate,
/// plan files read and attached to the plates whose images they cover.
struct ExportSurvey: Sendable {
    var plates: [PlateSources]
    var ignored: [FileIssue]
    var rejected: [FileIssue]

    /// Classifies every file below `exportRoot`; symbolic links are listed as ignored, never followed.
    static func survey(exportRoot: String, layout: any InstrumentLayout) throws(IngestError) -> ExportSurvey {
        var ignored: [FileIssue] = []
        var rejected: [FileIssue] = []
        var imagesByPlate: [String: [SourceImage]] = [:]
        var plans: [(relativePath: String, plan: PlatePlan)] = []
        var wellIndexed: [(file: ListedFile, image: WellIndexedImage)] = []

        for entry in try listFiles(exportRoot) {
            if entry.isSymbolicLink {
                ignored.append(FileIssue(path: entry.relativePath, reason: "symbolic link; links are not followed"))
                continue
            }
            switch layout.classify(relativePath: entry.relativePath) {
            case let .image(named):
                let key = layout.placedKey(named, absolutePath: entry.absolutePath)
                imagesByPlate[key.plate, default: []].append(
                    SourceImage(relativePath: entry.relativePath, absolutePath: entry.absolutePath, key: key))
            case let .wellIndexedImage(image):
                wellIndexed.append((entry, image))
            case .plan:
                do {
                    plans.append((entry.relativePath, try layout.readPlan(at: entry.absolutePath)))
                } catch {
                    rejected.append(FileIssue(path: entry.relativePath, reason: "plan file unreadable: \(error)"))
                }
            case let .ignored(reason):
                ignored.append(FileIssue(path: entry.relativePath, reason: reason))
            case let .unrecognized(reason):
                rejected.append(FileIssue(path: entry.relativePath, reason: reason))
            }
        }

        let readPlans = plans.map(\.plan)
        for (file, image) in wellIndexed {
            guard let key = PlatePlan.placing(image, absolutePath: file.absolutePath, plans: readPlans) else {
                rejected.append(FileIssue(path: file.relativePath, reason: PlatePlan.unplacedReason(image)))
                continue
            }
            imagesByPlate[key.plate, default: []].append(
                SourceImage(relativePath: file.relativePath, absolutePath: file.absolutePath, key: key))
        }

        let plates = imagesByPlate.keys.sorted().map { name in
            let images = imagesByPlate[name, default: []].sorted { $0.relativePath < $1.relativePath }
            let plan = PlatePlan.governing(plate: name, imagePaths: images.map(\.absolutePath), from: readPlans)
            return PlateSources(name: name, images: images.map { $0.placed(by: plan) }, plan: plan, layout: layout)
        }
        let imagePaths = imagesByPlate.values.flatMap { $0.map(\.absolutePath) }
        for (path, plan) in plans where !imagePaths.contains(where: plan.covers) {
            rejected.append(FileIssue(path: path, reason: Self.withoutImages(plan)))
        }
        return ExportSurvey(plates: plates, ignored: ignored.sorted(), rejected: rejected.sorted())
    }

    /// Why a plan whose folder holds none of the images it describes is a problem: the export is finished,
    /// so whatever the plan promised was never delivered.
    private static func withoutImages(_ plan: PlatePlan) -> String {
        let promised = plan.expected.map { "describes \($0.count) planes" } ?? "describes a plate"
        return "plan \(promised), but none of its images is in the export (its folder and those below hold none); "
            + "nothing of it was written"
    }

    private struct ListedFile {
        let relativePath: String
        let absolutePath: String
        let isSymbolicLink: Bool
    }

    private static func listFiles(_ givenRoot: String) throws(IngestError) -> [ListedFile] {
        // One spelling of the root, so absolute paths compare equal to plan scopes (no "//", no trailing "/").
        let root = URL(fileURLWithPath: givenRoot).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IngestError.exportNotFound(path: root)
        }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw IngestError.exportNotFound(path: root)
        }
        var files: [ListedFile] = []
        while let relativePath = enumerator.nextObject() as? String {
            let type = enumerator.fileAttributes?[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                files.append(ListedFile(relativePath: relativePath, absolutePath: root + "/" + relativePath,
                                        isSymbolicLink: true))
            } else if type == .typeRegular {
                files.append(ListedFile(relativePath: relativePath, absolutePath: root + "/" + relativePath,
                                        isSymbolicLink: false))
            }
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }
}
