"""Cooperation and tension claims between political actors, from news articles to JSONL."""
