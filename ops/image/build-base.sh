#!/usr/bin/env bash
# Builds the keeper image's base from Debian's packages and a jlink'd Java runtime, with no registry and no Docker
# daemon: glibc and libgcc (what the JVM links), busybox-static (wget for the container health check), a passwd entry
# for the non-root user `ballast` (uid 10001) and its data folder /var/lib/ballast. Output: target/image/base.tar.
# Usage: ops/image/build-base.sh   (run from anywhere; scripts/image calls it)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/java-home.sh
work=target/image
rm -rf "$work/rootfs" "$work/debs"
mkdir -p "$work/rootfs" "$work/debs"
packages=(libc6 libgcc-s1 busybox-static)
(cd "$work/debs" && { apt-get download "${packages[@]}" >/dev/null 2>&1 \
  || { apt-get update -qq && apt-get download "${packages[@]}" >/dev/null; }; })
for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$work/rootfs"; done
rm -rf "$work/rootfs/usr/share"/{doc,man,lintian,initramfs-tools,bug}

# Java: only the modules the keeper uses (jdeps over the code and its dependencies, see README "Container image").
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.rmi,java.sql,java.xml,jdk.httpserver,jdk.management,jdk.unsupported,jdk.zipfs
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$work/rootfs/opt/java"

mkdir -p "$work/rootfs"/{etc/ballast,var/lib/ballast,tmp,bin,proc,dev}
chmod 1777 "$work/rootfs/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nballast:x:10001:10001:ballast keeper:/var/lib/ballast:/sbin/nologin\n' \
  > "$work/rootfs/etc/passwd"
printf 'root:x:0:\nballast:x:10001:\n' > "$work/rootfs/etc/group"
ln -sf busybox "$work/rootfs/bin/wget"
python3 ops/image/make-base.py "$work/rootfs" "$work/base.tar" 10001
