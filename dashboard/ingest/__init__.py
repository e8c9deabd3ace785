"""Article text in, incidents out: sentences, place mentions, times and claims (resolver and clock passed in)."""
