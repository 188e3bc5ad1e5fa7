"""HTTP plumbing: request bodies, client addresses, errors and their rendering, SSE, logging, middleware, OpenAPI."""
