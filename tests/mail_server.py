"""A real SMTP server for the tests (aiosmtpd), on a free loopback port, keeping every message it is sent
so a test can read back what arrived: parsed with the standard library's email parser, as a mail client
would. Used by the `smtp_server` fixture (tests/conftest.py) and the production harness's tests.

    with MailServer() as server:                      # EMAIL_HOST=server.host, EMAIL_PORT=server.port
        ...
        message = server.wait_for(1)[0]               # an email.message.EmailMessage
"""

import threading
import time
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller

from scripts.pgcluster import free_port


@dataclass
class Received:
    peer: tuple
    session: int  # which SMTP connection brought it (1, 2, ...)
    mail_from: str
    rcpt_tos: list
    message: object  # email.message.EmailMessage


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content)
        with self.server.lock:
            number = self.server.sessions.setdefault(id(session), len(self.server.sessions) + 1)
            self.server.received.append(
                Received(session.peer, number, envelope.mail_from, list(envelope.rcpt_tos), message)
            )
            self.server.arrived.notify_all()
        return "250 Message accepted for delivery"


class MailServer:
    def __init__(self, host="127.0.0.1"):
        self.host = host
        self.port = free_port()
        self.received = []
        self.sessions = {}
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.controller = Controller(_Handler(self), hostname=host, port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def messages(self, to=None):
        """What arrived so far (to one address, if given), oldest first."""
        with self.lock:
            return [item.message for item in self.received if to is None or to in item.rcpt_tos]

    def clear(self):
        with self.lock:
            self.received.clear()
            self.sessions.clear()

    def wait_for(self, count, to=None, seconds=30):
        """At least `count` messages (to one address, if given), waiting up to `seconds` for them to arrive."""
        deadline = time.monotonic() + seconds
        with self.lock:
            while True:
                found = [item.message for item in self.received if to is None or to in item.rcpt_tos]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(found)} message(s) arrived in {seconds} s, not {count}")
                self.arrived.wait(left)


def body_text(message, subtype="plain"):
    """The text of a message's text/plain (or text/html) part."""
    part = message.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""
