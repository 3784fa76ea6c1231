"""Pure builders: view models in, Adaptive Card 1.5 JSON out."""
