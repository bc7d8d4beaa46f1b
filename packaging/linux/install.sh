#!/bin/sh
# Install the built bundle (dist/cjm-desktop) for the current user, without admin rights:
# the app under ~/.local/lib, a command in ~/.local/bin, the menu entry, the .cjm file type
# and icons. Run from the project folder after `python packaging/build.py`.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_ID=io.github.cjmdesktop.CjmDesktop
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
PREFIX=$HOME/.local

if [ ! -x "$ROOT/dist/cjm-desktop/cjm-desktop" ]; then
    echo "No bundle in $ROOT/dist/cjm-desktop: run 'python packaging/build.py' first." >&2
    exit 1
fi
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages"
rm -rf "$PREFIX/lib/cjm-desktop"
cp -R "$ROOT/dist/cjm-desktop" "$PREFIX/lib/cjm-desktop"
ln -sf "$PREFIX/lib/cjm-desktop/cjm-desktop" "$PREFIX/bin/cjm-desktop"
cp "$HERE/$APP_ID.desktop" "$DATA/applications/"
cp "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/"
cp "$HERE/$APP_ID.xml" "$DATA/mime/packages/"
mkdir -p "$DATA/icons"
cp -R "$HERE/../icons/hicolor" "$DATA/icons/"
# The caches are optional: desktops rebuild them on their own at the next login.
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "Installed cjm-desktop for $(id -un). Make sure $PREFIX/bin is on your PATH."
