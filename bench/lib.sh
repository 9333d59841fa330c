# Shared by the bench scripts: `. "$(dirname "$0")/lib.sh"` (after cd to the repository root: `. bench/lib.sh`).

# A free TCP port on the loopback interface.
free_port() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# Waits until URL answers 2xx, polling ten times a second, at most TRIES times
# (default 100); exits the script when it never does.
wait_up() {
  for _ in $(seq "${2:-100}"); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "not up: $1" >&2
  exit 1
}
