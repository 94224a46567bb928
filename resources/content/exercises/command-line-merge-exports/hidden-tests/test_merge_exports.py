"""Runs merge_exports.sh on export folders generated here, each time with new random content."""

import datetime as dt
import os
import random
import re
import subprocess
import tempfile
from pathlib import Path

try:
    # In Upskill's check every program the script starts, and everything those start, is seen.
    from upskill_judge import run_traced
except ImportError:  # run by hand: the script runs untraced, and only its text is looked at
    run_traced = None

SCRIPT = Path(__file__).resolve().parent / "merge_exports.sh"
HEADER = "customer_id,churn_score,model_version,scored_at"

# Shell tools: what the script may run, judged by the programs that ran (their real file).
SHELL_TOOLS = frozenset(
    "bash sh dash ash busybox awk mawk gawk nawk original-awk cut grep egrep fgrep sort uniq head tail sed tr wc "
    "cat tac printf echo tee paste join comm column expr test [ true false basename dirname env xargs seq rev fold nl "
    "mktemp rm ls date sleep cmp diff find stat stdbuf timeout locale od cp mv touch mkdir readlink realpath".split()
)


def programs_outside_shell_tools(programs: list[dict[str, object]]) -> list[str]:
    """The programs that ran and are not shell tools, as "exe (argv...)"."""
    writable = [str(SCRIPT.parent), os.path.realpath(tempfile.gettempdir())]
    out = []
    for p in programs:
        exe = str(p["exe"]) or "a program whose file the trace could not read"
        copied = any(exe.startswith(w + os.sep) for w in writable)
        if os.path.basename(exe) not in SHELL_TOOLS or copied:
            argv = " ".join(str(a) for a in p["argv"])[:80]  # type: ignore[attr-defined]
            out.append(f"{exe} ({argv})")
    return out


def run(*args: str) -> subprocess.CompletedProcess[str]:
    command = ["bash", str(SCRIPT), *args]
    if run_traced is None:
        return subprocess.run(command, capture_output=True, text=True, timeout=60)
    result, programs = run_traced(command, capture_output=True, text=True, timeout=60)
    if programs is not None:
        other = programs_outside_shell_tools(programs)
        assert not other, f"merge_exports.sh ran {'; '.join(sorted(set(other))[:5])}: this exercise is about shell tools (awk, sed, head, tail, find, sort), not other languages"
    return result


def score_row(rng: random.Random, day: dt.date) -> str:
    second = rng.randint(0, 3599)
    return f"C-{rng.randint(10000, 99999)},{rng.random():.2f},churn-v{rng.randint(3, 6)},{day}T02:{second // 60:02d}:{second % 60:02d}Z"


class Exports:
    """A folder of daily exports written in random order with shuffled modification times."""

    def __init__(self, tmp_path: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.folder = tmp_path / "nightly exports"
        self.folder.mkdir()
        self.files: list[tuple[dt.date, str, str]] = []  # (day, name, content)

    def add(self, day: dt.date, rows: int | None, final_newline: bool = True, name: str | None = None) -> None:
        """rows=None: an empty (0-byte) file; rows=0: the header only."""
        name = name or f"{day}_scores.csv"
        if rows is None:
            content = ""
        else:
            lines = [HEADER, *(score_row(self.rng, day) for _ in range(rows))]
            content = "\n".join(lines) + ("\n" if final_newline else "")
        self.files.append((day, name, content))

    def write(self) -> None:
        order = list(self.files)
        self.rng.shuffle(order)  # the order the files are created in: what find and ls -U see
        stamps = list(range(len(order)))
        self.rng.shuffle(stamps)  # modification times unrelated to the dates (files get re-run, copied)
        if len(stamps) > 1 and stamps == sorted(stamps):
            stamps.reverse()
        for (_day, name, content), stamp in zip(order, stamps):
            path = self.folder / name
            path.write_text(content, encoding="utf-8")
            when = 1_700_000_000 + 3600 * stamp
            os.utime(path, (when, when))

    def expected(self) -> str:
        rows: list[str] = []
        for _day, _name, content in sorted(self.files):
            if content:
                rows += content.splitlines()[1:]
        return "\n".join([HEADER, *rows]) + "\n"


def random_days(rng: random.Random, n: int) -> list[dt.date]:
    # Across a year end, with gaps: days are not consecutive.
    start = dt.date(2023, 12, rng.randint(20, 31))
    days: list[dt.date] = []
    day = start
    for _ in range(n):
        days.append(day)
        day += dt.timedelta(days=rng.randint(1, 4))
    return days


def test_random_exports(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    ex = Exports(tmp_path, seed)
    days = random_days(ex.rng, ex.rng.randint(6, 14))
    no_newline = ex.rng.choice(days[:-1])
    empty = ex.rng.sample(days[1:], 2)
    for day in days:
        if day in empty:
            ex.add(day, None)
        else:
            name = f"{day} scores (rerun).csv" if ex.rng.random() < 0.3 else None
            ex.add(day, ex.rng.randint(0 if day != no_newline else 1, 60), final_newline=day != no_newline, name=name)
    ex.write()
    result = run(str(ex.folder))
    assert result.returncode == 0, f"exit code {result.returncode}; stderr: {result.stderr.strip()[:300]}"
    want = ex.expected()
    assert result.stdout == want, (
        f"on {len(days)} generated exports (seed {seed}; {no_newline} without a final newline, {empty[0]} and {empty[1]} empty): "
        f"expected {want.count(chr(10))} lines starting {want.splitlines()[:3]}, got {result.stdout.count(chr(10))} lines starting {result.stdout.splitlines()[:3]}"
    )


def test_files_in_date_order_not_creation_or_modification_order(tmp_path: Path) -> None:
    ex = Exports(tmp_path, 1)
    for day in [dt.date(2024, 3, 9), dt.date(2024, 3, 1), dt.date(2024, 2, 28), dt.date(2024, 3, 10)]:
        ex.add(day, 3)
    ex.write()
    result = run(str(ex.folder))
    days = [line.rsplit(",", 1)[1][:10] for line in result.stdout.splitlines()[1:]]
    assert days == sorted(days), f"rows came in the order {sorted(set(days), key=days.index)}: merge the files by the date in their names"
    assert result.stdout == ex.expected()


def test_first_export_empty(tmp_path: Path) -> None:
    ex = Exports(tmp_path, 2)
    ex.add(dt.date(2024, 5, 13), None)
    ex.add(dt.date(2024, 5, 14), 4)
    ex.add(dt.date(2024, 5, 15), 2)
    ex.write()
    result = run(str(ex.folder))
    assert result.stdout.splitlines()[:1] == [HEADER], "the first export is empty: take the header from the first export that has one"
    assert result.stdout == ex.expected()


def test_last_row_without_final_newline(tmp_path: Path) -> None:
    ex = Exports(tmp_path, 3)
    ex.add(dt.date(2024, 5, 13), 2, final_newline=False)
    ex.add(dt.date(2024, 5, 14), 2)
    ex.add(dt.date(2024, 5, 15), 1, final_newline=False)
    ex.write()
    result = run(str(ex.folder))
    assert result.stdout == ex.expected(), "a file whose last row has no newline: that row must still end a line of its own, and so must the output's last row"


def test_names_with_spaces_and_header_only_files(tmp_path: Path) -> None:
    ex = Exports(tmp_path, 4)
    ex.add(dt.date(2024, 1, 2), 0, name="2024-01-02 scores.csv")
    ex.add(dt.date(2024, 1, 3), 3, name="2024-01-03 scores (rerun by hand).csv")
    ex.add(dt.date(2024, 1, 4), 0, final_newline=False)
    ex.add(dt.date(2024, 1, 5), 2)
    ex.write()
    assert run(str(ex.folder)).stdout == ex.expected()


def test_only_csv_files_directly_in_the_folder(tmp_path: Path) -> None:
    ex = Exports(tmp_path, 5)
    ex.add(dt.date(2024, 6, 1), 3)
    ex.add(dt.date(2024, 6, 2), 3)
    ex.write()
    (ex.folder / "notes.txt").write_text("2024-06-01 re-run by hand\n", encoding="utf-8")
    (ex.folder / "2024-06-02_scores.csv.bak").write_text(f"{HEADER}\nC-1,0.5,churn-v1,2024-06-02T00:00:00Z\n", encoding="utf-8")
    (ex.folder / "archive").mkdir()
    (ex.folder / "archive" / "2024-05-31_scores.csv").write_text(f"{HEADER}\nC-2,0.5,churn-v1,2024-05-31T00:00:00Z\n", encoding="utf-8")
    assert run(str(ex.folder)).stdout == ex.expected()


def test_a_folder_without_exports_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "nightly exports"
    folder.mkdir()
    (folder / "notes.txt").write_text("the job did not run\n", encoding="utf-8")
    result = run(str(folder))
    assert result.returncode != 0, "a folder without exports must end the script with a non-zero exit status, so a pipeline stops there"
    assert result.stdout == "", "print nothing on standard output when there is nothing to merge"
    assert "nightly exports" in result.stderr, f"say which folder has no exports, on standard error (got {result.stderr.strip()[:200]!r})"


def test_a_folder_of_empty_exports_is_an_error(tmp_path: Path) -> None:
    ex = Exports(tmp_path, 6)
    ex.add(dt.date(2024, 5, 13), None)
    ex.add(dt.date(2024, 5, 14), None)
    ex.write()
    result = run(str(ex.folder))
    assert result.returncode != 0, "every export is empty: nothing to merge is an error (non-zero exit status)"
    assert result.stdout == ""
    assert "nightly exports" in result.stderr


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "no such exports"))
    assert result.returncode != 0
    assert result.stdout == ""
    assert "no such exports" in result.stderr


def test_wrong_number_of_arguments_is_a_usage_error(tmp_path: Path) -> None:
    for args in ([], [str(tmp_path), str(tmp_path)]):
        result = run(*args)
        assert result.returncode == 2, f"with {len(args)} arguments: exit code {result.returncode}, expected 2"
        assert result.stdout == ""
        assert "usage" in result.stderr.lower()


def test_uses_shell_tools_only(tmp_path: Path) -> None:
    ex = Exports(tmp_path, 7)
    ex.add(dt.date(2024, 5, 13), 3)
    ex.write()
    if run_traced is not None:
        result, programs = run_traced(["bash", str(SCRIPT), str(ex.folder)], capture_output=True, text=True, timeout=60)
        if programs is not None:
            assert programs, "no program was seen running: the trace did not work"
            other = programs_outside_shell_tools(programs)
            assert not other, f"merge_exports.sh ran {'; '.join(sorted(set(other))[:5])}: this exercise is about shell tools"
            return
    code = "\n".join(line for line in SCRIPT.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
    other = re.findall(r"\b(python3?|pypy3?|perl|ruby|node|php|Rscript|pandas|duckdb|sqlite3)\b", code)
    assert not other, f"merge_exports.sh calls {sorted(set(other))}: this exercise is about shell tools"
