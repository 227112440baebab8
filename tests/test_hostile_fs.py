"""Hostile file-system entries (issue 16, classes 3, 4, 5 and 8): reported, never
hanging, never dropped, never quoted from outside the given folders.

Every case runs in a folder `in/` holding two valid region files, adds its hostile
entries, and asserts the exit code, every located problem (exactly) and that the two
valid files were still ranked (or validated, or checked).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from smartcity_score.problems import Problem
from tests.conftest import CRITERIA, Result

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "applicants-2022"
Cli = Callable[..., Result]
SECRET = "secret-token-123"
OUTSIDE = "not followed (use --follow-links to follow)"
VALID = sorted(EXAMPLES.glob("*.yaml"))


def _valid(folder: Path, index: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(VALID[index], folder / VALID[index].name)


def _outside(name: str, target: str, root: str = "in") -> tuple[str, str]:
    return (f"{root}/{name}", f"link leads outside {root}/ (to {target}); {OUTSIDE}")


def _loop_back(name: str, target: Path) -> tuple[str, str]:
    return (f"in/{name}", f"link loop: leads back to {target}, which holds it; not followed")


@dataclass(frozen=True)
class Case:
    """Hostile entries made under the test folder `t`, and what the command must say.

    `errors(t)` lists (file, message) of every problem, in order; `valid` is how many
    valid region files must still be ranked; `args` come before the paths."""

    make: Callable[[Path], object]
    errors: Callable[[Path], list[tuple[str, str]]]
    args: tuple[str, ...] = ()
    paths: tuple[str, ...] = ("in",)
    valid: int = 2
    labels: tuple[str, ...] = ()  # if given, the `file` of every result, sorted

    @property
    def code(self) -> int:
        return 1 if self.errors(Path("/")) else 0


def _real(t: Path) -> Path:
    return Path(os.path.realpath(t))


def _outside_folder(t: Path) -> None:
    _valid(t / "elsewhere", 2)
    (t / "in" / "more").symlink_to(t / "elsewhere")


def _cross_links(t: Path) -> None:
    _valid(t / "in" / "a", 2)
    (t / "in" / "b").mkdir()
    (t / "in" / "a" / "to-b").symlink_to("../b")
    (t / "in" / "b" / "to-a").symlink_to("../a")


def _chain(t: Path) -> None:
    (t / "in" / "a.yaml").symlink_to("b.yaml")
    (t / "in" / "b.yaml").symlink_to("nothere.yaml")


def _file_loop(t: Path) -> None:
    (t / "in" / "a.yaml").symlink_to("b.yaml")
    (t / "in" / "b.yaml").symlink_to("a.yaml")


def _folder_loop(t: Path) -> None:
    (t / "in" / "x").symlink_to("y")
    (t / "in" / "y").symlink_to("x")


def _socket(t: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(t / "in" / "s.yaml"))
    server.close()


def _secret(t: Path, text: str = SECRET) -> Path:
    secret = t / "private" / "token.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(f"{text}\n", encoding="utf-8")
    return secret


def _link(name: str, target: str | Callable[[Path], str | Path]) -> Callable[[Path], None]:
    """Make `in/NAME` a link to `target` (or to what `target(t)` gives)."""

    def make(t: Path) -> None:
        path = t / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target(t) if callable(target) else target)

    return make


def _both(*makers: Callable[[Path], object]) -> Callable[[Path], None]:
    def make(t: Path) -> None:
        for maker in makers:
            maker(t)

    return make


def _fifo(name: str) -> Callable[[Path], None]:
    def make(t: Path) -> None:
        path = t / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)

    return make


def _none(t: Path) -> list[tuple[str, str]]:
    return []


def _labels(*extra: str) -> tuple[str, ...]:
    """Labels of the results: the two valid files of `in/` and `extra`, sorted."""
    return tuple(sorted([f"in/{VALID[0].name}", f"in/{VALID[1].name}", *extra]))


LONG_SECRET = SECRET + "-" + "x" * 300
PIPE = "not a regular file (a named pipe)"
DEVICE = "not a regular file (a character device)"

CASES: dict[str, Case] = {
    # 3: a walk never leaves the given folders, and never walks a folder twice.
    "c3-link-to-root": Case(_link("root", "/"), lambda t: [_outside("root", "/")]),
    "c3-link-to-usr": Case(_link("usr", "/usr"), lambda t: [_outside("usr", "/usr")]),
    "c3-link-to-outside-folder": Case(
        _outside_folder, lambda t: [_outside("more", str(_real(t) / "elsewhere"))]
    ),
    "c3-outside-folder-followed": Case(_outside_folder, _none, args=("--follow-links",), valid=3),
    "c3-root-followed-is-a-loop": Case(
        _link("root", "/"), lambda t: [_loop_back("root", Path("/"))], args=("--follow-links",)
    ),
    "c3-link-to-parent": Case(
        _link("sub/up", ".."), lambda t: [_loop_back("sub/up", _real(t) / "in")]
    ),
    "c3-link-to-itself": Case(_link("self", "."), lambda t: [_loop_back("self", _real(t) / "in")]),
    "c3-folders-linked-both-ways": Case(
        _cross_links, _none, valid=3, labels=_labels("in/a/" + VALID[2].name)
    ),
    "c3-link-to-subfolder-inside": Case(
        _both(lambda t: _valid(t / "in" / "sub", 2), _link("alias", "sub")),
        _none,
        valid=3,
        labels=_labels("in/sub/" + VALID[2].name),
    ),
    "c3-link-to-file-inside": Case(
        _both(lambda t: _valid(t / "in" / "sub", 2), _link("z.yaml", "sub/" + VALID[2].name)),
        _none,
        valid=3,
        labels=_labels("in/sub/" + VALID[2].name),
    ),
    "c3-folder-link-loop": Case(
        _folder_loop, lambda t: [("in/x", "symbolic link loop"), ("in/y", "symbolic link loop")]
    ),
    "c3-fifo": Case(_fifo("pipe.yaml"), lambda t: [("in/pipe.yaml", PIPE)]),
    "c3-fifo-in-subfolder": Case(
        _fifo("deep/er/pipe.yml"), lambda t: [("in/deep/er/pipe.yml", PIPE)]
    ),
    "c3-fifo-given": Case(
        _fifo("p.yaml"), lambda t: [("in/p.yaml", PIPE)], paths=("in", "in/p.yaml")
    ),
    "c3-link-into-other-given-folder": Case(
        _both(lambda t: _valid(t / "other", 2), _link("o", lambda t: t / "other")),
        _none,
        paths=("in", "other"),
        valid=3,
    ),
    # 4: every entry named like a region file is read or listed.
    "c4-dangling": Case(
        _link("dang.yaml", "nothere.yaml"),
        lambda t: [("in/dang.yaml", "broken link to 'nothere.yaml'")],
    ),
    "c4-dangling-yml": Case(
        _link("dang.yml", "gone/x.yml"), lambda t: [("in/dang.yml", "broken link to 'gone/x.yml'")]
    ),
    "c4-dangling-chain": Case(
        _chain,
        lambda t: [
            ("in/a.yaml", "broken link to 'b.yaml'"),
            ("in/b.yaml", "broken link to 'nothere.yaml'"),
        ],
    ),
    "c4-file-link-loop": Case(
        _file_loop,
        lambda t: [("in/a.yaml", "symbolic link loop"), ("in/b.yaml", "symbolic link loop")],
    ),
    "c4-link-to-itself": Case(
        _link("me.yaml", "me.yaml"), lambda t: [("in/me.yaml", "symbolic link loop")]
    ),
    "c4-dangling-given": Case(
        _link("given.yaml", "nothere.yaml"),
        lambda t: [("in/given.yaml", "broken link to 'nothere.yaml'")],
        paths=("in/given.yaml", *(f"in/{p.name}" for p in VALID[:2])),
    ),
    "c4-loop-given": Case(
        _file_loop,
        lambda t: [("in/a.yaml", "symbolic link loop"), ("in/b.yaml", "symbolic link loop")],
        paths=("in/a.yaml", "in"),
    ),
    "c4-dev-zero": Case(
        _link("zero.yaml", "/dev/zero"), lambda t: [_outside("zero.yaml", "/dev/zero")]
    ),
    "c4-dev-zero-followed": Case(
        _link("zero.yaml", "/dev/zero"),
        lambda t: [("in/zero.yaml", DEVICE)],
        args=("--follow-links",),
    ),
    "c4-dev-null-followed": Case(
        _link("null.yml", "/dev/null"),
        lambda t: [("in/null.yml", DEVICE)],
        args=("--follow-links",),
    ),
    "c4-socket": Case(_socket, lambda t: [("in/s.yaml", "not a regular file (a socket)")]),
    "c4-unnamed-broken-link-is-no-region-file": Case(_link("old-data", "gone"), _none),
    # 5: nothing read through a link out of the given folders is quoted.
    "c5-secret-file-link": Case(
        _both(_secret, _link("token.yaml", lambda t: t / "private" / "token.txt")),
        lambda t: [_outside("token.yaml", str(_real(t) / "private" / "token.txt"))],
    ),
    "c5-secret-folder-link": Case(
        _both(
            _secret,
            lambda t: (t / "private" / "a.yaml").write_text(SECRET),
            _link("p", lambda t: t / "private"),
        ),
        lambda t: [_outside("p", str(_real(t) / "private"))],
    ),
    "c5-secret-followed-is-an-excerpt": Case(
        _both(
            lambda t: _secret(t, LONG_SECRET),
            _link("token.yaml", lambda t: t / "private" / "token.txt"),
        ),
        lambda t: [
            (
                "in/token.yaml",
                "the file must hold one mapping of keys to values at the top, found the "
                f"single value '{LONG_SECRET[:59]}…'",
            )
        ],
        args=("--follow-links",),
    ),
}


def _run(cli: Cli, t: Path, case: Case, command: str = "rank") -> tuple[Result, dict[str, object]]:
    _valid(t / "in", 0)
    _valid(t / "in", 1)
    case.make(t)
    extra = ("--workers", "1") if command == "rank" else ()
    result = cli(command, "-f", "json", *extra, *case.args, *case.paths)
    return result, json.loads(result.out)


def _errors(data: dict[str, object]) -> list[tuple[str, int, int, str]]:
    errors = data["errors"]
    assert isinstance(errors, list)
    return [(e["file"], e["line"], e["column"], e["message"]) for e in errors]


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.mark.parametrize("name", sorted(CASES), ids=sorted(CASES))
def test_hostile_entry_is_listed_and_the_valid_files_still_ranked(
    cli: Cli, place: Path, name: str
) -> None:
    case = CASES[name]
    result, data = _run(cli, place, case)

    assert result.code == case.code
    assert _errors(data) == [(f, 1, 1, m) for f, m in case.errors(place)]
    results = data["results"]
    assert isinstance(results, list)
    assert len(results) == case.valid
    if case.labels:
        assert sorted(r["file"] for r in results) == list(case.labels)
    assert SECRET not in result.err
    if name != "c5-secret-followed-is-an-excerpt":
        assert SECRET not in result.out


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_c4_character_device_inside_the_folder(cli: Cli, place: Path) -> None:
    def make(t: Path) -> None:
        os.mknod(t / "in" / "tty.yaml", 0o600 | 0o020000, os.makedev(1, 5))  # like /dev/zero

    case = Case(make, lambda t: [("in/tty.yaml", DEVICE)])
    result, data = _run(cli, place, case)
    assert result.code == 1
    assert _errors(data) == [("in/tty.yaml", 1, 1, DEVICE)]
    assert isinstance(data["results"], list) and len(data["results"]) == 2


def _deny(monkeypatch: pytest.MonkeyPatch, name: str, function: str) -> None:
    """`os.FUNCTION` fails with EACCES for a path ending in `name`, as chmod 000 does for
    a user who is not root (the tests may well run as root)."""
    real = getattr(os, function)

    def denied(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith(name):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function, denied)


# (os function denied, for paths ending in, error file, message)
DENIED = {
    "c4-unreadable-region-file": (
        "open",
        "in/locked.yaml",
        "in/locked.yaml",
        "cannot read file: Permission denied",
    ),
    "c4-unreadable-subfolder": (
        "scandir",
        "in/locked",
        "in/locked",
        "cannot read folder: Permission denied",
    ),
    "c4-unreadable-given-folder": (
        "scandir",
        "shut",
        "shut",
        "cannot read folder: Permission denied",
    ),
}


@pytest.mark.parametrize("name", sorted(DENIED), ids=sorted(DENIED))
def test_unreadable_entry_is_listed_and_the_valid_files_still_ranked(
    cli: Cli, place: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    function, denied, file, message = DENIED[name]

    def make(t: Path) -> None:
        _valid(t / "in" / "locked", 2)
        shutil.copy(VALID[3], t / "in" / "locked.yaml")
        _valid(t / "shut", 4)
        _deny(monkeypatch, denied, function)

    case = Case(make, lambda t: [(file, message)], paths=("in", "shut"), valid=4)
    result, data = _run(cli, place, case)

    assert result.code == 1
    assert _errors(data) == [(file, 1, 1, message)]
    assert isinstance(data["results"], list) and len(data["results"]) == 4


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_c4_chmod_000_file_and_folder(cli: Cli, place: Path) -> None:
    _valid(place / "in" / "locked", 2)
    (place / "in" / "locked.yaml").write_text("region: {}\n", encoding="utf-8")
    (place / "in" / "locked.yaml").chmod(0)
    (place / "in" / "locked").chmod(0)
    try:
        result, data = _run(cli, place, Case(lambda t: None, _none))
    finally:
        (place / "in" / "locked").chmod(0o755)
    assert result.code == 1
    assert _errors(data) == [
        ("in/locked", 1, 1, "cannot read folder: Permission denied"),
        ("in/locked.yaml", 1, 1, "cannot read file: Permission denied"),
    ]
    assert isinstance(data["results"], list) and len(data["results"]) == 2


def _criteria_fifo(t: Path) -> str:
    os.mkfifo(t / "crit.yaml")
    return "crit.yaml"


def _criteria_link(target: str) -> Callable[[Path], str]:
    def make(t: Path) -> str:
        (t / "crit.yaml").symlink_to(target)
        return "crit.yaml"

    return make


def _criteria_link_to_fifo(t: Path) -> str:
    os.mkfifo(t / "p.fifo")
    return _criteria_link("p.fifo")(t)


def _criteria_loop(t: Path) -> str:
    (t / "crit.yaml").symlink_to("crit2.yaml")
    (t / "crit2.yaml").symlink_to("crit.yaml")
    return "crit.yaml"


def _criteria_denied(t: Path) -> str:
    shutil.copy(CRITERIA / "kominfo-readiness-2022.yaml", t / "crit.yaml")
    return "crit.yaml"


PREFIX = "smartcity-score: error: criteria"
CRITERIA_CASES: dict[str, tuple[Callable[[Path], str], str]] = {
    "c3-criteria-fifo": (
        _criteria_fifo,
        f"{PREFIX} 'crit.yaml' is not a regular file (a named pipe)",
    ),
    "c3-criteria-link-to-fifo": (
        _criteria_link_to_fifo,
        f"{PREFIX} 'crit.yaml' is not a regular file (a named pipe)",
    ),
    "c3-criteria-dev-zero": (
        lambda t: "/dev/zero",
        f"{PREFIX} '/dev/zero' is not a regular file (a character device)",
    ),
    "c8-criteria-folder": (lambda t: "in", f"{PREFIX} 'in' is a folder, not a file"),
    "c8-criteria-dangling": (
        _criteria_link("nothere.yaml"),
        f"{PREFIX} 'crit.yaml' is a broken link to 'nothere.yaml'",
    ),
    "c8-criteria-loop": (_criteria_loop, f"{PREFIX} 'crit.yaml' is a symbolic link loop"),
    "c8-criteria-unreadable": (
        _criteria_denied,
        f"{PREFIX} 'crit.yaml': cannot read file: Permission denied",
    ),
}


@pytest.mark.parametrize("command", ["rank", "validate", "sensitivity", "template", "compare"])
@pytest.mark.parametrize("name", sorted(CRITERIA_CASES), ids=sorted(CRITERIA_CASES))
def test_criteria_that_is_no_file_is_a_usage_error(
    cli: Cli, place: Path, monkeypatch: pytest.MonkeyPatch, name: str, command: str
) -> None:
    make, message = CRITERIA_CASES[name]
    _valid(place / "in", 0)
    criteria = make(place)
    if name == "c8-criteria-unreadable":
        _deny(monkeypatch, "crit.yaml", "open")
    if command == "template":
        args: tuple[str, ...] = ("-c", criteria)
    elif command == "compare":
        args = (criteria, "kominfo-readiness-2022", "in")
    else:
        args = ("-c", criteria, "in")

    result = cli(command, *args)

    assert (result.code, result.out, result.err) == (2, "", f"{message}\n")


# The same walk serves every command that takes folders.
COMMANDS = {
    "validate": ("validate", "-f", "json"),
    "sensitivity": ("sensitivity", "-f", "json", "--samples", "3", "--workers", "1"),
    "compare": (
        "compare",
        "-f",
        "json",
        "--workers",
        "1",
        "kominfo-readiness-2022",
        "kominfo-readiness-2022",
    ),
    "check": ("check", "-f", "json"),
}
ACROSS = ["c3-link-to-root", "c4-dangling", "c4-file-link-loop", "c5-secret-file-link"]
ACROSS_IDS = [f"{case}-{command}" for case in ACROSS for command in COMMANDS]


@pytest.mark.parametrize("name", ACROSS_IDS, ids=ACROSS_IDS)
def test_every_command_walks_the_same_way(cli: Cli, place: Path, name: str) -> None:
    case_name, command = name.rsplit("-", 1)
    case = CASES[case_name]
    if command == "check":  # a folder of criteria files
        (place / "in").mkdir()
        for source in sorted(CRITERIA.glob("*.yaml"))[:2]:
            shutil.copy(source, place / "in" / source.name)
    else:
        _valid(place / "in", 0)
        _valid(place / "in", 1)
    case.make(place)

    result = cli(*COMMANDS[command], *case.args, *case.paths)

    data = json.loads(result.out)
    assert result.code == 1
    assert _errors(data) == [(f, 1, 1, m) for f, m in case.errors(place)]
    if command in ("sensitivity", "compare"):
        assert isinstance(data["results"], list) and len(data["results"]) == 2
    else:
        # Both valid files, and each hostile entry.
        assert data["files"] == 2 + len(case.errors(place))
    assert SECRET not in result.out + result.err


# Arguments that name the same files in several ways (run from inside `in/`, which holds
# `sub/`): each order of them must give the same bytes.
SPELLINGS = {
    "c8-dot-slash": (1, "A", "./A"),
    "c8-dir-dot-dot": (1, "A", "sub/../A"),
    "c8-absolute": (1, "A", "{abs}/A"),
    "c8-parent-and-back": (1, "A", "../in/A", "./A"),
    "c8-folder-twice": (2, ".", "."),
    "c8-folder-spelt-twice": (2, ".", "../in", "{abs}"),
    "c8-folder-and-its-file": (2, ".", "A", "sub"),
    "c8-trailing-slash": (1, "sub", "sub/", "./sub//"),
    "c8-link-and-target": (2, "A", "alias.yaml", "."),
}


@pytest.mark.parametrize("name", sorted(SPELLINGS), ids=sorted(SPELLINGS))
def test_same_files_spelt_several_ways_give_the_same_bytes_in_any_order(
    cli: Cli, place: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    folder = place / "in"
    _valid(folder, 0)
    _valid(folder / "sub", 1)
    (folder / "alias.yaml").symlink_to(VALID[0].name)
    monkeypatch.chdir(folder)
    count, *given = SPELLINGS[name]
    spellings = [str(s).format(abs=folder).replace("A", VALID[0].name) for s in given]

    outputs = {
        cli("rank", "-f", "json", "--workers", "1", *order).out
        for order in (spellings, spellings[::-1])
    }

    assert len(outputs) == 1
    data = json.loads(outputs.pop())
    assert data["errors"] == []
    assert len(data["results"]) == count


def _nothing(path: Path) -> None:
    pass


SWAPS: dict[str, tuple[Callable[[Path], None], str]] = {
    "c3-file-swapped-for-fifo-after-walk": (os.mkfifo, PIPE),
    "c4-file-removed-after-walk": (_nothing, "cannot read file: No such file or directory"),
}


@pytest.mark.parametrize("name", sorted(SWAPS), ids=sorted(SWAPS))
def test_file_changed_after_the_walk_is_listed_and_the_rest_ranked(
    cli: Cli, place: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from smartcity_score import batch

    make, message = SWAPS[name]
    walk = batch.discover
    victim = place / "in" / "late.yaml"

    def discover_then_swap(
        paths: list[str], *, follow_links: bool = False
    ) -> tuple[list[tuple[Path, str]], list[Problem]]:
        found = walk(paths, follow_links=follow_links)
        victim.unlink()
        make(victim)
        return found

    monkeypatch.setattr(batch, "discover", discover_then_swap)
    # With -c, the command walks once: no walk to find the criteria the files name.
    case = Case(
        lambda t: shutil.copy(VALID[2], victim),
        lambda t: [("in/late.yaml", message)],
        args=("-c", "kominfo-readiness-2022"),
    )
    result, data = _run(cli, place, case)

    assert result.code == 1
    assert _errors(data) == [("in/late.yaml", 1, 1, message)]
    assert isinstance(data["results"], list) and len(data["results"]) == 2


def test_c4_check_lists_an_unreadable_criteria_file_and_checks_the_rest(
    cli: Cli, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (place / "in").mkdir()
    for source in sorted(CRITERIA.glob("*.yaml"))[:2]:
        shutil.copy(source, place / "in" / source.name)
    shutil.copy(CRITERIA / "spbe-2020.yaml", place / "in" / "locked.yaml")
    _deny(monkeypatch, "in/locked.yaml", "open")

    result = cli("check", "-f", "json", "in")

    data = json.loads(result.out)
    assert result.code == 1
    assert _errors(data) == [("in/locked.yaml", 1, 1, "cannot read file: Permission denied")]
    assert data["files"] == 3


@pytest.mark.parametrize(
    "follow", [False, True], ids=["c3-examples-link-to-root", "c3-examples-link-to-root-followed"]
)
def test_check_examples_walk_never_leaves_the_folder(cli: Cli, place: Path, follow: bool) -> None:
    _valid(place / "ex", 0)
    (place / "ex" / "root").symlink_to("/")
    shutil.copy(CRITERIA / "kominfo-readiness-2022.yaml", place / "crit.yaml")
    extra = ("--follow-links",) if follow else ()

    result = cli("check", "-f", "json", *extra, "crit.yaml", "--examples", "ex")

    data = json.loads(result.out)
    assert result.code == 1
    message = _loop_back("root", Path("/"))[1] if follow else _outside("root", "/", "ex")[1]
    assert _errors(data) == [("ex/root", 1, 1, message)]
    assert data["files"] == 3  # the criteria, the example, and the link
