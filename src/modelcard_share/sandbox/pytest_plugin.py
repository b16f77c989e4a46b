"""pytest plugin of the modelcard-share sandbox (fixtures are added by the sandbox issue)."""
