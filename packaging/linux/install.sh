#!/bin/sh
# Install Timo for the current user from the unpacked tarball, or remove it.
#
#   ./install.sh              install into ~/.local (no root needed)
#   ./install.sh --autostart  also start Timo in the tray at login
#   ./install.sh --uninstall  remove the program; your entries and settings stay
#
# Timo's data (~/.local/share/Timo, ~/.config/Timo, logs in ~/.local/state/Timo)
# is never touched here; delete those folders yourself only if you want it gone.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
prefix=$HOME/.local/opt/timo
bin=$HOME/.local/bin/timo
desktop=$data_home/applications/timo.desktop
# The same file Settings → "Start at login" writes, so either place turns it off.
autostart=$config_home/autostart/app.timo.desktop.desktop
icons=$data_home/icons/hicolor

# `timo.desktop` with its Exec line running "$1" (and any further arguments), quoted by
# the Desktop Entry rules as Timo quotes the one it writes (`autostart.linux.exec_line`):
# a path with a space, a quote or a `$` in it runs as it is.
desktop_entry() {
    program=$(printf '%s' "$1" | sed -e 's/%/%%/g' -e 's/[\\"`$]/\\&/g')
    shift
    line=$(printf 'Exec="%s"%s' "$program" "${1:+ $*}" | sed 's/\\/\\\\/g')
    EXEC_LINE=$line awk '/^Exec=/ { print ENVIRON["EXEC_LINE"]; next } { print }' \
        "$prefix/timo.desktop"
}

uninstall() {
    rm -rf "$prefix"
    rm -f "$bin" "$desktop" "$autostart"
    for size in 16 24 32 48 64 128 256 512; do
        rm -f "$icons/${size}x${size}/apps/timo.png"
    done
    echo "Timo removed. Your entries and settings stay in $data_home/Timo and $config_home/Timo."
}

install() {
    if [ "$here" != "$prefix" ]; then
        rm -rf "$prefix"
        mkdir -p "$(dirname "$prefix")"
        cp -R "$here" "$prefix"
    fi
    mkdir -p "$(dirname "$bin")" "$(dirname "$desktop")"
    ln -sf "$prefix/timo" "$bin"
    for png in "$prefix"/icons/timo-*.png; do
        size=$(basename "$png" .png | sed 's/^timo-//')
        mkdir -p "$icons/${size}x${size}/apps"
        cp "$png" "$icons/${size}x${size}/apps/timo.png"
    done
    desktop_entry "$prefix/timo" > "$desktop"
    echo "Timo installed in $prefix; run it from your applications menu or as 'timo'."
    case ":$PATH:" in
        *":$HOME/.local/bin:"*) ;;
        *) echo "Note: add ~/.local/bin to PATH to run 'timo' from a terminal." ;;
    esac
}

enable_autostart() {
    mkdir -p "$(dirname "$autostart")"
    desktop_entry "$prefix/timo" --background > "$autostart"
    echo "Timo will start in the tray when you log in (turn off in Settings or delete $autostart)."
}

case "${1:-}" in
    --uninstall) uninstall ;;
    --autostart) install; enable_autostart ;;
    "") install ;;
    *) echo "usage: $0 [--autostart | --uninstall]" >&2; exit 2 ;;
esac
