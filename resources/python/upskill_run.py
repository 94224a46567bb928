# Upskill's run supervisor: starts one tool, and when it ends (or Upskill says stop, or goes
# away), kills every process the tool left behind, then reports how the tool ended and what
# it used.
#
# Why a process of its own: a tool's descendants can leave its process group and session
# (setsid), re-parent themselves away from it (double fork) and drop any marker in their
# environment (env -i). This supervisor makes itself a child subreaper, so every orphan in
# its subtree is re-parented to it instead of to init, and at the end it walks the process
# table by ancestry from itself until nothing is left. Upskill may also start it as the
# first process of a new PID namespace, where the kernel kills everything when it exits.
#
# Trusted by construction: it is started with `-I -S` (no site, no user site, no PYTHON*
# variables, no current folder on sys.path) before any of the learner's code exists in the
# process tree, imports only the standard library, and talks to Upskill over fd 3, a socket
# the tool does not inherit. Resource use is measured here, from outside the tool, by the
# kernel's own accounting (wait4 and RUSAGE_CHILDREN), never taken from a report the tool writes.
#
# Protocol on fd 3: Upskill sends the length of what follows and a newline, then the argv
# count, the argv and the environment as "KEY=VALUE" items, each ended by a NUL byte; any
# later byte, or the socket closing, means stop. The supervisor answers one JSON line at the end: {"exitCode",
# "signal", "cpuMs", "maxRssKb", "stopped", "survivors"} or {"spawnError"}. (No json module:
# it is a fifth of this process's start-up, and it runs once per tool.)

import errno
import os
import resource
import select
import signal
import sys
import time

CONTROL_FD = 3
PR_SET_CHILD_SUBREAPER = 36
PR_SET_PDEATHSIG = 1
# How long the final sweep may take before it reports the processes it could not kill.
SWEEP_SECONDS = 5.0


def prctl(option, value):
    try:
        import ctypes  # only outside a PID namespace: a fifth of this process's start-up

        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def read_request():
    """The tool's argv and environment, as bytes (names and values are passed on untouched)."""
    data = b""
    while b"\n" not in data or len(data) - data.index(b"\n") - 1 < int(data[: data.index(b"\n")]):
        chunk = os.read(CONTROL_FD, 65536)
        if not chunk:
            sys.exit(0)  # Upskill went away before saying what to run.
        data += chunk
    items = data[data.index(b"\n") + 1 :].split(b"\0")[:-1]
    count = int(items[0])
    argv = items[1 : 1 + count]
    env = dict(item.split(b"=", 1) for item in items[1 + count :] if b"=" in item)
    return argv, env


def to_json(value):
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return '"%s"' % "".join(c if c >= " " and c not in '"\\' else "\\u%04x" % ord(c) for c in value)
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(to_json(v) for v in value)
    return "{%s}" % ", ".join("%s: %s" % (to_json(k), to_json(v)) for k, v in value.items())


def answer(message):
    data = (to_json(message) + "\n").encode("utf-8")
    try:
        while data:
            data = data[os.write(CONTROL_FD, data):]
    except OSError:
        pass  # Upskill went away; the sweep already ran.


def resolve(program, env):
    """The program as Node's spawn finds it: a path as given, else the first match on the tool's PATH."""
    if b"/" in program:
        return program
    for folder in env.get(b"PATH", os.defpath.encode()).split(os.pathsep.encode()):
        candidate = os.path.join(folder or b".", program)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise FileNotFoundError(errno.ENOENT, "No such file or directory", program)


def spawn(path, argv, env, defaults):
    if hasattr(os, "posix_spawn"):
        return os.posix_spawn(path, argv, env, setsigdef=defaults, setsigmask=[])
    # Python 3.7 and older: fork and exec, with exec's error sent back through a pipe that
    # closes on exec.
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            for s in defaults:
                signal.signal(s, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            os.execve(path, argv, env)
        except OSError as e:
            os.write(w, str(e.errno).encode())
        os._exit(127)
    os.close(w)
    failed = os.read(r, 16)
    os.close(r)
    if failed:
        os.waitpid(pid, 0)
        raise OSError(int(failed), os.strerror(int(failed)))
    return pid


def my_pid():
    # In a new PID namespace getpid() is 1, but /proc still shows the outer namespace's
    # numbers; /proc/self names this process in the numbers /proc uses.
    try:
        return int(os.readlink("/proc/self"))
    except (OSError, ValueError):
        return os.getpid()


def descendants(root):
    """Every process below `root` in /proc (zombies included: they still need reaping)."""
    children = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.append(child)
            todo.append(child)
    return found


def reap(tool, status):
    """Reaps every child that has ended; records the tool's own status and rusage when it comes."""
    while True:
        try:
            pid, code, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid == tool:
            status["wait"] = (code, usage)


def kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass


def sweep(me, tool, status):
    """Kills every descendant, round after round (a process may fork while dying), until none is left."""
    deadline = time.monotonic() + SWEEP_SECONDS
    if os.getpid() == 1:
        # The first process of a PID namespace: every process left in it is a descendant and
        # ends up a child of this one, so once none is left to wait for, the namespace is
        # empty. kill() takes this namespace's numbers, and -1 means every other process in it.
        while time.monotonic() < deadline:
            kill(-1)
            try:
                pid, code, usage = os.wait4(-1, 0)
            except ChildProcessError:
                return []
            if pid == tool:
                status["wait"] = (code, usage)
        return descendants(me)
    while True:
        reap(tool, status)
        left = descendants(me)
        if not left:
            return []
        if time.monotonic() > deadline:
            return left
        for pid in left:
            kill(pid)
        time.sleep(0.002)


def report_of(status, stopped, survivors):
    """The last word on a run: how the tool ended, and what its whole tree used."""
    code, usage = status.get("wait", (None, None))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "exitCode": os.WEXITSTATUS(code) if code is not None and os.WIFEXITED(code) else None,
        "signal": signal.Signals(os.WTERMSIG(code)).name if code is not None and os.WIFSIGNALED(code) else None,
        # Everything reaped here: the tool and every descendant, adopted orphans included.
        "cpuMs": round((children.ru_utime + children.ru_stime) * 1000),
        # Largest resident set of any one of them (kilobytes on Linux).
        "maxRssKb": max(children.ru_maxrss, usage.ru_maxrss if usage else 0),
        "stopped": stopped,
        "survivors": survivors,
    }


def main():
    os.set_inheritable(CONTROL_FD, False)
    if os.getpid() != 1:
        # The first process of a PID namespace already adopts every orphan in it, and
        # `unshare --kill-child` ends it with its parent.
        prctl(PR_SET_CHILD_SUBREAPER, 1)
        # Upskill's process dying ends the run like a stop does (so does the control socket closing).
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    argv, env = read_request()

    # Each ended child wakes the select below through this pipe.
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGTERM, lambda *_: None)

    me = my_pid()
    try:
        # Signals Python ignores or handles go back to their defaults in the tool.
        defaults = [s for s in (signal.SIGPIPE, getattr(signal, "SIGXFSZ", None), signal.SIGCHLD, signal.SIGTERM, signal.SIGINT) if s is not None]
        tool = spawn(resolve(argv[0], env), argv, env, defaults)
    except OSError as e:
        answer({"spawnError": "spawn %s %s" % (os.fsdecode(argv[0]), errno.errorcode.get(e.errno, "EIO"))})
        return 127

    status = {}
    stopped = False
    while "wait" not in status:
        readable, _, _ = select.select([CONTROL_FD, wake_r], [], [], 1.0)
        signals = b""
        if wake_r in readable:
            try:
                signals = os.read(wake_r, 4096)
            except BlockingIOError:
                pass
        if CONTROL_FD in readable or signal.SIGTERM in signals:
            stopped = True
            break
        reap(tool, status)

    survivors = sweep(me, tool, status)
    answer(report_of(status, stopped, survivors))
    return 0


# ---- Served runs -------------------------------------------------------------------------
#
# Starting this interpreter costs more than most tools Upskill runs (git, the Ruff client), so
# Upskill may start it once as a server (`--serve SOCKET`) and ask it for each run over a
# Unix socket in a private folder. For each connection the server forks a handler, which
# opens a new PID namespace where it can (the server runs in a user namespace of its own, so
# this needs no privilege) and forks again: that process is the first of the namespace and
# supervises the one run exactly as above, relaying the tool's output over the connection.
# Nothing of the tool runs in the server, and a fork of it holds nothing a tool could use.
#
# Request: "<length of what follows> <length of stdin>\n", then the working folder, the
# argv count, the argv and the environment, each ended by a NUL byte, then stdin's bytes.
# Any later byte, or the connection closing, means stop. Answer: frames of one type byte
# and a 4-byte big-endian length: b"p" this run's supervisor as /proc numbers it, b"o" and
# b"e" the tool's output, b"r" the report (as above), last.

CLONE_NEWPID = 0x20000000


def frame(kind, data):
    n = len(data)
    return kind + bytes((n >> 24 & 255, n >> 16 & 255, n >> 8 & 255, n & 255)) + data


def read_served_request(conn):
    data = b""
    while b"\n" not in data or len(data) - data.index(b"\n") - 1 < sum(int(x) for x in data[: data.index(b"\n")].split()):
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, body = data.split(b"\n", 1)
    size, stdin_size = (int(x) for x in head.split())
    items = body[:size].split(b"\0")[:-1]
    count = int(items[1])
    argv = items[2 : 2 + count]
    env = dict(item.split(b"=", 1) for item in items[2 + count :] if b"=" in item)
    return items[0], argv, env, body[size : size + stdin_size]


def supervise_served(conn, cwd, argv, env, stdin):
    """One run, as main() does it, with the tool's stdio relayed over `conn`."""

    def send(kind, data):
        conn.sendall(frame(kind, data))

    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGTERM, lambda *_: None)
    me = my_pid()
    send(b"p", str(me).encode())
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    try:
        os.chdir(cwd)
        defaults = [s for s in (signal.SIGPIPE, getattr(signal, "SIGXFSZ", None), signal.SIGCHLD, signal.SIGTERM, signal.SIGINT) if s is not None]
        actions = [(os.POSIX_SPAWN_DUP2, in_r, 0), (os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)]
        tool = os.posix_spawn(resolve(argv[0], env), argv, env, file_actions=actions, setsigdef=defaults, setsigmask=[])
    except OSError as e:
        send(b"r", to_json({"spawnError": "spawn %s %s" % (os.fsdecode(argv[0]), errno.errorcode.get(e.errno, "EIO"))}).encode())
        return
    for fd in (in_r, out_w, err_w):
        os.close(fd)
    for fd in (in_w, out_r, err_r):
        os.set_blocking(fd, False)
    if not stdin:
        os.close(in_w)
        in_w = None
    streams = {out_r: b"o", err_r: b"e"}

    def relay(fd):
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return
        if chunk:
            send(streams[fd], chunk)
        else:
            os.close(fd)
            del streams[fd]

    status = {}
    stopped = False
    while "wait" not in status:
        readable, writable, _ = select.select([conn, wake_r, *streams], [in_w] if in_w is not None else [], [], 1.0)
        if conn in readable or signal.SIGTERM in (os.read(wake_r, 4096) if wake_r in readable else b""):
            stopped = True
            break
        for fd in readable:
            if fd in streams:
                relay(fd)
        if writable:
            try:
                stdin = stdin[os.write(in_w, stdin[:65536]) :]
            except BlockingIOError:
                pass
            except BrokenPipeError:
                stdin = b""  # the tool does not read its input
            if not stdin:
                os.close(in_w)
                in_w = None
        reap(tool, status)
    survivors = sweep(me, tool, status)
    # What the tool wrote before it ended (its tree is gone, so the pipes end); not waited
    # for long, as the verdict never waits for pipes a survivor may hold.
    deadline = time.monotonic() + 0.3
    while streams and time.monotonic() < deadline:
        readable, _, _ = select.select(list(streams), [], [], max(0.0, deadline - time.monotonic()))
        for fd in readable:
            relay(fd)
    send(b"r", to_json(report_of(status, stopped, survivors)).encode())


def handle(conn, libc):
    """A forked handler: the run in a new PID namespace where it can, else as a child subreaper."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    request = read_served_request(conn)
    if request is None:
        return
    if libc.unshare(CLONE_NEWPID) == 0:
        pid = os.fork()
        if pid == 0:
            # The first process of the namespace: when it ends, the kernel ends the rest.
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            try:
                supervise_served(conn, *request)
            except OSError:
                pass  # Upskill went away mid-run; the namespace ends with this process.
            os._exit(0)
        conn.close()
        while True:
            try:
                os.waitpid(pid, 0)
                return
            except ChildProcessError:
                return
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    try:
        supervise_served(conn, *request)
    except OSError:
        sweep(my_pid(), None, {})


def serve(path):
    import ctypes
    import socket

    libc = ctypes.CDLL(None, use_errno=True)
    # Upskill's process dying ends the server, and each handler with it.
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    # Handlers are reaped by the kernel; each sets SIGCHLD back before it starts a tool.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    os.write(1, b"ready\n")
    while True:
        conn, _ = server.accept()
        pid = os.fork()
        if pid == 0:
            server.close()
            try:
                handle(conn, libc)
            finally:
                os._exit(0)
        conn.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2])
    else:
        sys.exit(main())
