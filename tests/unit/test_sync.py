"""`tpm-tui sync`: two interviewers' sessions folders and one bare repository on disk."""

from __future__ import annotations

import shutil
import stat
import subprocess
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sync_helpers import WHEN, bare_remote, git, isolate_git, needs_git, remote_files, write_session

from tpm_tui.cli import main
from tpm_tui.domain.models import Bank
from tpm_tui.keeper import SessionKeeper
from tpm_tui.storage.git import Identity
from tpm_tui.storage.store import SessionStore
from tpm_tui.storage.sync import Sharing, SyncReport, pullpush
from tpm_tui.storage.sync.workingcopy import WorkingCopy

pytestmark = needs_git


class Team:
    def __init__(self, tmp_path: Path, bank: Bank) -> None:
        self.remote = bare_remote(tmp_path)
        self.ana = tmp_path / "ana"
        self.ben = tmp_path / "ben"
        self.bank = bank

    def store(self, folder: Path) -> SessionStore:
        return SessionStore(folder, cache_dir=folder.parent / f"cache-{folder.name}")

    def session(self, folder: Path, candidate: str, **kwargs: object) -> Path:
        return write_session(self.store(folder), self.bank, candidate, **kwargs)  # type: ignore[arg-type]

    def sharing(self, folder: Path, name: str) -> Sharing:
        return Sharing(self.store(folder), Identity(name, f"{name.lower()}@example.com"))


@pytest.fixture
def team(tmp_path: Path, shipped_bank: Bank, monkeypatch: pytest.MonkeyPatch) -> Team:
    isolate_git(monkeypatch)
    return Team(tmp_path, shipped_bank)


def sync(
    capsys: pytest.CaptureFixture[str], folder: Path, who: str, *more: str
) -> tuple[int, str, str]:
    code = main(["sync", "--sessions", str(folder), "--as", who, *more])
    out, err = capsys.readouterr()
    return code, out, err


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_both_ways_shares_completed_sessions_only(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    done = team.session(team.ana, "Jane Doe")
    unfinished = team.session(team.ana, "Li Wen", completed=False)
    code, out, err = sync(capsys, team.ana, "Ana", "--init", str(team.remote))
    assert (code, err) == (0, "")
    assert f"up    {done.name}  Jane Doe (Ana)" in out
    assert remote_files(team.remote) == [done.name]

    code, out, err = sync(capsys, team.ben, "Ben", "--init", str(team.remote))  # a missing folder
    assert (code, err) == (0, "")
    assert (team.ben / done.name).read_bytes() == done.read_bytes()
    assert not (team.ben / unfinished.name).exists()
    assert mode(team.ben) == 0o700 and mode(team.ben / done.name) == 0o600
    assert mode(team.ben / ".git") == 0o700


def test_sync_both_ways_prints_what_went_up_and_came_down(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(capsys, team.ana, "Ana", "--init", str(team.remote))
    sync(capsys, team.ben, "Ben", "--init", str(team.remote))
    bens = team.session(team.ben, "Omar Haddad", interviewer="Ben")
    code, out, _ = sync(capsys, team.ben, "Ben")
    assert code == 0 and f"up    {bens.name}  Omar Haddad (Ben)" in out
    anas = team.session(team.ana, "Jane Doe", when=WHEN + timedelta(hours=1))
    code, out, _ = sync(capsys, team.ana, "Ana")
    assert code == 0
    assert f"down  {bens.name}  Omar Haddad (Ben)" in out
    assert f"up    {anas.name}  Jane Doe (Ana)" in out
    assert out.strip().endswith("1 up, 1 down")
    code, out, _ = sync(capsys, team.ben, "Ben")
    assert (team.ben / anas.name).read_bytes() == anas.read_bytes()
    assert sorted(p.name for p in team.ana.glob("*.toml")) == sorted(
        p.name for p in team.ben.glob("*.toml")
    )


def test_one_commit_per_session_authored_by_its_interviewer(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.session(team.ana, "Jane Doe", interviewer="Ana")
    team.session(team.ana, "Omar Haddad", interviewer="Sam Okafor", when=WHEN + timedelta(hours=1))
    config = team.ana.parent / "xdg_config_home" / "tpm-tui"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('email = "ana@team.example"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config.parent))
    code, _, _ = sync(capsys, team.ana, "Ana")
    assert code == 0
    log = git(team.remote, "log", "--format=%an <%ae>|%cn|%s", "-2").splitlines()
    assert log == [
        "Sam Okafor <sam-okafor@tpm-tui.invalid>|Ana|interview: Omar Haddad (Sam Okafor)",
        "Ana <ana@team.example>|Ana|interview: Jane Doe (Ana)",
    ]


def test_unfinished_sessions_and_app_files_never_leave(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    unfinished = team.session(team.ana, "Li Wen", completed=False)
    (team.ana / f".{unfinished.name}.lock").write_text("{}")
    (team.ana / "export-2026-11-28-li-wen.md").write_text("# report")
    (team.ana / f".{unfinished.name}.k3j2x9.tmp").write_text("half")
    (team.ana / "stories.toml").write_text('format = "tpm-tui.stories/1"\n')
    team.session(team.ana, "Jane Doe")
    code, _, _ = sync(capsys, team.ana, "Ana")
    assert code == 0
    assert unfinished.name not in remote_files(team.remote)
    assert git(team.ana, "ls-files") == "2026-11-28-1002-jane-doe.toml\n"
    # `git add -A` there by hand would take the unfinished session, none of the rest.
    assert git(team.ana, "status", "--porcelain") == f"?? {unfinished.name}\n"
    # Still unfinished after another sync; and still here, untouched.
    assert sync(capsys, team.ana, "Ana")[0] == 0
    assert unfinished.name not in remote_files(team.remote)
    assert unfinished.exists()


def test_a_rejected_push_is_retried(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    bens = team.session(team.ben, "Omar Haddad", interviewer="Ben")
    anas = team.session(team.ana, "Jane Doe", when=WHEN + timedelta(hours=1))
    fetch = pullpush.fetch
    calls = []

    def fetch_then_ben_pushes(repo: WorkingCopy, remote: str) -> None:
        fetch(repo, remote)
        if repo.folder != team.ana:
            return
        calls.append(remote)
        if len(calls) == 1:  # between Ana's fetch and her push
            team.sharing(team.ben, "Ben").sync()

    monkeypatch.setattr(pullpush, "fetch", fetch_then_ben_pushes)
    code, out, err = sync(capsys, team.ana, "Ana")
    assert (code, err) == (0, "")
    assert len(calls) == 2  # rejected once, then fetched again and pushed
    assert {bens.name, anas.name} <= set(remote_files(team.remote))
    assert f"down  {bens.name}" in out


def test_two_sessions_of_one_name_are_both_kept_under_names_of_their_own(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    # A panel of two at the same minute: both files are named after the date and candidate.
    bens = team.session(team.ben, "Jane Doe", interviewer="Ben")
    anas = team.session(team.ana, "Jane Doe", interviewer="Ana")
    assert bens.name == anas.name
    anas_text = anas.read_text()
    assert sync(capsys, team.ben, "Ben")[0] == 0
    code, out, err = sync(capsys, team.ana, "Ana")
    assert (code, err) == (0, "")
    copy = team.ana / anas.name.replace(".toml", "-2.toml")
    assert (
        f"both kept: {anas.name} (the team's: Jane Doe (Ben)) and {copy.name} "
        "(yours, a different session that had the same name)"
    ) in out
    # Labelled by what each file now holds: Ben's came down over Ana's, hers went up.
    assert f"down  {anas.name}  Jane Doe (Ben)" in out
    assert f"up    {copy.name}  Jane Doe (Ana)" in out
    assert copy.read_text() == anas_text
    assert 'name = "Ben"' in (team.ana / anas.name).read_text()
    assert {anas.name, copy.name} <= set(remote_files(team.remote))
    assert git(team.ana, "status", "--porcelain") == ""


def test_one_session_changed_on_both_sides_keeps_a_conflict_copy(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two versions of Ana's one session (the same id and interviewer): the copy's
    # name says it is a conflict, for someone to keep one of the two.
    team.sharing(team.ana, "Ana").init(str(team.remote))
    anas = team.session(team.ana, "Jane Doe", interviewer="Ana")
    assert sync(capsys, team.ana, "Ana")[0] == 0
    team.sharing(team.ben, "Ben").init(str(team.remote))
    bens_copy = team.ben / anas.name
    bens_copy.write_text(bens_copy.read_text().replace("Ana on Jane Doe", "edited at Ben's"))
    anas.write_text(anas.read_text().replace("Ana on Jane Doe", "edited at Ana's"))
    assert sync(capsys, team.ben, "Ben")[0] == 0
    code, out, err = sync(capsys, team.ana, "Ana")
    assert (code, err) == (0, "")
    copy = anas.with_name(anas.stem + "-conflict.toml")
    assert f"both kept: {anas.name} (the team's) and {copy.name} (yours, changed here too)" in out
    assert "edited at Ana's" in copy.read_text()
    assert "edited at Ben's" in anas.read_text()
    assert sync(capsys, team.ben, "Ben")[0] == 0 and (team.ben / copy.name).exists()
    # Resolved as review asks, by keeping one file: the removal is shared.
    copy.unlink()
    code, out, err = sync(capsys, team.ana, "Ana")
    assert (code, err) == (0, "")
    assert f"removed  {copy.name}  (another version is kept: {anas.name})" in out
    assert f"up    {copy.name}" not in out and out.endswith(": 0 up, 0 down, 1 removed\n")
    code, out, _ = sync(capsys, team.ben, "Ben")
    assert code == 0 and f"removed  {copy.name}  (removed by the team)" in out
    assert out.endswith(": 0 up, 0 down, 1 removed\n")
    assert not (team.ben / copy.name).exists() and (team.ben / anas.name).exists()


def test_a_removal_never_wins_over_the_teams_edit_of_that_file(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ana removes a file Ben changed meanwhile: his edit stays and says so; it read
    # "both kept: X and  (yours, …)" and "removed X" of a file that was still there.
    team.sharing(team.ana, "Ana").init(str(team.remote))
    anas = team.session(team.ana, "Jane Doe", interviewer="Ana")
    copy = anas.with_name(anas.stem + "-conflict.toml")
    copy.write_text(anas.read_text(), encoding="utf-8")
    copy.chmod(0o600)
    assert sync(capsys, team.ana, "Ana")[0] == 0
    team.sharing(team.ben, "Ben").init(str(team.remote))
    bens = team.ben / copy.name
    bens.write_text(bens.read_text().replace("Ana on Jane Doe", "kept by Ben"))
    assert sync(capsys, team.ben, "Ben")[0] == 0
    copy.unlink()
    code, out, err = sync(capsys, team.ana, "Ana")
    assert (code, err) == (0, "")
    assert f"kept: {copy.name} (the team changed it after you removed it here)" in out
    assert "removed" not in out.replace("you removed it", "")
    assert "kept by Ben" in copy.read_text()


def test_the_only_copy_of_a_session_deleted_by_hand_is_never_removed_for_the_team(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    done = team.session(team.ana, "Jane Doe")
    team.sharing(team.ana, "Ana").init(str(team.remote))
    done.unlink()
    code, _, err = sync(capsys, team.ana, "Ana")
    assert code == 2
    assert f"{done.name} deleted here, the only copy of its session" in err
    assert f"git checkout -- {done.name}" in err
    assert done.name in git(team.remote, "ls-tree", "--name-only", "main")


def test_an_unfinished_session_in_the_way_moves_beside(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    team.session(team.ben, "Jane Doe", interviewer="Ben")
    mine = team.session(
        team.ana, "Jane Doe", interviewer="Ana", completed=False, notes="half-formed"
    )
    assert sync(capsys, team.ben, "Ben")[0] == 0
    code, out, _ = sync(capsys, team.ana, "Ana")
    assert code == 0
    moved = team.ana / mine.name.replace(".toml", "-2.toml")
    assert f"both kept: {mine.name} (the team's: Jane Doe (Ben)) and {moved.name}" in out
    assert "half-formed" in moved.read_text()
    assert moved.name not in remote_files(team.remote)  # still unfinished: never pushed
    assert 'name = "Ben"' in mine.read_text()


def test_a_conflict_outside_sessions_stops_and_undoes(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    for folder, rule in ((team.ben, "/ben\n"), (team.ana, "/ana\n")):
        (folder / "notes.md").write_text(rule)  # a file of the team's, committed by hand
        git(folder, "add", "-f", "notes.md")
        git(folder, "commit", "-qm", "rules")
    assert sync(capsys, team.ben, "Ben")[0] == 0
    team.session(team.ana, "Jane Doe")
    head = git(team.ana, "rev-parse", "HEAD")
    code, out, err = sync(capsys, team.ana, "Ana")
    assert code == 2 and out == ""
    assert "conflict tpm-tui cannot settle (notes.md)" in err and "as before the sync" in err
    assert git(team.ana, "status", "--porcelain") == ""  # no rebase left half done
    assert not (team.ana / ".git" / "rebase-merge").exists()
    assert git(team.ana, "rev-parse", "HEAD~1") == head  # Jane's commit is kept, local
    assert (team.ana / "notes.md").read_text().endswith("/ana\n")


def test_an_interrupted_sync_is_undone_by_the_next(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    for folder, rule in ((team.ben, "/ben\n"), (team.ana, "/ana\n")):
        (folder / "notes.md").write_text(rule)  # a file of the team's, committed by hand
        git(folder, "add", "-f", "notes.md")
        git(folder, "commit", "-qm", "rules")
    assert sync(capsys, team.ben, "Ben")[0] == 0
    # A sync killed in the middle of its rebase leaves this behind:
    git(team.ana, "fetch", "-q")
    subprocess.run(["git", "rebase", "origin/master"], cwd=team.ana, capture_output=True)
    (team.ana / ".git" / "tpm-tui-rebasing").touch()
    done = team.session(team.ana, "Jane Doe")
    code, _, err = sync(capsys, team.ana, "Ana")
    assert code == 2 and "cannot settle (notes.md)" in err  # undone, then the same stop
    assert done.exists() and done.name in git(team.ana, "ls-files")


@pytest.mark.parametrize("url", ["{tmp}/nowhere.git", "file:///nonexistent/team.git"])
def test_an_unreachable_remote(team: Team, capsys: pytest.CaptureFixture[str], url: str) -> None:
    url = url.format(tmp=team.ana.parent)
    team.session(team.ana, "Jane Doe")
    code, out, err = sync(capsys, team.ana, "Ana", "--init", url)
    assert code == 2 and out == ""
    assert err.startswith(f"tpm-tui: the remote {url} cannot be reached:") and err.count("\n") <= 2
    assert not (team.ana / ".git").exists()  # the folder is left as it was
    team.sharing(team.ana, "Ana").init(str(team.remote))
    git(team.ana, "remote", "set-url", "origin", url)
    team.session(team.ana, "Omar Haddad", when=WHEN + timedelta(hours=1))
    code, _, err = sync(capsys, team.ana, "Ana")
    assert code == 2 and "cannot be reached" in err
    assert "omar-haddad" in git(team.ana, "log", "--name-only", "-1")  # committed, to push later


def test_not_a_working_copy_says_how_to_start(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.session(team.ana, "Jane Doe")
    code, out, err = sync(capsys, team.ana, "Ana")
    assert (code, out) == (2, "")
    assert err == (
        f"tpm-tui: {team.ana} is not a git working copy: start sharing with "
        "`tpm-tui sync --init URL` (URL: the team's git remote)\n"
    )


def test_no_remote(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    team.ana.mkdir()
    git(team.ana, "init", "-q")
    code, _, err = sync(capsys, team.ana, "Ana")
    assert code == 2 and "has no git remote to sync with" in err


def test_git_missing_from_path(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    team.session(team.ana, "Jane Doe")
    empty = team.ana.parent / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _, err = sync(capsys, team.ana, "Ana")
    assert code == 2
    assert err == "tpm-tui: git is not installed (or not on PATH): install git to share sessions\n"


def test_init_of_an_existing_folder_adopts_what_the_remote_has(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    bens = team.session(team.ben, "Omar Haddad", interviewer="Ben")
    assert sync(capsys, team.ben, "Ben", "--init", str(team.remote))[0] == 0
    anas = team.session(team.ana, "Jane Doe")
    code, out, err = sync(capsys, team.ana, "Ana", "--init", str(team.remote))
    assert (code, err) == (0, "")
    assert (team.ana / bens.name).exists() and f"up    {anas.name}" in out
    assert set(remote_files(team.remote)) == {bens.name, anas.name}


def test_a_committed_session_edited_by_hand(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    done = team.session(team.ana, "Jane Doe")
    team.sharing(team.ana, "Ana").init(str(team.remote))
    done.write_text(done.read_text().replace("Ana on Jane Doe", "Ana on Jane Doe: hire"))
    code, out, _ = sync(capsys, team.ana, "Ana")
    assert code == 0 and f"up    {done.name}" in out  # still completed: the edit is shared
    assert "hire" in git(team.remote, "show", f"main:{done.name}")
    done.write_text(done.read_text().replace('status = "completed"', 'status = "in_progress"'))
    code, out, err = sync(capsys, team.ana, "Ana")
    assert code == 2 and f"{done.name} changed here but is not a completed session" in err
    assert 'status = "completed"' in git(team.remote, "show", f"main:{done.name}")


def test_a_push_race_on_the_remote_ref_is_retried(team: Team) -> None:
    """Two syncs at once: both pass the remote's fast-forward check, one loses the ref
    lock ("cannot lock ref … but expected …", "failed to update ref"): it pulls and
    pushes again instead of failing."""
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    # The hook holds each of the first two pushes until both have arrived, so both
    # update the ref from the same old value: one of them loses the race, every time.
    hook = team.remote / "hooks" / "pre-receive"
    hook.write_text(
        "#!/bin/sh\ncat >/dev/null\nmkdir -p race && touch race/$$\ni=0\n"
        'while [ "$(ls race | wc -l)" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n'
    )
    hook.chmod(0o755)
    bens = team.session(team.ben, "Omar Haddad", interviewer="Ben")
    anas = team.session(team.ana, "Jane Doe", when=WHEN + timedelta(hours=1))
    outcomes: dict[str, object] = {}

    def run(folder: Path, name: str) -> None:
        try:
            outcomes[name] = team.sharing(folder, name).sync()
        except Exception as error:
            outcomes[name] = error

    threads = [threading.Thread(target=run, args=(f, n)) for f, n in
               ((team.ana, "Ana"), (team.ben, "Ben"))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(isinstance(report, SyncReport) for report in outcomes.values()), outcomes
    assert {bens.name, anas.name} <= set(remote_files(team.remote))
    assert len(list((team.remote / "race").iterdir())) >= 3  # one of them pushed again


def test_a_push_rejected_by_the_remote_ref_lock_says_so_plainly(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the race goes on past the last attempt, the message says what happened,
    not git's words."""
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.session(team.ana, "Jane Doe")
    hook = team.remote / "hooks" / "update"  # the ref always moved "meanwhile"
    hook.write_text(
        "#!/bin/sh\necho \"error: cannot lock ref '$1': is at 79a3 but expected cdcb\" >&2\n"
        "exit 1\n"
    )
    hook.chmod(0o755)
    monkeypatch.setattr("tpm_tui.storage.sync.pullpush.time.sleep", lambda _: None)
    code, _, err = sync(capsys, team.ana, "Ana")
    assert code == 2
    assert "the remote kept changing" in err and "cannot lock ref" not in err


def test_a_file_moved_aside_is_said_even_when_the_push_then_fails(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    bens = team.session(team.ben, "Jane Doe", interviewer="Ben")
    team.session(team.ana, "Jane Doe", interviewer="Ana")
    assert sync(capsys, team.ben, "Ben")[0] == 0
    hook = team.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the forge is read-only today' >&2\nexit 1\n")
    hook.chmod(0o755)
    code, out, err = sync(capsys, team.ana, "Ana")
    copy = bens.name.replace(".toml", "-2.toml")
    assert code == 2 and "could not push" in err
    assert f"both kept: {bens.name} (the team's: Jane Doe (Ben)) and {copy} (yours" in out
    hook.unlink()
    code, out, _ = sync(capsys, team.ana, "Ana")
    assert code == 0 and f"up    {copy}" in out


def test_a_file_moved_aside_by_a_pull_is_said_by_the_next_sync(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review's pull (in the app) moves a file aside and says nothing: the next
    `tpm-tui sync` tells, once."""
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    bens = team.session(team.ben, "Jane Doe", interviewer="Ben")
    team.session(team.ana, "Jane Doe", interviewer="Ana", completed=False)
    assert sync(capsys, team.ben, "Ben")[0] == 0
    assert team.sharing(team.ana, "Ana").pull().kept_both
    copy = bens.name.replace(".toml", "-2.toml")
    code, out, _ = sync(capsys, team.ana, "Ana")
    assert code == 0 and f"both kept: {bens.name} (the team's" in out and f"and {copy}" in out
    code, out, _ = sync(capsys, team.ana, "Ana")
    assert code == 0 and "both kept" not in out


def test_a_live_session_in_the_way_moves_aside_and_its_keeper_loses_nothing(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hana interviews Pat Pull while Bob pushes a file of the same name: everything
    comes down, hers moves aside, and her keeper's next save goes to a copy of its own
    (never over Bob's file), with every word she typed since."""
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    bobs = team.session(team.ben, "Pat Pull", interviewer="Ben")
    other = team.session(team.ben, "Omar Haddad", interviewer="Ben")
    assert sync(capsys, team.ben, "Ben")[0] == 0
    bob_text = bobs.read_text()
    live = team.session(team.ana, "Pat Pull", interviewer="Ana", completed=False)
    assert live.name == bobs.name
    store = team.store(team.ana)
    keeper = SessionKeeper.open(store, live)
    keeper.session.questions[0].notes = "saved before the sync"
    assert keeper.save_now()
    code, out, err = sync(capsys, team.ana, "Ana")
    assert (code, err) == (0, "")
    moved = live.name.replace(".toml", "-2.toml")
    assert f"both kept: {live.name} (the team's: Pat Pull (Ben)) and {moved}" in out
    assert f"down  {other.name}" in out and (team.ana / other.name).exists()
    assert live.read_text() == bob_text
    assert "saved before the sync" in (team.ana / moved).read_text()
    keeper.session.questions[0].notes = "typed after the sync"
    keeper.touch()
    assert keeper.save_now()
    assert live.read_text() == bob_text  # never over the team's file
    assert keeper.path == team.ana / moved  # it carries on in its moved file
    assert keeper.notice and moved in keeper.notice
    assert "typed after the sync" in keeper.path.read_text()
    keeper.close()


@pytest.mark.parametrize("step", ["_rebase", "_start_from"])
def test_a_live_session_saved_again_before_the_checkout_is_moved_again(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The keeper saves between the move and git's checkout (a deleted file is written
    again): the sync moves it aside again rather than stopping. Whether Ana has commits
    of her own (a rebase) or none yet (her branch starts from the remote's)."""
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    if step == "_rebase":
        team.session(team.ana, "Omar Haddad", when=WHEN + timedelta(hours=1))
        team.sharing(team.ana, "Ana").commit_completed()
    bobs = team.session(team.ben, "Pat Pull", interviewer="Ben")
    assert sync(capsys, team.ben, "Ben")[0] == 0
    live = team.session(team.ana, "Pat Pull", interviewer="Ana", completed=False)
    store = team.store(team.ana)
    keeper = SessionKeeper.open(store, live)
    checkout = getattr(pullpush, step)
    saves = []

    def save_first(*args: object) -> None:
        if not saves:
            keeper.session.questions[0].notes = "saved in the gap"
            keeper.touch()
            saves.append(keeper.save_now())
        checkout(*args)

    monkeypatch.setattr(pullpush, step, save_first)
    code, _, err = sync(capsys, team.ana, "Ana")
    assert (code, err) == (0, "") and saves == [True]
    assert live.read_text() == bobs.read_text()
    copies = sorted(set(team.ana.glob("*.toml")) - {live})
    assert any("saved in the gap" in copy.read_text() for copy in copies)
    keeper.touch()
    assert keeper.save_now() and "saved in the gap" in keeper.path.read_text()
    assert live.read_text() == bobs.read_text()
    keeper.close()


def test_init_of_a_clone_counts_and_lists_what_came_down(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    first = team.session(team.ben, "Omar Haddad", interviewer="Ben")
    second = team.session(team.ben, "Jane Doe", interviewer="Ben", when=WHEN + timedelta(hours=1))
    assert sync(capsys, team.ben, "Ben", "--init", str(team.remote))[0] == 0
    code, out, err = sync(capsys, team.ana, "Ana", "--init", str(team.remote))
    assert (code, err) == (0, "")
    assert f"down  {first.name}  Omar Haddad (Ben)" in out
    assert f"down  {second.name}  Jane Doe (Ben)" in out
    assert out.strip().endswith("0 up, 2 down")
    # An existing folder adopting the remote: the same, and its own file goes up.
    carl = team.ana.parent / "carl"
    mine = team.session(carl, "Li Wen", interviewer="Carl", when=WHEN + timedelta(hours=2))
    code, out, err = sync(capsys, carl, "Carl", "--init", str(team.remote))
    assert (code, err) == (0, "")
    assert f"down  {first.name}" in out and f"up    {mine.name}" in out
    assert out.strip().endswith("1 up, 2 down")


# --- the sessions folder inside another repository (this checkout's ./sessions) -------

# What an earlier version committed into the sessions folder as its `.gitignore`.
LEGACY_RULES = """\
# tpm-tui: only session files are shared (see the README)
/*
!/*.toml
!/.gitignore
/.*.toml
/stories.toml
"""


def checkout_with_sessions(tmp_path: Path) -> Path:
    """A project checkout that ignores its ./sessions but tracks sessions/.gitkeep."""
    outer = tmp_path / "checkout"
    (outer / "sessions").mkdir(parents=True)
    git(outer, "init", "-q")
    (outer / ".gitignore").write_text("sessions/*\n!sessions/.gitkeep\n")
    (outer / "sessions" / ".gitkeep").write_text("")
    git(outer, "add", "-A")
    git(outer, "commit", "-qm", "project")
    return outer


def exposed(outer: Path) -> list[str]:
    """What `git add -A` in the checkout would take from its sessions folder."""
    out = git(outer, "status", "--porcelain", "--ignored", "--untracked-files=all")
    return [line for line in out.splitlines() if not line.startswith("!!") and "sessions/" in line]


def remote_tip(remote: Path) -> list[str]:
    """The files of the remote's (only) branch as it stands."""
    branch = git(remote, "for-each-ref", "--format=%(refname)", "refs/heads/").strip()
    return git(remote, "ls-tree", "--name-only", branch).splitlines()


def test_sharing_the_checkouts_sessions_never_exposes_them_to_the_checkout(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    outer = checkout_with_sessions(team.ana.parent)
    folder = outer / "sessions"
    done = team.session(folder, "Jane Doe")
    unfinished = team.session(folder, "Li Wen", completed=False)
    code, _, err = sync(capsys, folder, "Ana", "--init", str(team.remote))
    assert (code, err) == (0, "")
    assert exposed(outer) == []
    assert remote_files(team.remote) == [done.name]  # still only completed sessions
    later = team.session(folder, "Omar Haddad", when=WHEN + timedelta(hours=1))
    assert sync(capsys, folder, "Ana")[0] == 0
    assert exposed(outer) == []
    assert remote_files(team.remote) == sorted([done.name, later.name])
    assert unfinished.name not in git(folder, "ls-files")
    # A clone into it (the folder emptied first, as a newcomer's) is kept to itself too.
    shutil.rmtree(folder)
    folder.mkdir()
    assert sync(capsys, folder, "Ben", "--init", str(team.remote))[0] == 0
    git(outer, "checkout", "--", "sessions/.gitkeep")
    assert (folder / done.name).exists() and exposed(outer) == []


def test_a_gitignore_an_earlier_version_committed_is_retired(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    outer = checkout_with_sessions(team.ana.parent)
    folder = outer / "sessions"
    team.sharing(folder, "Ana").init(str(team.remote))
    (folder / ".gitignore").write_text(LEGACY_RULES)
    git(folder, "add", "-f", ".gitignore")
    git(folder, "commit", "-q", "--allow-empty", "-m", "tpm-tui: share only session files")
    git(folder, "push", "-q")
    team.session(folder, "Jane Doe")
    before = ["sessions/.gitignore", "sessions/2026-11-28-1002-jane-doe.toml"]
    assert [line[3:] for line in exposed(outer)] == before  # the bug being retired
    assert sync(capsys, folder, "Ana")[0] == 0
    assert exposed(outer) == []
    assert not (folder / ".gitignore").exists()
    assert remote_tip(team.remote) == ["2026-11-28-1002-jane-doe.toml"]
    # A teammate's clone takes the retirement in; one with rules of its own keeps those.
    team.sharing(team.ben, "Ben").init(str(team.remote))
    assert not (team.ben / ".gitignore").exists()


def test_a_teams_own_rules_in_a_committed_gitignore_are_kept(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    (team.ana / ".gitignore").write_text(LEGACY_RULES + "/drafts\n")
    git(team.ana, "add", "-f", ".gitignore")
    git(team.ana, "commit", "-qm", "rules")
    assert sync(capsys, team.ana, "Ana")[0] == 0
    assert (team.ana / ".gitignore").read_text() == "/drafts\n"
    assert git(team.ana, "status", "--porcelain") == ""


def test_the_ignore_rules_are_repaired_by_every_sync(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    (team.ana / ".git" / "info" / "exclude").unlink()
    (team.ana / "stories.toml").write_text('format = "tpm-tui.stories/1"\n')
    assert git(team.ana, "status", "--porcelain") == "?? stories.toml\n"
    assert sync(capsys, team.ana, "Ana")[0] == 0
    assert git(team.ana, "status", "--porcelain") == ""


def test_a_gitignore_an_older_teammate_pushes_is_retired_on_the_way_down(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.sharing(team.ana, "Ana").init(str(team.remote))
    team.sharing(team.ben, "Ben").init(str(team.remote))
    team.session(team.ana, "Jane Doe")
    assert sync(capsys, team.ana, "Ana")[0] == 0
    assert sync(capsys, team.ben, "Ben")[0] == 0
    (team.ben / ".gitignore").write_text(LEGACY_RULES)  # Ben's copy is an older version
    git(team.ben, "add", "-f", ".gitignore")
    git(team.ben, "commit", "-qm", "tpm-tui: share only session files")
    git(team.ben, "push", "-q")
    code, out, _ = sync(capsys, team.ana, "Ana")
    assert code == 0 and "down  .gitignore" in out
    assert not (team.ana / ".gitignore").exists()
    assert remote_tip(team.remote) == ["2026-11-28-1002-jane-doe.toml"]
