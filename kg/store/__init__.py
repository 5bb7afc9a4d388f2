"""The corpus store (Oxigraph), its lock and snapshots, builds on one machine or a Dask cluster, serving and pushing."""
