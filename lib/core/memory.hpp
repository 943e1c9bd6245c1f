#pragma once
// Large output buffers: asking Linux for huge pages where one buffer holds a whole file's result.
#include <cstddef>

namespace bicite::detail {

/// Hints that [data, data + bytes) will be written whole soon: on Linux, transparent huge pages
/// for the 2 MB-aligned part of a buffer of 4 MB or more (one page fault per 2 MB instead of one per
/// 4 KB, which on virtual machines costs more than writing the page). A hint only: nothing happens
/// elsewhere, on small buffers, or when the system declines.
void expect_large_write(void* data, std::size_t bytes) noexcept;

}  // namespace bicite::detail
