"""Markdown to HTML as the site renders it: markup, typography, images and pictures,
questions, translations, compiled templates. May import core.
"""
