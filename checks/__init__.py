"""Post-build checks of the generated site."""
