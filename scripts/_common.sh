# Shared by scripts/demo and scripts/test. Source it; do not run it.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

# A Python of at least the given minor version (3.X), found on PATH or in pyenv.
find_python() {
    local min_minor="$1" candidate version
    local candidates=("${PYTHON:-}" python3.14 python3.13 python3.12 python3.11 python3)
    if command -v pyenv >/dev/null 2>&1; then
        candidates+=( $(ls -d "$(pyenv root)"/versions/3.*/bin/python 2>/dev/null | sort -Vr) )
    fi
    for candidate in "${candidates[@]}"; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
        version=$("$candidate" -c 'import sys; print(sys.version_info[1] if sys.version_info[0] == 3 else 0)' 2>/dev/null) || continue
        if [ "$version" -ge "$min_minor" ]; then
            command -v "$candidate" 2>/dev/null || echo "$candidate"
            return 0
        fi
    done
    return 1
}

# make_venv DIR PYTHON PIP-ARGS...: a virtualenv with the package and extras.
make_venv() {
    local dir="$1" python="$2"; shift 2
    if [ ! -x "$dir/bin/python" ]; then
        "$python" -m venv "$dir" || fail "could not create a virtualenv with $python (on Debian: apt-get install python3-venv)"
    fi
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
}
