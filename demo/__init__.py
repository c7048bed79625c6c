"""Demo content for a fresh site, written for the platform from the network's public record.

The content is in data files (demo/data/), one per country and one per kind of
network-wide content, loaded through the same records as the reference data
(network/reference.py): a second load changes nothing, a corrected file reaches
an existing site, and what an editor changed or deleted stays as they left it.
This app stands on top of the others and may import any of them.
"""
