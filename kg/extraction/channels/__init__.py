"""Channels: how a statement travelled, found in the text and assembled into chains."""
