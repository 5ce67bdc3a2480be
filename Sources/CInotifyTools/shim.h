#pragma once
/* libinotifytools0-dev ships no pkg-config file; the modulemap's link line does the linking. */
#include <inotifytools/inotifytools.h>
#include <inotifytools/inotify.h>
/* statfs(2): Glibc's Swift module does not export it; Watch needs f_type to spot network filesystems. */
#include <sys/vfs.h>
