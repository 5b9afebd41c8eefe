"""The in-session side of the host agent's control socket: HTTP over the Unix socket $MONA_SESSION_SOCKET."""

import http.client
import json
import os
import socket


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__('localhost', timeout=timeout)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


def post(path, body=None, timeout=10):
    """POSTs JSON to the agent; returns the status and the answer's JSON (None when there is none)."""
    socket_path = os.environ.get('MONA_SESSION_SOCKET')
    if not socket_path:
        raise OSError('MONA_SESSION_SOCKET is not set: not in a mona desktop session')
    connection = _UnixConnection(socket_path, timeout)
    try:
        data = None if body is None else json.dumps(body).encode()
        headers = {} if data is None else {'Content-Type': 'application/json'}
        connection.request('POST', path, body=data, headers=headers)
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    try:
        answer = json.loads(raw) if raw else None
    except ValueError:
        answer = None
    return response.status, answer


def language():
    return 'sv' if os.environ.get('LANGUAGE', '').startswith('sv') else 'en'
