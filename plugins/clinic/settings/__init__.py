"""The clinic's facts and the build's decisions, read once into typed values (settings,
options, cache, editions, providers, calls to action, taglines, the brand, the invented
facts still in place). May import rendering and core.
"""
