#!/usr/bin/env bash
# Builds the root file system the container images run on when no registry is reachable
# (the default, image.base=scratch): a Java runtime made by jlink from the JDK that runs Maven,
# the few glibc/zlib files it loads (copied from this machine, where that JDK runs), CA
# certificates, a numeric non-root user and the writable folders. Jib adds the result to each
# image as one layer (identical bytes in every image, so a registry stores it once).
#
# Usage: build-runtime.sh JAVA_HOME OUTPUT_DIR
# Idempotent: a stamp (JDK, modules, this script) makes a second call a no-op, so the three
# services of one build share one runtime.
set -euo pipefail

java_home=$1
out=$2
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
uid=65532

fail() {
  echo "build-runtime: $*" >&2
  echo "build-runtime: on a machine that cannot build the runtime (not Linux, no jlink/ldd), build the images on a registry's" >&2
  echo "build-runtime: Java image instead: ./mvnw package -Dimage.base=eclipse-temurin:17-jre (see deploy/README.md)" >&2
  exit 1
}

[ "$(uname -s)" = Linux ] || fail "the runtime is copied from this machine, which is $(uname -s), not Linux"
command -v ldd >/dev/null || fail "ldd is missing"
[ -x "$java_home/bin/jlink" ] || fail "$java_home/bin/jlink is missing (a JRE, not a JDK?)"
[ -d "$java_home/jmods" ] || fail "$java_home/jmods is missing (on Debian: apt-get install openjdk-17-jdk-headless)"

stamp="$("$java_home/bin/java" -version 2>&1 | head -2 | tr '\n' ' ') $modules $(sha256sum "$0" | cut -c1-16)"
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then
  echo "build-runtime: $out is up to date"
  exit 0
fi

tmp="$out.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp/rootfs/opt/java"
trap 'rm -rf "$tmp"' EXIT
root="$tmp/rootfs"

"$java_home/bin/jlink" --add-modules "$modules" --output "$root/opt/java/openjdk" \
  --strip-debug --no-man-pages --no-header-files --compress=2

# Distributions link lib/security/cacerts to the system store: put the real file in.
cacerts="$root/opt/java/openjdk/lib/security/cacerts"
if [ -L "$cacerts" ] || [ ! -s "$cacerts" ]; then
  rm -f "$cacerts"
  cp -L "$java_home/lib/security/cacerts" "$cacerts" || fail "no CA certificates at $java_home/lib/security/cacerts"
fi
find "$root/opt/java/openjdk" -type l | while read -r link; do
  target=$(readlink -f "$link"); rm "$link"; cp "$target" "$link"
done

# Native libraries the JVM and its networking, zip and management libraries load (not the
# desktop ones: the services run headless and never load AWT's X11 libraries).
libs=$(for f in "$root/opt/java/openjdk/bin/java" "$root"/opt/java/openjdk/lib/server/libjvm.so \
    "$root"/opt/java/openjdk/lib/lib{jli,java,jimage,net,nio,zip,verify,management,management_ext,extnet,j2pkcs11,prefs}.so; do
  [ -f "$f" ] && ldd "$f"
done | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
[ -n "$libs" ] || fail "ldd found no libraries"
for lib in $libs; do
  case "$lib" in "$root"*) continue ;; esac
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

mkdir -p "$root/etc" "$root/tmp" "$root/var/lib/byproduct"
printf 'root:x:0:0:root:/root:/sbin/nologin\nbyproduct:x:%s:%s:byproduct:/var/lib/byproduct:/sbin/nologin\n' $uid $uid > "$root/etc/passwd"
printf 'root:x:0:\nbyproduct:x:%s:\n' $uid > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
touch "$root/tmp/.keep" "$root/var/lib/byproduct/.keep"

echo "$stamp" > "$root/../.stamp"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$tmp" "$out"
trap - EXIT
echo "build-runtime: $(du -sh "$out/rootfs" | cut -f1) in $out/rootfs ($(echo "$libs" | wc -w) system libraries)"
