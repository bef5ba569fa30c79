"""The maintainer floor: files written for maintainers (role skeletons, page stubs, the URL contract)."""
