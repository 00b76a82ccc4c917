"""The build benchmark: a synthetic clinic corpus, built by this site and by stock Pelican."""
