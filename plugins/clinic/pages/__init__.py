"""What a page shows and says about itself: content, head, JSON-LD, lists, providers'
pages, related articles, language alternates, share cards. May import every layer below.
"""
