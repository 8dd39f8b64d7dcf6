# The two set-up commands of the README: `make run` and `make test`.
.PHONY: deps run test

deps:
	@scripts/install-deps

# Runs the daemon on its embedded defaults: 127.0.0.1:8080, state in ./.reconnectd.
run: deps
	swift run -c release reconnectd

test: deps
	swift test
