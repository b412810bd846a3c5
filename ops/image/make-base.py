#!/usr/bin/env python3
"""Packs a root filesystem folder into a docker-save tarball (one layer) that Jib can use as its base image
(`tar://...`), so the keeper image is built from Debian's packages and a jlink'd Java runtime with no registry and no
Docker daemon. Files are owned by root except the keeper's data folder, owned by the non-root user that runs it.

Usage: make-base.py ROOTFS OUT.tar UID
"""
import hashlib
import io
import json
import os
import sys
import tarfile

rootfs, out, uid = sys.argv[1], sys.argv[2], int(sys.argv[3])
OWNED_BY_KEEPER = ("var/lib/ballast",)


def layer_bytes():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(rootfs):
            dirnames.sort()
            for name in sorted(dirnames) + sorted(filenames):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, rootfs)
                info = tar.gettarinfo(full, arcname=rel)
                keeper = rel in OWNED_BY_KEEPER
                info.uid = info.gid = uid if keeper else 0
                info.uname = info.gname = "ballast" if keeper else "root"
                info.mtime = 1  # reproducible: the same inputs give the same digest
                if info.isreg():
                    with open(full, "rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)
    return buf.getvalue()


layer = layer_bytes()
diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
config = {
    "architecture": "amd64",
    "os": "linux",
    "config": {
        "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
    },
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created_by": "ballast ops/image/build-base.sh: Debian libc6, libgcc-s1, busybox-static + jlink runtime"}],
}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = [{"Config": config_name, "RepoTags": ["ballast-base:local"], "Layers": ["layer.tar"]}]

with tarfile.open(out, "w") as tar:
    for name, data in (("layer.tar", layer), (config_name, config_bytes), ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = 1
        tar.addfile(info, io.BytesIO(data))
print(f"{out}: base image, layer {len(layer) // 1024} KiB, {diff_id}")
