"""Who you are: the name the app records you by, as interviewer or as a candidate
practising."""

from __future__ import annotations

import getpass
from collections.abc import Callable

NOBODY = "you"  # when nothing says: no --as, no name in the config, no login name


def who_you_are(
    as_name: str | None, configured: str | None, getuser: Callable[[], str] | None = None
) -> str:
    """`--as NAME`, else the config file's `name`, else the login name, else "you".

    The login name keeps attempts on a shared sessions folder apart by default.
    """
    for name in (as_name, configured):
        if name and name.strip():
            return name.strip()
    try:
        login = (getuser or getpass.getuser)().strip()
    except (OSError, KeyError, ImportError):  # no login name (some containers)
        login = ""
    return login or NOBODY
