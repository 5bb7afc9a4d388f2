"""One way to time a command for the benchmarks: wall seconds, the CPU seconds of its whole process tree (user +
system: what it costs the machine, whatever else runs) and its peak RSS.

The command runs under a fresh Python wrapper, so that RUSAGE_CHILDREN counts only its own tree.
"""
from __future__ import annotations

import json
import subprocess
import sys

_WRAPPER = ("import json,resource,subprocess,sys,time; keep=sys.argv[1]=='1'; t=time.perf_counter(); "
            "p=subprocess.run(sys.argv[2:], stdout=subprocess.PIPE if keep else subprocess.DEVNULL, "
            "stderr=subprocess.PIPE, text=True); w=time.perf_counter()-t; "
            "sys.stderr.write(p.stderr[-4000:] if p.returncode else ''); "
            "r=resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(json.dumps({'code': p.returncode, 'wall': w, 'out': p.stdout if keep else '', "
            "'cpu': r.ru_utime + r.ru_stime, 'rss': r.ru_maxrss / 1024}))")


def run_timed(args: list[str], cwd=None, env=None, keep_output: bool = True) -> dict:
    """``wall`` and ``cpu`` seconds, ``rss`` (MiB, the largest process of its tree) and ``out`` (its stdout, or ""
    with ``keep_output=False``, for large results) of one command; exits with its error when it fails."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, "1" if keep_output else "0", *args], capture_output=True,
                          text=True, cwd=cwd, env=env)
    result = json.loads(done.stdout)
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed (exit code {result['code']}):\n{done.stderr}")
    return result
