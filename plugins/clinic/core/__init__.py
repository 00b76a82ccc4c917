"""What every layer shares, the gate included: problems, sources and their addresses,
header values, the HTML/URL/SVG safety policy, the metadata policy. Imports nothing of
the plugin's.
"""
