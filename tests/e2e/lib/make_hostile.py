#!/usr/bin/python3
"""make_hostile.py FIXTURE OUT_DIR: crafted exports for the browser's bad-input catalogue (issue 15),
each a copy of FIXTURE (djq2-latest.sqlite3) with one attack planted:
  planted.sqlite3   a trigger that rewrites every schedule to os.system when a task is deleted, and a view
  hostile.sqlite3   queued task 78 replaced by a package whose args call os.system, signed with another
                    key (as an attacker with write access to the table could), and failed task fail-zero's
                    result replaced by a 336-byte pickle whose shared lists expand to 2^40 leaves,
                    and schedule 3's name replaced by bytes that are not UTF-8 ("k\\xffey")
Nothing here is ever unpickled: the pickles are written as bytes."""
import base64
import os
import shutil
import sqlite3
import sys

import django
from django.conf import settings
from django.core import signing

fixture, out = sys.argv[1], sys.argv[2]


def copy(name):
    path = os.path.join(out, name)
    shutil.copyfile(fixture, path)
    return sqlite3.connect(path)


with copy("planted.sqlite3") as db:
    db.executescript("""
        CREATE TRIGGER rewrite AFTER DELETE ON django_q_task BEGIN
            UPDATE django_q_schedule SET func = 'os.system'; DELETE FROM django_q_ormq; END;
        CREATE VIEW leak AS SELECT 1;""")


class RawPickle:
    """A serializer for signing.dumps that signs bytes already pickled."""
    def dumps(self, data):
        return data


# {'id': ..., 'func': 'demoapp.tasks.add', 'args': (os.system('touch /tmp/pwned'),), 'kwargs': {}}, protocol 2
package = (b"\x80\x02}q\x00(X\x02\x00\x00\x00idq\x01X\x08\x00\x00\x00hostile1q\x02"
           b"X\x04\x00\x00\x00funcq\x03X\x11\x00\x00\x00demoapp.tasks.addq\x04"
           b"X\x04\x00\x00\x00argsq\x05cposix\nsystem\nq\x06X\x10\x00\x00\x00touch /tmp/pwnedq\x07\x85q\x08Rq\x09\x85q\x0a"
           b"X\x06\x00\x00\x00kwargsq\x0b}q\x0cu.")
settings.configure(SECRET_KEY="an-attacker-key")
django.setup()
payload = signing.dumps(package, key="an-attacker-key", salt="djqdemo", serializer=RawPickle)

bomb = b"\x80\x02]q\x000" + b"(h\x00h\x00lq\x000" * 40 + b"h\x00."
with copy("hostile.sqlite3") as db:
    db.execute("UPDATE django_q_ormq SET payload = ? WHERE id = 78", (payload,))
    db.execute("UPDATE django_q_task SET result = ? WHERE name = 'fail-zero'", (base64.b64encode(bomb).decode(),))
    db.execute("UPDATE django_q_schedule SET name = CAST(X'6bff6579' AS TEXT) WHERE id = 3")
