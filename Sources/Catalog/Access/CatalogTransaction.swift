import GRDB

/// One catalogue transaction, as `Catalog` and `CatalogReader` hand it out. Every read the daemon and the
/// CLI need and every state transition of a file, well or plate is a method on it, so the SQL, the guards
/// and the audit events stay in this module.
public struct CatalogTransaction {
    let db: Database
}
