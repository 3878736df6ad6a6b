# Sourced by scripts/shell and scripts/test: installs what nnlab needs to build, if missing.
# Debian/Ubuntu: libedit-dev, libopenblas-dev, libcmark-gfm-dev, libcmark-gfm-extensions-dev, zlib1g-dev, pkg-config via apt-get (sudo only when not root).
# macOS: libedit and Accelerate ship with the system; cmark-gfm comes from Homebrew (brew install cmark-gfm).
nnlab_deps() {
    case "$(uname -s)" in
    Darwin)
        pkg-config --exists libcmark-gfm 2>/dev/null && return 0
        echo "nnlab: please install cmark-gfm (brew install cmark-gfm pkg-config)" >&2
        return 1 ;;
    esac
    if ! command -v swift >/dev/null 2>&1; then
        if [ -x /opt/swift/usr/bin/swift ]; then
            export PATH="/opt/swift/usr/bin:$PATH"
        else
            echo "nnlab: the Swift toolchain (6.0 or later) is needed: https://www.swift.org/install" >&2
            return 1
        fi
    fi
    local missing=""
    pkg-config --exists libedit 2>/dev/null || missing="$missing libedit-dev"
    pkg-config --exists openblas 2>/dev/null || missing="$missing libopenblas-dev"
    pkg-config --exists libcmark-gfm 2>/dev/null || missing="$missing libcmark-gfm-dev"
    pkg-config --exists zlib 2>/dev/null || missing="$missing zlib1g-dev"
    # The extensions library (tables) ships no pkg-config file: look for its header.
    [ -f /usr/include/cmark-gfm-core-extensions.h ] || missing="$missing libcmark-gfm-extensions-dev"
    command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "nnlab: please install:$missing (with your system's package manager)" >&2
        return 1
    fi
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "nnlab: installing$missing" >&2
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >&2
}
