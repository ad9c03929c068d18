"""A webhook receiver for tests: checks each POST's HMAC-SHA256 signature with the `hmac` module
and answers per route, recording every request as a JSON line.

  webhook_receiver.py --port-file F --log F --route NAME=SECRET_ENV_VAR:STATUS [...]

POST /NAME (any query) is answered with STATUS (e.g. 200, 500) when the signature over the exact body bytes
matches the secret in $SECRET_ENV_VAR, and with 401 when it does not. Requests for an alert id
already answered 2xx are acknowledged again (200) but recorded as duplicates, as a real receiver
that drops duplicates by X-Sharpline-Alert-Id would do.
"""
import argparse
import hashlib
import hmac
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--route", action="append", required=True)
    args = parser.parse_args()
    routes = {}
    for spec in args.route:
        name, rest = spec.split("=", 1)
        env_var, status = rest.split(":", 1)
        routes["/" + name] = (os.environ[env_var].encode(), int(status))
    lock = threading.Lock()
    delivered = set()
    log = open(args.log, "a", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            path = urlsplit(self.path).path  # the query (e.g. a token) does not pick the route
            route = routes.get(path)
            if route is None:
                self.send_response(404)
                self.end_headers()
                return
            secret, status = route
            expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
            signature_ok = hmac.compare_digest(
                expected, self.headers.get("X-Sharpline-Signature-256", ""))
            alert_id = self.headers.get("X-Sharpline-Alert-Id", "")
            with lock:
                duplicate = (path, alert_id) in delivered
                answer = status if signature_ok else 401
                if 200 <= answer < 300:
                    delivered.add((path, alert_id))
                log.write(json.dumps({
                    "route": path[1:],
                    "alert_id": alert_id,
                    "attempt": int(self.headers.get("X-Sharpline-Delivery-Attempt", "0")),
                    "subscriber": self.headers.get("X-Sharpline-Subscriber", ""),
                    "content_type": self.headers.get("Content-Type", ""),
                    "signature_ok": signature_ok,
                    "duplicate": duplicate,
                    "status": answer,
                    "body": json.loads(body),
                }) + "\n")
            self.send_response(answer)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
