"""The embedded default: started in the user's data folder, shared by clients, reused later."""

import os
import subprocess
import sys
import textwrap

import psutil

CLIENT = textwrap.dedent("""
    import sys
    from pathlib import Path
    import psycopg2
    from app.db.embedded import start_default
    from app.db.engine import psycopg2_dsn
    server = start_default(Path(sys.argv[1]))
    conn = psycopg2.connect(psycopg2_dsn(server.url()))
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE IF NOT EXISTS visits (who text)")
    cur.execute("INSERT INTO visits VALUES (%s)", (sys.argv[2],))
    cur.execute("SELECT string_agg(who, ',' ORDER BY who) FROM visits")
    print(server.postmaster_pid(), cur.fetchone()[0], flush=True)
    conn.close()
    sys.stdin.readline()  # stay attached until told to go
""")


def _start_client(data_dir, name):
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    proc = subprocess.Popen([sys.executable, "-c", CLIENT, str(data_dir), name], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    pid, visits = proc.stdout.readline().split()
    return proc, int(pid), visits


def _finish(proc):
    proc.communicate("\n", timeout=60)
    assert proc.returncode == 0


def test_two_clients_share_one_embedded_server_which_is_reused_later(server_folder):
    first, pid_a, _ = _start_client(server_folder, "a")
    second, pid_b, visits = _start_client(server_folder, "b")
    assert pid_a == pid_b and visits == "a,b"
    _finish(first)
    assert psutil.pid_exists(pid_a)  # still serving the second client
    _finish(second)
    psutil.wait_procs([psutil.Process(pid_a)] if psutil.pid_exists(pid_a) else [], timeout=30)
    assert not psutil.pid_exists(pid_a)  # the last client stopped it

    third, pid_c, visits = _start_client(server_folder, "c")
    _finish(third)
    assert pid_c != pid_a and visits == "a,b,c"  # same data, new server process
    assert (server_folder / "pgdata" / "PG_VERSION").exists()
