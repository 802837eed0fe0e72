#!/bin/sh
# Fails when a .po file has a format mismatch (msgfmt --check), a fuzzy
# message or an untranslated one.
msgfmt=$1 po=$2
stats=$("$msgfmt" --check --statistics -o /dev/null "$po" 2>&1) || { echo "$stats"; exit 1; }
echo "$stats"
case "$stats" in
  *fuzzy*|*untranslated*) exit 1 ;;
esac
