#!/usr/bin/python3
"""A throwaway PostgreSQL 15 server for tests: initdb in a temp directory, a random free port,
the unix socket in that directory, trust authentication for the local user.

  sink_postgres_server.py start DIR   -> prints the port; the server runs until `stop`
  sink_postgres_server.py stop DIR    -> fast shutdown (data kept, `start DIR` again resumes it)
  sink_postgres_server.py available   -> exit 0 when the PostgreSQL 15 binaries exist

As root, initdb and pg_ctl run as the postgres user (PostgreSQL refuses to run as root) via
runuser; otherwise as the current user. Connect with host=127.0.0.1 port=PORT user=sink
dbname=sink (created by the first start).
"""
import os
import pathlib
import socket
import subprocess
import sys

BIN = pathlib.Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def as_owner(cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + cmd
    return cmd


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, **kw):
    subprocess.run(as_owner(cmd), check=True, stdout=subprocess.DEVNULL, **kw)


def start(root):
    root = pathlib.Path(root).resolve()
    data = root / "data"
    port_file = root / "port"
    if not data.exists():
        root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            subprocess.run(["chown", "postgres", str(root)], check=True)
        run([str(BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "sink", "-E", "UTF8",
             "--no-sync"])
        port_file.write_text(str(free_port()))
    port = port_file.read_text().strip()
    opts = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off")
    run([str(BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "30",
         "-o", opts, "start"])
    created = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", port, "-U", "sink", "-d", "postgres", "-tAc",
         "SELECT 1 FROM pg_database WHERE datname = 'sink'"],
        check=True, capture_output=True, text=True).stdout.strip()
    if created != "1":
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "sink", "-d", "postgres",
                        "-qc", "CREATE DATABASE sink"], check=True)
    print(port)


def stop(root):
    data = pathlib.Path(root).resolve() / "data"
    if (data / "postmaster.pid").exists():
        run([str(BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "available":
        sys.exit(0 if (BIN / "initdb").exists() and (BIN / "pg_ctl").exists() else 1)
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit(__doc__)
    (start if sys.argv[1] == "start" else stop)(sys.argv[2])


if __name__ == "__main__":
    main()
