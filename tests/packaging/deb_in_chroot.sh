#!/usr/bin/env bash
# CI: the .deb that cpack builds installs on a clean Debian 12 and works there.  A minimal
# root is made with debootstrap from Debian's mirror, the package is installed into it with
# apt-get (which brings its dependencies), and the README's commands run inside it: index
# sample-corpus, search it, and the man page and completions are where Debian's tools look.
# usage: deb_in_chroot.sh BUILD_DIR SOURCE_DIR [ROOT]    (root only: chroot, debootstrap)
set -euo pipefail
build=$(realpath "$1") src=$(realpath "$2"); root=${3:-}
# the Debian mirror this machine's apt already uses (deb822 .sources or a sources.list line)
apt_mirror() {
    sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null
    sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\).*/\2/p' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
    true  # (a missing file is no error)
}
mirror=${NDX_DEBIAN_MIRROR:-$(apt_mirror | grep -i 'debian$' | head -n 1)}
[ -n "$mirror" ] || { echo "no Debian mirror in /etc/apt (set NDX_DEBIAN_MIRROR)"; exit 1; }
t0=$SECONDS
step() { echo "== $* ($((SECONDS - t0)) s)"; }

step "cpack"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/ndx_*.deb)
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes"
dpkg-deb -f "$deb" Depends

if [ -z "$root" ]; then
    root=$(mktemp -d /tmp/ndx-chroot.XXXXXX)
    made_root=1
    trap 'rm -rf "$root"' EXIT
    step "debootstrap --variant=minbase bookworm"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 ||
        { tail -20 "$root.log"; exit 1; }
    rm -f "$root.log"
fi
cp "$deb" "$root/tmp/"
rm -rf "$root/tmp/sample-corpus" "$root/root/.local/share/ndx"
cp -r "$src/sample-corpus" "$root/tmp/sample-corpus"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true; [ -n "${made_root:-}" ] && rm -rf "$root"' EXIT

step "apt-get install ./$(basename "$deb") in the chroot"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
                LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
in_root apt-get update -qq
in_root sh -c "cd /tmp && apt-get install -y -qq --no-install-recommends ./$(basename "$deb")" 2>&1 |
    grep -v -e 'apt-utils is not installed' -e 'Can not write log' -e '^Selecting\|^Preparing\|^Unpacking\|^Setting up\|^Processing\|^(Reading' || true

step "the README's commands in the chroot"
in_root sh -c 'cd /tmp && ndx-index sample-corpus'
out=$(in_root ndx-search "TTP sanctuaries" --limit 2 --facet-limit 4)
echo "$out" | sed -n '1,3p;/matching/p'
grep -q "of 2 matching" <<<"$out"
grep -q "Tehreek-e-Taliban Pakistan" <<<"$out"
in_root ndx-index --stats
for f in /usr/share/man/man1/ndx-index.1.gz /usr/share/man/man1/ndx-search.1.gz \
         /usr/share/bash-completion/completions/ndx-search \
         /usr/share/zsh/vendor-completions/_ndx-search \
         /usr/share/fish/vendor_completions.d/ndx-search.fish \
         /usr/share/doc/ndx/README.md /usr/share/ndx/places.tsv; do
    test -s "$root$f" || { echo "missing in the package: $f"; exit 1; }
done
in_root bash -n /usr/share/bash-completion/completions/ndx-search
zcat "$root/usr/share/man/man1/ndx-search.1.gz" | grep -q '^\.SH' 
step "done"
