"""The content rules (make lint, and the start of every build): each problem with file,
line and fix. May import build, settings, rendering and core.
"""
