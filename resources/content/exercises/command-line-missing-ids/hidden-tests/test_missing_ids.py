"""Runs missing_ids.sh on exports generated here, with new random content each time."""

import os
import random
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

try:
    # In Upskill's check every program the script starts, and everything those start, is seen.
    from upskill_judge import run_traced
except ImportError:  # run by hand: the script runs untraced, and only its text is looked at
    run_traced = None

SCRIPT = Path(__file__).resolve().parent / "missing_ids.sh"
SCORING_HEADER = "customer_id,snapshot_date,plan"
FEATURES_HEADER = "tenure_months,monthly_spend,support_tickets,customer_id"

# What the script may run, judged by the programs that ran (their real file, after links),
# not by words in the script.
SHELL_TOOLS = frozenset(
    "bash sh dash ash busybox awk mawk gawk nawk original-awk cut grep egrep fgrep sort uniq head tail sed tr wc "
    "cat tac printf echo tee paste join comm column expr test [ true false basename dirname env xargs seq rev fold nl "
    "mktemp rm ls date sleep cmp diff find stdbuf timeout locale od cp mv touch mkdir readlink realpath".split()
)


def outside_shell_tools(programs: list[dict[str, object]]) -> list[str]:
    writable = [str(SCRIPT.parent), os.path.realpath(tempfile.gettempdir())]
    out = []
    for p in programs:
        exe = str(p["exe"]) or "a program whose file the trace could not read"
        copied = any(exe.startswith(w + os.sep) for w in writable)
        if os.path.basename(exe) not in SHELL_TOOLS or copied:
            out.append(exe + (" (copied into a folder the script can write)" if copied else ""))
    return out


def run(*args: str) -> subprocess.CompletedProcess[str]:
    command = ["bash", str(SCRIPT), *args]
    if run_traced is None:
        return subprocess.run(command, capture_output=True, text=True, timeout=60)
    result, programs = run_traced(command, capture_output=True, text=True, timeout=60)
    if programs is not None:
        other = outside_shell_tools(programs)
        assert not other, f"missing_ids.sh ran {'; '.join(sorted(set(other))[:5])}: this exercise is about shell tools, not other languages"
    return result


def export(folder: Path, name: str, header: str, ids: list[str], crlf: bool = False, final_newline: bool = True) -> str:
    # Folders and file names with spaces, as on many laptops: quote your variables.
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(len(ids))
    if header == SCORING_HEADER:  # customer_id first
        rows = [header] + [f"{i},2024-06-{rng.randint(1, 30):02d},{rng.choice(['basic', 'plus', 'family'])}" for i in ids]
    else:  # customer_id last, where a Windows line ending sticks to it
        rows = [header] + [f"{rng.randint(1, 72)},{rng.uniform(5, 120):.2f},{rng.randint(0, 9)},{i}" for i in ids]
    end = "\r\n" if crlf else "\n"
    path = folder / name
    path.write_bytes((end.join(rows) + (end if final_newline else "")).encode())
    return str(path)


def check(tmp_path: Path, scoring: list[str], features: list[str], **kwargs: bool) -> None:
    s = export(tmp_path / "daily exports", "scoring 2024-06-01.csv", SCORING_HEADER, scoring)
    f = export(tmp_path / "feature store", "features 2024-06-01.csv", FEATURES_HEADER, features, **kwargs)
    want = sorted(set(scoring) - set(features), key=lambda i: i.encode())
    result = run(s, f)
    assert result.stdout.splitlines() == want, f"expected {want[:8]}{' ...' if len(want) > 8 else ''}, got {result.stdout.splitlines()[:8]}"
    assert result.returncode == (1 if want else 0), f"exit status {result.returncode} with {len(want)} missing ids; stderr: {result.stderr.strip()[:200]}"


@pytest.mark.parametrize("crlf", [False, True])
def test_random_exports(tmp_path: Path, crlf: bool) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    pool = [f"C{n}" for n in rng.sample(range(1, 3000), 400)] + [f"{n:05d}" for n in rng.sample(range(1, 300), 40)]
    scoring = rng.sample(pool, 250)
    scoring += rng.sample(scoring, 30)  # a customer scored twice is listed once
    rng.shuffle(scoring)
    features = [i for i in pool if rng.random() < 0.9]
    rng.shuffle(features)
    check(tmp_path, scoring, features, crlf=crlf)


def test_an_id_that_is_the_start_of_another(tmp_path: Path) -> None:
    check(tmp_path, ["C1", "C10", "C2", "C23"], ["C10", "C100", "C2", "C230"])


def test_nothing_missing_prints_nothing_and_succeeds(tmp_path: Path) -> None:
    check(tmp_path, ["C7", "C3", "C7"], ["C3", "C5", "C7"], crlf=True)


def test_header_only_scoring_export(tmp_path: Path) -> None:
    check(tmp_path, [], ["C3"])


def test_last_lines_without_a_final_newline(tmp_path: Path) -> None:
    s = export(tmp_path, "scoring.csv", SCORING_HEADER, ["C4", "C9"], final_newline=False)
    f = export(tmp_path, "features.csv", FEATURES_HEADER, ["C4", "C8"], crlf=True, final_newline=False)
    result = run(s, f)
    assert (result.stdout, result.returncode) == ("C9\n", 1)


@pytest.mark.parametrize("args", [[], ["only-one.csv"], ["a.csv", "b.csv", "c.csv"]])
def test_wrong_number_of_arguments_is_a_usage_error(args: list[str]) -> None:
    result = run(*args)
    assert (result.returncode, result.stdout) == (2, ""), f"exit status {result.returncode}, stdout {result.stdout[:80]!r}"
    assert "usage" in result.stderr.lower()


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    s = export(tmp_path, "scoring.csv", SCORING_HEADER, ["C4"])
    result = run(s, str(tmp_path / "features-2024-06-01.csv"))
    assert (result.returncode, result.stdout) == (2, ""), f"exit status {result.returncode}, stdout {result.stdout[:80]!r}"
    assert "features-2024-06-01.csv" in result.stderr


def test_uses_shell_tools_only(tmp_path: Path) -> None:
    s = export(tmp_path, "scoring.csv", SCORING_HEADER, ["C4", "C9"])
    f = export(tmp_path, "features.csv", FEATURES_HEADER, ["C4"])
    if run_traced is not None:
        result, programs = run_traced(["bash", str(SCRIPT), s, f], capture_output=True, text=True, timeout=60)
        if programs is not None:
            assert programs, "no program was seen running: the trace did not work"
            assert not outside_shell_tools(programs), "missing_ids.sh ran programs other than shell tools"
            return
    code = "\n".join(line for line in SCRIPT.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
    other = re.findall(r"\b(python3?|pypy3?|perl|ruby|node|php|Rscript|duckdb|sqlite3)\b", code)
    assert not other, f"missing_ids.sh calls {sorted(set(other))}: this exercise is about shell tools"
