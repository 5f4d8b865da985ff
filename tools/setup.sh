#!/usr/bin/env bash
# Set up everything the program and its tests need, on a fresh Debian/Ubuntu machine or Windows-less
# Linux desktop: system packages (a TrueType CJK font, poppler-utils, Qt's runtime libraries) and a
# virtual environment in .venv with the program installed in it. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
# Qt's xcb platform plugin (a real X display) needs the xcb libraries on top of the basics.
APT_PACKAGES=(fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei poppler-utils
              libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
              libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
              libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0
              libxcb-xinerama0 libxcb-xkb1)
# `setup.sh --tests` adds what the tests need beyond the program: a virtual X server for the
# smoke test on the xcb platform, and a window manager for the 1024×768 screen test (tests/test_x11_screen.py).
if [ "${1:-}" = "--tests" ]; then
  APT_PACKAGES+=(xvfb openbox)
fi

need_apt=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$p")
  done
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing system packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  # (this machine's pip configuration may name local package folders that do not exist: not news)
  .venv/bin/python -m pip install -q --upgrade pip 2> >(grep -v "is ignored: it is neither" >&2)
  .venv/bin/python -m pip install -q -e ".[dev,postgres,bundle]" 2> >(grep -v "is ignored: it is neither" >&2)
  rm -f .venv/.installed-*
  touch "$stamp"
fi
