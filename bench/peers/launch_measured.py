"""Run one command and write its wall time, CPU time and peak resident memory as JSON.

    python -I -S launch_measured.py REPORT COMMAND...

Why a launcher: Linux carries the memory high-water mark of a process's image before exec into
its ru_maxrss, so a child spawned straight from the bench driver (hundreds of MB after checking
plates) would report the driver's size. Started with -S, this process stays around 10 MB, and
the command it spawns reports its own peak. Standard library only, for the same reason.
"""

import json
import os
import sys
import time


def main() -> None:
    report, command = sys.argv[1], sys.argv[2:]
    spawned = time.time()
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    with open(report, "w") as out:
        json.dump(
            {
                "exit_code": os.waitstatus_to_exitcode(status),
                "spawned": spawned,
                "wall_s": wall,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                # Linux: KiB. For a process pool, the largest process of the tree, not the sum.
                "max_rss_bytes": usage.ru_maxrss * 1024,
            },
            out,
        )


if __name__ == "__main__":
    main()
