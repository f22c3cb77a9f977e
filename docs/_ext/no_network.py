"""The build and the examples never use the network; this makes sure of it.

Pages must generate their data or read it from the repository, and build tokenizers and
models from local files (no model hub). At ``builder-inited`` (every builder but
``linkcheck``, whose job is the network) this extension makes Python's sockets refuse
any connection or name lookup that is not for this machine, so an example that tries to
download something fails the build with a message naming the host. Connections to
loopback (``127.0.0.1``, ``localhost``: a page that starts distributed workers) work.
The standalone test of the examples installs the same guard in each example's process.
"""

import ipaddress
import socket

_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


class NetworkUseError(OSError):
    pass


def is_local(host):
    if host in (None, "", "localhost") or (isinstance(host, str) and host.endswith(".localhost")):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except (ValueError, AttributeError):
        return False


def _refuse(host):
    raise NetworkUseError(f"the build and the examples must not use the network (tried to reach {host!r})")


def _checked(address, family):
    if family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
        _refuse(address[0])


def connect(self, address):
    _checked(address, self.family)
    return _connect(self, address)


def connect_ex(self, address):
    _checked(address, self.family)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if not is_local(host.decode() if isinstance(host, bytes) else host):
        _refuse(host)
    return _getaddrinfo(host, *args, **kwargs)


def forbid_network():
    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo


def allow_network():
    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = _connect, _connect_ex, _getaddrinfo


def on_builder_inited(app):
    if app.builder.name != "linkcheck":
        forbid_network()


def setup(app):
    app.connect("builder-inited", on_builder_inited, priority=1)  # before sphinx-gallery runs
    app.connect("build-finished", lambda app, exc: allow_network())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
