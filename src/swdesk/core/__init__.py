"""Small helpers every layer above the domain may use (the floor below storage, bundle,
signing and the services): today, files written into folders the user chose."""
