#!/usr/bin/env bash
# The Java runtime layer of the service images: a jlink image of this machine's JDK 17 at
# /opt/java/openjdk (where eclipse-temurin images keep theirs) and the shared libraries it links
# against, copied from this machine. The images start FROM scratch with it, since no base image can
# be pulled here; production builds set -Dimage.base=<a JRE image> instead (docs/operations.md).
#
#   infra/images/java-runtime.sh OUTPUT_DIR
#
# Made once: an existing OUTPUT_DIR made from the same JDK is kept.
set -euo pipefail

out=${1:?usage: java-runtime.sh OUTPUT_DIR}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
jlink=$java_home/bin/jlink
[ -x "$jlink" ] || { echo "java-runtime.sh: no jlink in $java_home (a JDK 17 is needed)" >&2; exit 1; }
stamp="$("$java_home/bin/java" -version 2>&1 | tr '\n' ' ')"
if [ -d "$out" ] && [ -f "$out.made-from" ] && [ "$(cat "$out.made-from")" = "$stamp" ]; then
  exit 0
fi

# What Spring Boot, Axon, Kafka, the PostgreSQL driver, the Elasticsearch client and the AWS SDK use
# (java.desktop for java.beans), plus jcmd for thread and heap dumps in a running container.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.jcmd,jdk.attach

rm -rf "$out" "$out.made-from"
mkdir -p "$out/opt/java" "$out/tmp"
chmod 1777 "$out/tmp"
echo "java-runtime.sh: linking a Java runtime from $java_home into $out" >&2
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/opt/java/openjdk"

# The shared libraries of the runtime, without the desktop ones (windows, sound, fonts, images) that a
# server never loads.
desktop='/lib(awt_xawt|jawt|splashscreen|jsound|fontmanager|lcms|javajpeg)\.so$'
libs=$(find "$out/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \) | grep -Ev "$desktop" \
  | xargs ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
  | grep -v "^$out" | sort -u)
for lib in $libs; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# The x86-64 loader's usual path is /lib64/ld-linux-x86-64.so.2 (Debian's is a link into /lib).
echo "$stamp" >"$out.made-from"
