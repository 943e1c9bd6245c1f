#pragma once
// Stopping a running check() from a signal handler or another thread (SIGINT, SIGTERM, a run
// deadline). Process-wide on purpose: a signal handler has no other way to reach the run.
//
// Proposed for include/bicite/links.hpp (owned elsewhere this session); until it moves there the
// command reaches these through this header. Defined in lib/links/engine.cpp.
//
// What a stop does: the engine starts no new request, abandons the requests in flight and the
// waiting retries at once, and reports every link without a verdict yet as
// verdict::timeout with detail "interrupted" (see is_interrupted()): never cached, rendered as
// verdict "interrupted" by to_json/to_csv/to_markdown/to_html. check() then returns normally, so
// the cache is saved with every verdict that was finished.
namespace bicite::links {

/// Asks running (and later) check() calls in this process to stop; async-signal-safe.
void request_stop() noexcept;
/// True once request_stop() was called and clear_stop() was not called since.
bool stop_requested() noexcept;
/// Clears a stop request (before a new run in the same process).
void clear_stop() noexcept;

struct link_report;
/// True for a report the run never finished (stopped before a verdict).
bool is_interrupted(const link_report& report) noexcept;

}  // namespace bicite::links
