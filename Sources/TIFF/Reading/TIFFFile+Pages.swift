internal import CTIFF

extension TIFFFile {
    /// Size, sample type and storage of `page` (0-based); fails if the page is absent or unsupported.
    public func pageInfo(_ page: Int) throws(TIFFError) -> TIFFPageInfo {
        try selectPage(page).info
    }

    /// Makes `page` libtiff's current directory and checks that PlateDrop can read it.
    func selectPage(_ page: Int) throws(TIFFError) -> TIFFPageLayout {
        guard page >= 0, page < pageCount else {
            throw TIFFError(path: path, kind: .pageOutOfRange(page: page, count: pageCount))
        }
        libtiff.resetErrors()
        guard TIFFSetDirectory(libtiff.raw, tdir_t(page)) != 0 else {
            throw TIFFFileDiagnosis.diagnose(path: path, libtiffMessage: libtiff.firstError)
        }
        return try TIFFPageLayout(handle: libtiff.raw, page: page, path: path)
    }
}
