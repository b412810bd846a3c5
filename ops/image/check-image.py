#!/usr/bin/env python3
"""Checks the keeper image Jib wrote, with no Docker daemon: unpacks its layers in order into a folder and runs the
image's own entrypoint there the way a container runtime would (chroot into the image, its Env, WorkingDir and User),
then checks what a deployment relies on.

Usage (as root, for chroot): check-image.py IMAGE.tar KEEPER_CONFIG.yaml
Prints one line per check; exits 1 on the first failure.
"""
import http.server
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading

image, keeper_config = sys.argv[1], sys.argv[2]
TEST_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"  # Anvil's public dev account 1


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def ok(msg):
    print("ok   " + msg)


work = tempfile.mkdtemp(prefix="ballast-image-")
mounted = []
try:
    with tarfile.open(image) as t:
        manifest = json.load(t.extractfile("manifest.json"))[0]
        config = json.load(t.extractfile(manifest["Config"]))
        root = os.path.join(work, "rootfs")
        os.makedirs(root)
        for layer in manifest["Layers"]:
            with tarfile.open(fileobj=t.extractfile(layer)) as lt:
                # the filter argument exists from Python 3.11.4 (Debian 12 ships 3.11.2); the image is our own build
                lt.extractall(root, **({"filter": "fully_trusted"} if hasattr(tarfile, "data_filter") else {}))
    c = config["config"]
    size = os.path.getsize(image) // (1024 * 1024)
    ok(f"{image}: {len(manifest['Layers'])} layers, {size} MiB")

    user = c.get("User", "")
    if not user or user.split(":")[0] in ("0", "root"):
        fail(f"image runs as root (User={user!r})")
    ok(f"runs as non-root user {user}")
    if "/var/lib/ballast" not in (c.get("Volumes") or {}):
        fail(f"/var/lib/ballast is not a volume: {c.get('Volumes')}")
    ok("journal folder /var/lib/ballast is a volume")
    if "9464/tcp" not in (c.get("ExposedPorts") or {}):
        fail(f"metrics port 9464 not exposed: {c.get('ExposedPorts')}")
    ok("metrics port 9464/tcp exposed")
    st = os.stat(os.path.join(root, "var/lib/ballast"))
    uid, gid = (int(x) for x in user.split(":"))
    if st.st_uid != uid:
        fail(f"/var/lib/ballast is owned by uid {st.st_uid}, the keeper runs as {uid}")
    ok("/var/lib/ballast is owned by the keeper's user")

    # what a container runtime provides: /proc (the JVM's loader finds its libraries through /proc/self/exe) and /dev
    for mount in (["-t", "proc", "proc", "proc"], ["--bind", "/dev", "dev"]):
        os.makedirs(os.path.join(root, mount[-1]), exist_ok=True)
        subprocess.run(["mount"] + mount[:-1] + [os.path.join(root, mount[-1])], check=True)
        mounted.append(os.path.join(root, mount[-1]))

    env = dict(e.split("=", 1) for e in c.get("Env", []))
    entrypoint = c["Entrypoint"]

    def run_in_image(args, extra_env=None):
        def enter():
            os.chroot(root)
            os.chdir(c.get("WorkingDir", "/"))
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        return subprocess.run(args, env={**env, **(extra_env or {})}, preexec_fn=enter, capture_output=True, text=True,
                              timeout=120)

    r = run_in_image(entrypoint + ["--version"])
    if r.returncode != 0 or "ballast" not in r.stdout:
        fail(f"entrypoint --version: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    ok("entrypoint runs: " + r.stdout.strip().splitlines()[0])

    os.makedirs(os.path.join(root, "etc/ballast"), exist_ok=True)
    shutil.copy(keeper_config, os.path.join(root, "etc/ballast/keeper-config.yaml"))
    r = run_in_image(entrypoint + ["config", "check", "-c", "/etc/ballast/keeper-config.yaml"],
                     {"BALLAST_JOURNAL_PATH": "/var/lib/ballast/journal.db", "BALLAST_METRICS_BIND": "127.0.0.1",
                      "BALLAST_METRICS_PORT": "0", "BALLAST_PRIVATE_KEY": TEST_KEY})
    if r.returncode != 0:
        fail(f"config check inside the image: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    ok("config check inside the image, as the keeper's user, journal on the volume: valid")
    if TEST_KEY[2:] in r.stdout + r.stderr:
        fail("config check printed the private key")

    # the compose file's health check, run inside the image against a /readyz answered on the host's loopback
    class Ready(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/readyz" else 404)
            self.end_headers()
            self.wfile.write(b"ready\n")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Ready)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    r = run_in_image(["/bin/wget", "-q", "-O-", f"http://127.0.0.1:{port}/readyz"])
    bad = run_in_image(["/bin/wget", "-q", "-O-", f"http://127.0.0.1:{port}/nothing"])
    server.shutdown()
    if r.returncode != 0 or "ready" not in r.stdout or bad.returncode == 0:
        fail(f"health check command inside the image: ready exit {r.returncode}, not-ready exit {bad.returncode} {r.stderr}")
    ok("health check (wget /readyz) works inside the image and fails on a non-2xx answer")
finally:
    for m in reversed(mounted):
        subprocess.run(["umount", m])
    if not any(os.path.ismount(m) for m in mounted):
        shutil.rmtree(work, ignore_errors=True)
