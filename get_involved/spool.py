"""The durable spool: where a sign-up or a question to a meeting waits, on local disk, while PostgreSQL
cannot take it.

Acknowledged means stored. When the database cannot be written (it is down, unreachable, or a table is
locked for too long), the sign-up form's answers are written here, and fsynced, before the resident is
thanked; they are replayed into PostgreSQL as soon as it answers again, by the next request a worker
serves and by `manage.py replay_spooled_signups` (run every few minutes), exactly once (sign_ups.py
replays; this module only keeps the files): each entry
carries an id that the stored sign-up keeps (SignUp.spool_id, unique), so a replay that is cut short
and run again cannot store it twice.

Each entry is one JSON file named by a random id, readable by the app user only (0600, in a 0700
folder). File names and log lines say nothing about the person; the answers are only in the file.
"""

import json
import logging
import os
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

SUFFIX = ".json"


def spool_dir():
    path = Path(settings.SIGNUP_SPOOL_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


SIGN_UP, QUESTION = "sign_up", "question"


def write(page_id, cleaned_data, privacy_notice_url, kind=SIGN_UP):
    """Keep one sign-up (to the group `page_id`) or question (to the meeting `page_id`) on disk, durably,
    before the resident is thanked. Returns the entry's id."""
    entry_id = str(uuid.uuid4())
    entry = {
        "id": entry_id,
        "kind": kind,
        "group_id": page_id,
        "privacy_notice_url": privacy_notice_url,
        "received_at": time.time(),
        "data": {
            key: list(value) if isinstance(value, tuple | list) else value for key, value in cleaned_data.items()
        },
    }
    folder = spool_dir()
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=SUFFIX)
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(entry, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, folder / f"{entry_id}{SUFFIX}")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    logger.warning(
        "%s for page %s spooled to disk (entry %s): the database could not take it", kind, page_id, entry_id
    )
    return entry_id


def _fsync_folder(folder):
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)  # the rename itself is durable only once the folder is synced
    finally:
        os.close(descriptor)


def waiting():
    """The entries waiting to be replayed, oldest first."""
    folder = Path(settings.SIGNUP_SPOOL_DIR)
    if not folder.is_dir():
        return []
    return sorted((path for path in folder.glob(f"*{SUFFIX}") if not path.name.startswith(".")), key=os.path.getmtime)


def read(path):
    """The entry in a spool file, or None if it cannot be read (left in place for a person to look at)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        logger.error("Spooled sign-up entry %s could not be read; left in place", path.name)
        return None


def discard(path):
    path.unlink(missing_ok=True)
