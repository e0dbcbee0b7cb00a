#!/bin/sh
# Re-measures the figures the docs quote: tools/doc-figures.sh BUILD_DIR [options]
# (options: tools/doc-figures.py --help).
exec python3 "$(dirname "$0")/doc-figures.py" "$@"
