"""Typed client for the Vmoox API v1.

Everything Timo says to a Vmoox server goes through this package, so another
real endpoint can be adapted in one place. It knows HTTP and the problem+json
error model and nothing of the local database. Import the submodules you need
(`client`, `models`, `errors`, `oauth`): this package itself imports nothing
heavy, so the command line stays quick to start.
"""
