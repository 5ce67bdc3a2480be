#pragma once
/* libinotifytools0-dev ships no pkg-config file; the modulemap's link line does the linking. */
#include <inotifytools/inotifytools.h>
#include <inotifytools/inotify.h>
