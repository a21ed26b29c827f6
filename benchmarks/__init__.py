"""Timo's speed and memory targets, each printed as a ratio to a baseline run alongside it."""
