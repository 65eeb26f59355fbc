"""`python -m cow_compare` runs the command line."""

from .cli import main

main()
