"""Runs a command and reports every program it (and everything it started) executed.

    python -I upskill_trace.py REPORT_PATH -- COMMAND ARGS...

For rules such as "shell tools only": what a script runs is judged by the programs the
kernel actually executed, not by words in its text, so a name built at run time, an alias,
a copy under another name, `awk 'BEGIN { system(...) }'` or `env -i` all show. Linux's
ptrace with exec, fork, vfork and clone events follows every descendant from its first
instruction; a process cannot leave the trace (it is not in a process group or session
that could be escaped, and PTRACE_O_EXITKILL kills them all if this tracer dies).

The command inherits this process's standard input, output and error, so the caller
captures them as usual. This process exits with the command's exit status (128 + N for a
signal N) and writes to REPORT_PATH: {"traced": true, "programs": [{"exe", "argv"}, ...]},
or {"traced": false, "why": ...} where the machine allows no tracing (not Linux, or ptrace
forbidden): then the command runs untraced and the caller decides what that means.

A process of its own (not a function in the judge): waiting for "any child" must not reap
the judge's other children, such as the worker.
"""

import json
import os
import signal
import sys

PTRACE_TRACEME = 0
PTRACE_CONT = 7
PTRACE_SETOPTIONS = 0x4200
OPTIONS = 0x2 | 0x4 | 0x8 | 0x10 | 0x100000  # TRACEFORK, TRACEVFORK, TRACECLONE, TRACEEXEC, EXITKILL
EVENT_EXEC = 4
WALL = 0x40000000


def _proc_number(pid, me):
    """/proc's number for a tracee. Upskill may run a check as the first process of a PID
    namespace while /proc stays the machine's: then the number waitpid gives is not /proc's.
    The tracee is found by what /proc says of it: traced by this process (TracerPid, in
    /proc's numbering) and `pid` as its number in the innermost namespace (NSpid)."""
    if me == os.getpid():
        return pid
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/status" % entry) as f:
                fields = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("TracerPid", "").strip() == str(me) and fields.get("NSpid", "").split()[-1:] == [str(pid)]:
            return int(entry)
    return None


def _programs_of(pid, me):
    pid = _proc_number(pid, me)
    if pid is None:
        return {"exe": "", "argv": []}
    try:
        exe = os.readlink("/proc/%d/exe" % pid)
    except OSError:
        exe = ""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            argv = [a.decode("utf-8", "replace") for a in f.read().split(b"\0")[:-1]]
    except OSError:
        argv = []
    return {"exe": exe, "argv": argv[:20]}


def _untraced(report, argv, why):
    with open(report, "w") as f:
        json.dump({"traced": False, "why": why}, f)
    os.execvp(argv[0], argv)


def main():
    report, sep, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
    if sep != "--" or not argv:
        sys.exit("usage: upskill_trace.py REPORT -- COMMAND ARGS...")
    if not sys.platform.startswith("linux"):
        _untraced(report, argv, "process tracing needs Linux")
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    libc.ptrace.restype = ctypes.c_long
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(ready_r)
            ok = libc.ptrace(PTRACE_TRACEME, 0, None, None) == 0
            os.write(ready_w, b"1" if ok else b"0")
            os.close(ready_w)
            if ok:
                os.kill(os.getpid(), signal.SIGSTOP)
            os.execvp(argv[0], argv)
        except BaseException:
            pass
        os._exit(127)
    os.close(ready_w)
    ok = os.read(ready_r, 1) == b"1"
    os.close(ready_r)
    if not ok:
        # The child runs the command untraced; this process only waits for it.
        with open(report, "w") as f:
            json.dump({"traced": False, "why": "this machine does not allow ptrace"}, f)
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
    try:
        me = int(os.readlink("/proc/self"))  # this process in /proc's numbering
    except (OSError, ValueError):
        me = os.getpid()
    programs = []
    live = {pid}
    exit_code = 0
    _, status = os.waitpid(pid, WALL)  # the child's own SIGSTOP, before it runs the command
    libc.ptrace(PTRACE_SETOPTIONS, pid, None, ctypes.c_void_p(OPTIONS))
    libc.ptrace(PTRACE_CONT, pid, None, None)
    while live:
        try:
            who, status = os.waitpid(-1, WALL)
        except ChildProcessError:
            break
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            live.discard(who)
            if who == pid:
                exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
            continue
        if not os.WIFSTOPPED(status):
            continue
        sig, event = os.WSTOPSIG(status), status >> 16
        deliver = 0
        if who not in live:
            # A new descendant, attached by a fork/clone event: its first stop is SIGSTOP.
            live.add(who)
        elif sig == signal.SIGTRAP and event == EVENT_EXEC:
            if len(programs) < 10000:
                programs.append(_programs_of(who, me))
        elif sig == signal.SIGTRAP and event:
            pass  # fork, vfork, clone: the new process is reported by its own stop
        elif sig != signal.SIGSTOP or event:
            deliver = sig
        libc.ptrace(PTRACE_CONT, who, None, ctypes.c_void_p(deliver))
    with open(report, "w") as f:
        json.dump({"traced": True, "programs": programs}, f)
    sys.exit(exit_code)


if __name__ == "__main__":
    main()
