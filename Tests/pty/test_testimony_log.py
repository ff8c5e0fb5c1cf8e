#!/usr/bin/env python3
"""`inquest testimony log` driven as an investigator drives it: through a pseudo-terminal
(and a pipe), against a PostgreSQL cluster of its own that it can restart.

Each test types lines, breaks something (kill -9 of the CLI, a server restart, a
terminated connection, bytes that are not text, a 1 MB paste) and then checks what the
database holds: every line acknowledged or journaled is stored, once, in order.

    INQUEST_BIN=.build/debug/inquest python3 Tests/pty/test_testimony_log.py [-v]

Run by Scripts/test.sh after the Swift tests. Needs PostgreSQL 15 (Scripts/lib.sh finds
it) and nothing but the Python standard library. Every wait is bounded (a generous
deadline that fails the test), never a timing assertion.
"""
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("INQUEST_BIN") or os.path.join(ROOT, ".build", "debug", "inquest")
DEADLINE = 60  # seconds: generous; a test fails when something takes longer

CLUSTER = None
ENV = None
DB = "inquest_pty"
INVESTIGATOR = "pty_investigator"


def cluster(command):
    out = subprocess.run([os.path.join(ROOT, "Scripts", "pg-cluster.sh"), command, CLUSTER],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"pg-cluster.sh {command}: {out.stderr}")
    return out.stdout


def sql(query):
    """Runs SQL as the cluster's superuser; returns the text of the result."""
    out = subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-d", DB, "-c", query],
                         capture_output=True, text=True, env=ENV)
    if out.returncode != 0:
        raise RuntimeError(f"psql: {out.stderr}")
    return out.stdout.strip()


def inquest(*args, user=None, stdin=None):
    env = dict(ENV)
    if user:
        env["PGUSER"] = user
    extra = [] if user else ["--allow-superuser"]
    return subprocess.run([BIN, *args, *extra, "--database-url", f"dbname={DB}"], input=stdin,
                          capture_output=True, env=env, timeout=DEADLINE)


def wait_until(predicate, what, seconds=DEADLINE):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"gave up after {seconds} s waiting for {what}")


class Terminal:
    """The CLI on a pseudo-terminal: what it prints is collected; input is written while
    its output is drained (a large paste is echoed back)."""

    def __init__(self, testimony, journal):
        env = dict(ENV, PGUSER=INVESTIGATOR, INQUEST_JOURNAL_DIR=journal, TERM="xterm")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(BIN, [BIN, "testimony", "log", testimony, "--database-url", f"dbname={DB}"], env)
        # Non-blocking: a blocking write of a paste could wait forever for a CLI that is itself
        # blocked echoing to us, which no deadline would catch.
        os.set_blocking(self.fd, False)
        self.out = bytearray()
        self.status = None

    def _pump(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return True
            except OSError:
                data = b""
            if not data:
                return False
            self.out += data
        return True

    def send(self, data: bytes):
        view = memoryview(data)
        deadline = time.monotonic() + DEADLINE
        while view:
            if time.monotonic() > deadline:
                raise AssertionError("the CLI stopped reading its terminal")
            readable, writable, _ = select.select([self.fd], [self.fd], [], 1)
            if readable:
                self._pump(0)
            if writable:
                try:
                    written = os.write(self.fd, view[:4096])
                except BlockingIOError:
                    continue
                view = view[written:]

    def line(self, text: str):
        self.send(text.encode() + b"\r")

    def expect(self, needle: bytes, count=1, seconds=DEADLINE):
        deadline = time.monotonic() + seconds
        while self.out.count(needle) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for {needle!r} x{count}; output so far:\n"
                                     + self.out[-3000:].decode(errors="replace"))
            if not self._pump(0.2):
                if self.out.count(needle) < count:
                    raise AssertionError(f"the CLI ended before {needle!r} x{count}:\n"
                                         + self.out[-3000:].decode(errors="replace"))

    def finish(self, seconds=DEADLINE):
        """Ctrl-D on an empty line; returns the exit status."""
        self.send(b"\x04")
        return self.wait(seconds)

    def wait(self, seconds=DEADLINE):
        deadline = time.monotonic() + seconds
        while self.status is None:
            self._pump(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                raise AssertionError("the CLI did not exit:\n" + self.out[-3000:].decode(errors="replace"))
        while self._pump(0):
            pass
        os.close(self.fd)
        return self.status

    def kill9(self):
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def setUpModule():
    global CLUSTER, ENV
    CLUSTER = tempfile.mkdtemp(prefix="inquest-pty-")
    os.rmdir(CLUSTER)
    settings = cluster("start")
    ENV = dict(os.environ)
    for line in settings.splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export "):].partition("=")
            ENV[key] = value
    ENV.pop("INQUEST_DATABASE_URL", None)
    subprocess.run(["createdb", DB], env=ENV, check=True)
    out = inquest("migrate")
    assert out.returncode == 0, out.stderr
    assert inquest("case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres").returncode == 0
    out = inquest("user", "add", INVESTIGATOR, "--role", "investigator", stdin=b"s3cret passphrase\n")
    assert out.returncode == 0, out.stderr
    assert inquest("case", "assign", "IR-1988", INVESTIGATOR).returncode == 0
    out = inquest("evidence", "add", "--case", "IR-1988", "--kind", "ngo_report", "--title", "Amnesty report")
    assert out.returncode == 0, out.stderr


def tearDownModule():
    if CLUSTER:
        cluster("destroy")


class TestimonyLogTests(unittest.TestCase):
    def setUp(self):
        self.journal = tempfile.mkdtemp(prefix="inquest-journal-")
        self.testimony = self.session(consent=True)

    def tearDown(self):
        shutil.rmtree(self.journal, ignore_errors=True)

    def session(self, consent):
        person = inquest("person", "add", "--case", "IR-1988", "--name", "Witness 14", "--protected")
        self.assertEqual(person.returncode, 0, person.stderr)
        t = inquest("testimony", "schedule", "--deponent", person.stdout.decode().strip(), "--language", "fa", "--language", "en",
                    "--protection", "pseudonym", "--protection", "voice distortion")
        self.assertEqual(t.returncode, 0, t.stderr)
        key = t.stdout.decode().strip()
        if consent:
            c = inquest("testimony", "consent", key, "--given-at", "2026-01-10T09:00:00Z", "--scope", "commission use")
            self.assertEqual(c.returncode, 0, c.stderr)
        return key

    def segments(self, testimony=None):
        rows = sql(f"""select s.ordinal || '|' || s.original_text from inquest.transcript_segment s
                       join inquest.testimony_session t on t.id = s.session_id
                       where t.key = '{testimony or self.testimony}' order by s.ordinal""")
        return [r.split("|", 1)[1] for r in rows.splitlines()] if rows else []

    def test_refuses_without_consent(self):
        bare = self.session(consent=False)
        term = Terminal(bare, self.journal)
        status = term.wait()
        self.assertEqual(status, 65, term.out.decode(errors="replace"))
        self.assertIn(b"consent is not recorded", term.out)
        self.assertEqual(sql(f"select count(*) from inquest.testimony_log_line l join inquest.testimony_session t on t.id = l.session_id where t.key = '{bare}'"), "0")

    def test_a_session_at_the_terminal(self):
        term = Terminal(self.testimony, self.journal)
        term.expect(b"/help for commands")
        self.assertIn(b"protective measures: pseudonym, voice distortion", term.out)
        term.line("/speaker Q Presiding commissioner")
        term.line("Q: When did you last see your brother?")
        term.line("D: In the summer of 1367.")
        term.line("> \u062f\u0631 \u062a\u0627\u0628\u0633\u062a\u0627\u0646")
        term.line("/exhibit E-1 corroborates")
        term.line("/fix D: In the summer of 1988.")
        term.line("/pause")
        term.line("refused while paused")
        term.line("/resume")
        term.line("and the default speaker carries over")
        term.line("/end")
        self.assertEqual(term.wait(), 65, "a refused line makes the exit status 65")
        self.assertIn(b"the session is paused", term.out)
        self.assertEqual(self.segments(), ["When did you last see your brother?", "In the summer of 1367.",
                                           "In the summer of 1988.", "and the default speaker carries over"])
        rows = sql(f"""select s.speaker || '|' || coalesce(s.translation, '') || '|' || coalesce(x.ordinal::text, '')
                         || '|' || (s.entered_at is not null)
                       from inquest.transcript_segment s join inquest.testimony_session t on t.id = s.session_id
                       left join inquest.transcript_segment x on x.id = s.supersedes_id
                       where t.key = '{self.testimony}' order by s.ordinal""").splitlines()
        self.assertEqual(rows[0], "Presiding commissioner||" + "|true")
        self.assertEqual(rows[1], "Witness 14|\u062f\u0631 \u062a\u0627\u0628\u0633\u062a\u0627\u0646||true",
                         "the protected deponent appears under the pseudonym; the translation is on the segment")
        self.assertEqual(rows[2], "Witness 14||2|true", "the correction supersedes segment 2, which stays")
        self.assertEqual(rows[3].split("|")[0], "Witness 14")
        link = sql(f"""select l.relation || '|' || l.locator from inquest.evidence_link l
                       join inquest.transcript_segment s on s.id = l.transcript_segment_id
                       join inquest.testimony_session t on t.id = s.session_id where t.key = '{self.testimony}'""")
        self.assertRegex(link, r"^corroborates\|\[\d\d:\d\d:\d\d\]$")
        self.assertEqual(sql(f"select status || '|' || (ended_at is not null) from inquest.testimony_session where key = '{self.testimony}'"),
                         "held|true", "/end marks the session held")

    def test_kill_9_then_resume(self):
        term = Terminal(self.testimony, self.journal)
        term.expect(b"/help for commands")
        for n in range(1, 4):
            term.line(f"D: line {n}")
        term.expect(b"ok TS-", 3)
        # Hold the session's row so that line 4 is journaled but cannot commit, then kill -9.
        holder = subprocess.Popen(["psql", "-XAtq", "-d", DB], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  env=ENV, text=True)
        holder.stdin.write(f"begin; select 1 from inquest.testimony_session where key = '{self.testimony}' for update;\n")
        holder.stdin.flush()
        wait_until(lambda: sql("select count(*) from pg_stat_activity where application_name = 'psql' "
                               "and state = 'idle in transaction'") == "1", "the holder's lock")
        term.line("D: line 4, typed just before the crash")
        wait_until(lambda: sql("select count(*) from pg_stat_activity where application_name = 'inquest' "
                               "and wait_event_type = 'Lock'") == "1", "the CLI to wait for the lock")
        term.kill9()
        self.assertEqual(len(os.listdir(self.journal)), 1, "the killed CLI's journal stays")
        holder.stdin.write("commit;\n")
        holder.stdin.close()
        holder.wait(DEADLINE)
        self.assertEqual(self.segments(), ["line 1", "line 2", "line 3"], "line 4 was never committed")
        again = Terminal(self.testimony, self.journal)
        again.expect(b"replaying 1 line(s)")
        again.expect(b"line 4, typed just before the crash")
        again.expect(b"/help for commands")
        again.line("D: line 5")
        again.expect(b"ok TS-", 2)
        self.assertEqual(again.finish(), 0, again.out.decode(errors="replace"))
        self.assertEqual(self.segments(), ["line 1", "line 2", "line 3", "line 4, typed just before the crash", "line 5"],
                         "every line once, in the order typed")
        # A third run finds nothing to replay and stores nothing twice.
        third = Terminal(self.testimony, self.journal)
        third.expect(b"/help for commands")
        self.assertEqual(third.finish(), 0)
        self.assertNotIn(b"replaying", third.out)
        self.assertEqual(len(self.segments()), 5)
        self.assertEqual(os.listdir(self.journal), [], "once the database holds every line, the journal is deleted")

    def test_postgres_restart_mid_session(self):
        term = Terminal(self.testimony, self.journal)
        term.expect(b"/help for commands")
        term.line("D: before the restart")
        term.expect(b"ok TS-", 1)
        cluster("stop")
        try:
            term.line("D: typed while the server is down")
            term.expect(b"kept in the journal")
        finally:
            cluster("start")
        term.line("D: after the restart")
        term.expect(b"ok TS-", 3)
        self.assertEqual(term.finish(), 0, term.out.decode(errors="replace"))
        self.assertEqual(self.segments(), ["before the restart", "typed while the server is down", "after the restart"])

    def test_dropped_connection(self):
        term = Terminal(self.testimony, self.journal)
        term.expect(b"/help for commands")
        term.line("D: first")
        term.expect(b"ok TS-", 1)
        self.assertEqual(sql(f"select count(pg_terminate_backend(pid)) from pg_stat_activity "
                             f"where application_name = 'inquest' and usename = '{INVESTIGATOR}'"), "1")
        term.line("D: second, after the connection was cut")
        term.expect(b"ok TS-", 2)
        self.assertIn(b"reconnected", term.out)
        self.assertEqual(term.finish(), 0)
        self.assertEqual(self.segments(), ["first", "second, after the connection was cut"])

    def test_invalid_utf8_and_control_characters(self):
        term = Terminal(self.testimony, self.journal)
        term.expect(b"/help for commands")
        term.send(b"D: caf\xe9 in Latin-1\r")
        term.expect(b"not valid UTF-8")
        term.send(b"D: \x1b]0;pwned\x07 retitled\r")
        term.expect(b"control character U+001B")
        term.send("D: \u202egnp.exe hidden\r".encode())
        term.expect(b"ok TS-", 1)
        term.line("D: clean")
        term.expect(b"ok TS-", 2)
        self.assertEqual(term.finish(), 65)
        self.assertNotIn(b"\x1b]0;", term.out, "what was typed is echoed escaped, never raw")
        self.assertNotIn("\u202e".encode(), term.out, "a bidi override is echoed escaped")
        self.assertEqual(self.segments(), ["\u202egnp.exe hidden", "clean"], "refused lines store nothing; text is kept exact")

    def test_one_megabyte_paste(self):
        term = Terminal(self.testimony, self.journal)
        term.expect(b"/help for commands")
        body = ("0123456789" * 100_000)
        term.send(b"D: " + body.encode() + b"\r")
        term.expect(b"ok TS-", 1, seconds=180)
        self.assertEqual(term.finish(), 0)
        self.assertEqual(sql(f"""select length(s.original_text) || '|' || md5(s.original_text) from inquest.transcript_segment s
                                 join inquest.testimony_session t on t.id = s.session_id where t.key = '{self.testimony}'"""),
                         f"1000000|{__import__('hashlib').md5(body.encode()).hexdigest()}",
                         "the whole line, not the 4096 bytes a canonical-mode terminal keeps")

    def test_reads_a_pipe(self):
        out = subprocess.run([BIN, "testimony", "log", self.testimony, "--database-url", f"dbname={DB}"],
                             input=b"/speaker Q Presiding commissioner\nQ: piped question\nD: piped answer\n/adjourn\n",
                             capture_output=True, env=dict(ENV, PGUSER=INVESTIGATOR, INQUEST_JOURNAL_DIR=self.journal),
                             timeout=DEADLINE)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.count(b"ok TS-"), 2)
        self.assertEqual(self.segments(), ["piped question", "piped answer"])
        self.assertEqual(sql(f"select status from inquest.testimony_session where key = '{self.testimony}'"), "adjourned")
        # Resuming an adjourned session: the speakers and the clock come back from the database.
        out = subprocess.run([BIN, "testimony", "log", self.testimony, "--database-url", f"dbname={DB}"],
                             input=b"Q: after the adjournment\n/end\n", capture_output=True,
                             env=dict(ENV, PGUSER=INVESTIGATOR, INQUEST_JOURNAL_DIR=self.journal), timeout=DEADLINE)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(self.segments()[-1], "after the adjournment")
        self.assertEqual(sql(f"select status from inquest.testimony_session where key = '{self.testimony}'"), "held")


if __name__ == "__main__":
    unittest.main()
