"""Build machinery: the cached reader, reading ahead in other processes, writing pages on
two, the selective writer, and the records that let a build keep the pages whose inputs did
not change (incremental.py). May import settings, rendering and core.
"""
