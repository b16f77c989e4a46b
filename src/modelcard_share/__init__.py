"""modelcard-share."""
