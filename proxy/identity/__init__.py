"""Who is calling: Steward keys, the key store, OIDC tokens and their JWKS."""
