"""Presentation: destinations answers as a Rich tree and as Graphviz images."""
