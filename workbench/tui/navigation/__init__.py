"""The navigation area: cursor keys, jumps, go to row, search."""
