"""What every layer shares, the gate included: problems, sources and their addresses,
header values, colours and their contrast, the HTML/URL/SVG safety policy, the metadata
policy. Imports nothing of the plugin's.
"""
