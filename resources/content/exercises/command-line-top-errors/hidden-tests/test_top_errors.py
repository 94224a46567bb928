"""Runs top_errors.sh on logs generated here, each time with new random content."""

import os
import random
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest

try:
    # In Upskill's check every program the script starts, and everything those start, is seen.
    from upskill_judge import run_traced
except ImportError:  # run by hand: the script runs untraced, and only its text is looked at
    run_traced = None

SCRIPT = Path(__file__).resolve().parent / "top_errors.sh"
HEADER = "timestamp,endpoint,model_version,status,latency_ms"
SERVER_ERRORS = [500, 502, 503, 504, 507]
OTHER_STATUSES = [200, 200, 200, 200, 201, 204, 301, 304, 400, 404, 422, 429]
ENDPOINTS = ["/predict", "/predict/batch", "/explain", "/health"]


# Shell tools: what the script may run. Judged by the programs that ran (their real file,
# after links), not by words in the script: a name built at run time, a tool started by
# awk's system() or by env, xargs or find, a copy under another name, all show.
SHELL_TOOLS = frozenset(
    "bash sh dash ash busybox awk mawk gawk nawk original-awk busybox cut grep egrep fgrep sort uniq head tail sed tr wc "
    "cat tac printf echo tee paste join comm column expr test [ true false basename dirname env xargs seq rev fold nl "
    "mktemp rm ls date sleep numfmt cmp diff find stdbuf timeout nproc locale od cp mv touch mkdir readlink realpath".split()
)


def programs_outside_shell_tools(programs: list[dict[str, object]]) -> list[str]:
    """The programs that ran and are not shell tools, as "exe (argv...)"."""
    writable = [str(SCRIPT.parent), os.path.realpath(tempfile.gettempdir())]
    out = []
    for p in programs:
        exe = str(p["exe"]) or "a program whose file the trace could not read"
        name = os.path.basename(exe)
        copied = any(exe.startswith(w + os.sep) for w in writable)
        if name not in SHELL_TOOLS or copied:
            argv = " ".join(str(a) for a in p["argv"])[:80]  # type: ignore[attr-defined]
            out.append(f"{exe} ({argv})" + (", a program copied into a folder the script can write" if copied else ""))
    return out


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LC_ALL="C")
    command = ["bash", str(SCRIPT), *args]
    if run_traced is None:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    result, programs = run_traced(command, capture_output=True, text=True, env=env, timeout=60)
    if programs is not None:
        other = programs_outside_shell_tools(programs)
        assert not other, f"top_errors.sh ran {'; '.join(sorted(set(other))[:5])}: this exercise is about shell tools (awk, cut, grep, sort, uniq, head, tail, sed, tr), not other languages"
    return result


def log_path(tmp_path: Path) -> Path:
    # A folder and a file name with spaces, as on many laptops: quote your variables.
    folder = tmp_path / "serving logs"
    folder.mkdir()
    return folder / "requests 2024-05-14.csv"


def row(rng: random.Random, version: str, status: int) -> str:
    stamp = f"2024-05-14T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
    # Latencies full of 5s and 500s, so that "grep 5" style filters fail.
    return f"{stamp},{rng.choice(ENDPOINTS)},{version},{status},{rng.choice([rng.randint(5, 999), rng.randint(500, 599), rng.randint(5000, 59999)])}"


def write_log(path: Path, rows: list[str], final_newline: bool = True) -> None:
    path.write_text("\n".join([HEADER, *rows]) + ("\n" if final_newline else ""), encoding="utf-8")


def random_log(rng: random.Random) -> tuple[list[str], Counter[str]]:
    prefixes = ["churn", "fraud", "ltv", "reco"]
    versions = sorted({f"{rng.choice(prefixes)}-v{rng.randint(1, 12)}{rng.choice(['', '', '-canary'])}" for _ in range(rng.randint(3, 8))})
    rates = {v: rng.uniform(0.0, 0.3) for v in versions}
    rows: list[str] = []
    errors: Counter[str] = Counter()
    for _ in range(rng.randint(200, 3000)):
        version = rng.choice(versions)
        if rng.random() < rates[version]:
            status = rng.choice(SERVER_ERRORS)
            errors[version] += 1
        else:
            status = rng.choice(OTHER_STATUSES)
        rows.append(row(rng, version, status))
    return rows, errors


def expected(errors: Counter[str], n: int) -> list[list[str]]:
    ranked = sorted(errors.items(), key=lambda item: (-item[1], item[0]))[:n]
    return [[str(count), version] for version, count in ranked]


def lines_of(stdout: str) -> list[list[str]]:
    return [line.split() for line in stdout.splitlines()]


@pytest.mark.parametrize("n", [None, "1", "2", "5"])
def test_random_logs(tmp_path: Path, n: str | None) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    rows, errors = random_log(rng)
    path = log_path(tmp_path)
    write_log(path, rows)
    result = run(str(path)) if n is None else run(str(path), n)
    want = expected(errors, 3 if n is None else int(n))
    assert result.returncode == 0, f"exit code {result.returncode}; stderr: {result.stderr.strip()[:300]}"
    assert lines_of(result.stdout) == want, (
        f"on a generated log of {len(rows)} rows (seed {seed}), N={n or 'not given (3)'}: expected {want}, got {lines_of(result.stdout)}"
    )


def test_ties_are_in_alphabetical_order(tmp_path: Path) -> None:
    rng = random.Random(1)
    counts = {"reco-v2": 4, "churn-v10": 4, "churn-v9": 4, "ltv-v1": 2, "fraud-v3": 1}
    rows = [row(rng, v, rng.choice(SERVER_ERRORS)) for v, c in counts.items() for _ in range(c)]
    rows += [row(rng, v, 200) for v in counts for _ in range(7)]
    rng.shuffle(rows)
    path = log_path(tmp_path)
    write_log(path, rows)
    result = run(str(path), "4")
    assert lines_of(result.stdout) == [["4", "churn-v10"], ["4", "churn-v9"], ["4", "reco-v2"], ["2", "ltv-v1"]]


def test_more_lines_asked_than_versions(tmp_path: Path) -> None:
    rng = random.Random(2)
    rows = [row(rng, "churn-v3", 503), row(rng, "churn-v4", 500), row(rng, "churn-v4", 504), row(rng, "churn-v3", 200)]
    path = log_path(tmp_path)
    write_log(path, rows)
    result = run(str(path), "10")
    assert result.returncode == 0
    assert lines_of(result.stdout) == [["2", "churn-v4"], ["1", "churn-v3"]]


def test_only_5xx_counts(tmp_path: Path) -> None:
    rng = random.Random(3)
    rows = [row(rng, "churn-v3", s) for s in (200, 404, 429, 301, 422, 400, 201)] + [row(rng, "churn-v4", 502)]
    path = log_path(tmp_path)
    write_log(path, rows)
    assert lines_of(run(str(path)).stdout) == [["1", "churn-v4"]]


def test_no_server_errors_prints_nothing_and_succeeds(tmp_path: Path) -> None:
    rng = random.Random(4)
    path = log_path(tmp_path)
    write_log(path, [row(rng, "churn-v3", 200) for _ in range(50)])
    result = run(str(path))
    assert result.returncode == 0, f"exit code {result.returncode} for a log without server errors (grep exits 1 when nothing matches)"
    assert result.stdout == ""


def test_header_only_log(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    write_log(path, [])
    result = run(str(path))
    assert result.returncode == 0
    assert result.stdout == ""


def test_last_line_without_final_newline_counts(tmp_path: Path) -> None:
    rng = random.Random(5)
    rows = [row(rng, "churn-v3", 500), row(rng, "churn-v4", 503), row(rng, "churn-v4", 500)]
    path = log_path(tmp_path)
    write_log(path, rows, final_newline=False)
    assert lines_of(run(str(path)).stdout) == [["2", "churn-v4"], ["1", "churn-v3"]]


def test_no_arguments_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage" in result.stderr.lower()


def test_uses_shell_tools_only(tmp_path: Path) -> None:
    rng = random.Random(6)
    rows, _ = random_log(rng)
    path = log_path(tmp_path)
    write_log(path, rows)
    if run_traced is not None:
        # Traced: every run of the script, here and in every test above, is held to shell tools.
        result, programs = run_traced(["bash", str(SCRIPT), str(path)], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"), timeout=60)
        if programs is not None:
            assert programs, "no program was seen running: the trace did not work"
            other = programs_outside_shell_tools(programs)
            assert not other, f"top_errors.sh ran {'; '.join(sorted(set(other))[:5])}: this exercise is about shell tools"
            return
    # Untraced (run by hand, or a machine that allows no tracing): the script's text.
    code = "\n".join(line for line in SCRIPT.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
    other = re.findall(r"\b(python3?|pypy3?|perl|ruby|node|php|Rscript|pandas|duckdb|sqlite3)\b", code)
    assert not other, f"top_errors.sh calls {sorted(set(other))}: this exercise is about shell tools (awk, cut, grep, sort, uniq, head)"
