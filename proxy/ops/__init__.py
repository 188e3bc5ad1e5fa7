"""Running the gateway: start-up checks, background tasks, metrics, traces, the scan command."""
