"""The request pipeline's stages: inspect (scan, decide, transform), limits, upstream, relay, answers."""
