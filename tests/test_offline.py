"""Nothing touches the network: the default model loads and aligns with sockets disabled."""

import socket


from workbench.core import embed
from workbench.core.align import align_texts


def test_align_with_networking_disabled(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(embed, "_LOADED", {})
    encoder = embed.load_encoder("use-v3", use_disk_cache=False)
    props = align_texts(["Милиция ушла.", "Дети бросали песок."],
                        ["The police left.", "Children threw sand."], encoder)
    assert [(p.src, p.tgt) for p in props] == [((0,), (0,)), ((1,), (1,))]


def test_the_package_forces_hub_offline(monkeypatch):
    import os

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)  # whatever an earlier test left
    embed.load_encoder("use-v3", use_disk_cache=False)
    assert os.environ["HF_HUB_OFFLINE"] == "1"
