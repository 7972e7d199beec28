"""`python -m verify` runs the crosscheck command."""

from verify.cli import main

main()
