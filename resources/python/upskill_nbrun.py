"""Runs a notebook top to bottom in a fresh kernel of this interpreter, once or twice.

argv[1] is JSON: {"notebook": path, "timeout": seconds per run, "runs": 1 or 2}. The first
line of stdin is a secret; the one verdict line printed is the secret followed by JSON, so
that the kernel (the learner's code, a child of this process holding the same stdout) cannot
print a verdict of its own. The kernel is this interpreter's ipykernel, named in a kernel
spec of our own, so neither a user's "python3" kernel spec nor another Python runs it.
"""

import json
import os
import re
import sys
import tempfile
import time

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def cell_line(traceback_text):
    """The line in the failing cell, from IPython's "Cell In[3], line 2" frames (the last one)."""
    lines = re.findall(r"(?:Cell In ?\[\d*\]|<ipython-input-\d+-[0-9a-f]+>)[^\n]*?line (\d+)", ANSI.sub("", traceback_text))
    if lines:
        return int(lines[-1])
    return None


def outputs_of(cell):
    """What a cell showed, without what changes from run to run by design (counts, metadata)."""
    shown = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            shown.append(("stream", out.get("name"), out.get("text", "")))
        elif kind in ("execute_result", "display_data"):
            shown.append(("data", json.dumps(out.get("data", {}), sort_keys=True)))
        elif kind == "error":
            shown.append(("error", out.get("ename"), out.get("evalue")))
    return shown


def run_once(nb_path, timeout, kernel_name, modules):
    nbformat, NotebookClient, CellExecutionError, CellTimeoutError, DeadKernelError = modules
    nb = nbformat.read(nb_path, as_version=4)
    deadline = time.monotonic() + timeout
    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        allow_errors=False,
        startup_timeout=int(max(30, timeout)),
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(nb_path))}},
    )
    # One limit for the whole notebook: each cell may take what is left of it.
    client.timeout_func = lambda cell: max(1, int(deadline - time.monotonic() + 0.999))
    current = None
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.get("cell_type") != "code":
                    continue
                current = index
                client.execute_cell(cell, index)
    except CellTimeoutError:
        return {"status": "timeout", "cell": current, "seconds": timeout}
    except DeadKernelError as e:
        return {"status": "died", "cell": current, "message": str(e).splitlines()[0] if str(e) else "the kernel died"}
    except CellExecutionError as e:
        text = str(e)
        return {
            "status": "error",
            "cell": current,
            "ename": getattr(e, "ename", "") or "",
            "evalue": ANSI.sub("", getattr(e, "evalue", "") or ""),
            "line": cell_line(getattr(e, "traceback", "") or text),
        }
    except RuntimeError as e:
        # nbclient says "Kernel died before replying to kernel_info" and the like.
        if "died" in str(e).lower() or "dead" in str(e).lower():
            return {"status": "died", "cell": current, "message": str(e).splitlines()[0]}
        raise
    return {"status": "ok", "outputs": [[i, outputs_of(c)] for i, c in enumerate(nb.cells) if c.get("cell_type") == "code"]}


def main():
    secret = sys.stdin.readline().strip()

    def verdict(obj):
        sys.stdout.write(secret + json.dumps(obj) + "\n")
        sys.stdout.flush()

    args = json.loads(sys.argv[1])
    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    except ImportError as e:
        verdict({"status": "missing", "module": (e.name or "nbclient").split(".")[0]})
        return
    try:
        import ipykernel  # noqa: F401  (the kernel runs it; asked here to say so before starting one)
    except ImportError:
        verdict({"status": "missing", "module": "ipykernel"})
        return
    modules = (nbformat, NotebookClient, CellExecutionError, CellTimeoutError, DeadKernelError)
    with tempfile.TemporaryDirectory(prefix="upskill-kernel-") as home:
        name = "upskill-python"
        spec = os.path.join(home, "kernels", name)
        os.makedirs(spec)
        with open(os.path.join(spec, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "Upskill", "language": "python"}, f)
        os.environ["JUPYTER_PATH"] = home
        # Runtime files (connection files) in the temporary folder, not the learner's home.
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(home, "runtime")
        os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        runs = []
        count = int(args.get("runs", 1))
        for index in range(count):
            if count > 1:
                # Each run's kernel gets another hash seed (it inherits this environment), so a
                # set of strings iterated in its own order shows as changed outputs every time,
                # not only when two random hash seeds happen to differ.
                os.environ["PYTHONHASHSEED"] = str(index + 1)
            r = run_once(args["notebook"], float(args.get("timeout", 60)), name, modules)
            runs.append(r)
            if r["status"] != "ok":
                break
    verdict({"status": "done", "runs": runs})


if __name__ == "__main__":
    main()
