#pragma once
// Page heads: bicite::links::read_page_head() (public, bicite/web.hpp) reads a page's charset and
// titles with a hand scanner over the first bytes (web/page.cpp); the soft-404 rules below judge them.
// The engine applies both to every 2xx HTML answer.
#include <string>

#include "bicite/web.hpp"

namespace bicite::web {

/// True when an HTML title or h1 reads like an error page ("Page not found", "Страница не найдена").
bool looks_like_error_page(const links::page_head& head);

/// True when `final_url` is a site's home page and `original` was a deeper path on it.
bool redirected_to_home(const std::string& original, const std::string& final_url);

}  // namespace bicite::web
