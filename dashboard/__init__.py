"""The domain: metric definitions, filters, figures, cache, settings. Knows nothing of Dash."""
