"""Writers' tools behind the Makefile: new posts, the review worklist, the live preview."""
