"""The clinic's facts and the build's decisions, read once into typed values (settings,
options, cache, editions, providers, calls to action). May import rendering and core.
"""
