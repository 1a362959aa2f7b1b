# A thin front end over ./patchwork, the real entry point.
.PHONY: help run test bench build fmt demo

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## Start the sidecar on http://127.0.0.1:8099
	./patchwork sidecar

test: ## Run the whole test suite
	./patchwork test

bench: ## Run the benchmarks
	./patchwork bench

build: ## Build the jars
	./patchwork build

fmt: ## Format the Java sources
	./patchwork fmt

demo: ## Run the end-to-end demo
	./patchwork demo
