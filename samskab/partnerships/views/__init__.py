"""Pages for equal partnerships, one module per area."""
