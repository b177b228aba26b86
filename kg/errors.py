"""Errors the command line turns into one clear line on stderr and an exit status."""
from __future__ import annotations


class KgError(Exception):
    """Base class: a problem with the user's input or environment, not a bug. Exit status 1."""

    exit_code = 1


class InputError(KgError):
    """Bad input: a missing path, an empty, binary or undecodable file. Exit status 2."""

    exit_code = 2
