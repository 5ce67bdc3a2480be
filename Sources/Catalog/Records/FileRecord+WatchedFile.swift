extension FileRecord: WatchedFile {}
