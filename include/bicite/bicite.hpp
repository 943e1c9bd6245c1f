#pragma once
/// The whole public API of bicite. Everything here is in bicite::bicite, except the link checker
/// and enrichment (<bicite/links.hpp>, <bicite/enrich.hpp>), whose functions need bicite::links
/// (the only part that links libcurl and gumbo).
#include "bicite/version.hpp"
#include "bicite/diagnostic.hpp"
#include "bicite/limits.hpp"
#include "bicite/data.hpp"
#include "bicite/model.hpp"
#include "bicite/text.hpp"
#include "bicite/csljson.hpp"
#include "bicite/translit.hpp"
#include "bicite/names.hpp"
#include "bicite/dates.hpp"
#include "bicite/venues.hpp"
#include "bicite/parse.hpp"
#include "bicite/notes_jsonl.hpp"
#include "bicite/resolve.hpp"
#include "bicite/csl.hpp"
#include "bicite/bibtex.hpp"
#include "bicite/ris.hpp"
#include "bicite/web.hpp"
#include "bicite/links.hpp"
#include "bicite/enrich.hpp"
