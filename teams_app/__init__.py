"""Tandem: a Microsoft Teams app that runs a workplace mentoring programme end to end."""

__version__ = "0.1.0"
