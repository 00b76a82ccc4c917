"""What a page shows and says about itself: content, head, JSON-LD, lists, providers'
pages, related articles, language alternates, share cards, and the logo and icons drawn
from the brand. May import every layer below.
"""
