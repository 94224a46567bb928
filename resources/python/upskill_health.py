# Upskill: the stand-in server and the health-check command's runner (src/checks/dockerHealth.ts).
import fcntl, json, os, socket, struct, subprocess, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

spec = json.loads(sys.argv[1])
argv = sys.argv[3:]

def fail(code, message):
    print("upskill-standin: " + message, file=sys.stderr, flush=True)
    os._exit(code)

if spec.get("loopback"):
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, 0x8913, struct.pack("16sH14x", b"lo", 0)))[1]
        fcntl.ioctl(s, 0x8914, struct.pack("16sH14x", b"lo", flags | 1))
    except OSError as e:
        fail(125, "cannot bring up the loopback interface: %s" % e)
if spec.get("probe"):
    os._exit(0)

status = spec["status"]
log = open(spec["log"], "a", encoding="utf-8")
lock = threading.Lock()

class Handler(BaseHTTPRequestHandler):
    def answer(self):
        with lock:
            log.write("%s %s\n" % (self.command, self.path))
            log.flush()
        body = b'{"status": "ok"}' if status < 400 else b'{"status": "error"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
    do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = answer
    def log_message(self, *args):
        pass

def listen(port):
    for family, host in ((socket.AF_INET6, "::"), (socket.AF_INET, "0.0.0.0")):
        class Server(ThreadingHTTPServer):
            address_family = family
            daemon_threads = True
            allow_reuse_address = True
            def server_bind(self):
                if self.address_family == socket.AF_INET6:
                    self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
                super().server_bind()
        try:
            server = Server((host, port), Handler)
        except OSError:
            continue
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return
    fail(125, "cannot listen on port %d" % port)

if status:
    for port in spec["ports"]:
        listen(port)

env = dict(os.environ)
env.update(spec["env"])
try:
    code = subprocess.run(argv, env=env, cwd=spec["cwd"], stdin=subprocess.DEVNULL, timeout=spec["seconds"]).returncode
except FileNotFoundError:
    fail(127, "not found: " + argv[0])
except PermissionError:
    fail(126, "not executable: " + argv[0])
except subprocess.TimeoutExpired:
    fail(124, "timed out after %s s" % spec["seconds"])
os._exit(code if code >= 0 else 128 - code)
