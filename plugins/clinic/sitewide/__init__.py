"""Site-wide outputs: the sitemap, the search index, the theme's assets, the published
copies of pictures without metadata. May import core.
"""
