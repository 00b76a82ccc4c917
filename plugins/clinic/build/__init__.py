"""Build machinery: the cached reader, reading ahead in other processes, writing pages on
two, the selective writer. May import settings, rendering and core.
"""
