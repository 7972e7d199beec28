"""Verify: ingest, cross-checking, review, and the CLI on top."""
