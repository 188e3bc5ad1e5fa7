"""Shared state across replicas: governance (pause/withdraw, approvals), the policy in force, usage."""
